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

/// The start value of a min-reduction: +inf, or the largest integer of the type.
Value highestValue(OpBuilder &b, Location loc, Type type, bool isUnsigned) {
  if (isa<FloatType>(type))
    return scalarConstant(b, loc, type, std::numeric_limits<double>::infinity());
  unsigned width = type.getIntOrFloatBitWidth();
  APInt highest = isUnsigned ? APInt::getMaxValue(width) : APInt::getSignedMaxValue(width);
  return arith::ConstantOp::create(b, loc, IntegerAttr::get(type, highest));
}

Value minOver(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> axes, bool isUnsigned) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  return buildReduction(
      b, loc, x, axes, highestValue(b, loc, element, isUnsigned),
      [&](OpBuilder &nb, Location nl, Value acc, Value v) -> Value {
        if (isa<FloatType>(v.getType()))
          return arith::MinimumFOp::create(nb, nl, acc, v);
        if (isUnsigned)
          return arith::MinUIOp::create(nb, nl, acc, v);
        return arith::MinSIOp::create(nb, nl, acc, v);
      });
}

Value prodOver(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> axes) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  return buildReduction(b, loc, x, axes, scalarConstant(b, loc, element, 1),
                        [](OpBuilder &nb, Location nl, Value acc, Value v) -> Value {
                          if (isa<FloatType>(v.getType()))
                            return arith::MulFOp::create(nb, nl, acc, v);
                          return arith::MulIOp::create(nb, nl, acc, v);
                        });
}

Value sumOver(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> axes) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  return buildReduction(b, loc, x, axes, scalarConstant(b, loc, element, 0), add);
}

/// The maximum over `axes`. Floats propagate NaN, as numpy does, unless `skipNaN` (maxnumf).
Value maxOver(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> axes, bool isUnsigned,
              bool skipNaN = false) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  return buildReduction(b, loc, x, axes, lowestValue(b, loc, element, isUnsigned),
                        [&](OpBuilder &nb, Location nl, Value acc, Value v) -> Value {
                          if (isa<FloatType>(v.getType()) && skipNaN)
                            return arith::MaxNumFOp::create(nb, nl, acc, v);
                          if (isa<FloatType>(v.getType()))
                            return arith::MaximumFOp::create(nb, nl, acc, v);
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
    } else if constexpr (std::is_same_v<OpTy, ReduceMinOp>) {
      reduced = minOver(rewriter, loc, x, axes, isUnsigned);
    } else if constexpr (std::is_same_v<OpTy, ReduceProdOp>) {
      reduced = prodOver(rewriter, loc, x, axes);
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

/// argmax/argmin: one reduction carrying the best value and its index. The comparison is
/// strict, so ties keep the first index, unless select_last_index makes it non-strict.
template <typename OpTy>
struct ArgLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    constexpr bool isMax = std::is_same_v<OpTy, ArgMaxOp>;
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    Type element = type.getElementType();
    int64_t rank = type.getRank(), axis = static_cast<int64_t>(op.getAxis());
    bool isUnsigned = isUnsignedInt(op.getInput().getType().getElementType());
    bool last = op.getSelectLastIndex();
    SmallVector<int64_t> outShape;
    SmallVector<utils::IteratorType> iterators;
    for (int64_t d = 0; d < rank; ++d) {
      iterators.push_back(d == axis ? utils::IteratorType::reduction
                                    : utils::IteratorType::parallel);
      if (d != axis)
        outShape.push_back(type.getDimSize(d));
    }
    auto valueType = RankedTensorType::get(outShape, element);
    auto indexType = RankedTensorType::get(outShape, rewriter.getI64Type());
    Value init = isMax ? lowestValue(rewriter, loc, element, isUnsigned)
                       : highestValue(rewriter, loc, element, isUnsigned);
    Value values = linalg::FillOp::create(rewriter, loc, ValueRange{init},
                                          ValueRange{emptyTensor(rewriter, loc, valueType)})
                       .getResult(0);
    Value indices = filledTensor(rewriter, loc, indexType, 0);
    AffineMap outMap = droppedDimsMap(ctx, rank, {axis});
    SmallVector<AffineMap> maps = {AffineMap::getMultiDimIdentityMap(rank, ctx), outMap,
                                   outMap};
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{valueType, indexType}, ValueRange{x},
        ValueRange{values, indices}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value v = args[0], best = args[1];
          Value better;
          if (isa<FloatType>(element)) {
            auto pred = isMax ? (last ? arith::CmpFPredicate::OGE : arith::CmpFPredicate::OGT)
                              : (last ? arith::CmpFPredicate::OLE : arith::CmpFPredicate::OLT);
            better = arith::CmpFOp::create(b, l, pred, v, best);
          } else {
            arith::CmpIPredicate pred;
            if (isMax)
              pred = isUnsigned ? (last ? arith::CmpIPredicate::uge : arith::CmpIPredicate::ugt)
                                : (last ? arith::CmpIPredicate::sge : arith::CmpIPredicate::sgt);
            else
              pred = isUnsigned ? (last ? arith::CmpIPredicate::ule : arith::CmpIPredicate::ult)
                                : (last ? arith::CmpIPredicate::sle : arith::CmpIPredicate::slt);
            better = arith::CmpIOp::create(b, l, pred, v, best);
          }
          // The first element always wins, so that an all -inf (or all NaN) lane gives 0.
          Value i = linalg::IndexOp::create(b, l, axis);
          Value first = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, i,
                                              arith::ConstantIndexOp::create(b, l, 0));
          better = arith::OrIOp::create(b, l, better, first);
          Value i64 = arith::IndexCastOp::create(b, l, b.getI64Type(), i);
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::SelectOp::create(b, l, better, v, best),
                         arith::SelectOp::create(b, l, better, i64, args[2])});
        });
    auto resultType = convertedType(this->getTypeConverter(), op.getType());
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, generic.getResult(1), resultType));
    return success();
  }
};

/// cumsum as a reduction over a second copy of the axis, masked to the elements the running
/// sum includes (quadratic in the axis length, which is short in practice).
struct CumSumLowering : OpConversionPattern<CumSumOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(CumSumOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank(), axis = static_cast<int64_t>(op.getAxis());
    SmallVector<AffineExpr> inExprs, outExprs;
    for (int64_t d = 0; d < rank; ++d) {
      inExprs.push_back(getAffineDimExpr(d == axis ? rank : d, ctx));
      outExprs.push_back(getAffineDimExpr(d, ctx));
    }
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    SmallVector<AffineMap> maps = {AffineMap::get(rank + 1, 0, inExprs, ctx),
                                   AffineMap::get(rank + 1, 0, outExprs, ctx)};
    arith::CmpIPredicate pred = op.getReverse()
                                    ? (op.getExclusive() ? arith::CmpIPredicate::sgt
                                                         : arith::CmpIPredicate::sge)
                                    : (op.getExclusive() ? arith::CmpIPredicate::slt
                                                         : arith::CmpIPredicate::sle);
    Value init = filledTensor(rewriter, loc, type, 0);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{x}, ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value j = linalg::IndexOp::create(b, l, rank);
          Value i = linalg::IndexOp::create(b, l, axis);
          Value included = arith::CmpIOp::create(b, l, pred, j, i);
          Value sum = add(b, l, args[1], args[0]);
          linalg::YieldOp::create(b, l,
                                  ValueRange{arith::SelectOp::create(b, l, included, sum,
                                                                     args[1])});
        });
    rewriter.replaceOp(op, generic.getResult(0));
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
    // Subtracting the row maximum keeps exp from overflowing. maxnumf, which skips NaN, is
    // cheaper to vectorize than maximumf and gives the same softmax: a NaN in the row makes
    // its exponential, so the sum and every output, NaN either way.
    Value rowMax = maxOver(rewriter, loc, x, {axis}, false, /*skipNaN=*/true);
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

/// The dimensions axis..rank-1 a normalisation runs over; returns their element count.
int64_t trailingAxes(RankedTensorType type, int64_t axis, SmallVectorImpl<int64_t> &axes) {
  int64_t count = 1;
  for (int64_t d = axis; d < type.getRank(); ++d) {
    axes.push_back(d);
    count *= type.getDimSize(d);
  }
  return count;
}

