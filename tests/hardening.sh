#!/bin/sh
# Hardening checks beyond the CI run (issue 9). One command each; see docs/hardening.md.
#
#   sh tests/hardening.sh valgrind       memcheck over every cmocka test, the CLI tests, the fuzz
#                                        corpora and the Python tests (Debian's CPython)
#   sh tests/hardening.sh tsan           ThreadSanitizer build, unit and CLI tests (test_threads,
#                                        tthc indicators --threads);
#                                        Helgrind on test_threads
#   sh tests/hardening.sh coverage       gcov line coverage of lib/ (gcovr), fails under 90 %
#   sh tests/hardening.sh tidy           clang-tidy on lib/ with .ci/clang-tidy
#   sh tests/hardening.sh cppcheck       cppcheck on lib/ with .ci/cppcheck-suppressions
#   sh tests/hardening.sh fuzz [SECONDS [TARGET...]]
#                                        every libFuzzer target (or those named: ical csv …)
#                                        for SECONDS (default 600) each; prints executions;
#                                        TTHC_FUZZ_JOBS=N runs N targets at a time
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
  # The fuzz corpora (every seed and reproducer) through the replay binaries.
  for t in build/dev/tests/fuzz/fuzz_*_replay; do
    [ -x "$t" ] || continue
    c=$(basename "$t" _replay)
    if ! valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
         "$t" "tests/fuzz/corpus/${c#fuzz_}" >/tmp/tthc_vg.log 2>&1; then
      echo "valgrind: $t FAILED"; tail -30 /tmp/tthc_vg.log; fails=$((fails + 1))
    fi
  done
  echo "valgrind: fuzz corpus replays done"
  # The Python tests, with the libtthc.so they load checked. Debian's CPython runs clean under
  # memcheck with pymalloc off (PYTHONMALLOC=malloc), so no suppression file is needed; a
  # CPython built without valgrind support (pyenv's) reports errors inside the interpreter, so
  # /usr/bin/python3 is used whatever python3 is first on PATH. Errors fail the run; leaks fail
  # it only when a definitely lost block was allocated by libtthc (the interpreter keeps some
  # memory at exit by design). Left out: test_packaging (it runs pip, not the library) and
  # test_leaks (it measures the heap with mallinfo2 and RSS, which mean nothing under valgrind;
  # memcheck's leak check does that job here).
  need python3
  py=/usr/bin/python3
  for t in tests/python/test_*.py; do
    name=$(basename "$t" .py)
    case "$name" in test_packaging | test_leaks) continue ;; esac
    rc=0
    (cd tests/python && TTHC_LIBRARY="$root/build/dev/lib/libtthc.so" PYTHONMALLOC=malloc \
       TTHC_CLI="$root/build/dev/examples/tthc" \
       PYTHONPATH="$root/bindings/python" TTHC_TEST_DATA="$root/tests/data" PYTHONDONTWRITEBYTECODE=1 \
       valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
       --errors-for-leak-kinds=none --num-callers=40 "$py" -m unittest -q "$name") \
      >/tmp/tthc_vg.log 2>&1 || rc=$?
    leaks=$(awk '/definitely lost in loss record/ {blk = 1; hit = 0; next}
                 blk && /: tthc_|libtthc/ {hit = 1}
                 blk && /^==[0-9]+== *$/ {if (hit) n++; blk = 0}
                 END {print n + 0}' /tmp/tthc_vg.log)
    if [ "$rc" -ne 0 ] || [ "$leaks" -ne 0 ]; then
      echo "valgrind: $t FAILED (exit $rc, $leaks leaks from libtthc)"; tail -40 /tmp/tthc_vg.log
      fails=$((fails + 1))
    else
      echo "valgrind: $t clean"
    fi
  done
  [ "$fails" -eq 0 ] && echo "valgrind: all clean"
  return "$fails"
}

do_tsan() {
  # ThreadSanitizer sees only instrumented code: libtthc and the tests. Helgrind (valgrind) sees
  # every access, so test_threads also runs under it to catch races inside libical, jansson and
  # utf8proc (suppressions, each with its reason, in .ci/helgrind.supp).
  cmake --workflow --preset tsan
  need valgrind
  cmake --preset dev >/dev/null && cmake --build --preset dev --target test_threads
  valgrind --tool=helgrind -q --error-exitcode=99 --suppressions=.ci/helgrind.supp \
    build/dev/tests/test_threads
  echo "tsan: no data race (ThreadSanitizer: unit tests; Helgrind: test_threads)"
}

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

