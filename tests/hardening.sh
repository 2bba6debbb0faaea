#!/bin/sh
# Hardening checks beyond the CI run (issue 9). One command each; see docs/hardening.md.
#
#   sh tests/hardening.sh valgrind       memcheck over every cmocka test and the CLI tests
#   sh tests/hardening.sh tsan           ThreadSanitizer build, unit tests (incl. test_threads)
#   sh tests/hardening.sh coverage       gcov line coverage of lib/ (gcovr), fails under 90 %
#   sh tests/hardening.sh tidy           clang-tidy on lib/ with .ci/clang-tidy
#   sh tests/hardening.sh cppcheck       cppcheck on lib/ with .ci/cppcheck-suppressions
#   sh tests/hardening.sh fuzz [SECONDS] every libFuzzer target for SECONDS (default 600) each
#   sh tests/hardening.sh abi [REF]      abidiff of libtthc.so and headers against REF
#                                        (default: the newest v* tag)
#   sh tests/hardening.sh all            valgrind tsan coverage tidy cppcheck
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
need() { # install Debian packages that are missing
  missing=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    [ "$(id -u)" -eq 0 ] && SUDO= || SUDO=sudo
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
  fi
}

do_valgrind() {
  need valgrind
  cmake --preset dev >/dev/null && cmake --build --preset dev
  fails=0
  for t in build/dev/tests/test_*; do
    [ -x "$t" ] || continue
    if ! valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
         "$t" >/tmp/tthc_vg.log 2>&1; then
      echo "valgrind: $t FAILED"; tail -30 /tmp/tthc_vg.log; fails=$((fails + 1))
    else
      echo "valgrind: $t clean"
    fi
  done
  # The CLI tests, with the tthc command run under valgrind.
  wrapper=$(mktemp)
  printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect %s "$@"\n' \
    "$root/build/dev/examples/tthc" >"$wrapper"
  chmod +x "$wrapper"
  for t in tests/cli/test_*.py; do
    [ -f "$t" ] || continue
    if (cd tests/cli && TTHC_CLI=$wrapper TTHC_TEST_DATA=$root/tests/data python3 -m unittest -q \
          "$(basename "$t" .py)") >/tmp/tthc_vg.log 2>&1; then
      echo "valgrind: $t clean"
    else
      echo "valgrind: $t FAILED"; tail -30 /tmp/tthc_vg.log; fails=$((fails + 1))
    fi
  done
  rm -f "$wrapper"
  [ "$fails" -eq 0 ] && echo "valgrind: all clean"
  return "$fails"
}

do_tsan() { cmake --workflow --preset tsan; }

do_coverage() {
  need gcovr
  rm -rf build/coverage
  cmake --workflow --preset coverage
  gcovr -r . --object-directory build/coverage --filter 'lib/' --exclude 'lib/.*_data\.c' \
    --txt build/coverage/coverage.txt --print-summary --fail-under-line 90 \
    || { cat build/coverage/coverage.txt; return 1; }
  cat build/coverage/coverage.txt
}

do_tidy() {
  need clang-tidy
  cmake --preset dev >/dev/null
  clang-tidy --quiet --config-file=.ci/clang-tidy -p build/dev lib/*.c
}

do_cppcheck() {
  need cppcheck
  cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,performance,portability \
    --inline-suppr --suppressions-list=.ci/cppcheck-suppressions -I include -I build/dev/include \
    -I lib lib/
}

do_fuzz() {
  secs=${1:-600}
  need clang libclang-rt-14-dev
  CC=clang cmake -S . -B build/fuzz -G Ninja -DTTHC_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTTHC_BUILD_TESTS=OFF -DTTHC_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build build/fuzz
  for f in build/fuzz/tests/fuzz/fuzz_*; do
    [ -x "$f" ] || continue
    name=$(basename "$f")
    corpus=$(mktemp -d)
    cp -r "tests/fuzz/corpus/${name#fuzz_}/." "$corpus/" 2>/dev/null || true
    echo "fuzz: $name for ${secs}s"
    "$f" -max_total_time="$secs" -print_final_stats=1 "$corpus" 2>&1 | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY' || true
    rm -rf "$corpus"
  done
}

do_abi() {
  need abigail-tools
  ref=${1:-$(git tag --list 'v*' --sort=-v:refname | head -1)}
  if [ -z "$ref" ]; then
    echo "abi: no v* release tag yet; give a ref: sh tests/hardening.sh abi REF"; return 1
  fi
  old=$(mktemp -d)
  git worktree add -q --detach "$old/src" "$ref"
  cmake -S "$old/src" -B "$old/build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTTHC_BUILD_TESTS=OFF \
    -DTTHC_BUILD_EXAMPLES=OFF -DTTHC_BUILD_BENCH=OFF >/dev/null
  cmake --build "$old/build" --target tthc
  cmake --preset dev >/dev/null && cmake --build --preset dev --target tthc
  rc=0
  abidiff --headers-dir1 "$old/src/include" --headers-dir2 include \
    "$old/build/lib/libtthc.so" build/dev/lib/libtthc.so || rc=$?
  git worktree remove --force "$old/src"; rm -rf "$old"
  # abidiff: bit 2 (4) = ABI change, bit 3 (8) = incompatible change.
  if [ $((rc & 8)) -ne 0 ]; then echo "abi: INCOMPATIBLE changes against $ref"; return 1; fi
  echo "abi: no incompatible change against $ref (abidiff status $rc)"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  valgrind) do_valgrind ;;
  tsan) do_tsan ;;
  coverage) do_coverage ;;
  tidy) do_tidy ;;
  cppcheck) do_cppcheck ;;
  fuzz) do_fuzz "$@" ;;
  abi) do_abi "$@" ;;
  all) do_valgrind && do_tsan && do_coverage && do_tidy && do_cppcheck ;;
  *) sed -n '2,14p' "$0"; exit 2 ;;
esac
