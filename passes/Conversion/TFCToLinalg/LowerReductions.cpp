// Lowering of reductions, softmax and layer norm to reduction and element-wise generics.
#include "dialect/TFC/TFCOps.h"
#include "passes/Conversion/TFCToLinalg/LoweringUtils.h"
#include "passes/Conversion/TFCToLinalg/TFCToLinalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include <limits>

using namespace mlir;

namespace tfc {
namespace {

Value add(OpBuilder &b, Location loc, Value acc, Value x) {
  if (isa<FloatType>(x.getType()))
    return arith::AddFOp::create(b, loc, acc, x);
  return arith::AddIOp::create(b, loc, acc, x);
}

/// The start value of a max-reduction: -inf, or the smallest integer of the type.
Value lowestValue(OpBuilder &b, Location loc, Type type, bool isUnsigned) {
  if (isa<FloatType>(type))
    return scalarConstant(b, loc, type, -std::numeric_limits<double>::infinity());
  unsigned width = type.getIntOrFloatBitWidth();
  APInt lowest = isUnsigned ? APInt::getZero(width) : APInt::getSignedMinValue(width);
  return arith::ConstantOp::create(b, loc, IntegerAttr::get(type, lowest));
}

Value sumOver(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> axes) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  return buildReduction(b, loc, x, axes, scalarConstant(b, loc, element, 0), add);
}

Value maxOver(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> axes, bool isUnsigned) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  return buildReduction(
      b, loc, x, axes, lowestValue(b, loc, element, isUnsigned),
      [&](OpBuilder &nb, Location nl, Value acc, Value v) -> Value {
        if (isa<FloatType>(v.getType()))
          return arith::MaximumFOp::create(nb, nl, acc, v); // propagates NaN, as numpy
        if (isUnsigned)
          return arith::MaxUIOp::create(nb, nl, acc, v);
        return arith::MaxSIOp::create(nb, nl, acc, v);
      });
}

/// Divides every element of `x` by the constant `count`.
Value divideBy(OpBuilder &b, Location loc, Value x, int64_t count, bool isUnsigned) {
  auto type = cast<RankedTensorType>(x.getType());
  Type element = type.getElementType();
  if (!isa<FloatType>(element) && count == 0)
    return x; // an empty integer mean stays 0 rather than dividing by zero
  return buildElementwise(b, loc, type, ValueRange{x},
                          [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
                            Value n = scalarConstant(nb, nl, element, double(count));
                            if (isa<FloatType>(element))
                              return arith::DivFOp::create(nb, nl, args[0], n);
                            if (isUnsigned)
                              return arith::DivUIOp::create(nb, nl, args[0], n);
                            return arith::DivSIOp::create(nb, nl, args[0], n);
                          });
}

template <typename OpTy>
struct ReduceLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    ArrayRef<int64_t> axes = op.getAxes();
    bool isUnsigned = isUnsignedInt(op.getInput().getType().getElementType());
    Value reduced;
    if constexpr (std::is_same_v<OpTy, ReduceMaxOp>) {
      reduced = maxOver(rewriter, loc, x, axes, isUnsigned);
    } else {
      reduced = sumOver(rewriter, loc, x, axes);
      if constexpr (std::is_same_v<OpTy, ReduceMeanOp>) {
        int64_t count = 1;
        for (int64_t a : axes)
          count *= staticShape(x)[a];
        reduced = divideBy(rewriter, loc, reduced, count, isUnsigned);
      }
    }
    auto outType =
        convertedType(this->getTypeConverter(), op.getType());
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, reduced, outType));
    return success();
  }
};

struct SoftmaxLowering : OpConversionPattern<SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(SoftmaxOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t axis = static_cast<int64_t>(op.getAxis());
    MLIRContext *ctx = rewriter.getContext();
    AffineMap identity = AffineMap::getMultiDimIdentityMap(type.getRank(), ctx);
    AffineMap reducedMap = droppedDimsMap(ctx, type.getRank(), {axis});
    // Subtracting the row maximum keeps exp from overflowing.
    Value rowMax = maxOver(rewriter, loc, x, {axis}, false);
    Value e = buildMapped(rewriter, loc, type, {x, rowMax}, {identity, reducedMap},
                          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                            Value d = arith::SubFOp::create(b, l, args[0], args[1]);
                            return computeInF32(b, l, d, [&](Value v) {
                              return math::ExpOp::create(b, l, v);
                            });
                          });
    Value sum = sumOver(rewriter, loc, e, {axis});
    Value y = buildMapped(rewriter, loc, type, {e, sum}, {identity, reducedMap},
                          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                            return arith::DivFOp::create(b, l, args[0], args[1]);
                          });
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct LayerNormLowering : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(LayerNormOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    Type element = type.getElementType();
    int64_t rank = type.getRank(), axis = static_cast<int64_t>(op.getAxis());
    SmallVector<int64_t> axes;
    int64_t count = 1;
    for (int64_t d = axis; d < rank; ++d) {
      axes.push_back(d);
      count *= type.getDimSize(d);
    }
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, ctx);
    AffineMap statMap = droppedDimsMap(ctx, rank, axes);

    Value mean = divideBy(rewriter, loc, sumOver(rewriter, loc, x, axes), count, false);
    Value centered = buildMapped(rewriter, loc, type, {x, mean}, {identity, statMap},
                                 [](OpBuilder &b, Location l, ValueRange args) -> Value {
                                   return arith::SubFOp::create(b, l, args[0], args[1]);
                                 });
    Value squares = buildElementwise(rewriter, loc, type, {centered},
                                     [](OpBuilder &b, Location l, ValueRange args) -> Value {
                                       return arith::MulFOp::create(b, l, args[0], args[0]);
                                     });
    Value variance =
        divideBy(rewriter, loc, sumOver(rewriter, loc, squares, axes), count, false);
    double epsilon = op.getEpsilon().convertToDouble();
    auto statType = cast<RankedTensorType>(variance.getType());
    Value invStd = buildElementwise(
        rewriter, loc, statType, {variance},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value eps = scalarConstant(b, l, element, epsilon);
          Value one = scalarConstant(b, l, element, 1.0);
          Value root = computeInF32(b, l, arith::AddFOp::create(b, l, args[0], eps),
                                    [&](Value v) { return math::SqrtOp::create(b, l, v); });
          return arith::DivFOp::create(b, l, one, root);
        });
    SmallVector<Value> inputs = {centered, invStd, adaptor.getScale()};
    SmallVector<AffineMap> maps = {identity, statMap,
                                   broadcastMap(ctx, staticShape(adaptor.getScale()),
                                                type.getShape())};
    if (Value bias = adaptor.getBias()) {
      inputs.push_back(bias);
      maps.push_back(broadcastMap(ctx, staticShape(bias), type.getShape()));
    }
    Value y = buildMapped(rewriter, loc, type, inputs, maps,
                          [](OpBuilder &b, Location l, ValueRange args) -> Value {
                            Value v = arith::MulFOp::create(b, l, args[0], args[1]);
                            v = arith::MulFOp::create(b, l, v, args[2]);
                            return args.size() > 3 ? arith::AddFOp::create(b, l, v, args[3])
                                                   : v;
                          });
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void populateReductionLoweringPatterns(const TypeConverter &converter,
                                       RewritePatternSet &patterns) {
  patterns.add<ReduceLowering<ReduceSumOp>, ReduceLowering<ReduceMeanOp>,
               ReduceLowering<ReduceMaxOp>, SoftmaxLowering, LayerNormLowering>(
      converter, patterns.getContext());
}

} // namespace tfc
