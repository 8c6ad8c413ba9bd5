#!/usr/bin/env bash
# Viewer figures (issue 9): a simulated week of terminal_mainline with its run file, then
#  - open: RunSource + move log + event index, as `porttwin view` opens a file;
#  - frame: the whole window (timeline, yard plan of the 33 blocks, KPIs, inspector, bay view)
#    drawn at a new moment every frame (the yard rebuilt each time) with Mesa's software renderer
#    under xvfb-run, mean and worst over N frames; and the yard plan alone;
#  - rewind: yard_state_at at 20 moments through porttwin_bench_terminal.
# Usage: bench/viewer.sh [BUILD_DIR] [FRAMES]   (defaults: build, 60)
set -euo pipefail
build=${1:-build}
frames=${2:-60}
here=$(cd "$(dirname "$0")/.." && pwd)
run=$(mktemp -d)/mainline-week.h5
trap 'rm -rf "$(dirname "$run")"' EXIT
"$build/sim/app/cli/porttwin" run "$here/scenarios/terminal_mainline.yaml" --run 0 --set horizon=7d --set warmup=1d -q \
  --out "$run" >/dev/null
ls -l "$run" | awk '{printf "run file: %.1f MiB\n", $5 / 1048576}'
for panel in all yard; do
  xvfb-run -a -s '-screen 0 1920x1080x24' "$build/viz/porttwin-view" "$run" --bench-frames "$frames" \
    --size 1600x900 --panel "$panel"
done
"$build/bench/porttwin_bench_terminal" --horizon 7d --warmup 1d --with-file --rewind-queries 20 | grep -i rewind
