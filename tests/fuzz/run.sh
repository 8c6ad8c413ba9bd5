#!/usr/bin/env bash
# Fuzzes every input loader with libFuzzer (ASan + UBSan) for MINUTES each (default 10):
#   tests/fuzz/run.sh [MINUTES] [HARNESS ...]
#   harnesses: scenario_loader sweep_file size_file snapshot dcsa_feed run_file
# Seeds come from scenarios/ and tests/data/, and for snapshot, dcsa_feed and run_file also from
# small runs made with the normal build's porttwin (build/, or $PORTTWIN): snapshots it saves, the
# DCSA export of a run, and small run files. The corpus grows in build-fuzz/corpus/HARNESS.
# RUNS=N runs each harness for N inputs instead of MINUTES.
# A crash, a leak, a timeout or a refused input whose error has no line:column stops a harness
# and is kept as tests/fuzz/findings/HARNESS/crash-* (or leak-*, timeout-*): turn each into a
# regression file of tests/data/ (with its .expected) that the normal test suite checks.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-10}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(scenario_loader sweep_file size_file snapshot dcsa_feed run_file)
porttwin=${PORTTWIN:-build/sim/app/cli/porttwin}

PORTTWIN_FUZZ=1 ./scripts/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF -DPORTTWIN_FUZZ=ON >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "fuzz_$h"); done
nice cmake --build build-fuzz -j"$(nproc)" "${targets[@]}"

# Small runs for the seeds of the file harnesses, made once in build-fuzz/seeds.
made=build-fuzz/seeds
make_seeds() {
  [ -f "$made/done" ] && return
  if [ ! -x "$porttwin" ]; then
    echo "run.sh: $porttwin not found: build the project first (or set PORTTWIN) for the seeds of $1" >&2
    exit 2
  fi
  mkdir -p "$made"
  "$porttwin" run scenarios/gate_default.yaml --run 0 -q --force --set horizon=1h --set warmup=0s --out "$made/gate.h5" >/dev/null
  "$porttwin" run tests/data/scenarios/corridor_rules.yaml --run 0 -q --force --set horizon=2h --out "$made/corridor.h5" >/dev/null
  "$porttwin" run scenarios/terminal_small.yaml --run 0 -q --force --set horizon=6h --set warmup=0s \
    --save-state 3h --out "$made/terminal.h5" >/dev/null
  "$porttwin" run scenarios/returns_one_way.yaml --run 0 -q --force --set horizon=6h --set warmup=0s \
    --save-state 3h --out "$made/returns.h5" >/dev/null
  "$porttwin" export "$made/terminal.h5" --dcsa "$made/terminal-dcsa.json" >/dev/null 2>&1
  touch "$made/done"
}

seeds() {
  case "$1" in
    scenario_loader) ls scenarios/*.yaml scenarios/*/*.yaml tests/data/bad_scenarios/*.yaml | grep -v '\.sweep\.yaml$\|\.size\.yaml$' ;;
    sweep_file) ls scenarios/experiments/*.sweep.yaml tests/data/*sweep*/*.yaml 2>/dev/null || true ;;
    size_file) ls scenarios/experiments/*.size.yaml tests/data/*size*/*.yaml 2>/dev/null || true ;;
    snapshot) find tests/data/bad_snapshots tests/data/snapshots "$made" -name '*.json' ! -name '*dcsa*' 2>/dev/null ;;
    dcsa_feed) ls tests/data/feeds/*.json tests/data/bad_feeds/*.json "$made"/*dcsa*.json 2>/dev/null || true ;;
    run_file) ls "$made"/*.h5 tests/data/bad_run_files/*.h5 2>/dev/null || true ;;
  esac
}

# Inputs as long as their seeds: a small yard's snapshot is ~450 KiB, a small run file ~200 KiB.
max_len() {
  case "$1" in
    snapshot) echo 524288 ;;
    dcsa_feed) echo 262144 ;;
    run_file) echo 1048576 ;;
    *) echo 8192 ;;
  esac
}

# The YAML dictionary helps the YAML loaders only; JSON and HDF5 inputs are mutated without one.
dict() {
  case "$1" in
    scenario_loader|sweep_file|size_file) echo "-dict=tests/fuzz/yaml.dict" ;;
  esac
}
budget() {
  if [ -n "${RUNS:-}" ]; then echo "-runs=$RUNS"; else echo "-max_total_time=$((minutes * 60))"; fi
}

status=0
for h in "${harnesses[@]}"; do
  corpus=build-fuzz/corpus/$h
  findings=tests/fuzz/findings/$h
  mkdir -p "$corpus" "$findings"
  case "$h" in snapshot|dcsa_feed|run_file) make_seeds "$h" ;; esac
  for f in $(seeds "$h"); do cp -n "$f" "$corpus/seed-$(basename "$f")"; done
  echo "== $h: ${RUNS:+$RUNS inputs, not }$minutes min, corpus $(ls "$corpus" | wc -l) files" >&2
  # -rss_limit_mb bounds memory per input; -timeout (s) makes a hang a finding.
  # tests/fuzz/lsan.supp: one leak inside HDF5 itself, not ours to fix (said there).
  if ! ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan.supp UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      nice -n 19 "build-fuzz/tests/fuzz/fuzz_$h" "$corpus" $(dict "$h") $(budget) \
      -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$h")" -print_final_stats=1 -artifact_prefix="$findings/" \
      2> "build-fuzz/$h.log"; then
    status=1
    echo "$h: FINDING, kept in $findings (log: build-fuzz/$h.log)" >&2
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov: " "build-fuzz/$h.log" | tail -3 >&2
done
exit $status