/// The sum over `axes` of `term`, computed per element of the iteration space `type` from
/// `inputs` read through `maps`; the result drops the reduced dimensions. The terms are never
/// stored (a norm's centered values and their squares cost no memory traffic).
Value sumOfTerms(OpBuilder &b, Location loc, RankedTensorType type, ValueRange inputs,
                 ArrayRef<AffineMap> maps, ArrayRef<int64_t> axes, BodyFn term) {
  MLIRContext *ctx = b.getContext();
  SmallVector<int64_t> outShape;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    bool reduced = llvm::is_contained(axes, d);
    iterators.push_back(reduced ? utils::IteratorType::reduction : utils::IteratorType::parallel);
    if (!reduced)
      outShape.push_back(type.getDimSize(d));
  }
  auto outType = RankedTensorType::get(outShape, type.getElementType());
  Value zero = scalarConstant(b, loc, type.getElementType(), 0);
  Value acc =
      linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{emptyTensor(b, loc, outType)})
          .getResult(0);
  SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(droppedDimsMap(ctx, type.getRank(), axes));
  return linalg::GenericOp::create(
             b, loc, TypeRange{outType}, inputs, ValueRange{acc}, allMaps, iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value t = term(nb, l, args.drop_back());
               linalg::YieldOp::create(nb, l, ValueRange{add(nb, l, args.back(), t)});
             })
      .getResult(0);
}

/// mean(x * x) over `axes`, which hold `count` elements (the reduced dimensions dropped).
Value meanOfSquares(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> axes, int64_t count) {
  auto type = cast<RankedTensorType>(x.getType());
  AffineMap identity = AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext());
  Value sum = sumOfTerms(b, loc, type, {x}, {identity}, axes,
                         [](OpBuilder &nb, Location l, ValueRange args) -> Value {
                           return arith::MulFOp::create(nb, l, args[0], args[0]);
                         });
  return divideBy(b, loc, sum, count, false);
}

/// 1 / sqrt(stat + epsilon), element-wise (the square root in f32 for f16/bf16).
Value inverseRoot(OpBuilder &b, Location loc, Value stat, double epsilon) {
  auto type = cast<RankedTensorType>(stat.getType());
  Type element = type.getElementType();
  return buildElementwise(b, loc, type, {stat},
                          [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
                            Value eps = scalarConstant(nb, l, element, epsilon);
                            Value one = scalarConstant(nb, l, element, 1.0);
                            Value root = computeInF32(
                                nb, l, arith::AddFOp::create(nb, l, args[0], eps),
                                [&](Value v) { return math::SqrtOp::create(nb, l, v); });
                            return arith::DivFOp::create(nb, l, one, root);
                          });
}

/// Layer norm of `x` (plus `skip`, when given) over the dimensions axis..rank-1: two
/// reductions that read the inputs (the mean, then the variance around it), then one
/// element-wise pass that writes the output, and the sum x + skip when `withSum`.
SmallVector<Value> buildLayerNorm(OpBuilder &b, Location loc, Value x, Value skip, Value scale,
                                  Value bias, int64_t axis, double epsilon, bool withSum) {
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> axes;
  int64_t count = trailingAxes(type, axis, axes);
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, ctx);
  AffineMap statMap = droppedDimsMap(ctx, rank, axes);
  SmallVector<Value> inputs = {x};
  SmallVector<AffineMap> maps = {identity};
  if (skip) {
    inputs.push_back(skip);
    maps.push_back(broadcastMap(ctx, staticShape(skip), type.getShape()));
  }
  // The normalized value's element from the generic's arguments (x, then skip).
  auto element = [skip](OpBuilder &nb, Location l, ValueRange args) -> Value {
    return skip ? arith::AddFOp::create(nb, l, args[0], args[1]).getResult() : args[0];
  };
  Value mean =
      divideBy(b, loc, sumOfTerms(b, loc, type, inputs, maps, axes, element), count, false);
  inputs.push_back(mean);
  maps.push_back(statMap);
  size_t meanIndex = inputs.size() - 1;
  Value sumOfSquares = sumOfTerms(
      b, loc, type, inputs, maps, axes, [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
        Value d = arith::SubFOp::create(nb, l, element(nb, l, args), args[meanIndex]);
        return arith::MulFOp::create(nb, l, d, d);
      });
  inputs.push_back(inverseRoot(b, loc, divideBy(b, loc, sumOfSquares, count, false), epsilon));
  maps.push_back(statMap);
  inputs.push_back(scale);
  maps.push_back(broadcastMap(ctx, staticShape(scale), type.getShape()));
  if (bias) {
    inputs.push_back(bias);
    maps.push_back(broadcastMap(ctx, staticShape(bias), type.getShape()));
  }
  SmallVector<Value> outputs = {emptyTensor(b, loc, type)};
  if (withSum)
    outputs.push_back(emptyTensor(b, loc, type));
  maps.append(outputs.size(), identity);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange(ValueRange(outputs)), inputs, outputs, maps,
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value v = element(nb, l, args);
        Value y = arith::SubFOp::create(nb, l, v, args[meanIndex]);
        y = arith::MulFOp::create(nb, l, y, args[meanIndex + 1]);
        y = arith::MulFOp::create(nb, l, y, args[meanIndex + 2]);
        if (bias)
          y = arith::AddFOp::create(nb, l, y, args[meanIndex + 3]);
        SmallVector<Value> results = {y};
        if (withSum)
          results.push_back(v);
        linalg::YieldOp::create(nb, l, results);
      });
  return SmallVector<Value>(generic.getResults());
}

struct LayerNormLowering : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(LayerNormOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, buildLayerNorm(rewriter, op.getLoc(), adaptor.getInput(), Value(),
                                          adaptor.getScale(), adaptor.getBias(),
                                          static_cast<int64_t>(op.getAxis()),
                                          op.getEpsilon().convertToDouble(), false));
    return success();
  }
};

/// The sum is written only when something reads it (a pre-norm model's residual stream).
struct SkipLayerNormLowering : OpConversionPattern<SkipLayerNormOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(SkipLayerNormOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    bool withSum = !op.getSum().use_empty();
    SmallVector<Value> results =
        buildLayerNorm(rewriter, op.getLoc(), adaptor.getInput(), adaptor.getSkip(),
                       adaptor.getScale(), adaptor.getBias(), static_cast<int64_t>(op.getAxis()),
                       op.getEpsilon().convertToDouble(), withSum);
    if (!withSum)
      results.push_back(results[0]); // no uses: any value of the type will do
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// x / sqrt(mean(x^2) + eps) * scale: one reduction, then one element-wise pass.
struct RMSNormLowering : OpConversionPattern<RMSNormOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(RMSNormOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    SmallVector<int64_t> axes;
    int64_t count = trailingAxes(type, static_cast<int64_t>(op.getAxis()), axes);
    Value invRms = inverseRoot(rewriter, loc, meanOfSquares(rewriter, loc, x, axes, count),
                               op.getEpsilon().convertToDouble());
    Value y = buildMapped(
        rewriter, loc, type, {x, invRms, adaptor.getScale()},
        {AffineMap::getMultiDimIdentityMap(rank, ctx), droppedDimsMap(ctx, rank, axes),
         broadcastMap(ctx, staticShape(adaptor.getScale()), type.getShape())},
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          return arith::MulFOp::create(b, l, arith::MulFOp::create(b, l, args[0], args[1]),
                                       args[2]);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void populateReductionLoweringPatterns(const TypeConverter &converter,
                                       RewritePatternSet &patterns) {
  patterns
      .add<ReduceLowering<ReduceSumOp>, ReduceLowering<ReduceMeanOp>, ReduceLowering<ReduceMaxOp>,
           ReduceLowering<ReduceMinOp>, ReduceLowering<ReduceProdOp>, ArgLowering<ArgMaxOp>,
           ArgLowering<ArgMinOp>, CumSumLowering, SoftmaxLowering, LayerNormLowering,
           SkipLayerNormLowering, RMSNormLowering>(converter, patterns.getContext());
}

} // namespace tfc
