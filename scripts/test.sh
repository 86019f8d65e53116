#!/usr/bin/env bash
# `npm test`: everything, in order, stopping at the first failure. Each stage prints a header and its time.
#   setup (code-server's install goes on beside what follows, up to vscode and e2e) -> typecheck (tsc, emits out/)
#   -> lint (ESLint over the type check's program, then Prettier) -> build (bundle + VSIX) -> unit -> server
#   -> integration, with beside it the other folders' tests (package, regression) and keytar (real gnome-keyring)
#   -> e2e (Playwright UI tests) in two lanes, one of which runs vscode (extension tests in code-server) and nokeychain
#   first
# Test files: every *.test.js under out/test/<dir>/ (from test/<dir>/**/*.test.ts; e2e ones are named *.e2e.test.ts);
# helpers must not end in .test.ts. Any other test/<dir>/ holding *.test.ts (e.g. test/regression) runs as its own
# stage after integration. test/vscode/suite/*.test.ts are mocha suites run inside VS Code by runTests.js.
# A stage with no test files yet is skipped with a visible SKIPPED line, never silently.
# TEST_ONLY=unit,server npm test  runs just those stages, after setup and a compile whose type errors are not fatal
# (build also runs when vscode or e2e is listed). Stages: setup typecheck lint build unit server integration keytar vscode e2e.
set -euo pipefail
cd "$(dirname "$0")/.."

only="${TEST_ONLY:-}"
# TEST_QUICK=1 (`npm run test:quick`), the inner loop: typecheck, lint, unit, server, every integration file on the
# newest release of the matrix only, and any other plain node:test folder (test/regression). No VS Code, UI or keychain.
quick="${TEST_QUICK:-}"
if [ "$quick" = 1 ]; then
  only="typecheck,lint,unit,server,integration"
  for d in test/*/; do
    d=$(basename "$d")
    case "$d" in unit | server | integration | keytar | vscode | e2e) continue ;; esac
    if [ -n "$(find "test/$d" -name '*.test.ts' -print -quit)" ]; then only+=",$d"; fi
  done
fi
summary=()
current=""
started=$SECONDS
tmp_dir=$(mktemp -d)

want() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

on_exit() {
  local rc=$?
  echo
  echo "=== summary"
  local s
  for s in "${summary[@]}"; do echo "  $s"; done
  local name
  for name in "${!background[@]}"; do # a stage still running when one failed: stopped, and what it printed shown
    kill -- "-${background[$name]}" 2>/dev/null || true
    echo "=== [$name] stopped; its output so far:"
    cat "$tmp_dir/$name.log"
  done
  if [ "$rc" -ne 0 ] && [ -n "$current" ]; then
    echo "  $current FAILED (exit $rc)"
    echo "=== npm test FAILED in stage '$current' after $((SECONDS - started))s"
  elif [ "$rc" -ne 0 ]; then # between stages (e.g. the e2e queue refused its lists)
    echo "=== npm test FAILED (exit $rc) after $((SECONDS - started))s"
  else
    echo "=== npm test passed in $((SECONDS - started))s"
  fi
  rm -rf "$tmp_dir"
  exit "$rc"
}
trap on_exit EXIT

# stage NAME COMMAND...: runs COMMAND under set -e; the EXIT trap names the stage if it fails.
stage() {
  local name=$1 t=$SECONDS
  shift
  current=$name
  echo
  echo "=== [$name] $*"
  "$@"
  summary+=("$(printf '%-12s %4ss' "$name" $((SECONDS - t)))")
  current=""
  echo "=== [$name] ok in $((SECONDS - t))s"
}

# stage_in_background NAME COMMAND...: starts a stage that shares nothing with the stages run meanwhile (2 cores: tsc,
# ESLint, esbuild and node --test each keep one busy); its output is printed when join_stage NAME waits for it, and a
# failure stops npm test there, named as for stage.
declare -A background=()
stage_in_background() {
  local name=$1
  shift
  echo
  echo "=== [$name] $* (in the background: its output follows when it ends)"
  set -m # its own process group, so that a failure elsewhere can stop all of it (npm, ESLint, vsce)
  (
    t=$SECONDS
    "$@"
    echo $((SECONDS - t)) >"$tmp_dir/$name.seconds"
  ) >"$tmp_dir/$name.log" 2>&1 &
  background[$name]=$!
  set +m
}

join_stage() {
  local name=$1 rc=0
  wait "${background[$name]}" || rc=$?
  unset "background[$name]"
  echo
  echo "=== [$name] output"
  cat "$tmp_dir/$name.log"
  if [ "$rc" -ne 0 ]; then
    current=$name
    return "$rc"
  fi
  summary+=("$(printf '%-12s %4ss (beside the stages before)' "$name" "$(cat "$tmp_dir/$name.seconds")")")
  echo "=== [$name] ok in $(cat "$tmp_dir/$name.seconds")s"
}

skip() {
  echo
  echo "=== [$1] SKIPPED: $2"
  summary+=("$(printf '%-12s SKIPPED (%s)' "$1" "$2")")
}

# test_files DIR: the compiled *.test.js files under DIR, sorted, one per line.
test_files() { [ -d "$1" ] && find "$1" -name '*.test.js' | sort; return 0; }

# Removes out/**/*.js whose .ts source is gone, so a deleted test cannot keep running from a stale out/.
prune_stale_out() {
  [ -d out ] || return 0
  local js src
  while IFS= read -r js; do
    src="${js#out/}"
    src="${src%.js}.ts"
    [ -f "$src" ] || rm -f "$js" "$js.map"
  done < <(find out -name '*.js')
}

