#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (a real Secret Service), which is what
# keytar needs on a headless Linux machine (see docs/dev/testing.md). The keyring lives in a fresh temp
# folder, so the user's own login keyring is never touched, and everything ends with the command.
#   scripts/with-keyring.sh node --test out/test/keytar/
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: $0 command [args...]" >&2; exit 2; fi
keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/mam-keyring.XXXXXX")"
trap 'rm -rf "$keyring_home"' EXIT
export MAM_KEYRING_HOME="$keyring_home"
# The first unlock creates the "login" keyring with this password; it only protects a throwaway keyring.
export MAM_KEYRING_PASSWORD="${MAM_KEYRING_PASSWORD:-mam-test-keyring}"
# dbus-daemon's own chatter ("Failed to set fd limit", service activations) is filtered out of stderr.
rc=0
dbus-run-session -- bash -c '
  printf %s "$MAM_KEYRING_PASSWORD" | XDG_DATA_HOME="$MAM_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  unset MAM_KEYRING_PASSWORD
  exec "$@"' with-keyring "$@" 2> >(grep --line-buffered -v '^dbus-daemon\[' >&2) || rc=$?
wait || true   # let the stderr filter flush
exit "$rc"
