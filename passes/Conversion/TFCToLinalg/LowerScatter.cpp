// Lowering of scatter_elements and scatter_nd: a loop nest over the updates that threads
// the output tensor through scf.for; bufferization turns it into stores into one buffer.
#include "dialect/TFC/TFCOps.h"
#include "passes/Conversion/TFCToLinalg/LoweringUtils.h"
#include "passes/Conversion/TFCToLinalg/TFCToLinalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace tfc {
namespace {

/// The update combined with the old element by `reduction` (add, mul, max or min).
Value combine(OpBuilder &b, Location loc, StringRef reduction, Value old, Value update,
              bool isUnsigned) {
  bool isFloat = isa<FloatType>(update.getType());
  if (reduction == "add")
    return isFloat ? arith::AddFOp::create(b, loc, old, update).getResult()
                   : arith::AddIOp::create(b, loc, old, update).getResult();
  if (reduction == "mul")
    return isFloat ? arith::MulFOp::create(b, loc, old, update).getResult()
                   : arith::MulIOp::create(b, loc, old, update).getResult();
  if (reduction == "max")
    return isFloat      ? arith::MaximumFOp::create(b, loc, old, update).getResult()
           : isUnsigned ? arith::MaxUIOp::create(b, loc, old, update).getResult()
                        : arith::MaxSIOp::create(b, loc, old, update).getResult();
  return isFloat      ? arith::MinimumFOp::create(b, loc, old, update).getResult()
         : isUnsigned ? arith::MinUIOp::create(b, loc, old, update).getResult()
                      : arith::MinSIOp::create(b, loc, old, update).getResult();
}

/// Builds the loop nest over `updates` (row-major, so later updates win) and returns the
/// final tensor; `target(ivs)` gives the output coordinates an update position writes.
Value scatterLoops(OpBuilder &b, Location loc, Value input, Value updates, StringRef reduction,
                   bool isUnsigned,
                   function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> target) {
  ArrayRef<int64_t> shape = staticShape(updates);
  for (int64_t d : shape)
    if (d == 0)
      return input;
  SmallVector<Value> lbs, ubs, steps;
  for (int64_t d : shape) {
    lbs.push_back(arith::ConstantIndexOp::create(b, loc, 0));
    ubs.push_back(arith::ConstantIndexOp::create(b, loc, d));
    steps.push_back(arith::ConstantIndexOp::create(b, loc, 1));
  }
  scf::LoopNest nest = scf::buildLoopNest(
      b, loc, lbs, ubs, steps, ValueRange{input},
      [&](OpBuilder &nb, Location l, ValueRange ivs, ValueRange args) -> scf::ValueVector {
        SmallVector<Value> coords = target(nb, l, ivs);
        Value value = tensor::ExtractOp::create(nb, l, updates, ivs);
        if (reduction != "none")
          value = combine(nb, l, reduction, tensor::ExtractOp::create(nb, l, args[0], coords),
                          value, isUnsigned);
        return {tensor::InsertOp::create(nb, l, value, args[0], coords)};
      });
  return nest.results.front();
}

struct ScatterElementsLowering : OpConversionPattern<ScatterElementsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ScatterElementsOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    int64_t axis = static_cast<int64_t>(op.getAxis());
    int64_t dim = staticShape(adaptor.getInput())[axis];
    Value indices = adaptor.getIndices();
    Value result = scatterLoops(
        rewriter, op.getLoc(), adaptor.getInput(), adaptor.getUpdates(), op.getReduction(),
        isUnsignedInt(op.getType().getElementType()),
        [&](OpBuilder &b, Location l, ValueRange ivs) {
          SmallVector<Value> coords(ivs.begin(), ivs.end());
          coords[axis] = clampedIndex(b, l, tensor::ExtractOp::create(b, l, indices, ivs), dim);
          return coords;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ScatterNDLowering : OpConversionPattern<ScatterNDOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ScatterNDOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    ArrayRef<int64_t> inShape = staticShape(adaptor.getInput());
    Value indices = adaptor.getIndices();
    int64_t outer = staticShape(indices).size() - 1, k = staticShape(indices).back();
    Value result = scatterLoops(
        rewriter, op.getLoc(), adaptor.getInput(), adaptor.getUpdates(), op.getReduction(),
        isUnsignedInt(op.getType().getElementType()),
        [&](OpBuilder &b, Location l, ValueRange ivs) {
          // The first `outer` loops pick the index vector; the rest run over the slice.
          SmallVector<Value> coords, at(ivs.begin(), ivs.begin() + outer);
          at.push_back(Value());
          for (int64_t j = 0; j < k; ++j) {
            at.back() = arith::ConstantIndexOp::create(b, l, j);
            coords.push_back(
                clampedIndex(b, l, tensor::ExtractOp::create(b, l, indices, at), inShape[j]));
          }
          coords.append(ivs.begin() + outer, ivs.end());
          return coords;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateScatterLoweringPatterns(const TypeConverter &converter,
                                     RewritePatternSet &patterns) {
  patterns.add<ScatterElementsLowering, ScatterNDLowering>(converter, patterns.getContext());
}

} // namespace tfc
