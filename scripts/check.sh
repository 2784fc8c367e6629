#!/usr/bin/env bash
# Builds tfc and runs the whole test suite through ctest (lit, ONNX node tests, runtime tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${TFC_BUILD_DIR:-$root/build}"

bash "$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure
