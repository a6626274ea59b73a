#!/usr/bin/env bash
# Fails when a file in server/ includes a layer its row in
# docs/ARCHITECTURE.md ("Layers") does not allow. The CMake targets refuse a
# wrong link; this refuses a wrong include, header-only ones too.
set -euo pipefail
cd "$(dirname "$0")/../.."

allowed() {
  case "$1" in
    base) echo "base" ;;
    domain) echo "domain base" ;;
    mail) echo "mail base" ;;
    webhooks) echo "webhooks auth base" ;;
    store) echo "store base" ;;
    auth) echo "auth base" ;;
    rpc) echo "rpc auth store base" ;;
    flows) echo "flows rpc/call.h domain auth store base" ;;
    jobs) echo "jobs flows domain mail webhooks store base" ;;
    api) echo "api rpc flows jobs calendar domain auth store webhooks base" ;;
    gateway) echo "gateway rpc store base" ;;
    calendar) echo "calendar gateway auth store base" ;;
    demo) echo "demo flows domain auth store base" ;;
    *) echo "" ;;
  esac
}

bad=0
while IFS= read -r file; do
  layer=$(echo "$file" | cut -d/ -f2)
  [ -d "server/$layer" ] || continue  # app.cc, main.cc: everything
  ok=$(allowed "$layer")
  if [ -z "$ok" ]; then
    echo "layers: server/$layer/ has no row in tests/check/layers.sh" >&2
    bad=1
    continue
  fi
  while IFS= read -r inc; do
    target=${inc#server/}
    fine=0
    for a in $ok; do
      case "$target" in "$a"/*|"$a") fine=1 ;; esac
    done
    if [ $fine -eq 0 ]; then
      echo "layers: $file includes \"$inc\", which server/$layer may not use" >&2
      bad=1
    fi
  done < <(grep -oE '^#include "server/[^"]+"' "$file" | sed 's/#include "//; s/"$//')
done < <(git ls-files 'server/*.h' 'server/*.cc')
[ $bad -eq 0 ] && echo "layers: every include in server/ follows the layer table"
exit $bad
