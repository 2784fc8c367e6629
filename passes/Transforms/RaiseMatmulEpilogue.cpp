// tfc-raise-matmul-epilogue: a bias + activation of a product by a weight becomes
// tfc.matmul_epilogue.
#include "passes/Transforms/Passes.h"
#include "passes/Transforms/PatternMatch.h"

namespace tfc {
#define GEN_PASS_DEF_RAISEMATMULEPILOGUE
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

using namespace mlir;

namespace tfc {
namespace {

struct RaiseMatmulEpiloguePass : impl::RaiseMatmulEpilogueBase<RaiseMatmulEpiloguePass> {
  using RaiseMatmulEpilogueBase::RaiseMatmulEpilogueBase;

  void runOnOperation() override {
    raiseAll<BiasActivationOp>(
        getOperation(), reportNearMisses, "matmul_epilogue",
        [&](BiasActivationOp op, std::string &why) { return raise(op, why); });
  }

  LogicalResult raise(BiasActivationOp act, std::string &why) {
    auto product = act.getInput().getDefiningOp<MatMulOp>();
    if (!product)
      return failure();
    auto lhs = cast<RankedTensorType>(product.getLhs().getType());
    auto rhs = cast<RankedTensorType>(product.getRhs().getType());
    if (!lhs.hasStaticShape() || !rhs.hasStaticShape())
      return failure();
    if (lhs.getRank() < 2 || rhs.getRank() != 2)
      return why = "the product is not by a 2-D weight", failure();
    if (!product->hasOneUse())
      return why = "the product has another use", failure();
    OpBuilder b(act);
    auto fused = MatMulEpilogueOp::create(b, act.getLoc(), act.getType(), product.getLhs(),
                                          product.getRhs(), act.getBias(), act.getActivationAttr());
    act.replaceAllUsesWith(fused.getResult());
    act.erase();
    product.erase();
    return success();
  }
};

} // namespace
} // namespace tfc