typecheck() { prune_stale_out; npx tsc -p tsconfig.json; }
# `npm run package` = `node esbuild.js --production` + vsce. The extension tests then load that same production bundle
# from dist/ (extensionDevelopmentPath = repo), so they test what ships. (A later plain `node esbuild.js` would wipe
# dist/, VSIX included.)
# Two VSIX files (scripts/package-vsix.sh): the e2e tests install the linux-x64 one (keytar) unless they name the universal.
build_all() { npm run --silent package; }
compile_only() { typecheck || echo "compile: type errors above (not fatal under TEST_ONLY)"; }

# The two ways a stage runs its node:test files: a process per file (`node --test`), or one process for all of them
# (test/inProcess.ts), for files that share nothing but modules: each process would load TypeScript, the SDK and the
# protocol files again.
PER_FILE=(node --test --test-reporter=spec --test-concurrency=1)
IN_PROCESS=(node --test-reporter=spec out/test/inProcess.js)
# The server, integration and e2e stages load the SDK as it ships, from dist/milvus-sdk.js (test/shippedSdk.ts).
SHIPPED_SDK_IN_PROCESS=(node --require ./out/test/shippedSdk.js --test-reporter=spec out/test/inProcess.js)

# files_stage NAME DIR COMMAND...: stage NAME runs COMMAND with DIR's *.test.js files appended (skipped when there are none).
files_stage() {
  local name=$1 dir=$2 files
  shift 2
  want "$name" || return 0
  mapfile -t files < <(test_files "$dir")
  if [ ${#files[@]} -eq 0 ]; then skip "$name" "no *.test.js in $dir"; return 0; fi
  stage "$name" "$@" "${files[@]}"
}

# node_stage NAME DIR [PREFIX...]: `[PREFIX...] node --test` over DIR's files, each in a process of its own.
node_stage() {
  local name=$1 dir=$2
  shift 2
  files_stage "$name" "$dir" "$@" "${PER_FILE[@]}"
}

# in_process_stage NAME DIR: DIR's files one after another in one node process (unit).
in_process_stage() { files_stage "$1" "$2" "${IN_PROCESS[@]}"; }

echo "=== npm test on $(uname -n): node $(node --version), ${quick:+TEST_QUICK, }${TEST_ONLY:+TEST_ONLY=$TEST_ONLY, }$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
# Setup installs the Debian packages, then the npm packages; code-server, which only the vscode and e2e stages use, is
# installed beside everything up to them (its install is mostly downloads and native compiles).
setup() {
  bash scripts/setup.sh system
  if want vscode || want e2e; then stage_in_background code-server bash scripts/setup.sh code-server; fi
  bash scripts/setup.sh npm
}
stage setup setup
# The type check and ESLint share one TypeScript program (scripts/typecheck-and-lint.mjs), in the lint stage's process:
# the typecheck stage waits for its report, written once out/ is, and ESLint, then Prettier, go on beside unit and
# server; the lint stage is joined before the integration stage. (Apart, ESLint's type-aware rules built the program
# again.) Under TEST_ONLY with only one of the two, each runs as `npm run lint` or tsc does.
typecheck_and_lint() { node scripts/typecheck-and-lint.mjs "$1" && npx prettier --check .; }
# await_typecheck REPORT: the lint stage's type check: prints tsc's diagnostics, and fails on a type error.
await_typecheck() {
  local report=$1
  while [ ! -f "$report" ]; do
    if ! kill -0 "${background[lint]}" 2>/dev/null; then
      echo "=== the lint stage ended before its type check did: its output follows"
      return 1
    fi
    sleep 0.2
  done
  tail -n +2 "$report"
  [ "$(head -n 1 "$report")" = ok ]
}
if want typecheck && want lint; then
  prune_stale_out
  stage_in_background lint typecheck_and_lint "$tmp_dir/typecheck.report"
  stage typecheck await_typecheck "$tmp_dir/typecheck.report"
else
  if want lint; then stage_in_background lint npm run --silent lint; fi
  if want typecheck; then
    stage typecheck typecheck
  else # TEST_ONLY without typecheck: compile anyway (the tests run from out/), type errors are reported but not fatal
    stage compile compile_only
  fi
fi

# The build writes dist/ only, which no unit or server test reads: it runs beside them, and is joined before the
# integration stage (rbacCli runs dist/cli.js).
have_extension=1
if [ ! -f esbuild.js ]; then have_extension=0; fi
building=0
if want build || want vscode || want e2e; then
  if [ "$have_extension" = 1 ]; then
    stage_in_background build build_all
    building=1
  else
    skip build "esbuild.js does not exist yet"
  fi
fi

# The integration suite runs once per Milvus release of the matrix, in parallel processes (each test server behaves as
# the release it reports: test/milvus-server/version.ts). The releases mark the feature boundaries of
# docs/milvus-behaviour.md §9:
#   v2.4.9   before BackupRBAC/RestoreRBAC and force_drop (2.4.10), privilege groups (2.4.16) and OperatePrivilegeV2
#            (2.4.18): every one of those features must be hidden; grants go through V1; 2.4 name and password rules
#   v2.4.17  privilege-group RPCs but no OperatePrivilegeV2 and no built-in groups: groups exist, but only single
#            privileges can be granted
#   v2.5.27  groups and V2 grants, no descriptions or AlterRole; the 2.5 error texts (65535) and behaviours (U3, U10)
#   v2.6.19  descriptions and AlterRole, the standardised error texts (1100); suites about that release itself run here
#   v3.0.0   the 3.0 privileges (snapshots, AlterCollectionSchema, external collections) and 3.0's built-in groups; the newest release
# Every line of a run's output is prefixed with its release and list, and a failure names the runs that failed.
MATRIX_VERSIONS=(${MILVUS_MATRIX:-v2.4.9 v2.4.17 v2.5.27 v2.6.19 v3.0.0})
if [ "$quick" = 1 ]; then MATRIX_VERSIONS=("${MATRIX_VERSIONS[-1]}"); fi
# Which integration files run on which releases; every file of test/integration is in exactly one list
# (test/unit/integrationMatrix.test.ts checks it, and integration_matrix refuses a compiled file that is in neither).
# EVERY_RELEASE: what the file checks depends on the release (features shown or hidden, the era's error texts, the RPCs
# a listing or a plan sends): it runs on every release of the matrix.
# NEWEST_RELEASE: it does not (connecting, TLS, health, readiness, lazy SDK loading), or its suites are about 2.6.19+
# behaviour or pin their own releases (NEWEST_ONLY in test/integration/helpers.ts): it runs once, on the last release.
INTEGRATION_EVERY_RELEASE=(eras explain leastPrivilege lintUpgrade listing rbacFile roles users)
# The newest release runs as three processes: EVERY_RELEASE, and NEWEST_RELEASE dealt alternately into two (newest0,
# newest1), so that no run is left alone on a core at the end. The list is ordered so that the two halves come out about
# even (each file's own time beside the second a process takes to start, alone, 2026-12-07): badInput.property 7.6 s and
# connect 3.8 s against rbacCli 4.9 s and health 5.8 s (mostly waiting); the other files take a few tenths each.
INTEGRATION_NEWEST_RELEASE=(badInput.property rbacCli connect health descriptions unknownPrivilege notReady grantScope rbacEngine zilliz privileges lazyLoad)
# A job's files run one after another in one process (IN_PROCESS: a process per file took 2.5 times as long), except
# these, which look at what their process loaded and so get one of their own.
INTEGRATION_OWN_PROCESS=(lazyLoad)
# integration_files VERSION [SHARD]: the compiled files that run on VERSION (SHARD every, newest0, newest1; all when
# none is given), one per line.
integration_files() {
  local name
  if [ "${2:-all}" = all ] || [ "$2" = every ]; then
    for name in "${INTEGRATION_EVERY_RELEASE[@]}"; do echo "out/test/integration/$name.test.js"; done
  fi
  if [ "$1" = "${MATRIX_VERSIONS[-1]}" ]; then
    local i
    for i in "${!INTEGRATION_NEWEST_RELEASE[@]}"; do
      case "${2:-all}" in all | "newest$((i % 2))") echo "out/test/integration/${INTEGRATION_NEWEST_RELEASE[$i]}.test.js" ;; esac
    done
  fi
}
integration_matrix() {
  local files v job shard rc t dir js listed failed=() jobs=() pids=()
  # Read whole before grep searches it (grep -q stopping early would kill the writer with SIGPIPE under pipefail).
  listed="$(integration_files "${MATRIX_VERSIONS[-1]}")"
  while IFS= read -r js; do
    if ! grep -qxF "$js" <<<"$listed"; then
      echo "=== $js is in neither INTEGRATION_EVERY_RELEASE nor INTEGRATION_NEWEST_RELEASE (scripts/test.sh)"
      return 1
    fi
  done < <(test_files out/test/integration)
  for v in "${MATRIX_VERSIONS[@]}"; do jobs+=("$v:every"); done
  jobs+=("${MATRIX_VERSIONS[-1]}:newest0" "${MATRIX_VERSIONS[-1]}:newest1")
  dir=$(mktemp -d)
  for job in "${jobs[@]}"; do
    v=${job%:*} shard=${job#*:}
    mapfile -t files < <(integration_files "$v" "$shard")
    (
      t=$(date +%s) rc=0 own=() shared=()
      for js in "${files[@]}"; do
        if [[ " ${INTEGRATION_OWN_PROCESS[*]} " == *" $(basename "$js" .test.js) "* ]]; then own+=("$js"); else shared+=("$js"); fi
      done
      set +e
      if [ ${#shared[@]} -gt 0 ]; then
        MILVUS_TEST_VERSION=$v "${SHIPPED_SDK_IN_PROCESS[@]}" "${shared[@]}" >"$dir/$job.log" 2>&1 || rc=$?
      fi
      if [ ${#own[@]} -gt 0 ]; then
        MILVUS_TEST_VERSION=$v "${PER_FILE[@]}" "${own[@]}" >>"$dir/$job.log" 2>&1 || rc=$?
      fi
      echo "$rc $(($(date +%s) - t))" >"$dir/$job.rc"
    ) &
    pids+=($!)
  done
  wait "${pids[@]}" # its own runs only: a bare wait would also reap a background stage (code-server) before its join
  for job in "${jobs[@]}"; do
    read -r rc t <"$dir/$job.rc"
    echo "--- [integration Milvus $job] exit $rc in ${t}s"
    sed "s/^/[$job] /" "$dir/$job.log"
    summary+=("$(printf '  %-16s %4ss%s' "$job" "$t" "$([ "$rc" = 0 ] || echo '  FAILED')")")
    [ "$rc" = 0 ] || failed+=("$job")
  done
  rm -rf "$dir"
  if [ ${#failed[@]} -gt 0 ]; then
    echo "=== integration FAILED on Milvus ${failed[*]} (lines prefixed [<release>:<list>] above)"
    return 1
  fi
}

in_process_stage unit out/test/unit
# The server and integration stages load the SDK as it ships (test/shippedSdk.ts), so the build is joined before them;
# without a build stage in this run (TEST_ONLY, test:quick), the bundles are built here (about a second).
if [ "$building" = 1 ]; then join_stage build
elif want server || want integration; then stage bundles node esbuild.js --production
fi
files_stage server out/test/server "${SHIPPED_SDK_IN_PROCESS[@]}"

# The e2e files run in two lanes that take files from one queue (scripts/e2e-lane.sh), each lane with its own shared
# code-server, Chromium, D-Bus session and keyring (sharedStage.ts, with-keyring.sh). One lane starts with the extension
# tests (vscode, then nokeychain: about one core for about four minutes) and then takes e2e files too, so the two cores
# stay busy to the end: with one e2e lane, the machine was three-quarters busy once the extension tests had ended.
# The queue holds E2E_ONE_WINDOW first, then E2E_LONGEST_FIRST, longest first (each file's wall time alone, 2026-12-07:
# 54, 33, 31, 30, 29-31, 28 and 6 s), so that the two lanes end close together instead of one waiting on a long file
# taken last; a file not listed follows them, in name order. Each entry runs in a process of its own
# (SHIPPED_SDK_IN_PROCESS).
# E2E_ONE_WINDOW: the files whose suites take the window of test/e2e/rootSession.ts (openRootSession, sharedWindow)
# run as one entry, in one process, so they share one VS Code window and its launch (about 17 CPU seconds each);
# connection, whose first test is the smoke check of a window just launched, comes first.
E2E_ONE_WINDOW=(connection accessibility users answers pickers members roles rbacCompare)
E2E_LONGEST_FIRST=(secretLeak universalVsix passwordManager noAccess npmStart zhCn serverChecks)
vscode_stages() {
  # The same extension, then with no D-Bus session at all: the keytar backend must explain itself and store nothing.
  stage vscode scripts/with-keyring.sh node out/test/vscode/runTests.js
  stage nokeychain node out/test/vscode/runNoKeychain.js
}
# e2e_queue DIR: fills DIR with the entries of the queue (see E2E_ONE_WINDOW), named so that name order is the order they
# are to be taken in.
e2e_queue() {
  local dir=$1 name js n=0 queued=" " all
  mapfile -t all < <(test_files out/test/e2e)
  mkdir -p "$dir"
  add_entry() { # NAME...: the next entry, those files; refuses a name with no compiled file
    local name js entry
    entry=$(printf '%s/%03d' "$dir" "$n")
    n=$((n + 1))
    for name in "$@"; do
      js="out/test/e2e/$name.e2e.test.js"
      if [ ! -f "$js" ]; then echo "=== scripts/test.sh names the e2e file $name, but there is no $js" >&2; return 1; fi
      echo "$js" >>"$entry"
      queued+="$name "
    done
  }
  add_entry "${E2E_ONE_WINDOW[@]}"
  for name in "${E2E_LONGEST_FIRST[@]}"; do add_entry "$name"; done
  for js in "${all[@]}"; do
    name=$(basename "$js" .e2e.test.js)
    [[ "$queued" == *" $name "* ]] || add_entry "$name"
  done
  # Every file in exactly one entry: a name listed twice, or an entry written over, would run a file twice or never.
  if [ "$(cat "$dir"/* | sort -u | wc -l)" != "${#all[@]}" ] || [ "$(cat "$dir"/* | wc -l)" != "${#all[@]}" ]; then
    echo "=== the e2e queue does not hold each of the ${#all[@]} e2e files once:" >&2
    head -n 100 "$dir"/* >&2
    return 1
  fi
}
e2e_lane() { scripts/with-keyring.sh node out/test/e2e/sharedStage.js bash scripts/e2e-lane.sh "$1" "${SHIPPED_SDK_IN_PROCESS[@]}"; }
vscode_then_e2e_lane() {
  vscode_stages
  echo
  echo "=== [e2e, in this lane too] the files still in the queue"
  e2e_lane "$1"
}

# The first of the two lanes (the extension tests, then e2e files) starts here, once code-server is installed
# (it is by the end of the server stage), and runs beside the integration and other stages, whose many short processes
# leave the cores partly idle; the second lane starts after them.
run_vscode=0
if want vscode; then
  if [ -z "$(test_files out/test/vscode/suite)" ]; then skip vscode "no *.test.js in out/test/vscode/suite"
  elif [ "$have_extension" = 0 ]; then skip vscode "the extension is not built yet (no esbuild.js)"
  else run_vscode=1
  fi
fi
run_e2e=0
if want e2e; then
  if [ "$have_extension" = 0 ]; then skip e2e "the extension is not built yet (no esbuild.js)"
  elif [ -z "$(test_files out/test/e2e)" ]; then skip e2e "no *.test.js in out/test/e2e"
  else run_e2e=1
  fi
fi
if [ -n "${background[code-server]:-}" ]; then join_stage code-server; fi
first_lane=""
queue="$tmp_dir/e2e-queue"
if [ "$run_e2e" = 1 ]; then e2e_queue "$queue"; fi
if [ "$run_vscode" = 1 ] && [ "$run_e2e" = 1 ]; then
  first_lane=vscode+nokeychain+e2e
  stage_in_background "$first_lane" vscode_then_e2e_lane "$queue"
elif [ "$run_vscode" = 1 ]; then
  first_lane=vscode+nokeychain
  stage_in_background "$first_lane" vscode_stages
elif [ "$run_e2e" = 1 ]; then
  first_lane=e2e-lane2
  stage_in_background "$first_lane" e2e_lane "$queue"
fi
if want lint; then join_stage lint; fi
# Any other test/<dir>/ with *.test.ts (e.g. test/package, test/regression) runs too, as a stage named after the folder,
# so a new folder of tests is never silently left out. vscode, e2e and keytar need their own set-up; milvus-server holds
# the test server, whose own *.test.ts files (if any) run here as well. Then keytar, against a keyring of its own.
other_stages() {
  local dir
  for dir in $(find out/test -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort); do
    case "${dir##*/}" in unit|server|integration|keytar|vscode|e2e) continue ;; esac
    if [ -n "$(test_files "$dir")" ]; then node_stage "${dir##*/}" "$dir"; fi
  done
  node_stage keytar out/test/keytar scripts/with-keyring.sh
}
# They share nothing with the integration stage and run beside it: its seven jobs end unevenly and leave a core about
# half idle for its last half minute, which these (mostly one process at a time) fill.
if want integration && [ -n "$(test_files out/test/integration)" ]; then
  stage_in_background other-tests other_stages
  stage integration integration_matrix
  join_stage other-tests
else
  if want integration; then skip integration "no *.test.js in out/test/integration"; fi
  other_stages
fi

if [ "$run_e2e" = 1 ]; then stage e2e e2e_lane "$queue"; fi
if [ -n "$first_lane" ]; then join_stage "$first_lane"; fi
