// Helpers shared by the tfc-to-linalg patterns.
#include "passes/Conversion/TFCToLinalg/LoweringUtils.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

using namespace mlir;

namespace tfc {

Value scalarConstant(OpBuilder &b, Location loc, Type type, double value) {
  if (auto floatTy = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(floatTy, value));
  auto intTy = cast<IntegerType>(type);
  APInt bits(intTy.getWidth(), static_cast<uint64_t>(static_cast<int64_t>(value)),
             /*isSigned=*/true, /*implicitTrunc=*/true);
  return arith::ConstantOp::create(b, loc, IntegerAttr::get(intTy, bits));
}

AffineMap broadcastMap(MLIRContext *ctx, ArrayRef<int64_t> inShape,
                       ArrayRef<int64_t> outShape) {
  int64_t offset = static_cast<int64_t>(outShape.size() - inShape.size());
  SmallVector<AffineExpr> exprs;
  for (auto [i, size] : llvm::enumerate(inShape)) {
    int64_t d = offset + static_cast<int64_t>(i);
    exprs.push_back(size == 1 && outShape[d] != 1 ? getAffineConstantExpr(0, ctx)
                                                  : getAffineDimExpr(d, ctx));
  }
  return AffineMap::get(outShape.size(), 0, exprs, ctx);
}

Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type) {
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
}

Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type, double value) {
  Value init = emptyTensor(b, loc, type);
  Value scalar = scalarConstant(b, loc, type.getElementType(), value);
  return linalg::FillOp::create(b, loc, ValueRange{scalar}, ValueRange{init}).getResult(0);
}

Value buildElementwise(OpBuilder &b, Location loc, RankedTensorType outType,
                       ValueRange inputs, BodyFn body) {
  SmallVector<AffineMap> maps;
  for (Value in : inputs)
    maps.push_back(broadcastMap(b.getContext(), staticShape(in), outType.getShape()));
  return buildMapped(b, loc, outType, inputs, maps, body);
}

AffineMap droppedDimsMap(MLIRContext *ctx, int64_t rank, ArrayRef<int64_t> dropped) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(dropped, d))
      exprs.push_back(getAffineDimExpr(d, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}

Value buildMapped(OpBuilder &b, Location loc, RankedTensorType outType, ValueRange inputs,
                  ArrayRef<AffineMap> inputMaps, BodyFn body) {
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(AffineMap::getMultiDimIdentityMap(outType.getRank(), ctx));
  SmallVector<utils::IteratorType> iterators(outType.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{outType}, inputs, ValueRange{emptyTensor(b, loc, outType)}, maps,
      iterators, [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args.drop_back());
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}

Value reshapeTensor(OpBuilder &b, Location loc, Value input, RankedTensorType outType) {
  auto inType = cast<RankedTensorType>(input.getType());
  if (inType.getShape() == outType.getShape())
    return input;
  // A single element: rank-0 tensors collapse from and expand to any all-ones shape.
  if (outType.getRank() == 0)
    return tensor::CollapseShapeOp::create(b, loc, outType, input,
                                           ArrayRef<ReassociationIndices>{});
  if (inType.getRank() == 0)
    return tensor::ExpandShapeOp::create(b, loc, outType, input,
                                         ArrayRef<ReassociationIndices>{});
  // Otherwise go through a 1-D tensor: collapse everything, then expand into the new shape.
  Type element = inType.getElementType();
  auto flatType = RankedTensorType::get({inType.getNumElements()}, element);
  Value flat = input;
  if (inType.getRank() > 1) {
    ReassociationIndices all;
    for (int64_t d = 0; d < inType.getRank(); ++d)
      all.push_back(d);
    flat = tensor::CollapseShapeOp::create(b, loc, flatType, input,
                                           ArrayRef<ReassociationIndices>{all});
  }
  if (outType.getRank() == 1)
    return flat;
  ReassociationIndices all;
  for (int64_t d = 0; d < outType.getRank(); ++d)
    all.push_back(d);
  return tensor::ExpandShapeOp::create(b, loc, outType, flat,
                                       ArrayRef<ReassociationIndices>{all});
}

Value buildReduction(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> axes,
                     Value init,
                     function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  MLIRContext *ctx = b.getContext();
  auto inType = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> outShape;
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t d = 0; d < inType.getRank(); ++d) {
    if (llvm::is_contained(axes, d)) {
      iterators.push_back(utils::IteratorType::reduction);
      continue;
    }
    iterators.push_back(utils::IteratorType::parallel);
    outShape.push_back(inType.getDimSize(d));
    outExprs.push_back(getAffineDimExpr(d, ctx));
  }
  auto outType = RankedTensorType::get(outShape, inType.getElementType());
  Value acc = linalg::FillOp::create(b, loc, ValueRange{init},
                                     ValueRange{emptyTensor(b, loc, outType)})
                  .getResult(0);
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(inType.getRank(), ctx),
      AffineMap::get(inType.getRank(), 0, outExprs, ctx)};
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{outType}, ValueRange{input}, ValueRange{acc}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        linalg::YieldOp::create(nested, nestedLoc,
                                combine(nested, nestedLoc, args[1], args[0]));
      });
  return generic.getResult(0);
}

