#!/usr/bin/env bash
# Cost of the provable event timeline (issue 24): the same run with and without the Merkle tree and
# its tree heads (integrity.enabled), CPU time, peak memory and run-file size of each, three times
# in turn; then `porttwin verify` of the file with the tree, and a signed run.
# Default: scenarios/terminal_mainline.yaml for 28 days with every event recorded (about 2.2 M rows).
# Usage: bench/timeline_overhead.sh [BUILD_DIR] [SCENARIO] [EXTRA --set ...]
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
scenario=${2:-$here/scenarios/terminal_mainline.yaml}
shift 2 || shift $# || true
porttwin="$build/sim/app/cli/porttwin"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sets=(--set horizon=28d --set record.events=true "$@")
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in 1 2 3; do
  for tree in false true; do
    /usr/bin/time -f "round $round integrity=$tree: %U s user, %S s system, %M KiB peak" \
      "$porttwin" run "$scenario" --run 0 -q --out "$dir/run-$tree.h5" "${sets[@]}" --set integrity.enabled=$tree >/dev/null
  done
done
ls -l "$dir"/run-*.h5 | awk '{printf "  %s: %.1f MiB\n", $9, $5 / 1048576}'
/usr/bin/time -f "verify: %e s wall, %U s user, %M KiB peak" "$porttwin" verify "$dir/run-true.h5"
"$porttwin" keygen "$dir/key" >/dev/null
/usr/bin/time -f "signed run: %U s user" \
  "$porttwin" run "$scenario" --run 0 -q --out "$dir/signed.h5" "${sets[@]}" --sign-key "$dir/key.key" >/dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
