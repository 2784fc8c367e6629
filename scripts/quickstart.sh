#!/usr/bin/env bash
# Builds tfc, compiles the bundled BERT-shaped encoder to a shared library, runs it, prints
# its outputs and compares them with the onnxruntime reference stored next to the model.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${TFC_BUILD_DIR:-$root/build}"
example="$root/examples/bert-tiny"

bash "$root/scripts/build.sh"
tfc="$build/bin/tfc"
mkdir -p "$build/examples"
echo "== tfc compile examples/bert-tiny/model.onnx -o build/examples/bert-tiny.so"
"$tfc" compile "$example/model.onnx" -o "$build/examples/bert-tiny.so"
inputs=(--input "$example/inputs/input_ids.npy"
        --input "$example/inputs/attention_mask.npy"
        --input "$example/inputs/token_type_ids.npy")
echo "== tfc run build/examples/bert-tiny.so (outputs)"
"$tfc" run "$build/examples/bert-tiny.so" "${inputs[@]}"
echo "== tfc run build/examples/bert-tiny.so --expect (onnxruntime reference, |error| <= 1e-4)"
"$tfc" run "$build/examples/bert-tiny.so" "${inputs[@]}" \
  --expect "$example/expected/last_hidden_state.npy" \
  --expect "$example/expected/pooler_output.npy" --atol 1e-4 --rtol 0
