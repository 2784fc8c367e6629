// A transformer compiled from a RASP program: configuration, concrete weights, and what each
// head and MLP computes (for --report and --explain).
#ifndef TFC_PASSES_CONVERSION_RASPTOTFC_TRANSFORMER_H
#define TFC_PASSES_CONVERSION_RASPTOTFC_TRANSFORMER_H

#include "dialect/RASP/Atom.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tfc::rasp {

class ProgramOp;

/// A dense row-major matrix of weights (doubles; emitted as f32).
struct WeightMatrix {
  int64_t rows = 0, cols = 0;
  std::vector<double> data;
  WeightMatrix() = default;
  WeightMatrix(int64_t rows, int64_t cols) : rows(rows), cols(cols), data(rows * cols, 0.0) {}
  double &at(int64_t r, int64_t c) { return data[r * cols + c]; }
  double at(int64_t r, int64_t c) const { return data[r * cols + c]; }
};

struct AttentionHead {
  WeightMatrix query, key;    ///< d x keySize each: logits = (x Wq)(x Wk)^T
  WeightMatrix value, output; ///< d x valueSize and valueSize x d
  std::string explain;        ///< the RASP operation it implements
};

struct MLPPart {
  int64_t firstUnit = 0, units = 0; ///< the hidden units it owns in its layer
  std::string explain;
};

struct TransformerLayer {
  std::vector<AttentionHead> heads; ///< all with the layer's key and value size
  int64_t keySize = 0, valueSize = 0;
  WeightMatrix mlpIn, mlpOut; ///< d x hidden, hidden x d (ReLU between; no biases)
  std::vector<MLPPart> mlpParts;

  /// Every head's query, key or value matrix side by side, each padded to `size` columns:
  /// d x (heads * size), the projection of multi-head attention.
  WeightMatrix sideBySide(const WeightMatrix AttentionHead::*which, int64_t size) const;
  /// Every head's output matrix stacked, each padded to `size` rows: (heads * size) x d.
  WeightMatrix stackedOutputs(int64_t size) const;
};

/// The compiled model. Input: token ids [batch, maxSeqLen + 1], position 0 holding BOS and the
/// positions after the input PAD. Ids: vocab[i] -> i, BOS -> vocab.size(), PAD -> vocab.size()+1.
/// Output: [batch, maxSeqLen + 1, K] logits over `outputValues` (categorical output: take the
/// argmax) or K = 1, the value itself (numerical output). Positions 0 and the PADs are
/// meaningless.
struct CompiledTransformer {
  std::string name;
  std::vector<std::string> vocab;
  int64_t maxSeqLen = 0;
  bool causal = false;
  std::vector<std::string> residualLabels;
  WeightMatrix tokenEmbedding;    ///< (vocab + 2) x d
  WeightMatrix positionEmbedding; ///< (maxSeqLen + 1) x d
  std::vector<TransformerLayer> layers;
  WeightMatrix unembedding; ///< d x K
  bool numericalOutput = false;
  std::vector<Atom> outputValues; ///< categorical: the value of each output column
  std::vector<std::string> notes; ///< exactness margins, folded operations

  int64_t residualWidth() const { return static_cast<int64_t>(residualLabels.size()); }
  int64_t bosId() const { return static_cast<int64_t>(vocab.size()); }
  int64_t padId() const { return static_cast<int64_t>(vocab.size()) + 1; }
  int64_t maxHeads() const;
  int64_t mlpWidth() const; ///< the widest layer's hidden units (Tracr's mlp_hidden_size)
  int64_t parameterCount() const;

  void printReport(llvm::raw_ostream &os) const;
  void printExplain(llvm::raw_ostream &os) const;
};

struct BuildOptions {
  bool causal = false;
};

/// Compiles a rasp.program that has value sets (rasp-infer-value-sets) into a transformer.
/// Anything that cannot be compiled exactly is an error located at the RASP operation.
mlir::FailureOr<CompiledTransformer> buildTransformer(ProgramOp program,
                                                      const BuildOptions &options);

/// Emits `model` as a tfc-dialect function @main(tokens) -> output in `module`.
void emitTFC(const CompiledTransformer &model, mlir::ModuleOp module, int64_t batch);

} // namespace tfc::rasp

#endif
