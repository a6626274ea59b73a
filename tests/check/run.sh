#!/usr/bin/env bash
# `make check`: the gates a contributor runs before asking for a review and
# CI runs after `make test`. Each stage prints how long it took.
#   format         every C/C++ file exactly as clang-format (.clang-format)
#                  writes it; `make format` fixes what it reports
#   thread-safety  clang's -Wthread-safety analysis over the project's own
#                  .cc files (thread_safety.py, from build/'s
#                  compile_commands.json, so run it after `make test`):
#                  every ABSL_GUARDED_BY and lock annotation holds
# The build itself has -Werror (WELKOM_WERROR, CMakeLists.txt), so `make
# test` already fails on a warning. Still to come (issue 14 item 6): the
# tests under ASan+UBSan, TSan on the threaded code, libFuzzer targets.
set -euo pipefail
cd "$(dirname "$0")/../.."

STAGES=${CHECK_STAGES:-format thread-safety}
BUILD_DIR=${BUILD_DIR:-build}

stage_format() {
  git ls-files '*.h' '*.cc' '*.c' | xargs clang-format --dry-run -Werror
}

stage_thread-safety() {
  python3 tests/check/thread_safety.py "$BUILD_DIR"
}

for s in $STAGES; do
  start=$SECONDS
  echo "== check: $s"
  "stage_$s"
  echo "== check: $s passed in $((SECONDS - start)) s"
done
echo "check: all stages passed"
