#!/usr/bin/env bash
# `npm run demo-server -- start|stop|restart|freeze|thaw|status`: the Milvus test server of the `npm start` demo, on its
# own, so that it can be stopped (or frozen: the process stays, nothing answers) and started again while code-server and
# the extension keep running, e.g. to see a connection turn unreachable and come back on Refresh.
# Auth on, demo users and roles from scripts/demo-seed.json, state kept in $DEMO_DIR/state.json (it survives a restart).
# Env: DEMO_DIR (default .demo), MILVUS_PORT (default: the port it ran on last, else 19530).
set -euo pipefail
cd "$(dirname "$0")/.."

DEMO="${DEMO_DIR:-.demo}"
PID_FILE="$DEMO/test-server.pid"
PORT_FILE="$DEMO/test-server.port"
LOG="$DEMO/test-server.log"

say() { echo "[demo-server] $*"; }

port() {
  if [ -n "${MILVUS_PORT:-}" ]; then echo "$MILVUS_PORT"
  elif [ -s "$PORT_FILE" ]; then cat "$PORT_FILE"
  else echo 19530; fi
}

# The server's process id when it runs, else nothing.
running_pid() {
  [ -s "$PID_FILE" ] || return 0
  local pid
  pid="$(cat "$PID_FILE")"
  if kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

port_free() { node -e "const s=require('net').createServer().once('error',()=>process.exit(1)).listen($1,'127.0.0.1',()=>s.close())"; }

start() {
  local pid p i
  pid="$(running_pid)"
  if [ -n "$pid" ]; then say "already running (pid $pid) on 127.0.0.1:$(port)"; return 0; fi
  [ -f out/test/milvus-server/cli.js ] || { say "out/test/milvus-server/cli.js is missing: run npm start (or npx tsc -p tsconfig.json) first"; return 1; }
  p="$(port)"
  port_free "$p" || { say "port $p is in use (set MILVUS_PORT)"; return 1; }
  mkdir -p "$DEMO"
  # The root password is made once per demo folder and kept beside the server's state (mode 600, never on a command line).
  if [ ! -s "$DEMO/root-password" ]; then
    (umask 077; node -e "process.stdout.write(require('crypto').randomBytes(12).toString('base64url'))" > "$DEMO/root-password")
  fi
  chmod 600 "$DEMO/root-password"
  say "starting the Milvus test server on 127.0.0.1:$p (auth on)"
  # Emptied here, not by the redirection below: that runs in the background child, and the first check could still read
  # the last run's "listening" line before the child gets to it (seen on a loaded machine: "running" before it was).
  : >"$LOG"
  # Its own process group (setsid), so stop ends it and nothing else.
  setsid node out/test/milvus-server/cli.js --host 127.0.0.1 --port "$p" --auth --root-password-file "$DEMO/root-password" \
    --seed scripts/demo-seed.json --state "$DEMO/state.json" > "$LOG" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PID_FILE"
  echo "$p" > "$PORT_FILE"
  for i in $(seq 1 600); do
    grep -q "listening on 127.0.0.1:$p" "$LOG" 2>/dev/null && { say "running (pid $pid); log: $LOG"; return 0; }
    if ! kill -0 "$pid" 2>/dev/null; then say "the test server exited during start-up; its log ($LOG):"; tail -n 40 "$LOG" >&2; rm -f "$PID_FILE"; return 1; fi
    sleep 0.1
  done
  say "the test server did not start within 60 s; its log ($LOG):"; tail -n 40 "$LOG" >&2; return 1
}

stop() {
  local pid i
  pid="$(running_pid)"
  if [ -z "$pid" ]; then say "not running"; rm -f "$PID_FILE"; return 0; fi
  kill -CONT -- "-$pid" 2>/dev/null || true # a frozen server cannot exit
  kill -TERM -- "-$pid" 2>/dev/null || true
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  say "stopped (its state is kept in $DEMO/state.json)"
}

signal() {
  local pid
  pid="$(running_pid)"
  [ -n "$pid" ] || { say "not running"; return 1; }
  kill "-$1" -- "-$pid"
  say "$2"
}

case "${1:-status}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  freeze) signal STOP "frozen (pid $(running_pid)): connections stay open, nothing answers; thaw with: npm run demo-server -- thaw" ;;
  thaw) signal CONT "answering again" ;;
  status)
    pid="$(running_pid)"
    if [ -n "$pid" ]; then say "running (pid $pid) on 127.0.0.1:$(port)"; else say "not running"; fi ;;
  *) echo "usage: npm run demo-server -- start|stop|restart|freeze|thaw|status" >&2; exit 2 ;;
esac
