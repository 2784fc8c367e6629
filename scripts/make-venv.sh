#!/usr/bin/env bash
# Creates .venv with onnxruntime from PyPI on top of Debian's onnx and numpy, for the scripts
# that make examples and for benchmarks. The test suite never needs it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  /usr/bin/python3 -m venv --system-site-packages "$venv"
fi
if ! "$venv/bin/python" -c "import onnxruntime" 2>/dev/null; then
  "$venv/bin/pip" install --quiet onnxruntime
fi
echo "$venv/bin/python"
