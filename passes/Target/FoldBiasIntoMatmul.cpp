// The tfc-fold-bias-into-matmul pass: `matmul + bias` as a matmul that starts from the bias.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "passes/Target/Passes.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_FOLDBIASINTOMATMUL
#include "passes/Target/Passes.h.inc"

namespace {

/// Whether `g` is `out = in0 + in1` element-wise (float), every loop parallel.
bool isPlainAdd(linalg::GenericOp g) {
  if (g.getNumDpsInputs() != 2 || g.getNumDpsInits() != 1 || g->getNumResults() != 1 ||
      g.getNumReductionLoops() != 0)
    return false;
  Block &body = g.getRegion().front();
  if (body.getOperations().size() != 2)
    return false;
  auto add = dyn_cast<arith::AddFOp>(body.front());
  auto yield = dyn_cast<linalg::YieldOp>(body.getTerminator());
  if (!add || !yield || yield.getNumOperands() != 1 || yield.getOperand(0) != add.getResult())
    return false;
  Value a = body.getArgument(0), b = body.getArgument(1);
  return (add.getLhs() == a && add.getRhs() == b) || (add.getLhs() == b && add.getRhs() == a);
}

/// The matmul (or batch matmul) whose zero-initialised result `x` is, possibly through one
/// expand_shape (a batch folded into rows), used only by the add.
struct Product {
  linalg::LinalgOp matmul;
  tensor::ExpandShapeOp expand;
};

FailureOr<Product> productOf(Value x) {
  Product p;
  Value result = x;
  if ((p.expand = x.getDefiningOp<tensor::ExpandShapeOp>()))
    result = p.expand.getSrc();
  Operation *def = result.getDefiningOp();
  if (!isa_and_present<linalg::MatmulOp, linalg::BatchMatmulOp>(def) || !x.hasOneUse() ||
      !result.hasOneUse())
    return failure();
  p.matmul = cast<linalg::LinalgOp>(def);
  if (auto matmul = dyn_cast<linalg::MatmulOp>(def))
    if (matmul.hasUserDefinedMaps() || matmul.getCast() != linalg::TypeFn::cast_signed)
      return failure();
  if (auto batch = dyn_cast<linalg::BatchMatmulOp>(def))
    if (batch.hasUserDefinedMaps())
      return failure();
  auto fill = p.matmul.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>();
  if (!fill || !matchPattern(fill.getInputs()[0], m_AnyZeroFloat()))
    return failure();
  return p;
}

struct FoldBias : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp g, PatternRewriter &rewriter) const override {
    if (!isPlainAdd(g) || !g.getIndexingMapsArray().back().isIdentity())
      return failure();
    for (unsigned i = 0; i < 2; ++i) {
      Value x = g.getDpsInputOperand(i)->get();
      FailureOr<Product> p = productOf(x);
      if (failed(p) || !g.getIndexingMapsArray()[i].isIdentity() ||
          x.getType() != g->getResult(0).getType())
        continue;
      OpOperand *bias = g.getDpsInputOperand(1 - i);
      // The bias, broadcast to the product's shape, is where the accumulation starts.
      Location loc = g.getLoc();
      auto type = cast<RankedTensorType>(x.getType());
      Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(), type.getElementType());
      AffineMap id = rewriter.getMultiDimIdentityMap(type.getRank());
      Value start =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{type}, ValueRange{bias->get()}, ValueRange{empty},
              ArrayRef<AffineMap>{g.getMatchingIndexingMap(bias), id},
              SmallVector<utils::IteratorType>(type.getRank(), utils::IteratorType::parallel),
              [](OpBuilder &b, Location l, ValueRange args) {
                linalg::YieldOp::create(b, l, args[0]);
              })
              .getResult(0);
      if (p->expand)
        start = tensor::CollapseShapeOp::create(rewriter, loc, p->expand.getSrcType(), start,
                                                p->expand.getReassociationIndices());
      SmallVector<Value> inputs = p->matmul.getDpsInputs();
      Operation *product =
          isa<linalg::MatmulOp>(p->matmul)
              ? linalg::MatmulOp::create(rewriter, loc, inputs, ValueRange{start}).getOperation()
              : linalg::BatchMatmulOp::create(rewriter, loc, inputs, ValueRange{start})
                    .getOperation();
      Value result = product->getResult(0);
      if (p->expand)
        result = tensor::ExpandShapeOp::create(rewriter, loc, type, result,
                                               p->expand.getReassociationIndices());
      rewriter.replaceOp(g, result);
      return success();
    }
    return failure();
  }
};

struct FoldBiasIntoMatmulPass : impl::FoldBiasIntoMatmulBase<FoldBiasIntoMatmulPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBias>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
} // namespace tfc
