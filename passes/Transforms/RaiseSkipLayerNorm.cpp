// tfc-raise-skip-layer-norm: a layer norm of a residual sum becomes tfc.skip_layer_norm.
#include "mlir/IR/Dominance.h"
#include "passes/Transforms/Passes.h"
#include "passes/Transforms/PatternMatch.h"

namespace tfc {
#define GEN_PASS_DEF_RAISESKIPLAYERNORM
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

using namespace mlir;

namespace tfc {
namespace {

struct RaiseSkipLayerNormPass : impl::RaiseSkipLayerNormBase<RaiseSkipLayerNormPass> {
  using RaiseSkipLayerNormBase::RaiseSkipLayerNormBase;

  void runOnOperation() override {
    DominanceInfo dominance(getOperation());
    raiseAll<LayerNormOp>(
        getOperation(), reportNearMisses, "skip_layer_norm",
        [&](LayerNormOp norm, std::string &why) { return raise(norm, dominance, why); });
  }

  LogicalResult raise(LayerNormOp norm, DominanceInfo &dominance, std::string &why) {
    auto sum = norm.getInput().getDefiningOp<AddOp>();
    if (!sum)
      return failure();
    // The operand with the sum's shape is the input; the other may broadcast to it.
    auto type = cast<RankedTensorType>(norm.getType());
    Value input = sum.getLhs(), skip = sum.getRhs();
    if (input.getType() != type)
      std::swap(input, skip);
    if (input.getType() != type)
      return why = "neither operand of the sum has its shape", failure();
    // The fused op replaces the add for its other users too. It goes at the norm when those
    // come after it (the residual stream of a pre-norm layer), else at the add.
    Operation *at = norm;
    for (Operation *user : sum->getUsers())
      if (user != norm && !dominance.properlyDominates(norm.getOperation(), user))
        at = sum;
    if (at == sum.getOperation())
      for (Value param : {norm.getScale(), norm.getBias()})
        if (param && !dominance.properlyDominates(param, sum))
          return why = "the sum is used before the norm, whose parameters come after the sum",
                 failure();
    OpBuilder b(at);
    auto fused = SkipLayerNormOp::create(b, norm.getLoc(), type, type, input, skip, norm.getScale(),
                                         norm.getBias(), norm.getAxisAttr(), norm.getEpsilonAttr());
    norm.replaceAllUsesWith(fused.getOutput());
    sum.replaceAllUsesWith(fused.getSum());
    norm.erase();
    sum.erase();
    return success();
  }
};

} // namespace
} // namespace tfc
