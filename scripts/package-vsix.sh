#!/usr/bin/env bash
# `npm run package`: the production bundles, then two VSIX files from the same dist/:
#   dist/milvus-access-manager-universal.vsix  no native code, secrets in VS Code SecretStorage (every platform,
#                                              Remote-SSH / WSL / Codespaces, Open VSX forks)
#   dist/milvus-access-manager-linux-x64.vsix  the same plus keytar's linux-x64 binary (the keytar secret backend)
# Fails on any vsce warning, on a native file in the universal VSIX, and on a linux-x64 VSIX without keytar.
set -euo pipefail
cd "$(dirname "$0")/.."

root="$PWD"
UNIVERSAL=dist/milvus-access-manager-universal.vsix
LINUX=dist/milvus-access-manager-linux-x64.vsix

node esbuild.js --production
[ -f dist/node_modules/keytar/build/Release/keytar.node ] || {
  echo "package: keytar is not built (node_modules/keytar/build/Release/keytar.node); run npm run setup" >&2
  exit 1
}

linux_ignore="$(mktemp)"
log="$(mktemp)"
stage="$(mktemp -d)"
trap 'rm -rf "$linux_ignore" "$log" "$stage"' EXIT
{ cat .vscodeignore; echo '!dist/node_modules/keytar/**'; } >"$linux_ignore"

# vsce lists every file under the folder it packages, then matches each one against every ignore pattern: here about
# 10,000 files (.git, out/, and the code-server install in .tools, which npm test makes beside the build), which took
# most of its 5 CPU s per package. It packages a copy of the folder without the folders that never ship, a few hundred
# files; .vscodeignore still decides what goes in, and the checks below still look at what came out.
shopt -s dotglob
for entry in *; do
  case "$entry" in .git | .tools | node_modules | out | test-results) continue ;; esac
  cp -a "$entry" "$stage/"
done
shopt -u dotglob
vsce() { (cd "$stage" && "$root/node_modules/.bin/vsce" "$@"); }

# run LABEL COMMAND...: runs a vsce command, shows its output, and fails when vsce warned about anything.
run() {
  local label=$1
  shift
  "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "package: $label failed" >&2; exit 1; }
  if grep -qi 'warning' "$log"; then
    cat "$log" >&2
    echo "package: vsce warned while making the $label (see above); fix the manifest instead" >&2
    exit 1
  fi
}

run "universal VSIX" vsce package --no-dependencies --out "$root/$UNIVERSAL"
run "linux-x64 VSIX" vsce package --no-dependencies --target linux-x64 --ignoreFile "$linux_ignore" --out "$root/$LINUX"

# The listings are read whole before they are searched: under pipefail, `unzip -l | grep -q` fails when grep stops at
# the first match and unzip dies of SIGPIPE, which is how CI once reported a keytar binary that was there.
universal_files="$(unzip -l "$UNIVERSAL")"
linux_files="$(unzip -l "$LINUX")"
if grep -Eq '\.node$|/keytar/' <<<"$universal_files"; then
  echo "$universal_files" >&2
  echo "package: the universal VSIX carries native code or keytar" >&2
  exit 1
fi
grep -q 'extension/dist/node_modules/keytar/build/Release/keytar.node' <<<"$linux_files" || {
  echo "package: the linux-x64 VSIX lacks keytar's binary" >&2
  exit 1
}
ls -l "$UNIVERSAL" "$LINUX"
