#!/usr/bin/env bash
# Installs the Debian 12 packages Welkom needs to build, run and test.
# As root it runs apt-get; otherwise it prints the exact command and fails,
# so `make run` / `make test` never half-build on a machine that lacks them.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config make ccache
  # make check and make format (Debian 12: clang-format 14; clang 14 for
  # the -Wthread-safety analysis)
  clang-format clang-14
  # libraries (found by CMake's find_package / pkg-config)
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libsqlite3-dev libssl-dev libcpp-httplib-dev libical-dev liblemon-dev
  # e-mail over SMTP (server/mail)
  libcurl4-openssl-dev
  # grpc.reflection.v1's .proto (Debian's gRPC library serves only v1alpha)
  grpc-proto
  # tests
  libgtest-dev libgmock-dev sqlite3 openssl
  # mobile bridge: JNI binding and its Java tests on the desktop JDK
  openjdk-17-jdk-headless libprotobuf-java junit4
  # console browser tests (tests/e2e): node runs playwright-core from npm,
  # which drives Debian's Chromium
  nodejs chromium
  # conformance tests with clients nobody on the project wrote (tests/e2e)
  python3-icalendar python3-prometheus-client sqlite3
  # the SMTP server the mail tests start on loopback (tests/support/smtp_sink.py)
  python3-aiosmtpd
  # Europe/Amsterdam time zone data for deadlines and reminders
  tzdata
)
if [ -f "$(dirname "$0")/extra-packages.txt" ]; then
  while read -r p; do
    case "$p" in ''|'#'*) ;; *) packages+=("$p") ;; esac
  done <"$(dirname "$0")/extra-packages.txt"
fi

# Debian's npm is a separate package; Node.js from NodeSource bundles it.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "welkom: missing Debian packages: ${missing[*]}" >&2
  echo "welkom: run this, then try again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "welkom: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
