#!/usr/bin/env bash
# `npm start`: build the VSIX, start the Milvus test server (scripts/demo-server.sh: auth on, demo users and roles from
# scripts/demo-seed.json, state kept in .demo/state.json) and a local code-server with the VSIX installed and a
# connection to that server already saved, then print the URL. Ctrl-C stops everything this script started.
# The test server can be stopped, frozen and started again meanwhile (`npm run demo-server -- stop|start|freeze|thaw`):
# code-server stays up; only code-server exiting ends this script.
# Env: PORT (code-server, default 8080), MILVUS_PORT (test server, default 19530), DEMO_RESET=1 (forget .demo state),
# DEMO_DIR (default .demo), DEMO_SKIP_BUILD=1 (use the VSIX and out/ already built, e.g. by npm test).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8080}"
MILVUS_PORT="${MILVUS_PORT:-19530}"
DEMO="${DEMO_DIR:-.demo}"
export DEMO_DIR="$DEMO" MILVUS_PORT
CODE_SERVER=.tools/code-server/node_modules/.bin/code-server
VSIX=dist/milvus-access-manager-linux-x64.vsix

say() { echo "[start] $*"; }

port_free() { node -e "const s=require('net').createServer().once('error',()=>process.exit(1)).listen($1,'127.0.0.1',()=>s.close())"; }

# wait_for FILE PATTERN PID WHAT: waits up to 60 s for PATTERN in FILE while PID lives.
wait_for() {
  local i
  for i in $(seq 1 600); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    if ! kill -0 "$3" 2>/dev/null; then
      say "$4 exited during start-up; its log ($1):"; tail -n 40 "$1" >&2; return 1
    fi
    sleep 0.1
  done
  say "$4 did not start within 60 s; its log ($1):"; tail -n 40 "$1" >&2; return 1
}

pids=()
demo_server=0
# A private folder (mode 700) for secrets handed to child processes; removed on exit.
RUN_DIR=""
cleanup() {
  trap - INT TERM EXIT
  local pid
  if [ -n "$RUN_DIR" ]; then rm -rf "$RUN_DIR"; fi
  if [ "$demo_server" = 1 ]; then bash scripts/demo-server.sh stop || true; fi
  if [ ${#pids[@]} -gt 0 ]; then
    say "stopping"
    # Each child leads its own process group (setsid), so this also ends code-server's extension host and watchers.
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for _ in $(seq 1 50); do
      local alive=0
      for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
      [ "$alive" = 0 ] && break
      sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  fi
}
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT

if [ "${DEMO_SKIP_BUILD:-0}" = 1 ]; then
  say "DEMO_SKIP_BUILD=1: using $VSIX and out/ as built"
  [ -f "$VSIX" ] || { say "$VSIX is missing (build it with npm run package)"; exit 1; }
else
  bash scripts/setup.sh
  say "type check and compile"
  npx tsc -p tsconfig.json || say "WARNING: tsc reported errors (see above); continuing with what it emitted"
  say "bundle and package the VSIX"
  npm run --silent package
fi
[ -f out/test/milvus-server/cli.js ] || { say "out/test/milvus-server/cli.js is missing (test server not built)"; exit 1; }

port_free "$MILVUS_PORT" || { say "port $MILVUS_PORT is in use (set MILVUS_PORT)"; exit 1; }
port_free "$PORT" || { say "port $PORT is in use (set PORT)"; exit 1; }

[ "${DEMO_RESET:-0}" = 1 ] && rm -rf "$DEMO"
mkdir -p "$DEMO/workspace" "$DEMO/code-server/user-data/User"
# The test server on its own (scripts/demo-server.sh), so it can be stopped and started while code-server stays up. It
# makes the root password once per demo folder, beside the server's state (the state file holds root too). The password
# travels only in files of mode 600: never on a command line (visible in `ps`) nor in code-server's environment (which
# every integrated terminal inherits).
demo_server=1
bash scripts/demo-server.sh start
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/mam-demo.XXXXXX")"   # mode 700
(umask 077; cp "$DEMO/root-password" "$RUN_DIR/demo-password")

say "installing $VSIX into code-server"
rm -rf "$DEMO/code-server/extensions"
"$CODE_SERVER" --extensions-dir "$DEMO/code-server/extensions" --user-data-dir "$DEMO/code-server/user-data" \
  --config "$DEMO/code-server/config.yaml" --install-extension "$VSIX" --force > "$DEMO/code-server-install.log" 2>&1 \
  || { cat "$DEMO/code-server-install.log" >&2; exit 1; }

# User settings: quiet workbench plus the saved demo connection. The password is never written here: code-server's
# environment carries only the path of a mode-600 copy (MILVUS_DEMO_PASSWORD_FILE, deleted on exit), which the
# extension reads once for seeded connections and keeps in its secret storage.
node -e '
const cs = require("./out/scripts/lib/codeServer.js");
cs.writeUserSettings(process.argv[1], { ...cs.QUIET_SETTINGS, "milvusAccessManager.seedConnections": [{
  name: "Demo Milvus (test server)", uri: "http://127.0.0.1:" + process.argv[2], database: "default",
  auth: "password", username: "root", tls: { mode: "off" } }] });' "$DEMO/code-server/user-data" "$MILVUS_PORT"

say "starting code-server on 127.0.0.1:$PORT"
MILVUS_DEMO_PASSWORD_FILE="$RUN_DIR/demo-password" setsid "$CODE_SERVER" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry \
  --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$DEMO/code-server/user-data" --extensions-dir "$DEMO/code-server/extensions" \
  --config "$DEMO/code-server/config.yaml" > "$DEMO/code-server.log" 2>&1 &
pids+=("$!")
wait_for "$DEMO/code-server.log" "HTTP server listening" "${pids[-1]}" "code-server"

cat <<EOF

  Milvus Access Manager demo is running.

    Open:          http://127.0.0.1:$PORT/?folder=$(cd "$DEMO/workspace" && pwd)
    Milvus:        127.0.0.1:$MILVUS_PORT (test server, auth on); root password in $DEMO/root-password
    Demo users:    alice, bob, carol, dave (passwords in scripts/demo-seed.json); roles reader, writer, dba
    Logs:          $DEMO/test-server.log, $DEMO/code-server.log
    Test server:   npm run demo-server -- stop | start | freeze | thaw   (code-server stays up)

  Press Ctrl-C to stop.
EOF

# Stay in the foreground until Ctrl-C or until code-server exits (the test server may come and go).
set +e
wait "${pids[@]}"
say "code-server exited; see the logs in $DEMO/"
exit 1
