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
    raiseAll<SubOp>(getOperation(), reportNearMisses, "layer_norm",
                    [&](SubOp sub, std::string &why) { return raise(sub, why); });
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
    auto var = square->hasOneUse() ? dyn_cast<ReduceMeanOp>(*square->getUsers().begin())
                                   : ReduceMeanOp();
    if (!var || var.getAxes() != mean.getAxes() || !var.getKeepdims())
      return why = "the square is not averaged over the same axes", failure();
    SmallVector<Operation *> ops = {mean, centered, square, var};
    auto root = matchRootOfStatistic(var.getResult(), ops);
    if (!root)
      return why = "the variance is not followed by + epsilon and a square root", failure();
    // (x - mean) / std, or (x - mean) * reciprocal(std).
    if (matchDivisionByRoot(root->sqrt, centered.getResult(), ops) != normalize)
      return why = "the centered value is not divided by the standard deviation", failure();
    ops.push_back(normalize);
    // Optional scale, then shift.
    Operation *last = normalize;
    Value gamma = matchNormParameter<MulOp>(last, type, axis, ops);
    Value beta = gamma ? matchNormParameter<AddOp>(last, type, axis, ops) : Value();
    OpBuilder b(last);
    if (!gamma)
      gamma = onesOverNormalized(b, last->getLoc(), type, axis);
    auto norm = LayerNormOp::create(b, last->getLoc(), type, x, gamma, beta,
                                    b.getI64IntegerAttr(axis), b.getF64FloatAttr(root->epsilon));
    replaceMatched(last, norm.getResult(), ops);
    return success();
  }
};

} // namespace
} // namespace tfc
