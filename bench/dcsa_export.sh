#!/usr/bin/env bash
# Speed of `porttwin export --dcsa` (issue 20's target: a 28-day mainline run, about 1.5 M events, in
# under 10 s): the run once with every event recorded, then the export three times (wall time, peak
# memory, events written, file size), plain and with --tnt3-draft.
# Default: scenarios/terminal_mainline.yaml for 28 days. Usage: bench/dcsa_export.sh [BUILD_DIR] [SCENARIO]
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
scenario=${2:-$here/scenarios/terminal_mainline.yaml}
porttwin="$build/sim/app/cli/porttwin"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$porttwin" run "$scenario" --run 0 -q --out "$dir/run.h5" --set horizon=28d --set record.events=true >/dev/null
for round in 1 2 3; do
  /usr/bin/time -f "round $round: %e s wall, %U s user, %M KiB peak" \
    "$porttwin" export "$dir/run.h5" --dcsa "$dir/events.json" 2>&1 | grep -E "round|written"
done
/usr/bin/time -f "--tnt3-draft: %e s wall, %M KiB peak" \
  "$porttwin" export "$dir/run.h5" --dcsa "$dir/draft.json" --tnt3-draft 2>&1 | grep -E "draft:|written"
ls -l "$dir"/events.json | awk '{printf "  events.json: %.1f MiB\n", $5 / 1048576}'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
