#!/usr/bin/env bash
# `make check`: the gates a contributor runs before asking for a review and
# CI runs after `make test`. Each stage prints how long it took.
#   format   every C/C++ file exactly as clang-format (.clang-format) writes
#            it; `make format` fixes what it reports
# Still to come (issue 14 item 6): a clang build with -Werror and
# -Wthread-safety running the tests under ASan+UBSan, TSan on the threaded
# code, and libFuzzer targets.
set -euo pipefail
cd "$(dirname "$0")/../.."

STAGES=${CHECK_STAGES:-format}

stage_format() {
  git ls-files '*.h' '*.cc' '*.c' | xargs clang-format --dry-run -Werror
}

for s in $STAGES; do
  start=$SECONDS
  echo "== check: $s"
  "stage_$s"
  echo "== check: $s passed in $((SECONDS - start)) s"
done
echo "check: all stages passed"
