// ONNX loss operators: NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss, built from
// gathers and reductions.
#include "frontend/onnx/NodeImporter.h"

using namespace mlir;

namespace tfc::onnx_import {
namespace {

/// -logp[n, target, d...] * weight[target], reduced as `reduction` says; targets equal to
/// ignore_index contribute nothing (and no weight to the mean).
LogicalResult nllLoss(NodeImporter &n, Value logp, Value target, Value weight) {
  RankedTensorType type = n.typeOf(logp);
  if (type.getRank() < 2)
    return n.error("input must have rank at least 2 ([N, C, ...])");
  if (failed(n.checkType(target, kSignedInt, "int32/int64 targets")))
    return failure();
  if (n.typeOf(target).getRank() != type.getRank() - 1)
    return n.error("target must have the input's rank minus one");
  if (weight && n.typeOf(weight).getElementType() != type.getElementType())
    return n.error("weight must have the input's element type");
  std::string reduction = n.attrString("reduction", "mean");
  if (reduction != "none" && reduction != "sum" && reduction != "mean")
    return n.error("reduction must be none, sum or mean");
  Value zero = n.scalarLike(target, 0);
  Value ignored, safe = target;
  if (n.hasAttr("ignore_index")) {
    ignored = n.make<EqualOp>(target, n.scalarLike(target, n.attrInt("ignore_index", 0)));
    safe = n.make<WhereOp>(ignored, zero, target); // any valid class: its loss is masked
  }
  Value picked = n.make<GatherElementsOp>(logp, n.make<UnsqueezeOp>(safe, ArrayRef<int64_t>{1}),
                                          n.getBuilder().getI64IntegerAttr(1));
  picked = n.make<SqueezeOp>(picked, ArrayRef<int64_t>{1});
  Value w;
  if (weight)
    w = n.make<GatherOp>(weight, safe, n.getBuilder().getI64IntegerAttr(0));
  if (ignored) {
    Value keep = n.make<WhereOp>(ignored, n.scalarLike(logp, 0), n.scalarLike(logp, 1));
    w = w ? n.make<MulOp>(w, keep) : keep;
  }
  Value loss = n.make<NegOp>(picked);
  if (w)
    loss = n.make<MulOp>(loss, w);
  if (reduction == "none" || !loss)
    return n.setValue(loss);
  SmallVector<int64_t> all;
  for (int64_t d = 0; d < n.typeOf(loss).getRank(); ++d)
    all.push_back(d);
  Value sum = n.make<ReduceSumOp>(loss, all, false);
  if (reduction == "sum")
    return n.setValue(sum);
  if (!w)
    return n.setValue(n.make<ReduceMeanOp>(loss, all, false));
  // The weighted mean divides by the weights of the targets that count.
  Value total = n.make<ReduceSumOp>(n.make<ExpandOp>(w, n.typeOf(loss).getShape()), all, false);
  return n.setValue(n.make<DivOp>(sum, total));
}

LogicalResult importNLL(NodeImporter &n) {
  auto input = n.requiredInput(0), target = n.requiredInput(1);
  if (failed(input) || failed(target) || failed(n.checkType(*input, kFloat, "floats")))
    return failure();
  return nllLoss(n, *input, *target, n.input(2));
}

LogicalResult importSoftmaxCrossEntropy(NodeImporter &n) {
  auto scores = n.requiredInput(0), labels = n.requiredInput(1);
  if (failed(scores) || failed(labels) || failed(n.checkType(*scores, kFloat, "floats")))
    return failure();
  if (n.typeOf(*scores).getRank() < 2)
    return n.error("scores must have rank at least 2 ([N, C, ...])");
  Value logp = buildLogSoftmax(n, *scores, 1);
  if (!logp || failed(nllLoss(n, logp, *labels, n.input(2))))
    return failure();
  if (n.outputUsed(1))
    n.setOutput(1, logp);
  return success();
}

} // namespace

void registerLossImporters(ImporterTable &t) {
  std::vector<AttrSpec> attrs = {{"reduction", AttrKind::String},
                                 {"ignore_index", AttrKind::Int}};
  t["NegativeLogLikelihoodLoss"] = {importNLL, attrs, 2};
  t["SoftmaxCrossEntropyLoss"] = {importSoftmaxCrossEntropy, attrs, 2};
}

} // namespace tfc::onnx_import
