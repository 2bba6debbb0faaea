#!/bin/sh
# Every test libtthc has, from a fresh Debian 12 machine: install what is missing, build with
# -Wall -Wextra -Werror and run all tests, then build and run them all again under
# AddressSanitizer + UndefinedBehaviorSanitizer. This is the README's second command and
# exactly what .ci/run runs.
set -eu
cd "$(dirname "$0")/.."
.ci/install-deps
cmake --workflow --preset dev
cmake --workflow --preset asan
echo "run_all: all tests passed (dev and asan builds)"
