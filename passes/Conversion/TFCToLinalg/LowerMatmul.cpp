// Lowering of tfc.matmul (numpy semantics) to linalg: the one replaceable matmul unit.
#include "dialect/TFC/TFCOps.h"
#include "passes/Conversion/TFCToLinalg/LoweringUtils.h"
#include "passes/Conversion/TFCToLinalg/TFCToLinalg.h"
#include "mlir/Dialect/Traits.h"

using namespace mlir;

namespace tfc {
namespace {

struct MatMulLowering : OpConversionPattern<MatMulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    Type element = cast<RankedTensorType>(lhs.getType()).getElementType();
    // numpy: a 1-D lhs is a row vector, a 1-D rhs a column vector.
    SmallVector<int64_t> a(staticShape(lhs)), b(staticShape(rhs));
    if (a.size() == 1) {
      a.insert(a.begin(), 1);
      lhs = reshapeTensor(rewriter, loc, lhs, RankedTensorType::get(a, element));
    }
    if (b.size() == 1) {
      b.push_back(1);
      rhs = reshapeTensor(rewriter, loc, rhs, RankedTensorType::get(b, element));
    }
    int64_t m = a[a.size() - 2], n = b.back();
    SmallVector<int64_t> batch;
    (void)OpTrait::util::getBroadcastedShape(ArrayRef(a).drop_back(2), ArrayRef(b).drop_back(2),
                                             batch);
    SmallVector<int64_t> outShape(batch);
    outShape.push_back(m);
    outShape.push_back(n);
    auto outType = RankedTensorType::get(outShape, element);
    Value acc = filledTensor(rewriter, loc, outType, 0.0);

    Value product;
    if (a.size() == 2 && b.size() == 2) {
      product = linalg::MatmulOp::create(rewriter, loc, TypeRange{outType}, ValueRange{lhs, rhs},
                                         ValueRange{acc})
                    .getResult(0);
    } else {
      // Loops (batch..., m, n, k); each operand broadcasts its own batch dimensions.
      int64_t nb = static_cast<int64_t>(batch.size()), loops = nb + 3;
      auto operandMap = [&](ArrayRef<int64_t> shape, int64_t rowDim, int64_t colDim) {
        SmallVector<int64_t> batchShape(shape.drop_back(2));
        AffineMap batchMap = broadcastMap(ctx, batchShape, batch);
        SmallVector<AffineExpr> exprs;
        for (AffineExpr e : batchMap.getResults())
          exprs.push_back(e);
        exprs.push_back(getAffineDimExpr(rowDim, ctx));
        exprs.push_back(getAffineDimExpr(colDim, ctx));
        return AffineMap::get(loops, 0, exprs, ctx);
      };
      SmallVector<AffineExpr> outExprs;
      for (int64_t d = 0; d < nb + 2; ++d)
        outExprs.push_back(getAffineDimExpr(d, ctx));
      SmallVector<AffineMap> maps = {operandMap(a, nb, nb + 2), operandMap(b, nb + 2, nb + 1),
                                     AffineMap::get(loops, 0, outExprs, ctx)};
      SmallVector<utils::IteratorType> iterators(nb + 2, utils::IteratorType::parallel);
      iterators.push_back(utils::IteratorType::reduction);
      product = linalg::GenericOp::create(
                    rewriter, loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc},
                    maps, iterators,
                    [&](OpBuilder &nb2, Location l, ValueRange args) {
                      Value r;
                      if (isa<FloatType>(element))
                        r = arith::AddFOp::create(
                            nb2, l, args[2], arith::MulFOp::create(nb2, l, args[0], args[1]));
                      else
                        r = arith::AddIOp::create(
                            nb2, l, args[2], arith::MulIOp::create(nb2, l, args[0], args[1]));
                      linalg::YieldOp::create(nb2, l, r);
                    })
                    .getResult(0);
    }
    auto resultType = convertedType(getTypeConverter(), op.getType());
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, product, resultType));
    return success();
  }
};

} // namespace

void populateMatmulLoweringPatterns(const TypeConverter &converter,
                                    RewritePatternSet &patterns) {
  patterns.add<MatMulLowering>(converter, patterns.getContext());
}

} // namespace tfc
