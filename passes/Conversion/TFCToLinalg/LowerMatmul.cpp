// Lowering of tfc.matmul (numpy semantics) to linalg: the one replaceable
// matmul unit.
#include "dialect/TFC/TFCDialect.h"
#include "dialect/TFC/TFCOps.h"
#include "mlir/Dialect/Traits.h"
#include "passes/Conversion/TFCToLinalg/LoweringUtils.h"
#include "passes/Conversion/TFCToLinalg/TFCToLinalg.h"

using namespace mlir;

namespace tfc {
namespace {

/// `NamedOp` (linalg.matmul or batch_matmul) over views of lhs and rhs with the given shapes,
/// accumulating into zeros.
template <typename NamedOp>
Value namedProduct(OpBuilder &b, Location loc, Value lhs, Value rhs, Type element,
                   ArrayRef<int64_t> lhsShape, ArrayRef<int64_t> rhsShape,
                   ArrayRef<int64_t> outShape) {
  Value lhsView = reshapeTensor(b, loc, lhs, RankedTensorType::get(lhsShape, element));
  Value rhsView = reshapeTensor(b, loc, rhs, RankedTensorType::get(rhsShape, element));
  Value out = filledTensor(b, loc, RankedTensorType::get(outShape, element), 0.0);
  return NamedOp::create(b, loc, TypeRange{out.getType()}, ValueRange{lhsView, rhsView},
                         ValueRange{out})
      .getResult(0);
}

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
    auto resultType = convertedType(getTypeConverter(), op.getType());
    int64_t k = a.back();
    ArrayRef<int64_t> aBatch = ArrayRef(a).drop_back(2), bBatch = ArrayRef(b).drop_back(2);
    auto allOnes = [](ArrayRef<int64_t> shape) {
      return llvm::all_of(shape, [](int64_t d) { return d == 1; });
    };
    auto product = [](ArrayRef<int64_t> shape) {
      int64_t p = 1;
      for (int64_t d : shape)
        p *= d;
      return p;
    };
    auto tensorOf = [&](ArrayRef<int64_t> shape) { return RankedTensorType::get(shape, element); };
    // The named ops are what the code generator hands to the micro-kernel, so
    // the common transformer shapes are brought to them through views. A rhs
    // without batch dimensions (a weight) folds the lhs batch into its rows:
    // one [B*m, k] x [k, n] matmul.
    if (allOnes(bBatch)) {
      int64_t rows = product(aBatch) * m;
      Value result = namedProduct<linalg::MatmulOp>(rewriter, loc, lhs, rhs, element, {rows, k},
                                                    {k, n}, {rows, n});
      rewriter.replaceOp(op, reshapeTensor(rewriter, loc, result, resultType));
      return success();
    }
    // Equal batch dimensions (attention's per-head products): one batch_matmul.
    if (aBatch.size() == bBatch.size() && aBatch == bBatch) {
      int64_t count = product(aBatch);
      Value result = namedProduct<linalg::BatchMatmulOp>(
          rewriter, loc, lhs, rhs, element, {count, m, k}, {count, k, n}, {count, m, n});
      rewriter.replaceOp(op, reshapeTensor(rewriter, loc, result, resultType));
      return success();
    }

    // Anything else broadcasts batch dimensions: loops (batch..., m, n, k)
    // where each operand reads its own batch dimensions through a broadcasting
    // map.
    SmallVector<int64_t> batch;
    (void)OpTrait::util::getBroadcastedShape(aBatch, bBatch, batch);
    SmallVector<int64_t> outShape(batch);
    outShape.push_back(m);
    outShape.push_back(n);
    auto outType = tensorOf(outShape);
    Value acc = filledTensor(rewriter, loc, outType, 0.0);
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
    Value result = linalg::GenericOp::create(
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
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, result, resultType));
    return success();
  }
};

/// The product by the weight with the lhs batch folded into its rows; the bias as a plain
/// add (tfc-fold-bias-into-matmul starts the accumulation from it); the activation as an
/// element-wise generic marked as the product's epilogue (tfc-epilogue-in-place later lets
/// it rewrite the product in place, once CSE can no longer give the product other readers).
struct MatMulEpilogueLowering : OpConversionPattern<MatMulEpilogueOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(MatMulEpilogueOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = convertedType(getTypeConverter(), op.getType());
    Type element = type.getElementType();
    ArrayRef<int64_t> a = staticShape(adaptor.getLhs());
    int64_t k = a.back(), n = type.getShape().back(), rows = type.getNumElements() / n;
    Value result = reshapeTensor(rewriter, loc,
                                 namedProduct<linalg::MatmulOp>(rewriter, loc, adaptor.getLhs(),
                                                                adaptor.getRhs(), element,
                                                                {rows, k}, {k, n}, {rows, n}),
                                 type);
    if (Value bias = adaptor.getBias())
      result = buildElementwise(rewriter, loc, type, {result, bias},
                                [](OpBuilder &b, Location l, ValueRange args) -> Value {
                                  return arith::AddFOp::create(b, l, args[0], args[1]);
                                });
    StringRef activation = op.getActivation();
    Value activated = buildElementwise(rewriter, loc, type, {result},
                                       [&](OpBuilder &b, Location l, ValueRange args) {
                                         return emitActivation(b, l, activation, args[0]);
                                       });
    Operation *generic = activated.getDefiningOp();
    generic->setAttr(kEpilogueAttrName, rewriter.getStringAttr(activation));
    rewriter.replaceOp(op, activated);
    return success();
  }
};

} // namespace

void populateMatmulLoweringPatterns(const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<MatMulLowering, MatMulEpilogueLowering>(converter, patterns.getContext());
}

} // namespace tfc
