#!/bin/sh
# Every test libtthc has, from a fresh Debian 12 machine: install what is missing, build with
# -Wall -Wextra -Werror and run all tests, then build and run them all again under
# AddressSanitizer + UndefinedBehaviorSanitizer. When clang with libFuzzer is installed, a third
# build runs every fuzz target for a few seconds (ctest label fuzz_smoke; about a minute).
# This is the README's second command and exactly what .ci/run runs.
set -eu
cd "$(dirname "$0")/.."
.ci/install-deps
cmake --workflow --preset dev
cmake --workflow --preset asan
# libFuzzer ships with clang in libclang-rt-*-dev: try to link an empty fuzz target.
probe=$(mktemp -d)
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
  >"$probe/probe.c"
if ! command -v clang >/dev/null 2>&1; then
  fuzz="skipped (clang is not installed: apt-get install clang libclang-rt-14-dev)"
elif ! clang -fsanitize=fuzzer,address,undefined -o "$probe/probe" "$probe/probe.c" >/dev/null 2>&1; then
  fuzz="skipped (clang cannot link libFuzzer: apt-get install libclang-rt-14-dev)"
else
  cmake --workflow --preset fuzz
  fuzz="passed"
fi
rm -rf "$probe"
echo "run_all: all tests passed (dev and asan builds); fuzz smoke run $fuzz"
