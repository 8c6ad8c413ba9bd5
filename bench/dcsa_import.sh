#!/usr/bin/env bash
# Speed of reading a DCSA feed (issue 20's target: the export of a 28-day mainline run, about 1.5 M
# events, in under 10 s): the run once with every event recorded, its export, then three times
# `porttwin snapshot --from-dcsa` (the state at the last event, checked as run --from checks it) and
# once `porttwin kpis` (wall time, peak memory).
# Default: scenarios/terminal_mainline.yaml for 28 days. Usage: bench/dcsa_import.sh [BUILD_DIR] [SCENARIO]
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
scenario=${2:-$here/scenarios/terminal_mainline.yaml}
porttwin="$build/sim/app/cli/porttwin"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$porttwin" run "$scenario" --run 0 -q --out "$dir/run.h5" --set horizon=28d --set record.events=true >/dev/null
"$porttwin" export "$dir/run.h5" --dcsa "$dir/events.json" 2>&1 | grep -E "written"
ls -l "$dir"/events.json | awk '{printf "  events.json: %.1f MiB\n", $5 / 1048576}'
for round in 1 2 3; do
  /usr/bin/time -f "snapshot round $round: %e s wall, %U s user, %M KiB peak" \
    "$porttwin" snapshot --from-dcsa "$dir/events.json" --scenario "$scenario" --set horizon=28d -o "$dir/snapshot.json" 2>&1 |
    grep -E "round|boxes in|vessels:"
done
/usr/bin/time -f "kpis: %e s wall, %U s user, %M KiB peak" \
  "$porttwin" kpis "$dir/events.json" --scenario "$scenario" --set horizon=28d 2>&1 | grep -E "kpis:|truck_turn.mean"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
