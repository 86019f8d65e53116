#!/usr/bin/env bash
# Installs everything `npm start` and `npm test` need on a fresh Debian machine. Idempotent and quiet when done before.
# `setup.sh [PART...]` installs only those parts, in the order given: system (Debian packages), npm (the project's
# packages), code-server. With no part, all three: system first (the other two compile against its headers), then npm and
# code-server side by side. `npm test` runs code-server's install beside its first stages, which do not need it.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
RIPGREP_CACHE_VERSION=1.15.11

# code-server 4.100.3 (VS Code 1.100) runs only on Node 20, and the extension host inherits that Node.
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
if [ "$node_major" != 20 ]; then
  echo "setup: Node 20 is required (found: $(node --version 2>/dev/null || echo 'no node')); code-server $CODE_SERVER_VERSION needs it" >&2
  exit 1
fi

install_system_packages() {
  local need_apt=()
  command -v chromium >/dev/null || need_apt+=(chromium)
  command -v rg >/dev/null || need_apt+=(ripgrep)
  command -v openssl >/dev/null || need_apt+=(openssl)
  # `npm run package` and the bench read the VSIX files they make.
  command -v unzip >/dev/null || need_apt+=(unzip)
  command -v dbus-run-session >/dev/null || need_apt+=(dbus-daemon dbus)
  command -v gnome-keyring-daemon >/dev/null || need_apt+=(gnome-keyring)
  [ -f /usr/include/libsecret-1/libsecret/secret.h ] || need_apt+=(libsecret-1-dev)
  [ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
  # A CJK font (1.6 MB) so the Chinese UI's screenshots show glyphs, not boxes.
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need_apt+=(fonts-wqy-microhei)
  if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "setup: missing Debian packages: ${need_apt[*]}. Run as root, or: sudo apt-get install -y ${need_apt[*]}" >&2
      exit 1
    fi
    echo "setup: installing Debian packages: ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
}

# The project's npm packages and code-server install into separate folders and both spend most of their time compiling
# native modules (keytar; node-pty and kerberos), one core each: they run side by side, and setup fails if either does.
# npm packages: reinstall only when package-lock.json's content changed since the last install (a content hash, not
# file times: a fresh checkout or git worktree has a newer lock file with the same packages).
install_npm_packages() {
  local stamp=node_modules/.setup-stamp lock_hash
  lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_hash" > "$stamp"
  fi
}

# code-server (a real VS Code for tests and `npm start`), installed offline-safe: @vscode/ripgrep's download is
# replaced by Debian's rg in the cache it checks first; npx inside node-pty's postinstall needs yes=true.
install_code_server() {
  local cs=.tools/code-server cache
  if [ ! -x "$cs/node_modules/.bin/code-server" ]; then
    echo "setup: installing code-server $CODE_SERVER_VERSION (about a minute)"
    cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION"
    mkdir -p "$cache" "$cs"
    tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
    [ -f "$cs/package.json" ] || echo '{"name":"code-server-tool","private":true}' > "$cs/package.json"
    # CXXFLAGS=-O0: its C++ modules (@vscode/spdlog above all, node-pty, kerberos) compile unoptimised, which they do
    # not need to be for tests and a local `npm start`: the install took 50 CPU s instead of 67 (cpuacct, 2026-12-07).
    (cd "$cs" && CXXFLAGS="${CXXFLAGS:-} -O0" npm_config_yes=true npm install --no-audit --no-fund --loglevel=error --unsafe-perm \
       "code-server@$CODE_SERVER_VERSION" 2>&1 | grep -v -e 'Unknown cli config' -e 'allowScripts' || true)
    [ -x "$cs/node_modules/.bin/code-server" ] || { echo "setup: code-server install failed" >&2; return 1; }
  fi
}

install_all() {
  install_system_packages
  install_npm_packages &
  local npm_pid=$! code_server_rc=0 npm_rc=0
  install_code_server || code_server_rc=$?
  wait "$npm_pid" || npm_rc=$?
  if [ "$npm_rc" != 0 ]; then echo "setup: npm ci failed (exit $npm_rc)" >&2; return "$npm_rc"; fi
  return "$code_server_rc"
}

if [ $# -eq 0 ]; then install_all; exit; fi
for part in "$@"; do
  case "$part" in
    system) install_system_packages ;;
    npm) install_npm_packages ;;
    code-server) install_code_server ;;
    *) echo "setup: unknown part '$part' (system, npm, code-server)" >&2; exit 2 ;;
  esac
done
