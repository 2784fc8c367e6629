// Writes a transformer compiled from RASP as a standard ONNX model (opset 17).
#ifndef TFC_PASSES_TARGET_ONNX_EXPORTTRANSFORMER_H
#define TFC_PASSES_TARGET_ONNX_EXPORTTRANSFORMER_H

#include "passes/Conversion/RASPToTFC/Transformer.h"
#include <string>

namespace tfc::rasp {

/// Writes `model` to `path` with a symbolic batch dimension: input `tokens` (int64
/// [batch, max_seq_len + 1]) and output `logits` or `value`. The vocabulary, the special token
/// ids and the output values are stored as metadata. Nothing is left at `path` on failure.
bool writeONNX(const CompiledTransformer &model, const std::string &path, std::string &error);

} // namespace tfc::rasp

#endif
