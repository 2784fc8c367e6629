// Lowering of convolution and pooling: sliding-window reductions as linalg.generic ops over
// (batch, channel, output position, window position).
#include "dialect/TFC/TFCOps.h"
#include "passes/Conversion/TFCToLinalg/LoweringUtils.h"
#include "passes/Conversion/TFCToLinalg/TFCToLinalg.h"
#include <limits>

using namespace mlir;

namespace tfc {
namespace {

/// The input position read by output position `o` and window position `k` of spatial
/// dimension `i`: o * stride + k * dilation (the input is already padded).
AffineExpr windowExpr(MLIRContext *ctx, unsigned outDim, unsigned kernelDim, int64_t stride,
                      int64_t dilation) {
  return getAffineDimExpr(outDim, ctx) * stride + getAffineDimExpr(kernelDim, ctx) * dilation;
}

/// `input` [N, C, spatial...] padded with `value` by the op's spatial `pads` (before every
/// spatial dimension, then after): batch and channels are never padded.
Value padSpatial(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> pads,
                 double value) {
  int64_t k = static_cast<int64_t>(pads.size()) / 2;
  SmallVector<int64_t> full = {0, 0};
  full.append(pads.begin(), pads.begin() + k);
  full.append({0, 0});
  full.append(pads.begin() + k, pads.end());
  Type element = cast<RankedTensorType>(input.getType()).getElementType();
  return padTensor(b, loc, input, full, "constant", scalarConstant(b, loc, element, value));
}

struct ConvLowering : OpConversionPattern<ConvOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(ConvOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    ArrayRef<int64_t> filterShape = staticShape(adaptor.getFilter());
    int64_t k = type.getRank() - 2;
    int64_t groups = static_cast<int64_t>(op.getGroups());
    int64_t filtersPerGroup = filterShape[0] / groups, channelsPerGroup = filterShape[1];
    Value input = padSpatial(rewriter, loc, adaptor.getInput(), op.getPads(), 0.0);
    // Loops: n, m, o_1..o_k (parallel), then c, k_1..k_k (reduction).
    unsigned loops = 2 + 2 * k + 1;
    unsigned cDim = 2 + k;
    SmallVector<AffineExpr> inExprs = {
        getAffineDimExpr(0, ctx),
        getAffineDimExpr(1, ctx).floorDiv(filtersPerGroup) * channelsPerGroup +
            getAffineDimExpr(cDim, ctx)};
    SmallVector<AffineExpr> filterExprs = {getAffineDimExpr(1, ctx), getAffineDimExpr(cDim, ctx)};
    SmallVector<AffineExpr> outExprs = {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)};
    for (int64_t i = 0; i < k; ++i) {
      inExprs.push_back(windowExpr(ctx, 2 + i, cDim + 1 + i, op.getStrides()[i],
                                   op.getDilations()[i]));
      filterExprs.push_back(getAffineDimExpr(cDim + 1 + i, ctx));
      outExprs.push_back(getAffineDimExpr(2 + i, ctx));
    }
    SmallVector<utils::IteratorType> iterators(2 + k, utils::IteratorType::parallel);
    iterators.append(1 + k, utils::IteratorType::reduction);
    SmallVector<AffineMap> maps = {AffineMap::get(loops, 0, inExprs, ctx),
                                   AffineMap::get(loops, 0, filterExprs, ctx),
                                   AffineMap::get(loops, 0, outExprs, ctx)};
    Value init = filledTensor(rewriter, loc, type, 0.0);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{input, adaptor.getFilter()},
        ValueRange{init}, maps, iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          Value p = arith::MulFOp::create(b, l, args[0], args[1]);
          linalg::YieldOp::create(b, l, ValueRange{arith::AddFOp::create(b, l, args[2], p)});
        });
    Value result = generic.getResult(0);
    if (Value bias = adaptor.getBias()) {
      AffineMap biasMap =
          AffineMap::get(type.getRank(), 0, {getAffineDimExpr(1, ctx)}, ctx);
      result = buildMapped(rewriter, loc, type, {result, bias},
                           {AffineMap::getMultiDimIdentityMap(type.getRank(), ctx), biasMap},
                           [](OpBuilder &b, Location l, ValueRange args) -> Value {
                             return arith::AddFOp::create(b, l, args[0], args[1]);
                           });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

template <typename OpTy>
struct PoolLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    constexpr bool isMax = std::is_same_v<OpTy, MaxPoolOp>;
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type = convertedType(this->getTypeConverter(), op.getType());
    Type element = type.getElementType();
    int64_t rank = type.getRank(), k = rank - 2;
    ArrayRef<int64_t> kernel = op.getKernel(), strides = op.getStrides(),
                      dilations = op.getDilations(), opPads = op.getPads();
    ArrayRef<int64_t> inShape = staticShape(adaptor.getInput());
    double padValue = isMax ? -std::numeric_limits<double>::infinity() : 0.0;
    Value input = padSpatial(rewriter, loc, adaptor.getInput(), opPads, padValue);
    // Loops: n, c, o_1..o_k (parallel), k_1..k_k (reduction); an empty tensor of the
    // kernel's shape gives the window loops their bounds.
    unsigned loops = 2 + 2 * k;
    SmallVector<AffineExpr> inExprs = {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)};
    SmallVector<AffineExpr> windowExprs, outExprs = {getAffineDimExpr(0, ctx),
                                                     getAffineDimExpr(1, ctx)};
    for (int64_t i = 0; i < k; ++i) {
      inExprs.push_back(windowExpr(ctx, 2 + i, 2 + k + i, strides[i], dilations[i]));
      windowExprs.push_back(getAffineDimExpr(2 + k + i, ctx));
      outExprs.push_back(getAffineDimExpr(2 + i, ctx));
    }
    SmallVector<utils::IteratorType> iterators(2 + k, utils::IteratorType::parallel);
    iterators.append(k, utils::IteratorType::reduction);
    SmallVector<AffineMap> maps = {AffineMap::get(loops, 0, inExprs, ctx),
                                   AffineMap::get(loops, 0, windowExprs, ctx),
                                   AffineMap::get(loops, 0, outExprs, ctx)};
    Value window = emptyTensor(rewriter, loc, RankedTensorType::get(kernel, element));
    Value init = filledTensor(rewriter, loc, type, padValue);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{input, window}, ValueRange{init}, maps,
        iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          Value r = isMax ? arith::MaximumFOp::create(b, l, args[2], args[0]).getResult()
                          : arith::AddFOp::create(b, l, args[2], args[0]).getResult();
          linalg::YieldOp::create(b, l, ValueRange{r});
        });
    Value result = generic.getResult(0);
    if (!isMax) {
      // Divide by the number of window elements that count: all of them with
      // count_include_pad, else only those inside the unpadded input (a constant per
      // output position, computed here).
      SmallVector<int64_t> outSpatial(type.getShape().drop_front(2));
      int64_t positions = 1;
      for (int64_t s : outSpatial)
        positions *= s;
      SmallVector<double> counts(positions, 1.0);
      for (int64_t flat = 0; flat < positions; ++flat) {
        int64_t rest = flat;
        double count = 1;
        for (int64_t i = k - 1; i >= 0; --i) {
          int64_t o = rest % outSpatial[i];
          rest /= outSpatial[i];
          int64_t inside = 0;
          for (int64_t w = 0; w < kernel[i]; ++w) {
            int64_t pos = o * strides[i] + w * dilations[i] - opPads[i];
            bool counted = op.getCountIncludePad()
                               ? pos < inShape[2 + i] + opPads[i + k]
                               : pos >= 0 && pos < inShape[2 + i];
            inside += counted ? 1 : 0;
          }
          count *= inside;
        }
        counts[flat] = count;
      }
      auto countType = RankedTensorType::get(outSpatial, element);
      SmallVector<Attribute> countAttrs;
      for (double c : counts)
        countAttrs.push_back(rewriter.getFloatAttr(element, c));
      Value countTensor = arith::ConstantOp::create(
          rewriter, loc, countType, DenseElementsAttr::get(countType, countAttrs));
      result = buildMapped(rewriter, loc, type, {result, countTensor},
                           {AffineMap::getMultiDimIdentityMap(rank, ctx),
                            droppedDimsMap(ctx, rank, {0, 1})},
                           [](OpBuilder &b, Location l, ValueRange args) -> Value {
                             return arith::DivFOp::create(b, l, args[0], args[1]);
                           });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateWindowLoweringPatterns(const TypeConverter &converter,
                                    RewritePatternSet &patterns) {
  patterns.add<ConvLowering, PoolLowering<MaxPoolOp>, PoolLowering<AveragePoolOp>>(
      converter, patterns.getContext());
}

} // namespace tfc
