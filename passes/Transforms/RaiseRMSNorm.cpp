// tfc-raise-rms-norm: x / sqrt(mean(x^2) + eps) * weight over trailing dimensions becomes
// tfc.rms_norm.
#include "passes/Transforms/PatternMatch.h"
#include "passes/Transforms/Passes.h"

namespace tfc {
#define GEN_PASS_DEF_RAISERMSNORM
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

using namespace mlir;

namespace tfc {
namespace {

/// The x of a square: Pow(x, 2) or x * x.
Value squareBase(Value v) {
  if (auto pow = v.getDefiningOp<PowOp>())
    return isConstantNear(pow.getRhs(), 2.0, 0) ? pow.getLhs() : Value();
  if (auto mul = v.getDefiningOp<MulOp>())
    return mul.getLhs() == mul.getRhs() ? mul.getLhs() : Value();
  return {};
}

struct RaiseRMSNormPass : impl::RaiseRMSNormBase<RaiseRMSNormPass> {
  using RaiseRMSNormBase::RaiseRMSNormBase;

  void runOnOperation() override {
    raiseAll<ReduceMeanOp>(getOperation(), reportNearMisses, "rms_norm",
                           [&](ReduceMeanOp mean, std::string &why) { return raise(mean, why); });
  }

  /// Matches from the mean of a square; `why` is set once that is found.
  LogicalResult raise(ReduceMeanOp mean, std::string &why) {
    Value square = mean.getInput();
    Value x = squareBase(square);
    auto type = x ? dyn_cast<RankedTensorType>(x.getType()) : RankedTensorType();
    if (!type || !isa<FloatType>(type.getElementType()) || !type.hasStaticShape() ||
        square.getType() != type)
      return failure();
    int64_t axis = trailingAxis(mean, type.getRank());
    if (axis < 0)
      return why = "the mean is not over the trailing dimensions", failure();
    if (!square.hasOneUse() || !mean->hasOneUse())
      return why = "the square or its mean has another use", failure();
    SmallVector<Operation *> ops = {square.getDefiningOp(), mean};
    auto root = matchRootOfStatistic(mean.getResult(), ops);
    if (!root)
      return why = "the mean square is not followed by + epsilon and a square root", failure();
    // x / rms, or x * reciprocal(rms).
    Operation *normalize = matchDivisionByRoot(root->sqrt, x, ops);
    if (!normalize || normalize->getResult(0).getType() != type)
      return why = "x is not divided by the root mean square", failure();
    ops.push_back(normalize);
    Operation *last = normalize;
    Value weight = matchNormParameter<MulOp>(last, type, axis, ops);
    OpBuilder b(last);
    if (!weight)
      weight = onesOverNormalized(b, last->getLoc(), type, axis);
    auto norm = RMSNormOp::create(b, last->getLoc(), type, x, weight, b.getI64IntegerAttr(axis),
                                  b.getF64FloatAttr(root->epsilon));
    replaceMatched(last, norm.getResult(), ops);
    return success();
  }
};

} // namespace
} // namespace tfc
