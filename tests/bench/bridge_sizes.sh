#!/bin/bash
# Stripped sizes of the mobile bridge libraries and of every shared library
# they pull in, run by hand after a build (figures in docs/BENCHMARKS.md):
#   tests/bench/bridge_sizes.sh [BUILD_DIR]
# The C and C++ runtimes (libc, libm, libstdc++, libgcc_s, the loader) are
# left out: every app has them (Android: the NDK's libc++_shared aside).
set -euo pipefail
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

stripped_size() {
  cp "$1" "$tmp/lib"
  strip --strip-unneeded "$tmp/lib"
  stat -c %s "$tmp/lib"
}

for lib in "$build"/mobile-bridge/libwelkom_bridge.so \
           "$build"/mobile-bridge/libwelkom_jni.so; do
  echo "$(basename "$lib"): $(stripped_size "$lib") bytes stripped"
done

echo "shared libraries libwelkom_bridge.so pulls in (stripped bytes):"
total=0
while read -r name path; do
  case "$name" in
    libc.so*|libm.so*|libstdc++*|libgcc_s*|ld-linux*|linux-vdso*) continue ;;
  esac
  size=$(stripped_size "$path")
  total=$((total + size))
  printf '  %-44s %10d\n' "$name" "$size"
done < <(ldd "$build"/mobile-bridge/libwelkom_bridge.so |
         awk '$3 ~ /^\// {print $1, $3}' | sort)
printf '  %-44s %10d\n' "total" "$total"
