#!/usr/bin/env bash
# Installs every Debian package porttwin builds, tests and views with.
# Idempotent: does nothing when all are present. Works as root or through sudo.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsimgrid-dev libboost-dev        # engine (SimGrid 3.32 headers need Boost)
  libeigen3-dev                      # linear algebra (traffic equations, device flow balance)
  liblemon-dev                       # min-cost flow (network simplex) for device rebalancing
  libyaml-cpp-dev                    # scenario files
  nlohmann-json3-dev                 # snapshots of the twin's state (JSON)
  libhdf5-dev                        # run files
  libssl-dev                         # SHA-256 of the scenario text and of the event timeline (libcrypto)
  libsodium-dev                      # Ed25519 signatures of the timeline's tree heads
  libcsv-dev                         # real logs (CSV) replayed as arrival traces
  libxxhash-dev                      # fast 64-bit hashes: stream seeds, run fingerprints
  libcli11-dev                       # command line
  catch2                             # tests (2.13)
  libimgui-dev libglfw3-dev          # viewer
  libstb-dev                         # viewer: PNG screenshots (stb_image_write), read back in tests
  xvfb xauth                         # viewer: headless screenshots and their tests (xvfb-run)
  libgl1-mesa-dri libglx-mesa0       # viewer: Mesa's software OpenGL (llvmpipe) where there is no GPU
  python3-h5py python3-numpy python3-matplotlib  # analysis scripts and report plots
  python3-pandas                     # analysis/porttwin.py: run files and sweeps as DataFrames (docs/tables.md)
  python3-xxhash                     # analysis/porttwin.py checks the event log against its fingerprint
  python3-jsonschema                 # tests: saved snapshots validate against `porttwin schema --snapshot`
  openmpi-bin libopenmpi-dev         # sweeps across MPI ranks (mpirun, srun)
  chromium                           # the report test opens the HTML page in headless Chromium
)
# Fuzzing (tests/fuzz/run.sh) only when asked for: PORTTWIN_FUZZ=1 scripts/install-deps.sh
if [ "${PORTTWIN_FUZZ:-0}" = 1 ]; then
  packages+=(clang libclang-rt-dev)  # libFuzzer and the sanitizer runtimes for clang
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "install-deps: installing ${missing[*]}" >&2
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
