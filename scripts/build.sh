#!/usr/bin/env bash
# Installs missing Debian packages, then configures (first time) and builds tfc in build/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${TFC_BUILD_DIR:-$root/build}"

bash "$root/scripts/install-deps.sh"
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build"
