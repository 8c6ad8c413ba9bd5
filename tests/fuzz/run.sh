#!/usr/bin/env bash
# Fuzzes every input loader with libFuzzer (ASan + UBSan) for MINUTES each (default 10):
#   tests/fuzz/run.sh [MINUTES] [HARNESS ...]     harnesses: scenario_loader sweep_file size_file
# Seeds come from scenarios/ and tests/data/; the corpus grows in build-fuzz/corpus/HARNESS.
# A crash, a leak, a timeout or a refused input whose error has no line:column stops a harness
# and is kept as tests/fuzz/findings/HARNESS/crash-* (or leak-*, timeout-*): turn each into a
# regression file of tests/data/ (with its .expected) that the normal test suite checks.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-10}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(scenario_loader sweep_file size_file)

PORTTWIN_FUZZ=1 ./scripts/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF -DPORTTWIN_FUZZ=ON >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "fuzz_$h"); done
cmake --build build-fuzz -j"$(nproc)" "${targets[@]}"

seeds() {
  case "$1" in
    scenario_loader) ls scenarios/*.yaml scenarios/*/*.yaml tests/data/bad_scenarios/*.yaml | grep -v '\.sweep\.yaml$\|\.size\.yaml$' ;;
    sweep_file) ls scenarios/experiments/*.sweep.yaml tests/data/*sweep*/*.yaml 2>/dev/null || true ;;
    size_file) ls scenarios/experiments/*.size.yaml tests/data/*size*/*.yaml 2>/dev/null || true ;;
  esac
}

status=0
for h in "${harnesses[@]}"; do
  corpus=build-fuzz/corpus/$h
  findings=tests/fuzz/findings/$h
  mkdir -p "$corpus" "$findings"
  for f in $(seeds "$h"); do cp -n "$f" "$corpus/seed-$(basename "$f")"; done
  echo "== $h: $minutes min, corpus $(ls "$corpus" | wc -l) files" >&2
  # -rss_limit_mb bounds memory per input; -timeout (s) makes a hang a finding.
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      "build-fuzz/tests/fuzz/fuzz_$h" "$corpus" -dict=tests/fuzz/yaml.dict -max_total_time=$((minutes * 60)) \
      -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 -artifact_prefix="$findings/" \
      2> "build-fuzz/$h.log"; then
    status=1
    echo "$h: FINDING, kept in $findings (log: build-fuzz/$h.log)" >&2
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov: " "build-fuzz/$h.log" | tail -3 >&2
done
exit $status