Value clampedIndex(OpBuilder &b, Location loc, Value raw, int64_t dim) {
  Value idx = arith::IndexCastOp::create(b, loc, b.getIndexType(), raw);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value size = arith::ConstantIndexOp::create(b, loc, dim);
  Value last = arith::ConstantIndexOp::create(b, loc, dim > 0 ? dim - 1 : 0);
  Value negative = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, idx, zero);
  idx = arith::SelectOp::create(b, loc, negative, arith::AddIOp::create(b, loc, idx, size), idx);
  idx = arith::MaxSIOp::create(b, loc, idx, zero);
  return arith::MinSIOp::create(b, loc, idx, last);
}

Value padTensor(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> pads,
                StringRef mode, Value value) {
  auto inType = cast<RankedTensorType>(input.getType());
  int64_t rank = inType.getRank();
  if (llvm::all_of(pads, [](int64_t p) { return p == 0; }))
    return input;
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(inType.getDimSize(d) + pads[d] + pads[d + rank]);
  auto outType = RankedTensorType::get(shape, inType.getElementType());
  if (inType.getNumElements() == 0) // nothing to read: constant mode fills everything
    return linalg::FillOp::create(b, loc, ValueRange{value},
                                  ValueRange{emptyTensor(b, loc, outType)})
        .getResult(0);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{outType}, ValueRange{}, ValueRange{emptyTensor(b, loc, outType)},
      ArrayRef<AffineMap>{AffineMap::getMultiDimIdentityMap(rank, b.getContext())},
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange) {
        Value zero = arith::ConstantIndexOp::create(nb, l, 0);
        Value inside = arith::ConstantIntOp::create(nb, l, 1, 1);
        SmallVector<Value> coords;
        for (int64_t d = 0; d < rank; ++d) {
          int64_t size = inType.getDimSize(d);
          Value i = arith::SubIOp::create(nb, l, linalg::IndexOp::create(nb, l, d),
                                          arith::ConstantIndexOp::create(nb, l, pads[d]));
          Value last = arith::ConstantIndexOp::create(nb, l, size - 1);
          Value below = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::slt, i, zero);
          Value above = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sgt, i, last);
          if (mode == "reflect") {
            // -i before the start, 2(size-1) - i after the end (pads < size).
            i = arith::SelectOp::create(nb, l, below, arith::SubIOp::create(nb, l, zero, i), i);
            Value twice = arith::ConstantIndexOp::create(nb, l, 2 * (size - 1));
            i = arith::SelectOp::create(nb, l, above, arith::SubIOp::create(nb, l, twice, i), i);
          } else {
            if (mode == "constant")
              inside = arith::AndIOp::create(
                  nb, l, inside,
                  arith::XOrIOp::create(nb, l, arith::OrIOp::create(nb, l, below, above),
                                        arith::ConstantIntOp::create(nb, l, 1, 1)));
            i = arith::MinSIOp::create(nb, l, arith::MaxSIOp::create(nb, l, i, zero), last);
          }
          coords.push_back(i);
        }
        Value x = tensor::ExtractOp::create(nb, l, input, coords);
        if (mode == "constant")
          x = arith::SelectOp::create(nb, l, inside, x, value);
        linalg::YieldOp::create(nb, l, x);
      });
  return generic.getResult(0);
}

Value computeInF32(OpBuilder &b, Location loc, Value x, function_ref<Value(Value)> fn) {
  Type type = x.getType();
  if (!type.isF16() && !type.isBF16())
    return fn(x);
  Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), x);
  return arith::TruncFOp::create(b, loc, type, fn(wide));
}

} // namespace tfc
