#!/usr/bin/env bash
# Set-up and the main job in one: installs what is missing, builds, and runs the default scenario
# (scenarios/terminal_small.yaml, all its replications), printing its KPIs and run files.
# Extra arguments go to `porttwin run`, e.g. scripts/run.sh --run 0 --set terminal.gate.in_lanes=3
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j"$(nproc)" --target porttwin >> build.log 2>&1 || { cat build.log; exit 1; }
exec build/sim/app/cli/porttwin run scenarios/terminal_small.yaml "$@"
