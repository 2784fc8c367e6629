// ONNX neural-network operators: MatMul, Gemm, reductions, Softmax, LayerNormalization.
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

/// Reductions take their axes from an input (ReduceSum from opset 13, the others from 18)
/// or from the `axes` attribute; no axes means all of them, unless noop_with_empty_axes.
template <typename OpTy>
LogicalResult importReduce(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kNumeric, "numbers")))
    return failure();
  int64_t rank = n.typeOf(*x).getRank();
  SmallVector<int64_t> axes;
  if (Value axesInput = n.input(1)) {
    auto values = n.constantInts(axesInput, "input 'axes'");
    if (failed(values))
      return failure();
    axes = *values;
  } else if (auto attr = n.attrInts("axes")) {
    axes = *attr;
  }
  if (axes.empty()) {
    if (n.attrInt("noop_with_empty_axes", 0)) {
      n.setOutput(0, *x);
      return success();
    }
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
  }
  SmallVector<int64_t> normalized;
  for (int64_t a : axes) {
    auto axis = n.normalizeAxis(a, rank, "axis");
    if (failed(axis))
      return failure();
    if (!llvm::is_contained(normalized, *axis))
      normalized.push_back(*axis);
  }
  llvm::sort(normalized);
  bool keepdims = n.attrInt("keepdims", 1) != 0;
  return n.setResult(n.create<OpTy>(*x, normalized, keepdims));
}

LogicalResult importSoftmax(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  int64_t rank = type.getRank();
  if (rank == 0)
    return n.error("input must have rank at least 1");
  OpBuilder &b = n.getBuilder();
  if (n.opset() >= 13) {
    auto axis = n.normalizeAxis(n.attrInt("axis", -1), rank, "axis");
    if (failed(axis))
      return failure();
    return n.setResult(n.create<SoftmaxOp>(*x, b.getI64IntegerAttr(*axis)));
  }
  // Before opset 13, Softmax flattens the input to 2-D at `axis` (default 1) and normalizes
  // each row of that matrix.
  auto axis = n.normalizeAxis(n.attrInt("axis", 1), rank, "axis");
  if (failed(axis))
    return failure();
  int64_t rows = 1, cols = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < *axis ? rows : cols) *= type.getDimSize(d);
  auto flat = n.create<ReshapeOp>(*x, ArrayRef<int64_t>{rows, cols});
  if (failed(flat))
    return failure();
  auto soft = n.create<SoftmaxOp>(*flat, b.getI64IntegerAttr(1));
  if (failed(soft))
    return failure();
  return n.setResult(n.create<ReshapeOp>(*soft, type.getShape()));
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
  std::vector<AttrSpec> reduceAttrs = {{"axes", AttrKind::Ints},
                                       {"keepdims", AttrKind::Int},
                                       {"noop_with_empty_axes", AttrKind::Int}};
  t["ReduceSum"] = {importReduce<ReduceSumOp>, reduceAttrs};
  t["ReduceMean"] = {importReduce<ReduceMeanOp>, reduceAttrs};
  t["ReduceMax"] = {importReduce<ReduceMaxOp>, reduceAttrs};
  t["Softmax"] = {importSoftmax, {{"axis", AttrKind::Int}}};
  t["LayerNormalization"] = {importLayerNorm,
                             {{"axis", AttrKind::Int},
                              {"epsilon", AttrKind::Float},
                              {"stash_type", AttrKind::Int}},
                             2};
}

} // namespace tfc::onnx_import
