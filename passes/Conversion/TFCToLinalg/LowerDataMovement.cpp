// Lowering of constants and data movement (transpose, reshapes, concat, slice, gather).
#include "dialect/TFC/TFCOps.h"
#include "passes/Conversion/TFCToLinalg/LoweringUtils.h"
#include "passes/Conversion/TFCToLinalg/TFCToLinalg.h"

using namespace mlir;

namespace tfc {
namespace {

struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ConstantOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto value = dyn_cast<DenseElementsAttr>(op.getValue());
    if (!value)
      return rewriter.notifyMatchFailure(op, "only dense constants are supported");
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    if (type != value.getType())
      value = value.bitcast(type.getElementType()); // ui8 -> i8: same bits
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, type, value);
    return success();
  }
};

struct TransposeLowering : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    Value init = emptyTensor(rewriter, op.getLoc(), type);
    auto transpose =
        linalg::TransposeOp::create(rewriter, op.getLoc(), adaptor.getInput(), init, op.getPerm());
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

/// reshape, squeeze and unsqueeze only reinterpret the row-major elements.
template <typename OpTy>
struct ReshapeLikeLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = convertedType(this->getTypeConverter(), op.getType());
    rewriter.replaceOp(op, reshapeTensor(rewriter, op.getLoc(), adaptor.getInput(), type));
    return success();
  }
};

struct ConcatLowering : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    int64_t axis = static_cast<int64_t>(op.getAxis());
    Value result = emptyTensor(rewriter, loc, type);
    int64_t offset = 0;
    for (Value in : adaptor.getInputs()) {
      ArrayRef<int64_t> shape = staticShape(in);
      if (shape[axis] == 0)
        continue;
      SmallVector<OpFoldResult> offsets(type.getRank(), rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes, strides(type.getRank(), rewriter.getIndexAttr(1));
      for (int64_t d : shape)
        sizes.push_back(rewriter.getIndexAttr(d));
      offsets[axis] = rewriter.getIndexAttr(offset);
      result = tensor::InsertSliceOp::create(rewriter, loc, in, result, offsets, sizes, strides);
      offset += shape[axis];
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct SliceLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    // A negative stride reads offset, offset+s, ...: take the same elements with stride |s|
    // from the other end, then reverse that dimension.
    SmallVector<OpFoldResult> offsets, sizes, strides;
    SmallVector<AffineExpr> reverse;
    bool anyReversed = false;
    for (int64_t d = 0; d < type.getRank(); ++d) {
      int64_t offset = op.getOffsets()[d], size = op.getSizes()[d], stride = op.getStrides()[d];
      if (stride < 0 && size > 0) {
        offset += (size - 1) * stride;
        stride = -stride;
        anyReversed = true;
        reverse.push_back(getAffineConstantExpr(size - 1, ctx) - getAffineDimExpr(d, ctx));
      } else {
        reverse.push_back(getAffineDimExpr(d, ctx));
        stride = std::abs(stride);
      }
      offsets.push_back(rewriter.getIndexAttr(size > 0 ? offset : 0));
      sizes.push_back(rewriter.getIndexAttr(size));
      strides.push_back(rewriter.getIndexAttr(stride));
    }
    Value slice = tensor::ExtractSliceOp::create(rewriter, loc, type, adaptor.getInput(),
                                                 offsets, sizes, strides);
    if (anyReversed)
      slice = buildMapped(rewriter, loc, type, {slice},
                          {AffineMap::get(type.getRank(), 0, reverse, ctx)},
                          [](OpBuilder &, Location, ValueRange args) { return args[0]; });
    rewriter.replaceOp(op, slice);
    return success();
  }
};

struct GatherLowering : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    Value data = adaptor.getInput();
    ArrayRef<int64_t> dataShape = staticShape(data);
    int64_t axis = static_cast<int64_t>(op.getAxis());
    int64_t indexRank = op.getIndices().getType().getRank();
    int64_t dim = dataShape[axis];
    // The indices are read at the output dimensions they expand into.
    SmallVector<AffineExpr> indexExprs;
    for (int64_t d = 0; d < indexRank; ++d)
      indexExprs.push_back(getAffineDimExpr(axis + d, ctx));
    AffineMap indexMap = AffineMap::get(type.getRank(), 0, indexExprs, ctx);
    Value result = buildMapped(
        rewriter, loc, type, {adaptor.getIndices()}, {indexMap},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value idx = clampedIndex(b, l, args[0], dim);
          SmallVector<Value> coords;
          for (int64_t d = 0; d < axis; ++d)
            coords.push_back(linalg::IndexOp::create(b, l, d));
          coords.push_back(idx);
          for (int64_t d = axis + 1; d < static_cast<int64_t>(dataShape.size()); ++d)
            coords.push_back(linalg::IndexOp::create(b, l, d - 1 + indexRank));
          return tensor::ExtractOp::create(b, l, data, coords);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct GatherElementsLowering : OpConversionPattern<GatherElementsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(GatherElementsOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type = convertedType(getTypeConverter(), op.getType());
    Value data = adaptor.getInput();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    int64_t dim = staticShape(data)[axis];
    Value result = buildMapped(
        rewriter, loc, type, {adaptor.getIndices()},
        {AffineMap::getMultiDimIdentityMap(type.getRank(), ctx)},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value idx = clampedIndex(b, l, args[0], dim);
          SmallVector<Value> coords;
          for (int64_t d = 0; d < type.getRank(); ++d)
            coords.push_back(d == axis ? idx : linalg::IndexOp::create(b, l, d).getResult());
          return tensor::ExtractOp::create(b, l, data, coords);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct PadLowering : OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(PadOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value value = tensor::ExtractOp::create(rewriter, loc, adaptor.getValue(), ValueRange{});
    rewriter.replaceOp(op, padTensor(rewriter, loc, adaptor.getInput(), op.getPads(),
                                     op.getMode(), value));
    return success();
  }
};

struct ShapeLowering : OpConversionPattern<ShapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ShapeOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto inType = op.getInput().getType();
    int64_t start = static_cast<int64_t>(op.getStart());
    int64_t end = op.getEnd() ? static_cast<int64_t>(*op.getEnd()) : inType.getRank();
    SmallVector<int64_t> dims(inType.getShape().slice(start, end - start));
    auto value = DenseElementsAttr::get(op.getType(), ArrayRef<int64_t>(dims));
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, op.getType(), value);
    return success();
  }
};

} // namespace

void populateDataMovementLoweringPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns) {
  patterns.add<ConstantLowering, TransposeLowering, ReshapeLikeLowering<ReshapeOp>,
               ReshapeLikeLowering<SqueezeOp>, ReshapeLikeLowering<UnsqueezeOp>,
               ConcatLowering, SliceLowering, GatherLowering, GatherElementsLowering,
               PadLowering, ShapeLowering>(
      converter, patterns.getContext());
}

} // namespace tfc
