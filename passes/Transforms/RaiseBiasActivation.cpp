// tfc-raise-bias-activation: an activation of a sum with a bias becomes tfc.bias_activation.
#include "mlir/IR/Matchers.h"
#include "passes/Transforms/Passes.h"
#include "passes/Transforms/PatternMatch.h"

namespace tfc {
#define GEN_PASS_DEF_RAISEBIASACTIVATION
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

using namespace mlir;

namespace tfc {
namespace {

struct RaiseBiasActivationPass : impl::RaiseBiasActivationBase<RaiseBiasActivationPass> {
  using RaiseBiasActivationBase::RaiseBiasActivationBase;

  void runOnOperation() override {
    Operation *scope = getOperation();
    raiseAll<GeluOp>(scope, reportNearMisses, "bias_activation", [&](GeluOp op, std::string &why) {
      StringRef kind = op.getApproximate() == "tanh" ? "gelu_tanh" : "gelu";
      return raise(op, op.getInput(), kind, {op}, why);
    });
    raiseAll<ReluOp>(scope, reportNearMisses, "bias_activation", [&](ReluOp op, std::string &why) {
      if (!isa<FloatType>(op.getType().getElementType()))
        return failure();
      return raise(op, op.getInput(), "relu", {op}, why);
    });
    // SiLU: x * sigmoid(x), the factors in either order.
    raiseAll<SigmoidOp>(
        scope, reportNearMisses, "bias_activation", [&](SigmoidOp sigmoid, std::string &why) {
          Value x = sigmoid.getInput();
          auto mul =
              sigmoid->hasOneUse() ? dyn_cast<MulOp>(*sigmoid->getUsers().begin()) : MulOp();
          if (!mul || otherOperand(mul, sigmoid.getResult()) != x ||
              mul.getType() != x.getType())
            return failure();
          return raise(mul, x, "silu", {sigmoid, mul}, why);
        });
  }

  /// Replaces `act`, the last of the activation's `ops`, which computes `kind` of `x`, when
  /// x is a sum read by nothing else (one operand with its shape is the input, the other the
  /// bias; the constant, when both have the shape) or a product that the activation can
  /// follow into a tfc.matmul_epilogue. Any other activation stays as it is.
  LogicalResult raise(Operation *act, Value x, StringRef kind, SmallVector<Operation *> ops,
                      std::string &why) {
    auto onlyHere = [&](Value v) {
      return llvm::all_of(v.getUsers(),
                          [&](Operation *user) { return llvm::is_contained(ops, user); });
    };
    // An element-wise activation commutes with a reshape: GPT-2's Conv1D flattens the
    // tokens for its product and restores them before the activation. The fused op then
    // works on the flat shape and the reshape follows it.
    auto view = x.getDefiningOp<ReshapeOp>();
    if (view && onlyHere(x) && isa_and_nonnull<AddOp, MatMulOp>(view.getInput().getDefiningOp())) {
      ops.insert(ops.begin(), view);
      x = view.getInput();
    } else {
      view = {};
    }
    auto type = cast<RankedTensorType>(x.getType());
    if (!type.hasStaticShape())
      return failure();
    Value input = x, bias;
    if (auto sum = x.getDefiningOp<AddOp>()) {
      Value lhs = sum.getLhs(), rhs = sum.getRhs();
      if (lhs.getType() != type || (rhs.getType() == type && matchPattern(lhs, m_Constant())))
        std::swap(lhs, rhs);
      if (!onlyHere(x))
        return why = "the sum has another use", failure();
      if (lhs.getType() != type)
        return why = "neither operand of the sum has its shape", failure();
      input = lhs;
      bias = rhs;
      ops.insert(ops.begin(), sum);
    } else if (!x.getDefiningOp<MatMulOp>() || !onlyHere(x)) {
      return failure();
    }
    OpBuilder b(act);
    Value fused =
        BiasActivationOp::create(b, act->getLoc(), type, input, bias, b.getStringAttr(kind));
    if (view)
      fused = ReshapeOp::create(b, view.getLoc(), act->getResultTypes()[0], fused,
                                view.getShapeAttr());
    replaceMatched(act, fused, ops);
    return success();
  }
};

} // namespace
} // namespace tfc
