#!/usr/bin/env bash
# run-fuzzers.sh SOURCE_DIR SECONDS [TARGET...]
#
# Builds the `fuzz` preset (clang-16, the engine instrumented for coverage,
# ASan and UBSan; build-fuzz/) and runs each libFuzzer target for SECONDS over
# its corpus (tests/fuzz/corpus/TARGET, never modified: new inputs go to a
# scratch copy). Fails on the first crash, leak, sanitizer report or timeout,
# printing the fuzzer's report and the input that caused it (base64).
# The suite runs it for a short while (ctest label fuzz); run it longer by
# hand: tests/fuzz/run-fuzzers.sh . 600
# The seed is fixed (SLUICE_FUZZ_SEED, default 1) so that the suite's short run
# explores the same inputs on every machine and a CI gate does not turn red on
# a new random path; long runs by hand take SLUICE_FUZZ_SEED=0 (random).
set -euo pipefail
source_dir=$(cd "${1:?usage: run-fuzzers.sh SOURCE_DIR SECONDS [TARGET...]}" && pwd)
seconds=${2:?usage: run-fuzzers.sh SOURCE_DIR SECONDS [TARGET...]}
shift 2
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(fuzz_import fuzz_csv fuzz_template fuzz_expression fuzz_cron fuzz_syncsettings fuzz_sqlstatements
                                 fuzz_wirevalues fuzz_audience)

command -v clang++-16 >/dev/null || { echo "FAIL: clang++-16 is not installed (./dev.sh installs clang-16 libfuzzer-16-dev libclang-rt-16-dev)" >&2; exit 1; }
cd "$source_dir"
echo "Building the fuzz targets (cmake --preset fuzz, build-fuzz/)"
build_log=$(mktemp "${TMPDIR:-/tmp}/sluice-fuzz-build.XXXXXX")
if ! { cmake --preset fuzz && cmake --build --preset fuzz -j "$(nproc)" --target "${targets[@]}"; } >"$build_log" 2>&1; then
  tail -n 60 "$build_log" >&2
  rm -f "$build_log"
  echo "FAIL: building the fuzz targets failed (the end of its output is above); disk space where it builds:" >&2
  df -h "$source_dir" >&2
  exit 1
fi
rm -f "$build_log"

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  log="$work/$t.log"
  symbolizer=$(command -v llvm-symbolizer-16 || command -v llvm-symbolizer || true)
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ASAN_SYMBOLIZER_PATH=$symbolizer \
     "build-fuzz/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -seed="${SLUICE_FUZZ_SEED:-1}" \
       -artifact_prefix="$work/$t-" "$work/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
    corpus=$(( $(ls "$work/$t" | wc -l) + $(ls "tests/fuzz/corpus/$t" | wc -l) ))
    printf '%-18s %9s runs in %s s (%s/s), coverage %s edges, corpus %s inputs: no crash\n' \
      "$t" "$runs" "$seconds" "$speed" "$cov" "$corpus"
  else
    status=1
    echo "FAIL: $t found a problem:" >&2
    grep -E "ERROR|SUMMARY|runtime error|==[0-9]+==|#[0-9]+ 0x" "$log" | head -40 >&2 || tail -40 "$log" >&2
    for crash in "$work/$t"-*; do
      [[ -f $crash ]] || continue
      echo "input ($crash), base64:" >&2
      base64 -w 0 "$crash" | head -c 4000 >&2
      echo >&2
    done
  fi
done
exit $status
