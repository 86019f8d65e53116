#!/usr/bin/env bash
# `npm run bench`: installs what is missing, compiles, builds the production bundles and the VSIX, then measures the
# VSIX's contents (a copy, so a later rebuild of dist/ cannot change what is measured).
# Arguments go to the bench: --json (one JSON object on stdout; use `npm run --silent bench -- --json`), --quick (skip
# 10,000 users), --no-vscode, --activation-runs N, --write FILE (the figures as Markdown, e.g. docs/dev/performance-figures.md). Progress and build output go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh >&2
npx tsc -p tsconfig.json >&2 || echo "bench: tsc reported type errors (output was still emitted)" >&2

snapshot="$(mktemp -d)"
trap 'rm -rf "$snapshot"' EXIT
vsix="$snapshot/milvus-access-manager.vsix"
# A development build running at the same time (e.g. a test run in this checkout) can overwrite dist/ between the
# production build and vsce: a production VSIX holds both bundles and no source-map links. Build again if not.
for attempt in 1 2 3; do
  npm run --silent package >&2
  cp dist/milvus-access-manager-linux-x64.vsix "$vsix"
  listing="$(unzip -l "$vsix")"
  bundle="$(unzip -p "$vsix" extension/dist/extension.js || true)"
  if grep -q 'extension/dist/milvus-sdk.js' <<<"$listing" && [ -n "$bundle" ] && ! grep -q 'sourceMappingURL' <<<"$bundle"; then
    break
  fi
  echo "bench: the VSIX does not hold a production build (dist/ was rebuilt meanwhile?); building again (attempt $attempt)" >&2
  [ "$attempt" = 3 ] && { echo "bench: no production VSIX after 3 attempts" >&2; exit 1; }
done
node out/scripts/bench/main.js --vsix "$vsix" "$@"
