// ONNX neural-network operators: MatMul, Gemm, Softmax/LogSoftmax/Hardmax, LayerNormalization.
#include "frontend/onnx/NodeImporter.h"

using namespace mlir;

namespace tfc::onnx_import {
namespace {

LogicalResult importMatMul(NodeImporter &n) {
  auto a = n.requiredInput(0), b = n.requiredInput(1);
  if (failed(a) || failed(b) || failed(n.checkType(*a, kNumeric, "numbers")))
    return failure();
  if (n.typeOf(*a).getElementType() != n.typeOf(*b).getElementType())
    return n.error("inputs have different element types");
  return n.setResult(n.create<MatMulOp>(*a, *b));
}

/// Gemm is alpha * op(A) * op(B) + beta * C, with op a transpose when transA/transB is set.
LogicalResult importGemm(NodeImporter &n) {
  auto a = n.requiredInput(0), b = n.requiredInput(1);
  if (failed(a) || failed(b) || failed(n.checkType(*a, kNumeric, "numbers")))
    return failure();
  if (n.typeOf(*a).getRank() != 2 || n.typeOf(*b).getRank() != 2)
    return n.error("A and B must be matrices");
  Type element = n.typeOf(*a).getElementType();
  if (element != n.typeOf(*b).getElementType())
    return n.error("inputs have different element types");
  Value lhs = *a, rhs = *b;
  if (n.attrInt("transA", 0)) {
    auto t = n.create<TransposeOp>(lhs, ArrayRef<int64_t>{1, 0});
    if (failed(t))
      return failure();
    lhs = *t;
  }
  if (n.attrInt("transB", 0)) {
    auto t = n.create<TransposeOp>(rhs, ArrayRef<int64_t>{1, 0});
    if (failed(t))
      return failure();
    rhs = *t;
  }
  auto y = n.create<MatMulOp>(lhs, rhs);
  if (failed(y))
    return failure();
  float alpha = n.attrFloat("alpha", 1.0f), beta = n.attrFloat("beta", 1.0f);
  if (alpha != 1.0f) {
    y = n.create<MulOp>(*y, n.scalar(element, alpha));
    if (failed(y))
      return failure();
  }
  if (Value c = n.input(2)) {
    if (n.typeOf(c).getElementType() != element)
      return n.error("C has a different element type from A and B");
    if (beta != 1.0f) {
      auto scaled = n.create<MulOp>(c, n.scalar(element, beta));
      if (failed(scaled))
        return failure();
      c = *scaled;
    }
    y = n.create<AddOp>(*y, c);
  }
  return n.setResult(y);
}

} // namespace

Value buildLogSoftmax(NodeImporter &n, Value x, int64_t axis) {
  // x - max - log(sum(exp(x - max))): exp never overflows.
  Value shifted = n.make<SubOp>(x, n.make<ReduceMaxOp>(x, ArrayRef<int64_t>{axis}, true));
  Value sum = n.make<ReduceSumOp>(n.make<ExpOp>(shifted), ArrayRef<int64_t>{axis}, true);
  return n.make<SubOp>(shifted, n.make<LogOp>(sum));
}

namespace {

enum class SoftmaxKind { Softmax, LogSoftmax, Hardmax };

/// The normalization along `axis` of `x`.
Value softmaxAlong(NodeImporter &n, SoftmaxKind kind, Value x, int64_t axis) {
  OpBuilder &b = n.getBuilder();
  switch (kind) {
  case SoftmaxKind::Softmax:
    return n.make<SoftmaxOp>(x, b.getI64IntegerAttr(axis));
  case SoftmaxKind::LogSoftmax:
    return buildLogSoftmax(n, x, axis);
  case SoftmaxKind::Hardmax: {
    // 1 where the index along the axis is the (first) argmax, else 0.
    RankedTensorType type = n.typeOf(x);
    SmallVector<int64_t> positions, shape(type.getRank(), 1);
    for (int64_t i = 0; i < type.getDimSize(axis); ++i)
      positions.push_back(i);
    shape[axis] = type.getDimSize(axis);
    Value arg = n.make<ArgMaxOp>(x, b.getI64IntegerAttr(axis), b.getBoolAttr(true),
                                 b.getBoolAttr(false));
    Value hit = n.make<EqualOp>(arg, n.constantI64(positions, shape));
    return n.make<CastOp>(hit, TypeAttr::get(type.getElementType()));
  }
  }
  return {};
}

template <SoftmaxKind Kind>
LogicalResult importSoftmax(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  int64_t rank = type.getRank();
  if (rank == 0)
    return n.error("input must have rank at least 1");
  if (n.opset() >= 13) {
    auto axis = n.normalizeAxis(n.attrInt("axis", -1), rank, "axis");
    if (failed(axis))
      return failure();
    return n.setValue(softmaxAlong(n, Kind, *x, *axis));
  }
  // Before opset 13, these operators flatten the input to 2-D at `axis` (default 1) and
  // normalize each row of that matrix.
  auto axis = n.normalizeAxis(n.attrInt("axis", 1), rank, "axis");
  if (failed(axis))
    return failure();
  int64_t rows = 1, cols = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < *axis ? rows : cols) *= type.getDimSize(d);
  Value flat = n.make<ReshapeOp>(*x, ArrayRef<int64_t>{rows, cols});
  Value y = flat ? softmaxAlong(n, Kind, flat, 1) : Value();
  return n.setValue(n.make<ReshapeOp>(y, type.getShape()));
}

LogicalResult importLayerNorm(NodeImporter &n) {
  auto x = n.requiredInput(0), scale = n.requiredInput(1);
  if (failed(x) || failed(scale) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  auto axis = n.normalizeAxis(n.attrInt("axis", -1), type.getRank(), "axis");
  if (failed(axis))
    return failure();
  float epsilon = n.attrFloat("epsilon", 1e-5f);
  OpBuilder &b = n.getBuilder();
  Type element = type.getElementType();
  // stash_type 1 (the default) computes in float32; narrower inputs are widened for it.
  Type compute = element;
  if (n.attrInt("stash_type", 1) == 1 && (element.isF16() || element.isBF16()))
    compute = b.getF32Type();
  auto widen = [&](Value v) -> FailureOr<Value> {
    if (!v || n.typeOf(v).getElementType() == compute)
      return v;
    return n.create<CastOp>(v, TypeAttr::get(compute));
  };
  auto xs = widen(*x), gs = widen(*scale), bs = widen(n.input(2));
  if (failed(xs) || failed(gs) || failed(bs))
    return failure();
  auto y = n.create<LayerNormOp>(*xs, *gs, *bs, b.getI64IntegerAttr(*axis),
                                 b.getF64FloatAttr(epsilon));
  if (failed(y))
    return failure();
  if (compute != element)
    y = n.create<CastOp>(*y, TypeAttr::get(element));
  if (failed(y))
    return failure();
  n.setOutput(0, *y);
  if (!n.outputUsed(1) && !n.outputUsed(2))
    return success();

  // Mean and InvStdDev, the optional training outputs, keep the normalized dimensions as 1s.
  SmallVector<int64_t> axes;
  for (int64_t d = *axis; d < type.getRank(); ++d)
    axes.push_back(d);
  auto mean = n.create<ReduceMeanOp>(*xs, axes, true);
  if (failed(mean))
    return failure();
  auto centered = n.create<SubOp>(*xs, *mean);
  if (failed(centered))
    return failure();
  auto squared = n.create<MulOp>(*centered, *centered);
  if (failed(squared))
    return failure();
  auto variance = n.create<ReduceMeanOp>(*squared, axes, true);
  if (failed(variance))
    return failure();
  auto shifted = n.create<AddOp>(*variance, n.scalar(compute, epsilon));
  if (failed(shifted))
    return failure();
  auto root = n.create<SqrtOp>(*shifted);
  if (failed(root))
    return failure();
  auto inv = n.create<ReciprocalOp>(*root);
  if (failed(inv))
    return failure();
  n.setOutput(1, *mean);
  n.setOutput(2, *inv);
  return success();
}

} // namespace

void registerNNImporters(ImporterTable &t) {
  t["MatMul"] = {importMatMul, {}, 2};
  t["Gemm"] = {importGemm,
               {{"alpha", AttrKind::Float},
                {"beta", AttrKind::Float},
                {"transA", AttrKind::Int},
                {"transB", AttrKind::Int}},
               2};
  t["Softmax"] = {importSoftmax<SoftmaxKind::Softmax>, {{"axis", AttrKind::Int}}};
  t["LogSoftmax"] = {importSoftmax<SoftmaxKind::LogSoftmax>, {{"axis", AttrKind::Int}}};
  t["Hardmax"] = {importSoftmax<SoftmaxKind::Hardmax>, {{"axis", AttrKind::Int}}};
  t["LayerNormalization"] = {importLayerNorm,
                             {{"axis", AttrKind::Int},
                              {"epsilon", AttrKind::Float},
                              {"stash_type", AttrKind::Int}},
                             2};
}

} // namespace tfc::onnx_import
