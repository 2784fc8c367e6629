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
    SmallVector<ReduceMeanOp> anchors;
    getOperation()->walk([&](ReduceMeanOp mean) { anchors.push_back(mean); });
    for (ReduceMeanOp mean : anchors) {
      std::string why;
      if (failed(raise(mean, why)) && reportNearMisses && !why.empty())
        mean->emitRemark("near miss: rms_norm: ") << why;
    }
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
    auto addEps = dyn_cast<AddOp>(*mean->getUsers().begin());
    auto eps = addEps ? scalarConstantValue(otherOperand(addEps, mean.getResult()))
                      : std::nullopt;
    if (!eps || *eps < 0 || !addEps->hasOneUse())
      return why = "the mean square is not followed by + epsilon", failure();
    auto sqrt = dyn_cast<SqrtOp>(*addEps->getUsers().begin());
    if (!sqrt || !sqrt->hasOneUse())
      return why = "no square root of mean square + epsilon", failure();
    SmallVector<Operation *> ops = {square.getDefiningOp(), mean, addEps, sqrt};
    // x / rms, or x * reciprocal(rms).
    Operation *user = *sqrt->getUsers().begin();
    Operation *normalize = nullptr;
    if (auto div = dyn_cast<DivOp>(user)) {
      if (div.getLhs() == x && div.getRhs() == sqrt.getResult())
        normalize = div;
    } else if (auto recip = dyn_cast<ReciprocalOp>(user)) {
      Operation *mul = recip->hasOneUse() ? *recip->getUsers().begin() : nullptr;
      if (isa_and_nonnull<MulOp>(mul) && otherOperand(mul, recip.getResult()) == x) {
        ops.push_back(recip);
        normalize = mul;
      }
    }
    if (!normalize || normalize->getResult(0).getType() != type)
      return why = "x is not divided by the root mean square", failure();
    ops.push_back(normalize);
    Value y = normalize->getResult(0), weight;
    Operation *root = normalize;
    if (y.hasOneUse())
      if (auto mul = dyn_cast<MulOp>(*y.getUsers().begin()))
        if (fitsNormalizedDims(otherOperand(mul, y), type, axis) && mul.getType() == type) {
          weight = otherOperand(mul, y);
          root = mul;
          ops.push_back(mul);
        }
    OpBuilder b(root);
    if (!weight) {
      SmallVector<int64_t> shape(type.getShape().drop_front(axis));
      auto onesType = RankedTensorType::get(shape, type.getElementType());
      weight = ConstantOp::create(
          b, root->getLoc(), onesType,
          DenseElementsAttr::get(onesType, b.getFloatAttr(type.getElementType(), 1.0)));
    }
    auto norm = RMSNormOp::create(b, root->getLoc(), type, x, weight, b.getI64IntegerAttr(axis),
                                  b.getF64FloatAttr(*eps));
    root->getResult(0).replaceAllUsesWith(norm.getResult());
    std::reverse(ops.begin(), ops.end()); // users before the values they use
    eraseDead(ops);
    return success();
  }
};

} // namespace
} // namespace tfc
