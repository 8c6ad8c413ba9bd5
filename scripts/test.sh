#!/usr/bin/env bash
# Set-up and the whole test suite in one: installs what is missing, builds everything with
# warnings on, runs every Catch2 test through CTest. Set PORTTWIN_SANITIZE=1 for an ASan/UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
build=build
flags=(-DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON)
if [ "${PORTTWIN_SANITIZE:-0}" = 1 ]; then
  build=build-sanitize
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON -DPORTTWIN_SANITIZE=ON)
fi
cmake -S . -B "$build" "${flags[@]}"
cmake --build "$build" -j"$(nproc)"
cd "$build"
ctest -j"$(nproc)" --output-on-failure
