// ONNX reductions: ReduceSum/Mean/Max/Min/Prod, the composite ReduceL1/L2/SumSquare/LogSum/
// LogSumExp, ArgMax/ArgMin and CumSum.
#include "frontend/onnx/NodeImporter.h"

using namespace mlir;

namespace tfc::onnx_import {
namespace {

/// The axes a reduction runs over, normalized and sorted: from an input (ReduceSum from
/// opset 13, the others from 18) or the `axes` attribute; no axes means all of them, unless
/// noop_with_empty_axes, for which this returns std::nullopt.
FailureOr<std::optional<SmallVector<int64_t>>> reduceAxes(NodeImporter &n, Value x) {
  int64_t rank = n.typeOf(x).getRank();
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
    if (n.attrInt("noop_with_empty_axes", 0))
      return std::optional<SmallVector<int64_t>>();
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
  return std::optional<SmallVector<int64_t>>(normalized);
}

template <typename OpTy>
LogicalResult importReduce(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kNumeric, "numbers")))
    return failure();
  auto axes = reduceAxes(n, *x);
  if (failed(axes))
    return failure();
  if (!*axes)
    return n.setValue(*x);
  bool keepdims = n.attrInt("keepdims", 1) != 0;
  return n.setResult(n.create<OpTy>(*x, **axes, keepdims));
}

enum class Composite { L1, L2, SumSquare, LogSum, LogSumExp };

/// The reductions ONNX defines through a sum: an element-wise map, the sum, then a map of
/// the result. With noop_with_empty_axes and no axes only the element-wise map applies.
template <Composite Kind>
LogicalResult importCompositeReduce(NodeImporter &n) {
  constexpr bool floatOnly =
      Kind == Composite::L2 || Kind == Composite::LogSum || Kind == Composite::LogSumExp;
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, floatOnly ? kFloat : kNumeric,
                                      floatOnly ? "floats" : "numbers")))
    return failure();
  auto axes = reduceAxes(n, *x);
  if (failed(axes))
    return failure();
  bool keepdims = n.attrInt("keepdims", 1) != 0;
  Value v = *x;
  switch (Kind) {
  case Composite::L1:
    v = n.make<AbsOp>(v);
    break;
  case Composite::L2:
  case Composite::SumSquare:
    v = n.make<MulOp>(v, v);
    break;
  case Composite::LogSum:
    break;
  case Composite::LogSumExp:
    if (!*axes)
      return n.setValue(v);
    {
      // log(sum(exp(x - max))) + max never overflows exp.
      Value max = n.make<ReduceMaxOp>(v, **axes, true);
      Value sum = n.make<ReduceSumOp>(n.make<ExpOp>(n.make<SubOp>(v, max)), **axes, true);
      Value y = n.make<AddOp>(n.make<LogOp>(sum), max);
      if (!keepdims)
        y = n.make<SqueezeOp>(y, **axes);
      return n.setValue(y);
    }
  }
  if (!*axes)
    return n.setValue(v);
  v = n.make<ReduceSumOp>(v, **axes, keepdims);
  if (Kind == Composite::L2)
    v = n.make<SqrtOp>(v);
  if (Kind == Composite::LogSum)
    v = n.make<LogOp>(v);
  return n.setValue(v);
}

template <typename OpTy>
LogicalResult importArg(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kNumeric, "numbers")))
    return failure();
  auto axis = n.normalizeAxis(n.attrInt("axis", 0), n.typeOf(*x).getRank(), "axis");
  if (failed(axis))
    return failure();
  OpBuilder &b = n.getBuilder();
  return n.setResult(n.create<OpTy>(*x, b.getI64IntegerAttr(*axis),
                                    b.getBoolAttr(n.attrInt("keepdims", 1) != 0),
                                    b.getBoolAttr(n.attrInt("select_last_index", 0) != 0)));
}

LogicalResult importCumSum(NodeImporter &n) {
  auto x = n.requiredInput(0), axisInput = n.requiredInput(1);
  if (failed(x) || failed(axisInput) || failed(n.checkType(*x, kNumeric, "numbers")))
    return failure();
  auto axisValues = n.constantInts(*axisInput, "input 'axis'");
  if (failed(axisValues))
    return failure();
  if (axisValues->size() != 1)
    return n.error("input 'axis' must hold one value");
  auto axis = n.normalizeAxis(axisValues->front(), n.typeOf(*x).getRank(), "axis");
  if (failed(axis))
    return failure();
  OpBuilder &b = n.getBuilder();
  return n.setResult(n.create<CumSumOp>(*x, b.getI64IntegerAttr(*axis),
                                        b.getBoolAttr(n.attrInt("exclusive", 0) != 0),
                                        b.getBoolAttr(n.attrInt("reverse", 0) != 0)));
}

} // namespace

void registerReductionImporters(ImporterTable &t) {
  std::vector<AttrSpec> reduceAttrs = {{"axes", AttrKind::Ints},
                                       {"keepdims", AttrKind::Int},
                                       {"noop_with_empty_axes", AttrKind::Int}};
  t["ReduceSum"] = {importReduce<ReduceSumOp>, reduceAttrs};
  t["ReduceMean"] = {importReduce<ReduceMeanOp>, reduceAttrs};
  t["ReduceMax"] = {importReduce<ReduceMaxOp>, reduceAttrs};
  t["ReduceMin"] = {importReduce<ReduceMinOp>, reduceAttrs};
  t["ReduceProd"] = {importReduce<ReduceProdOp>, reduceAttrs};
  t["ReduceL1"] = {importCompositeReduce<Composite::L1>, reduceAttrs};
  t["ReduceL2"] = {importCompositeReduce<Composite::L2>, reduceAttrs};
  t["ReduceSumSquare"] = {importCompositeReduce<Composite::SumSquare>, reduceAttrs};
  t["ReduceLogSum"] = {importCompositeReduce<Composite::LogSum>, reduceAttrs};
  t["ReduceLogSumExp"] = {importCompositeReduce<Composite::LogSumExp>, reduceAttrs};
  std::vector<AttrSpec> argAttrs = {{"axis", AttrKind::Int},
                                    {"keepdims", AttrKind::Int},
                                    {"select_last_index", AttrKind::Int}};
  t["ArgMax"] = {importArg<ArgMaxOp>, argAttrs};
  t["ArgMin"] = {importArg<ArgMinOp>, argAttrs};
  t["CumSum"] = {importCumSum, {{"exclusive", AttrKind::Int}, {"reverse", AttrKind::Int}}, 2};
}

} // namespace tfc::onnx_import
