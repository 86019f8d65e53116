#!/usr/bin/env bash
# `npm run screenshots`: the README's screenshots of an explanation and of the RBAC health report
# (media/screenshots/explain.png, health-report.png), made by test/e2e/answers.e2e.test.ts in code-server against a
# seeded test server. Builds the VSIX first, as the e2e stage of scripts/test.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json
npm run --silent package
MAM_README_SCREENSHOTS=1 scripts/with-keyring.sh node --test out/test/e2e/answers.e2e.test.js
