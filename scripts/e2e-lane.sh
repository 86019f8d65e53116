#!/usr/bin/env bash
# `e2e-lane.sh QUEUE COMMAND...`: one lane of the e2e stage (scripts/test.sh runs two). QUEUE is a folder of entries,
# each naming one or more test files, one per line. The lane takes the entries one at a time, in name order, until none
# is left, and runs `COMMAND... FILE...` for each: the files of an entry share a process. Taking is a rename into
# QUEUE/taken/, which only one lane can win, so no entry runs twice. Every entry runs even after one failed; the lane
# exits 1 if any did.
set -uo pipefail
queue=$1
shift
mkdir -p "$queue/taken"
rc=0
for entry in "$queue"/*; do
  [ -f "$entry" ] || continue
  mv "$entry" "$queue/taken/" 2>/dev/null || continue # the other lane took it first
  mapfile -t files <"$queue/taken/$(basename "$entry")"
  "$@" "${files[@]}" || rc=1
done
exit "$rc"
