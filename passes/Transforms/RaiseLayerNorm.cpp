// tfc-raise-layer-norm: (x - mean) / sqrt(var + eps) * gamma + beta over trailing dimensions
// becomes tfc.layer_norm.
#include "passes/Transforms/PatternMatch.h"
#include "passes/Transforms/Passes.h"

namespace tfc {
#define GEN_PASS_DEF_RAISELAYERNORM
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

using namespace mlir;

namespace tfc {
namespace {

struct RaiseLayerNormPass : impl::RaiseLayerNormBase<RaiseLayerNormPass> {
  using RaiseLayerNormBase::RaiseLayerNormBase;

  void runOnOperation() override {
    SmallVector<SubOp> anchors;
    getOperation()->walk([&](SubOp sub) { anchors.push_back(sub); });
    for (SubOp sub : anchors) {
      std::string why;
      if (failed(raise(sub, why)) && reportNearMisses && !why.empty())
        sub->emitRemark("near miss: layer_norm: ") << why;
    }
  }

  /// Matches from the centering x - mean(x); `why` is set once the centering is found.
  LogicalResult raise(SubOp centered, std::string &why) {
    Value x = centered.getLhs();
    auto mean = centered.getRhs().getDefiningOp<ReduceMeanOp>();
    auto type = dyn_cast<RankedTensorType>(x.getType());
    if (!mean || mean.getInput() != x || !type || !isa<FloatType>(type.getElementType()) ||
        !type.hasStaticShape() || centered.getType() != type)
      return failure();
    int64_t axis = trailingAxis(mean, type.getRank());
    if (axis < 0)
      return why = "the mean is not over the trailing dimensions", failure();
    if (!mean->hasOneUse())
      return why = "the mean has another use", failure();
    // The centered value feeds the square and the normalization, nothing else.
    Operation *square = nullptr, *normalize = nullptr;
    for (Operation *user : centered->getUsers()) {
      bool isSquare = (isa<PowOp>(user) && user->getOperand(0) == centered.getResult() &&
                       isConstantNear(user->getOperand(1), 2.0, 0)) ||
                      (isa<MulOp>(user) && user->getOperand(0) == user->getOperand(1));
      if (isSquare && (!square || square == user))
        square = user;
      else if (isa<DivOp, MulOp>(user) && !normalize)
        normalize = user;
      else
        return why = "the centered value has another use", failure();
    }
    if (!square || !normalize)
      return why = "no variance or no normalization of the centered value", failure();
    auto var = dyn_cast<ReduceMeanOp>(*square->getUsers().begin());
    if (!square->hasOneUse() || !var || var.getAxes() != mean.getAxes() || !var.getKeepdims())
      return why = "the square is not averaged over the same axes", failure();
    auto addEps = var->hasOneUse() ? dyn_cast<AddOp>(*var->getUsers().begin()) : AddOp();
    auto eps = addEps ? scalarConstantValue(otherOperand(addEps, var.getResult()))
                      : std::nullopt;
    if (!eps || *eps < 0 || !addEps->hasOneUse())
      return why = "the variance is not followed by + epsilon", failure();
    auto sqrt = dyn_cast<SqrtOp>(*addEps->getUsers().begin());
    if (!sqrt || !sqrt->hasOneUse())
      return why = "no square root of variance + epsilon", failure();
    SmallVector<Operation *> ops = {mean, centered, square, var, addEps, sqrt};
    // (x - mean) / std, or (x - mean) * reciprocal(std).
    Operation *std = *sqrt->getUsers().begin();
    if (isa<DivOp>(normalize)) {
      if (normalize->getOperand(1) != sqrt.getResult() ||
          normalize->getOperand(0) != centered.getResult())
        return why = "the centered value is not divided by the standard deviation", failure();
    } else {
      auto recip = dyn_cast<ReciprocalOp>(std);
      if (!recip || !recip->hasOneUse() ||
          otherOperand(cast<MulOp>(normalize), centered.getResult()) != recip.getResult())
        return why = "the centered value is not divided by the standard deviation", failure();
      ops.push_back(recip);
    }
    ops.push_back(normalize);
    // Optional scale and shift.
    Value y = normalize->getResult(0), gamma, beta;
    Operation *root = normalize;
    if (y.hasOneUse())
      if (auto mul = dyn_cast<MulOp>(*y.getUsers().begin()))
        if (fitsNormalizedDims(otherOperand(mul, y), type, axis) && mul.getType() == type) {
          gamma = otherOperand(mul, y);
          root = mul;
          ops.push_back(mul);
        }
    Value scaled = root->getResult(0);
    if (gamma && scaled.hasOneUse())
      if (auto add = dyn_cast<AddOp>(*scaled.getUsers().begin()))
        if (fitsNormalizedDims(otherOperand(add, scaled), type, axis) && add.getType() == type) {
          beta = otherOperand(add, scaled);
          root = add;
          ops.push_back(add);
        }
    OpBuilder b(root);
    if (!gamma) {
      SmallVector<int64_t> shape(type.getShape().drop_front(axis));
      auto onesType = RankedTensorType::get(shape, type.getElementType());
      gamma = ConstantOp::create(b, root->getLoc(), onesType,
                                 DenseElementsAttr::get(onesType, b.getFloatAttr(
                                                                      type.getElementType(), 1.0)));
    }
    auto norm = LayerNormOp::create(b, root->getLoc(), type, x, gamma, beta,
                                    b.getI64IntegerAttr(axis), b.getF64FloatAttr(*eps));
    root->getResult(0).replaceAllUsesWith(norm.getResult());
    std::reverse(ops.begin(), ops.end()); // users before the values they use
    eraseDead(ops);
    return success();
  }
};

} // namespace
} // namespace tfc
