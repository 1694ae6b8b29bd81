#!/usr/bin/env bash
# The whole test suite, as `make test` runs it: unit tests (ctest), the api tests against the real
# server on SQLite and on a private PostgreSQL cluster, the unit and SQLite api tests again built with
# AddressSanitizer and UndefinedBehaviorSanitizer (build-asan), a short fuzz run over the parsers, and the
# browser tests, and the Debian package installed and purged on this machine when run as root
# (scripts/package-test.sh). `scripts/test.sh api|asan|fuzz|e2e|package` runs one part; `scripts/test.sh tsan` (make
# test-long) runs the api tests against a ThreadSanitizer build of the server.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export RENKEI_BIN=$PWD/$BUILD/renkei
part=${1:-all}
failed=0
tmp=$(mktemp -d /tmp/renkei-test.XXXXXX)
chmod 755 "$tmp"
cleanup() { scripts/pg-cluster.sh stop "$tmp/pg" || true; rm -rf "$tmp"; }
trap cleanup EXIT

run() { echo "== $1"; shift; if ! "$@"; then failed=1; fi; }

if [ "$part" = all ] || [ "$part" = unit ]; then
  run "unit tests" bash -c "cd $BUILD && ctest --output-on-failure -j $(nproc)"
fi

if [ "$part" = all ] || [ "$part" = api ]; then
  run "api tests on SQLite" env RENKEI_TEST_ENGINE=sqlite node --test --test-concurrency=2 tests/api/
  port=$((20000 + RANDOM % 20000))
  if pg=$(scripts/pg-cluster.sh start "$tmp/pg" "$port"); then
    run "api tests on PostgreSQL" env RENKEI_TEST_ENGINE=postgresql RENKEI_TEST_PG="$pg" node --test --test-concurrency=2 tests/api/
  else
    echo "could not start PostgreSQL; see $tmp/pg/server.log" >&2
    cat "$tmp/pg/"*.log >&2 || true
    failed=1
  fi
fi

# A build with sanitizers, in its own directory (ccache keeps the second build cheap); any report stops
# the program, which fails the test that ran it.
sanitized_build() {  # DIR SANITIZERS
  if [ ! -f "$1/build.ninja" ]; then
    cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
      -DRENKEI_SANITIZE="$2" >"$tmp/$2.configure.log" 2>&1 || { cat "$tmp/$2.configure.log" >&2; return 1; }
  fi
  cmake --build "$1" -j "$(nproc)" --target renkei renkei_unit_tests >"$tmp/$2.build.log" 2>&1 || { tail -40 "$tmp/$2.build.log" >&2; return 1; }
}

if [ "$part" = all ] || [ "$part" = asan ]; then
  echo "== AddressSanitizer and UndefinedBehaviorSanitizer: build (build-asan)"
  if sanitized_build build-asan address,undefined; then
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0
    run "unit tests under ASan/UBSan" build-asan/renkei_unit_tests --gtest_brief=1
    run "api tests on SQLite under ASan/UBSan" env RENKEI_BIN="$PWD/build-asan/renkei" RENKEI_TEST_ENGINE=sqlite RENKEI_SANITIZED=1 \
      node --test --test-concurrency=2 tests/api/
    unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
  else
    failed=1
  fi
fi

if [ "$part" = tsan ]; then
  echo "== ThreadSanitizer: build (build-tsan) and the server under the api tests"
  if sanitized_build build-tsan thread; then
    run "api tests on SQLite under TSan" env RENKEI_BIN="$PWD/build-tsan/renkei" RENKEI_TEST_ENGINE=sqlite RENKEI_SANITIZED=1 \
      TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/sanitizers/tsan.supp" node --test --test-concurrency=1 tests/api/
  else
    failed=1
  fi
fi

if [ "$part" = all ] || [ "$part" = fuzz ]; then
  echo "== fuzz: form, cookie, multipart, CSV, facility importers, survey questions and answers, X-Forwarded-For, XLSX and date parsers, UTF-8 cleaning and CSV cells (short corpus run)"
  # One way to build it: CMake in build-fuzz, with clang (ccache keeps it cheap).
  fuzz_bin=build-fuzz/parsers_fuzz
  if [ ! -f build-fuzz/build.ninja ]; then
    cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
      -DCMAKE_CXX_COMPILER=clang++ -DRENKEI_FUZZ=ON >"$tmp/fuzz.configure.log" 2>&1 || { cat "$tmp/fuzz.configure.log" >&2; failed=1; }
  fi
  cmake --build build-fuzz -j "$(nproc)" --target parsers_fuzz >"$tmp/fuzz.build.log" 2>&1 || { tail -40 "$tmp/fuzz.build.log" >&2; failed=1; }
  mkdir -p "$tmp/corpus" && cp tests/fuzz/corpus/parse/* "$tmp/corpus/"
  head -c 3000 tests/fixtures/opendata/digital_std_iryokikan_402052_iizuka_hospitals_cp932.csv > "$tmp/corpus/cp932.csv"
  head -c 3000 tests/fixtures/opendata/mhlw_kaigo_honjo_kodama_multi_service.csv > "$tmp/corpus/kaigo.csv"
  if [ -x "$fuzz_bin" ] && "$fuzz_bin" -runs=30000 -max_len=4096 -timeout=5 "$tmp/corpus" >"$tmp/fuzz.log" 2>&1; then
    echo "fuzz: $(grep -o 'Done [0-9]* runs.*' "$tmp/fuzz.log" || echo done)"
  else
    tail -40 "$tmp/fuzz.log" >&2 || true
    failed=1
  fi
fi

if [ "$part" = all ] || [ "$part" = e2e ]; then
  run "browser tests (Chromium)" node --test --test-concurrency=1 tests/e2e/
fi

if [ "$part" = all ] || [ "$part" = package ]; then
  run "the Debian package: build, lintian, install, service behind nginx with TLS, doctor, upgrade, purge" \
    env BUILD="$BUILD" scripts/package-test.sh
fi

if [ "$failed" != 0 ]; then
  echo "SOME TESTS FAILED" >&2
  exit 1
fi
echo "all tests passed"