do_fuzz() { # [SECONDS [TARGET...]]: every libFuzzer target (or those named) for SECONDS each
  secs=${1:-600}
  [ $# -gt 0 ] && shift
  jobs=${TTHC_FUZZ_JOBS:-1}
  need clang libclang-rt-14-dev
  # Tests on (tests/fuzz is part of them) but only the libFuzzer binaries are built (target "fuzz").
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz
  mkdir -p build/fuzz/corpus build/fuzz/artifacts
  names=""
  for f in build/fuzz/tests/fuzz/fuzz_*; do
    name=$(basename "$f")
    case "$name" in *_replay | *.log | *.result) continue ;; esac
    [ -f "$f" ] && [ -x "$f" ] || continue
    if [ $# -gt 0 ]; then
      case " $* " in *" ${name#fuzz_} "* | *" $name "*) ;; *) continue ;; esac
    fi
    rm -f "build/fuzz/$name.result"
    names="$names $name"
  done
  # TTHC_FUZZ_JOBS targets at a time, each for SECONDS of wall-clock time.
  # (each run reports through its result file, read below; xargs's own status adds nothing)
  printf '%s\n' $names | xargs -P "$jobs" -I{} sh "$root/tests/hardening.sh" fuzz-one "$secs" {} ||
    true
  fails=0 total=0
  for name in $names; do
    r=build/fuzz/$name.result
    if [ ! -f "$r" ]; then echo "fuzz: $name did not report"; fails=$((fails + 1)); continue; fi
    read -r rc execs inputs <"$r"
    if [ "$rc" -ne 0 ]; then
      echo "fuzz: $name FAILED (exit $rc) after $execs executions:"
      grep -E -A12 'ERROR|check failed|runtime error' "build/fuzz/$name.log" | head -40
      fails=$((fails + 1))
    else
      printf 'fuzz: %-20s %10s executions in %ss, %s inputs in build/fuzz/corpus/%s\n' "$name" \
        "$execs" "$secs" "$inputs" "${name#fuzz_}"
      total=$((total + execs))
    fi
  done
  [ "$fails" -eq 0 ] && echo "fuzz: no crash, leak or sanitizer report ($total executions)"
  return "$fails"
}

fuzz_one() { # SECONDS NAME: one libFuzzer run; writes "status executions inputs" to NAME.result
  secs=$1 name=$2
  # New inputs are kept in build/fuzz/corpus/NAME (a later run goes on from them); the seed
  # corpus in the source tree is only read. A crash lands in build/fuzz/artifacts/.
  work=build/fuzz/corpus/${name#fuzz_}
  log=build/fuzz/$name.log
  mkdir -p "$work"
  rc=0
  "build/fuzz/tests/fuzz/$name" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$name-" "$work" \
    "tests/fuzz/corpus/${name#fuzz_}" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "$rc ${execs:-0} $(find "$work" -type f | wc -l)" >"build/fuzz/$name.result"
}

do_abi() {
  # Policy (docs/abi.md): under one SONAME, functions and variables may only be added. abidiff
  # flags a removed symbol as incompatible (bit 8) but a changed public type only as a change
  # (bit 4): a function whose parameter struct grew is "Changed", and that breaks callers, so
  # any removed or changed function or variable fails. Changes inside opaque types (not in the
  # public headers) are filtered out by --headers-dir. Across a SONAME change (a new 0.MINOR
  # while 0.x) incompatible changes are allowed and only listed.
  need abigail-tools
  ref=${1:-$(git tag --list 'v*' --sort=-v:refname | head -1)}
  if [ -z "$ref" ]; then
    echo "abi: no v* release tag yet; give a ref: sh tests/hardening.sh abi REF"; return 1
  fi
  old=$(mktemp -d)
  git worktree add -q --detach "$old/src" "$ref"
  cmake -S "$old/src" -B "$old/build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTTHC_BUILD_TESTS=OFF \
    -DTTHC_BUILD_EXAMPLES=OFF -DTTHC_BUILD_BENCH=OFF >/dev/null
  cmake --build "$old/build" --target tthc >/dev/null
  cmake --preset dev >/dev/null && cmake --build --preset dev --target tthc >/dev/null
  rc=0
  abidiff --suppressions .ci/abi.supp --headers-dir1 "$old/src/include" --headers-dir2 include \
    "$old/build/lib/libtthc.so" build/dev/lib/libtthc.so >"$old/abidiff.txt" 2>&1 || rc=$?
  cat "$old/abidiff.txt"
  soname() { readelf -d "$1" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p'; }
  so_old=$(soname "$old/build/lib/libtthc.so") so_new=$(soname build/dev/lib/libtthc.so)
  # "N Removed, M Changed" of the function and variable summaries
  broken=$(sed -n 's/.*changes summary: \([0-9]*\) Removed, \([0-9]*\) Changed.*/\1 \2/p' \
    "$old/abidiff.txt" | awk '{n += $1 + $2} END {print n + 0}')
  git worktree remove --force "$old/src"; rm -rf "$old"
  if [ $((rc & 3)) -ne 0 ]; then echo "abi: abidiff failed (status $rc)"; return 1; fi
  if [ "$so_old" != "$so_new" ]; then
    echo "abi: $ref is $so_old, this tree $so_new: a new ABI, $broken removed or changed (allowed)"
    return 0
  fi
  if [ $((rc & 8)) -ne 0 ] || [ "$broken" -ne 0 ]; then
    echo "abi: INCOMPATIBLE with $ref ($so_new): $broken functions or variables removed or changed"
    return 1
  fi
  echo "abi: compatible with $ref ($so_new, abidiff status $rc: nothing removed or changed)"
}

# The dispatch is one block that ends with exit: sh reads a script as it runs it, and fuzz runs
# take long enough for someone to edit this file meanwhile; nothing after the block is read.
{
  cmd=${1:-}
  [ $# -gt 0 ] && shift
  case "$cmd" in
    valgrind) do_valgrind ;;
    tsan) do_tsan ;;
    coverage) do_coverage ;;
    tidy) do_tidy ;;
    cppcheck) do_cppcheck ;;
    fuzz) do_fuzz "$@" ;;
    fuzz-one) fuzz_one "$@" ;;
    abi) do_abi "$@" ;;
    all) do_valgrind && do_tsan && do_coverage && do_tidy && do_cppcheck ;;
    *) sed -n '2,18p' "$0"; exit 2 ;;
  esac
  exit
}
