#!/usr/bin/env bash
# Track-writing cost (issue 6): scenarios/corridor_belarus_scale.yaml (about 10,000 active e-seals
# reporting every 5 min for 30 days, the corridor's scale scenario, also porttwin_bench_corridor's)
# run with and without /corridor tracks, CPU (user + system) time and run file size of each; then the
# viewer's corridor map on that file (frames of the map alone).
# Usage: bench/corridor_tracks.sh [BUILD_DIR] [EXTRA --set ...]   (default build; e.g. --set horizon=5d)
set -euo pipefail
build=${1:-build}
shift || true
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for tracks in false true; do
  /usr/bin/time -f "record_tracks=$tracks: %U s user, %S s system, %e s wall, %M KiB peak" \
    "$build/sim/app/cli/porttwin" run "$here/scenarios/corridor_belarus_scale.yaml" --run 0 -q --out "$dir/run-$tracks.h5" \
    --set corridor.record_tracks=$tracks "$@" >/dev/null
  ls -l "$dir/run-$tracks.h5" | awk '{printf "  run file: %.1f MiB\n", $5 / 1048576}'
done
if command -v xvfb-run >/dev/null; then
  xvfb-run -a -s '-screen 0 1920x1080x24' "$build/viz/porttwin-view" "$dir/run-true.h5" --at 15d --bench-frames 30 \
    --size 1600x900 --panel corridor
fi
