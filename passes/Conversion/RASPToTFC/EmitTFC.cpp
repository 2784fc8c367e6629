// Emits a compiled RASP transformer as a tfc-dialect function: embeddings, attention layers
// (multi-head, as exported transformers spell them), ReLU MLPs and the unembedding.
#include "passes/Conversion/RASPToTFC/Transformer.h"

#include "dialect/TFC/TFCOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace tfc::rasp {
namespace {

class Emitter {
public:
  Emitter(ModuleOp module, Location loc) : b(module.getContext()), loc(loc) {
    b.setInsertionPointToEnd(module.getBody());
  }

  Value constant(ArrayRef<int64_t> shape, ArrayRef<float> values) {
    auto type = RankedTensorType::get(shape, b.getF32Type());
    return tfc::ConstantOp::create(b, loc, DenseElementsAttr::get(type, values));
  }
  Value matrix(const WeightMatrix &m) {
    std::vector<float> values(m.data.begin(), m.data.end());
    return constant({m.rows, m.cols}, values);
  }
  /// Columns [from, from + count) of `m`.
  Value columns(const WeightMatrix &m, int64_t from, int64_t count) {
    std::vector<float> values;
    for (int64_t r = 0; r < m.rows; ++r)
      for (int64_t c = from; c < from + count; ++c)
        values.push_back(static_cast<float>(m.at(r, c)));
    return constant({m.rows, count}, values);
  }

  OpBuilder b;
  Location loc;
};

} // namespace

void emitTFC(const CompiledTransformer &model, ModuleOp module, int64_t batch) {
  Emitter e(module, module.getLoc());
  OpBuilder &b = e.b;
  Location loc = e.loc;
  int64_t t = model.maxSeqLen + 1;
  int64_t k = model.unembedding.cols;
  auto tokensType = RankedTensorType::get({batch, t}, b.getI64Type());
  auto outputType = RankedTensorType::get({batch, t, k}, b.getF32Type());
  auto func = func::FuncOp::create(b, loc, "main", b.getFunctionType({tokensType}, {outputType}));
  func.setArgAttr(0, "tfc.name", b.getStringAttr("tokens"));
  func.setResultAttr(0, "tfc.name", b.getStringAttr(model.numericalOutput ? "value" : "logits"));
  Block *entry = func.addEntryBlock();
  b.setInsertionPointToStart(entry);

  Value x = tfc::GatherOp::create(b, loc, e.matrix(model.tokenEmbedding), entry->getArgument(0),
                                  /*axis=*/0);
  x = tfc::AddOp::create(b, loc, x, e.matrix(model.positionEmbedding));
  Value mask;
  if (model.causal) {
    std::vector<float> values(t * t, 0.0f);
    for (int64_t q = 0; q < t; ++q)
      for (int64_t key = q + 1; key < t; ++key)
        values[q * t + key] = -1e9f;
    mask = e.constant({t, t}, values);
  }
  for (const TransformerLayer &layer : model.layers) {
    if (!layer.heads.empty()) {
      auto h = static_cast<int64_t>(layer.heads.size());
      int64_t dk = std::max<int64_t>(layer.keySize, 1), dv = std::max<int64_t>(layer.valueSize, 1);
      auto split = [&](Value projected, int64_t size, ArrayRef<int64_t> perm) {
        Value r = tfc::ReshapeOp::create(b, loc, projected,
                                         ArrayRef<int64_t>{batch, t, h, size});
        return tfc::TransposeOp::create(b, loc, r, perm).getResult();
      };
      auto project = [&](const WeightMatrix AttentionHead::*which, int64_t size) {
        return tfc::MatMulOp::create(b, loc, x, e.matrix(layer.sideBySide(which, size)))
            .getResult();
      };
      Value q = split(project(&AttentionHead::query, dk), dk, {0, 2, 1, 3});
      Value kT = split(project(&AttentionHead::key, dk), dk, {0, 2, 3, 1});
      Value v = split(project(&AttentionHead::value, dv), dv, {0, 2, 1, 3});
      Value scores = tfc::MatMulOp::create(b, loc, q, kT);
      if (mask)
        scores = tfc::AddOp::create(b, loc, scores, mask);
      Value probs = tfc::SoftmaxOp::create(b, loc, scores, /*axis=*/3);
      Value heads = tfc::MatMulOp::create(b, loc, probs, v);
      heads = tfc::TransposeOp::create(b, loc, heads, ArrayRef<int64_t>{0, 2, 1, 3});
      heads = tfc::ReshapeOp::create(b, loc, heads, ArrayRef<int64_t>{batch, t, h * dv});
      Value wo = e.matrix(layer.stackedOutputs(dv));
      x = tfc::AddOp::create(b, loc, x, tfc::MatMulOp::create(b, loc, heads, wo));
    }
    if (layer.mlpIn.cols > 0) {
      Value hidden = tfc::MatMulOp::create(b, loc, x, e.matrix(layer.mlpIn));
      hidden = tfc::ReluOp::create(b, loc, hidden);
      x = tfc::AddOp::create(b, loc, x, tfc::MatMulOp::create(b, loc, hidden, e.matrix(layer.mlpOut)));
    }
  }
  Value out = tfc::MatMulOp::create(b, loc, x, e.matrix(model.unembedding));
  func::ReturnOp::create(b, loc, out);
}

} // namespace tfc::rasp
