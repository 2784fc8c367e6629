// The tfc-epilogue-in-place pass: a matmul's marked activation rewrites the product in
// place, so that after bufferization it follows the matmul on the same buffer.
#include "dialect/TFC/TFCDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "passes/Target/Passes.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_EPILOGUEINPLACE
#include "passes/Target/Passes.h.inc"

namespace {

/// A generic marked as a matmul epilogue (an activation of the product, read through
/// identity maps into a fresh tensor) rewrites the product in place instead, when it is the
/// product's only reader. With other readers (identical products merged by CSE) it keeps its
/// own tensor.
struct EpilogueInPlace : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp g, PatternRewriter &rewriter) const override {
    if (!g->hasAttr(kEpilogueAttrName) || g.getNumDpsInputs() != 1 || g.getNumDpsInits() != 1 ||
        !llvm::all_of(g.getIndexingMapsArray(), [](AffineMap m) { return m.isIdentity(); }))
      return failure();
    Value product = g.getDpsInputOperand(0)->get();
    if (!product.hasOneUse() || product.getType() != g->getResult(0).getType() ||
        !g.getDpsInitOperand(0)->get().getDefiningOp<tensor::EmptyOp>())
      return failure();
    Block &body = g.getRegion().front();
    if (!body.getArgument(1).use_empty())
      return failure();
    auto inPlace = linalg::GenericOp::create(
        rewriter, g.getLoc(), g->getResultTypes(), ValueRange{}, ValueRange{product},
        ArrayRef<AffineMap>{g.getIndexingMapsArray()[1]}, g.getIteratorTypesArray());
    inPlace->setAttr(kEpilogueAttrName, g->getAttr(kEpilogueAttrName));
    // The body reads the product from the output's element instead of the input's.
    Region &region = inPlace.getRegion();
    rewriter.inlineRegionBefore(g.getRegion(), region, region.end());
    Block &moved = region.front();
    rewriter.replaceAllUsesWith(moved.getArgument(0), moved.getArgument(1));
    moved.eraseArgument(0);
    rewriter.replaceOp(g, inPlace->getResults());
    return success();
  }
};

struct EpilogueInPlacePass : impl::EpilogueInPlaceBase<EpilogueInPlacePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<EpilogueInPlace>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
} // namespace tfc
