// Verifiers and result-type inference of the tfc ops.
#include "dialect/TFC/TFCOps.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace tfc;

bool tfc::isTFCElementType(Type type) {
  if (type.isF16() || type.isBF16() || type.isF32() || type.isF64())
    return true;
  auto intTy = dyn_cast<IntegerType>(type);
  if (!intTy || intTy.isSigned())
    return false;
  unsigned width = intTy.getWidth();
  if (width == 1)
    return intTy.isSignless();
  return width == 8 || width == 16 || width == 32 || width == 64;
}

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

namespace {
/// Emits "'tfc.<op>' op <message>" at `loc` (when given) and returns failure, so that
/// inference errors read like verifier errors.
template <typename OpTy>
LogicalResult inferError(std::optional<Location> loc, const Twine &message) {
  return emitOptionalError(loc, "'", OpTy::getOperationName(), "' op ", message);
}

RankedTensorType tensorOf(ArrayRef<int64_t> shape, Type elementType) {
  return RankedTensorType::get(shape, elementType);
}

RankedTensorType rankedType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

/// Result types are compatible when element types match and every static dimension agrees:
/// a result may be more precise than what inference derives from dynamic operands.
bool compatibleTensorTypes(TypeRange lhs, TypeRange rhs) {
  if (lhs.size() != rhs.size())
    return false;
  for (auto [l, r] : llvm::zip(lhs, rhs)) {
    auto lt = dyn_cast<RankedTensorType>(l);
    auto rt = dyn_cast<RankedTensorType>(r);
    if (!lt || !rt || lt.getElementType() != rt.getElementType() ||
        failed(verifyCompatibleShape(lt.getShape(), rt.getShape())))
      return false;
  }
  return true;
}

/// Checks that `axes` is sorted, duplicate-free and within [0, rank).
template <typename OpTy>
LogicalResult checkAxes(std::optional<Location> loc, ArrayRef<int64_t> axes, int64_t rank,
                        StringRef what = "axes") {
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= rank)
      return inferError<OpTy>(loc, what + " entry " + Twine(axis) +
                                       " is out of range for rank " + Twine(rank));
    if (i > 0 && axes[i - 1] >= axis)
      return inferError<OpTy>(loc, what + " must be sorted and unique");
  }
  return success();
}

std::string shapeStr(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  llvm::interleave(
      shape, os,
      [&](int64_t d) {
        if (ShapedType::isDynamic(d))
          os << "?";
        else
          os << d;
      },
      "x");
  return s.empty() ? "scalar" : s;
}

template <typename OpTy>
LogicalResult inferBroadcast(std::optional<Location> loc, ArrayRef<Value> operands,
                             Type elementType, SmallVectorImpl<Type> &results) {
  SmallVector<int64_t> shape;
  for (Value v : operands) {
    SmallVector<int64_t> next;
    if (!OpTrait::util::getBroadcastedShape(shape, rankedType(v).getShape(), next)) {
      std::string shapes;
      for (Value o : operands)
        shapes += (shapes.empty() ? "" : " and ") + shapeStr(rankedType(o).getShape());
      return inferError<OpTy>(loc, "operands are not broadcast-compatible: " + shapes);
    }
    shape = std::move(next);
  }
  results.push_back(tensorOf(shape, elementType));
  return success();
}

int64_t product(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}
} // namespace

// Every op shares the same notion of compatible result types.
#define TFC_COMPATIBLE_RESULTS(OP)                                                   \
  bool OP::isCompatibleReturnTypes(TypeRange l, TypeRange r) {                      \
    return compatibleTensorTypes(l, r);                                              \
  }
TFC_COMPATIBLE_RESULTS(ConstantOp)
TFC_COMPATIBLE_RESULTS(AddOp)
TFC_COMPATIBLE_RESULTS(SubOp)
TFC_COMPATIBLE_RESULTS(MulOp)
TFC_COMPATIBLE_RESULTS(DivOp)
TFC_COMPATIBLE_RESULTS(PowOp)
TFC_COMPATIBLE_RESULTS(EqualOp)
TFC_COMPATIBLE_RESULTS(LessOp)
TFC_COMPATIBLE_RESULTS(GreaterOp)
TFC_COMPATIBLE_RESULTS(WhereOp)
TFC_COMPATIBLE_RESULTS(CastOp)
TFC_COMPATIBLE_RESULTS(MatMulOp)
TFC_COMPATIBLE_RESULTS(MatMulEpilogueOp)
TFC_COMPATIBLE_RESULTS(BiasActivationOp)
TFC_COMPATIBLE_RESULTS(ReduceSumOp)
TFC_COMPATIBLE_RESULTS(ReduceMeanOp)
TFC_COMPATIBLE_RESULTS(ReduceMaxOp)
TFC_COMPATIBLE_RESULTS(SoftmaxOp)
TFC_COMPATIBLE_RESULTS(LayerNormOp)
TFC_COMPATIBLE_RESULTS(SkipLayerNormOp)
TFC_COMPATIBLE_RESULTS(RMSNormOp)
TFC_COMPATIBLE_RESULTS(RotaryEmbeddingOp)
TFC_COMPATIBLE_RESULTS(AttentionOp)
TFC_COMPATIBLE_RESULTS(TransposeOp)
TFC_COMPATIBLE_RESULTS(ReshapeOp)
TFC_COMPATIBLE_RESULTS(SqueezeOp)
TFC_COMPATIBLE_RESULTS(UnsqueezeOp)
TFC_COMPATIBLE_RESULTS(ExpandOp)
TFC_COMPATIBLE_RESULTS(ConcatOp)
TFC_COMPATIBLE_RESULTS(SliceOp)
TFC_COMPATIBLE_RESULTS(GatherOp)
TFC_COMPATIBLE_RESULTS(ShapeOp)
TFC_COMPATIBLE_RESULTS(MinOp)
TFC_COMPATIBLE_RESULTS(MaxOp)
TFC_COMPATIBLE_RESULTS(AndOp)
TFC_COMPATIBLE_RESULTS(OrOp)
TFC_COMPATIBLE_RESULTS(XorOp)
TFC_COMPATIBLE_RESULTS(ModOp)
TFC_COMPATIBLE_RESULTS(BitShiftOp)
TFC_COMPATIBLE_RESULTS(ReduceMinOp)
TFC_COMPATIBLE_RESULTS(ReduceProdOp)
TFC_COMPATIBLE_RESULTS(ArgMaxOp)
TFC_COMPATIBLE_RESULTS(ArgMinOp)
TFC_COMPATIBLE_RESULTS(GatherElementsOp)
TFC_COMPATIBLE_RESULTS(PadOp)
TFC_COMPATIBLE_RESULTS(ScatterElementsOp)
TFC_COMPATIBLE_RESULTS(ScatterNDOp)
TFC_COMPATIBLE_RESULTS(ConvOp)
TFC_COMPATIBLE_RESULTS(MaxPoolOp)
TFC_COMPATIBLE_RESULTS(AveragePoolOp)
#undef TFC_COMPATIBLE_RESULTS

//===----------------------------------------------------------------------===//
// constant
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &results) {
  results.push_back(adaptor.getValue().getType());
  return success();
}

//===----------------------------------------------------------------------===//
// Element-wise ops
//===----------------------------------------------------------------------===//


#define TFC_BINARY_INFER(OP, ELEMENT)                                                 \
  LogicalResult OP::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,   \
                                     Adaptor adaptor, SmallVectorImpl<Type> &results) { \
    Type element = rankedType(adaptor.getLhs()).getElementType();                     \
    (void)element;                                                                    \
    if (element != rankedType(adaptor.getRhs()).getElementType())                     \
      return inferError<OP>(loc, "operands must have the same element type");         \
    return inferBroadcast<OP>(loc, {adaptor.getLhs(), adaptor.getRhs()}, ELEMENT,     \
                              results);                                               \
  }
TFC_BINARY_INFER(AddOp, element)
TFC_BINARY_INFER(SubOp, element)
TFC_BINARY_INFER(MulOp, element)
TFC_BINARY_INFER(DivOp, element)
TFC_BINARY_INFER(PowOp, element)
TFC_BINARY_INFER(EqualOp, IntegerType::get(ctx, 1))
TFC_BINARY_INFER(LessOp, IntegerType::get(ctx, 1))
TFC_BINARY_INFER(GreaterOp, IntegerType::get(ctx, 1))
TFC_BINARY_INFER(MinOp, element)
TFC_BINARY_INFER(MaxOp, element)
TFC_BINARY_INFER(AndOp, element)
TFC_BINARY_INFER(OrOp, element)
TFC_BINARY_INFER(XorOp, element)
TFC_BINARY_INFER(ModOp, element)
TFC_BINARY_INFER(BitShiftOp, element)
#undef TFC_BINARY_INFER

LogicalResult WhereOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor adaptor, SmallVectorImpl<Type> &results) {
  Type element = rankedType(adaptor.getLhs()).getElementType();
  if (element != rankedType(adaptor.getRhs()).getElementType())
    return inferError<WhereOp>(loc, "lhs and rhs must have the same element type");
  return inferBroadcast<WhereOp>(
      loc, {adaptor.getCondition(), adaptor.getLhs(), adaptor.getRhs()}, element, results);
}

LogicalResult CastOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor adaptor, SmallVectorImpl<Type> &results) {
  Type to = adaptor.getTo();
  if (!to || !isTFCElementType(to))
    return inferError<CastOp>(loc, "target type must be a tfc element type");
  results.push_back(tensorOf(rankedType(adaptor.getInput()).getShape(), to));
  return success();
}

//===----------------------------------------------------------------------===//
// matmul, reductions, normalisations
//===----------------------------------------------------------------------===//

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto lhsTy = rankedType(adaptor.getLhs());
  auto rhsTy = rankedType(adaptor.getRhs());
  if (lhsTy.getElementType() != rhsTy.getElementType())
    return inferError<MatMulOp>(loc, "operands must have the same element type");
  if (lhsTy.getRank() < 1 || rhsTy.getRank() < 1)
    return inferError<MatMulOp>(loc, "operands must have rank at least 1");
  SmallVector<int64_t> a(lhsTy.getShape()), b(rhsTy.getShape());
  bool lhsVector = a.size() == 1, rhsVector = b.size() == 1;
  if (lhsVector)
    a.insert(a.begin(), 1);
  if (rhsVector)
    b.push_back(1);
  int64_t k1 = a.back(), k2 = b[b.size() - 2];
  if (!ShapedType::isDynamic(k1) && !ShapedType::isDynamic(k2) && k1 != k2)
    return inferError<MatMulOp>(loc, "contracting dimensions differ: lhs " +
                                         shapeStr(lhsTy.getShape()) + " has " + Twine(k1) +
                                         ", rhs " + shapeStr(rhsTy.getShape()) + " has " +
                                         Twine(k2));
  SmallVector<int64_t> batch;
  if (!OpTrait::util::getBroadcastedShape(ArrayRef(a).drop_back(2),
                                          ArrayRef(b).drop_back(2), batch))
    return inferError<MatMulOp>(loc, "batch dimensions are not broadcast-compatible: " +
                                         shapeStr(lhsTy.getShape()) + " and " +
                                         shapeStr(rhsTy.getShape()));
  if (!lhsVector)
    batch.push_back(a[a.size() - 2]);
  if (!rhsVector)
    batch.push_back(b.back());
  results.push_back(tensorOf(batch, lhsTy.getElementType()));
  return success();
}

/// Checks the activation and the optional bias of a fused epilogue over a result of `type`.
template <typename OpTy>
static LogicalResult checkEpilogue(std::optional<Location> loc, RankedTensorType type, Value bias,
                                   StringRef activation) {
  if (!llvm::is_contained({"gelu", "gelu_tanh", "relu", "silu"}, activation))
    return inferError<OpTy>(loc, "activation must be \"gelu\", \"gelu_tanh\", \"relu\" or "
                                 "\"silu\", not \"" +
                                     activation + "\"");
  if (!bias)
    return success();
  auto biasTy = rankedType(bias);
  SmallVector<int64_t> joined;
  if (biasTy.getElementType() != type.getElementType())
    return inferError<OpTy>(loc, "bias must have the element type of the result");
  if (!OpTrait::util::getBroadcastedShape(type.getShape(), biasTy.getShape(), joined) ||
      failed(verifyCompatibleShape(joined, type.getShape())))
    return inferError<OpTy>(loc, "bias of shape " + shapeStr(biasTy.getShape()) +
                                     " does not broadcast to the result's shape " +
                                     shapeStr(type.getShape()));
  return success();
}

LogicalResult BiasActivationOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                                 Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  if (failed(
          checkEpilogue<BiasActivationOp>(loc, type, adaptor.getBias(), adaptor.getActivation())))
    return failure();
  results.push_back(type);
  return success();
}

LogicalResult RotaryEmbeddingOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                                  Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  if (type.getRank() < 1 || ShapedType::isDynamic(type.getShape().back()) ||
      type.getShape().back() % 2 != 0)
    return inferError<RotaryEmbeddingOp>(loc, "input of shape " + shapeStr(type.getShape()) +
                                                  " has no even last dimension");
  for (Value angles : {adaptor.getCos(), adaptor.getSin()}) {
    auto anglesTy = rankedType(angles);
    SmallVector<int64_t> joined;
    if (anglesTy.getRank() < 1 || anglesTy.getShape().back() != type.getShape().back() ||
        !OpTrait::util::getBroadcastedShape(type.getShape(), anglesTy.getShape(), joined) ||
        failed(verifyCompatibleShape(joined, type.getShape())))
      return inferError<RotaryEmbeddingOp>(
          loc, "cos and sin must broadcast to the input's shape " + shapeStr(type.getShape()) +
                   " with its last dimension, not " + shapeStr(anglesTy.getShape()));
  }
  results.push_back(type);
  return success();
}

LogicalResult MatMulEpilogueOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                                 Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto lhsTy = rankedType(adaptor.getLhs()), rhsTy = rankedType(adaptor.getRhs());
  if (lhsTy.getRank() < 2 || rhsTy.getRank() != 2)
    return inferError<MatMulEpilogueOp>(loc, "takes a lhs of rank at least 2 and a 2-D weight");
  int64_t k1 = lhsTy.getShape().back(), k2 = rhsTy.getDimSize(0);
  if (!ShapedType::isDynamic(k1) && !ShapedType::isDynamic(k2) && k1 != k2)
    return inferError<MatMulEpilogueOp>(loc, "contracting dimensions differ: lhs " +
                                                 shapeStr(lhsTy.getShape()) + ", weight " +
                                                 shapeStr(rhsTy.getShape()));
  SmallVector<int64_t> shape(lhsTy.getShape());
  shape.back() = rhsTy.getDimSize(1);
  auto type = tensorOf(shape, lhsTy.getElementType());
  if (failed(
          checkEpilogue<MatMulEpilogueOp>(loc, type, adaptor.getBias(), adaptor.getActivation())))
    return failure();
  results.push_back(type);
  return success();
}

template <typename OpTy>
static LogicalResult inferReduce(std::optional<Location> loc, typename OpTy::Adaptor adaptor,
                                 SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  if (failed(checkAxes<OpTy>(loc, adaptor.getAxes(), type.getRank())))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (!llvm::is_contained(adaptor.getAxes(), d))
      shape.push_back(type.getDimSize(d));
    else if (adaptor.getKeepdims())
      shape.push_back(1);
  }
  results.push_back(tensorOf(shape, type.getElementType()));
  return success();
}

LogicalResult ReduceSumOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &results) {
  return inferReduce<ReduceSumOp>(loc, adaptor, results);
}
LogicalResult ReduceMeanOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &results) {
  return inferReduce<ReduceMeanOp>(loc, adaptor, results);
}
LogicalResult ReduceMaxOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &results) {
  return inferReduce<ReduceMaxOp>(loc, adaptor, results);
}

LogicalResult ReduceMinOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &results) {
  return inferReduce<ReduceMinOp>(loc, adaptor, results);
}
LogicalResult ReduceProdOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &results) {
  return inferReduce<ReduceProdOp>(loc, adaptor, results);
}

template <typename OpTy>
static LogicalResult inferArg(MLIRContext *ctx, std::optional<Location> loc,
                              typename OpTy::Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= type.getRank())
    return inferError<OpTy>(loc, "axis " + Twine(axis) + " is out of range for rank " +
                                     Twine(type.getRank()));
  if (type.getDimSize(axis) == 0)
    return inferError<OpTy>(loc, "axis " + Twine(axis) + " is empty");
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (d != axis)
      shape.push_back(type.getDimSize(d));
    else if (adaptor.getKeepdims())
      shape.push_back(1);
  }
  results.push_back(tensorOf(shape, IntegerType::get(ctx, 64)));
  return success();
}
LogicalResult ArgMaxOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &results) {
  return inferArg<ArgMaxOp>(ctx, loc, adaptor, results);
}
LogicalResult ArgMinOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &results) {
  return inferArg<ArgMinOp>(ctx, loc, adaptor, results);
}

LogicalResult GeluOp::verify() {
  if (getApproximate() != "none" && getApproximate() != "tanh")
    return emitOpError("approximate must be \"none\" or \"tanh\"");
  return success();
}

LogicalResult CumSumOp::verify() {
  int64_t rank = getInput().getType().getRank();
  int64_t axis = static_cast<int64_t>(getAxis());
  if (axis < 0 || axis >= rank)
    return emitOpError("axis ") << axis << " is out of range for rank " << rank;
  return success();
}

LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  // The custom parser infers the result before the properties are populated; the
  // verifier runs this again with them, so the axis is still checked.
  if (!adaptor.getAxisAttr()) {
    results.push_back(type);
    return success();
  }
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= type.getRank())
    return inferError<SoftmaxOp>(loc, "axis " + Twine(axis) + " is out of range for rank " +
                                          Twine(type.getRank()));
  results.push_back(type);
  return success();
}

/// The result type of a normalisation over dimensions axis..rank-1 whose parameters must
/// broadcast to those dimensions.
template <typename OpTy>
static LogicalResult inferNorm(std::optional<Location> loc, Value input, Value scale,
                               Value bias, int64_t axis, double epsilon,
                               SmallVectorImpl<Type> &results) {
  auto type = rankedType(input);
  if (axis < 0 || axis >= type.getRank())
    return inferError<OpTy>(loc, "axis " + Twine(axis) + " is out of range for rank " +
                                     Twine(type.getRank()));
  ArrayRef<int64_t> normalized = type.getShape().drop_front(axis);
  auto checkParam = [&](Value param, StringRef name) -> LogicalResult {
    if (!param)
      return success();
    auto paramTy = rankedType(param);
    if (paramTy.getElementType() != type.getElementType())
      return inferError<OpTy>(loc, name + " must have the input's element type");
    SmallVector<int64_t> joined;
    if (paramTy.getRank() > static_cast<int64_t>(normalized.size()) ||
        !OpTrait::util::getBroadcastedShape(normalized, paramTy.getShape(), joined) ||
        failed(verifyCompatibleShape(joined, normalized)))
      return inferError<OpTy>(loc, name + " of shape " + shapeStr(paramTy.getShape()) +
                                       " does not broadcast to the normalized shape " +
                                       shapeStr(normalized));
    return success();
  };
  if (failed(checkParam(scale, "scale")) || failed(checkParam(bias, "bias")))
    return failure();
  if (epsilon < 0)
    return inferError<OpTy>(loc, "epsilon must be non-negative");
  results.push_back(type);
  return success();
}

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &results) {
  return inferNorm<LayerNormOp>(loc, adaptor.getInput(), adaptor.getScale(),
                                adaptor.getBias(), static_cast<int64_t>(adaptor.getAxis()),
                                adaptor.getEpsilon().convertToDouble(), results);
}

LogicalResult SkipLayerNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                                Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto input = rankedType(adaptor.getInput()), skip = rankedType(adaptor.getSkip());
  SmallVector<int64_t> joined;
  if (!OpTrait::util::getBroadcastedShape(input.getShape(), skip.getShape(), joined) ||
      failed(verifyCompatibleShape(joined, input.getShape())))
    return inferError<SkipLayerNormOp>(loc, "skip of shape " + shapeStr(skip.getShape()) +
                                                " does not broadcast to the input's shape " +
                                                shapeStr(input.getShape()));
  if (failed(inferNorm<SkipLayerNormOp>(loc, adaptor.getInput(), adaptor.getScale(),
                                        adaptor.getBias(), static_cast<int64_t>(adaptor.getAxis()),
                                        adaptor.getEpsilon().convertToDouble(), results)))
    return failure();
  results.push_back(results.back()); // the sum
  return success();
}

LogicalResult RMSNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor adaptor, SmallVectorImpl<Type> &results) {
  return inferNorm<RMSNormOp>(loc, adaptor.getInput(), adaptor.getScale(), Value(),
                              static_cast<int64_t>(adaptor.getAxis()),
                              adaptor.getEpsilon().convertToDouble(), results);
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  ArrayRef<int64_t> perm = adaptor.getPerm();
  if (static_cast<int64_t>(perm.size()) != type.getRank())
    return inferError<TransposeOp>(loc, "perm has " + Twine(perm.size()) +
                                            " entries but the input has rank " +
                                            Twine(type.getRank()));
  SmallVector<bool> seen(perm.size(), false);
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= type.getRank() || seen[p])
      return inferError<TransposeOp>(loc, "perm must be a permutation of 0.." +
                                              Twine(type.getRank() - 1));
    seen[p] = true;
    shape.push_back(type.getDimSize(p));
  }
  results.push_back(tensorOf(shape, type.getElementType()));
  return success();
}

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  ArrayRef<int64_t> shape = adaptor.getShape();
  if (llvm::any_of(shape, [](int64_t d) { return d < 0; }))
    return inferError<ReshapeOp>(loc, "shape must be static and non-negative");
  if (type.hasStaticShape() && product(type.getShape()) != product(shape))
    return inferError<ReshapeOp>(loc, "cannot reshape " + shapeStr(type.getShape()) + " (" +
                                          Twine(product(type.getShape())) +
                                          " elements) to " + shapeStr(shape) + " (" +
                                          Twine(product(shape)) + " elements)");
  results.push_back(tensorOf(shape, type.getElementType()));
  return success();
}

LogicalResult SqueezeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  if (failed(checkAxes<SqueezeOp>(loc, adaptor.getAxes(), type.getRank())))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (!llvm::is_contained(adaptor.getAxes(), d)) {
      shape.push_back(type.getDimSize(d));
      continue;
    }
    if (type.getDimSize(d) != 1 && !type.isDynamicDim(d))
      return inferError<SqueezeOp>(loc, "dimension " + Twine(d) + " has size " +
                                            Twine(type.getDimSize(d)) + ", not 1");
  }
  results.push_back(tensorOf(shape, type.getElementType()));
  return success();
}

LogicalResult UnsqueezeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  int64_t rank = type.getRank() + adaptor.getAxes().size();
  if (failed(checkAxes<UnsqueezeOp>(loc, adaptor.getAxes(), rank)))
    return failure();
  SmallVector<int64_t> shape;
  auto inputDims = type.getShape();
  for (int64_t d = 0, next = 0; d < rank; ++d)
    shape.push_back(llvm::is_contained(adaptor.getAxes(), d) ? 1 : inputDims[next++]);
  results.push_back(tensorOf(shape, type.getElementType()));
  return success();
}

LogicalResult ExpandOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  if (llvm::any_of(adaptor.getShape(), [](int64_t d) { return d < 0; }))
    return inferError<ExpandOp>(loc, "shape must be non-negative");
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(type.getShape(), adaptor.getShape(), shape))
    return inferError<ExpandOp>(loc, "input shape " + shapeStr(type.getShape()) +
                                         " does not broadcast to " +
                                         shapeStr(adaptor.getShape()));
  results.push_back(tensorOf(shape, type.getElementType()));
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &results) {
  if (adaptor.getInputs().empty())
    return inferError<ConcatOp>(loc, "needs at least one input");
  auto first = rankedType(adaptor.getInputs().front());
  int64_t rank = first.getRank();
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= rank)
    return inferError<ConcatOp>(loc, "axis " + Twine(axis) + " is out of range for rank " +
                                         Twine(rank));
  SmallVector<int64_t> shape(first.getShape());
  for (auto [i, v] : llvm::enumerate(adaptor.getInputs().drop_front())) {
    auto type = rankedType(v);
    if (type.getElementType() != first.getElementType())
      return inferError<ConcatOp>(loc, "inputs must have the same element type");
    if (type.getRank() != rank)
      return inferError<ConcatOp>(loc, "input " + Twine(i + 1) + " has rank " +
                                           Twine(type.getRank()) + ", expected " +
                                           Twine(rank));
    for (int64_t d = 0; d < rank; ++d) {
      int64_t size = type.getDimSize(d);
      if (d == axis) {
        shape[d] = ShapedType::isDynamic(shape[d]) || ShapedType::isDynamic(size)
                       ? ShapedType::kDynamic
                       : shape[d] + size;
      } else if (!ShapedType::isDynamic(size) && !ShapedType::isDynamic(shape[d]) &&
                 size != shape[d]) {
        return inferError<ConcatOp>(loc, "input " + Twine(i + 1) + " has size " +
                                             Twine(size) + " in dimension " + Twine(d) +
                                             ", expected " + Twine(shape[d]));
      } else if (ShapedType::isDynamic(shape[d])) {
        shape[d] = size;
      }
    }
  }
  results.push_back(tensorOf(shape, first.getElementType()));
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  ArrayRef<int64_t> offsets = adaptor.getOffsets(), sizes = adaptor.getSizes(),
                    strides = adaptor.getStrides();
  int64_t rank = type.getRank();
  if (static_cast<int64_t>(offsets.size()) != rank ||
      static_cast<int64_t>(sizes.size()) != rank ||
      static_cast<int64_t>(strides.size()) != rank)
    return inferError<SliceOp>(loc, "offsets, sizes and strides need one entry per "
                                    "dimension (rank " +
                                        Twine(rank) + ")");
  for (int64_t d = 0; d < rank; ++d) {
    if (strides[d] == 0)
      return inferError<SliceOp>(loc, "stride of dimension " + Twine(d) + " is zero");
    if (sizes[d] < 0)
      return inferError<SliceOp>(loc, "size of dimension " + Twine(d) + " is negative");
    int64_t dim = type.getDimSize(d);
    if (sizes[d] == 0 || ShapedType::isDynamic(dim))
      continue;
    int64_t last = offsets[d] + (sizes[d] - 1) * strides[d];
    if (offsets[d] < 0 || offsets[d] >= dim || last < 0 || last >= dim)
      return inferError<SliceOp>(loc, "dimension " + Twine(d) + " reads indices " +
                                          Twine(offsets[d]) + ".." + Twine(last) +
                                          " outside 0.." + Twine(dim - 1));
  }
  results.push_back(tensorOf(sizes, type.getElementType()));
  return success();
}

LogicalResult GatherOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  auto indicesTy = rankedType(adaptor.getIndices());
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= type.getRank())
    return inferError<GatherOp>(loc, "axis " + Twine(axis) + " is out of range for rank " +
                                         Twine(type.getRank()));
  SmallVector<int64_t> shape(type.getShape().take_front(axis));
  llvm::append_range(shape, indicesTy.getShape());
  llvm::append_range(shape, type.getShape().drop_front(axis + 1));
  results.push_back(tensorOf(shape, type.getElementType()));
  return success();
}

LogicalResult ShapeOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                        Adaptor adaptor, SmallVectorImpl<Type> &results) {
  int64_t rank = rankedType(adaptor.getInput()).getRank();
  int64_t start = static_cast<int64_t>(adaptor.getStart());
  int64_t end = adaptor.getEnd() ? static_cast<int64_t>(*adaptor.getEnd()) : rank;
  if (start < 0 || end > rank || start > end)
    return inferError<ShapeOp>(loc, "start " + Twine(start) + " and end " + Twine(end) +
                                        " must satisfy 0 <= start <= end <= rank (" +
                                        Twine(rank) + ")");
  results.push_back(tensorOf({end - start}, IntegerType::get(ctx, 64)));
  return success();
}

#define GET_OP_CLASSES
#include "dialect/TFC/TFCOps.cpp.inc"

//===----------------------------------------------------------------------===//
// gather_elements, pad
//===----------------------------------------------------------------------===//

LogicalResult GatherElementsOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                                 Adaptor adaptor,
                                                 SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  auto indices = rankedType(adaptor.getIndices());
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= type.getRank())
    return inferError<GatherElementsOp>(loc, "axis " + Twine(axis) +
                                                 " is out of range for rank " +
                                                 Twine(type.getRank()));
  if (indices.getRank() != type.getRank())
    return inferError<GatherElementsOp>(loc, "indices must have the input's rank " +
                                                 Twine(type.getRank()));
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (d != axis && indices.getDimSize(d) > type.getDimSize(d))
      return inferError<GatherElementsOp>(
          loc, "indices dimension " + Twine(d) + " is larger than the input's");
  if (type.getDimSize(axis) == 0 && indices.getNumElements() != 0)
    return inferError<GatherElementsOp>(loc, "gathers from an empty axis");
  results.push_back(tensorOf(indices.getShape(), type.getElementType()));
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  ArrayRef<int64_t> pads = adaptor.getPads();
  int64_t rank = type.getRank();
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return inferError<PadOp>(loc, "pads must have 2 x rank = " + Twine(2 * rank) +
                                      " entries");
  if (rankedType(adaptor.getValue()).getRank() != 0)
    return inferError<PadOp>(loc, "value must be a scalar (rank 0)");
  StringRef mode = adaptor.getMode();
  if (mode != "constant" && mode != "reflect" && mode != "edge")
    return inferError<PadOp>(loc, "mode must be constant, reflect or edge");
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t before = pads[d], after = pads[d + rank], size = type.getDimSize(d);
    if (before < 0 || after < 0)
      return inferError<PadOp>(loc, "pads must be non-negative");
    if (mode == "reflect" && (before >= size || after >= size) && (before || after))
      return inferError<PadOp>(loc, "reflect pads must be smaller than dimension " +
                                        Twine(d) + " (" + Twine(size) + ")");
    if (mode == "edge" && size == 0 && (before || after))
      return inferError<PadOp>(loc, "edge mode cannot pad the empty dimension " + Twine(d));
    shape.push_back(size + before + after);
  }
  results.push_back(tensorOf(shape, type.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// conv and pools
//===----------------------------------------------------------------------===//

/// The output sizes of a sliding window over the spatial dimensions of `type` (rank 2 + k),
/// checking that every attribute has k entries (pads 2k) and every window fits.
template <typename OpTy>
static FailureOr<SmallVector<int64_t>>
inferWindows(std::optional<Location> loc, RankedTensorType type, ArrayRef<int64_t> kernel,
             ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations, ArrayRef<int64_t> pads) {
  int64_t k = type.getRank() - 2;
  if (k < 1)
    return inferError<OpTy>(loc, "input must have rank at least 3 ([N, C, spatial...])");
  if (static_cast<int64_t>(kernel.size()) != k || static_cast<int64_t>(strides.size()) != k ||
      static_cast<int64_t>(dilations.size()) != k ||
      static_cast<int64_t>(pads.size()) != 2 * k)
    return inferError<OpTy>(loc, "kernel, strides and dilations need " + Twine(k) +
                                     " entries and pads " + Twine(2 * k));
  SmallVector<int64_t> out;
  for (int64_t i = 0; i < k; ++i) {
    if (kernel[i] < 1 || strides[i] < 1 || dilations[i] < 1 || pads[i] < 0 || pads[i + k] < 0)
      return inferError<OpTy>(loc, "kernel, strides and dilations must be positive and pads "
                                   "non-negative");
    int64_t span = (kernel[i] - 1) * dilations[i] + 1;
    int64_t padded = type.getDimSize(i + 2) + pads[i] + pads[i + k];
    if (padded < span)
      return inferError<OpTy>(loc, "window of " + Twine(span) + " is larger than padded "
                                   "spatial dimension " + Twine(i) + " (" + Twine(padded) + ")");
    out.push_back((padded - span) / strides[i] + 1);
  }
  return out;
}

LogicalResult ConvOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  auto filter = rankedType(adaptor.getFilter());
  int64_t groups = static_cast<int64_t>(adaptor.getGroups());
  if (filter.getRank() != type.getRank())
    return inferError<ConvOp>(loc, "filter must have the input's rank");
  if (groups < 1 || type.getDimSize(1) % groups || filter.getDimSize(0) % groups ||
      filter.getDimSize(1) * groups != type.getDimSize(1))
    return inferError<ConvOp>(loc, "input channels (" + Twine(type.getDimSize(1)) +
                                       ") must equal filter channels (" +
                                       Twine(filter.getDimSize(1)) + ") x groups (" +
                                       Twine(groups) + "), and groups divide the filters");
  if (Value bias = adaptor.getBias()) {
    auto biasType = rankedType(bias);
    if (biasType.getRank() != 1 || biasType.getDimSize(0) != filter.getDimSize(0))
      return inferError<ConvOp>(loc, "bias must be 1-D with one entry per filter");
  }
  auto windows = inferWindows<ConvOp>(loc, type, filter.getShape().drop_front(2),
                                      adaptor.getStrides(), adaptor.getDilations(),
                                      adaptor.getPads());
  if (failed(windows))
    return failure();
  SmallVector<int64_t> shape = {type.getDimSize(0), filter.getDimSize(0)};
  shape.append(windows->begin(), windows->end());
  results.push_back(tensorOf(shape, type.getElementType()));
  return success();
}

template <typename OpTy>
static LogicalResult inferPool(std::optional<Location> loc, typename OpTy::Adaptor adaptor,
                               SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  auto windows = inferWindows<OpTy>(loc, type, adaptor.getKernel(), adaptor.getStrides(),
                                    adaptor.getDilations(), adaptor.getPads());
  if (failed(windows))
    return failure();
  SmallVector<int64_t> shape = {type.getDimSize(0), type.getDimSize(1)};
  shape.append(windows->begin(), windows->end());
  results.push_back(tensorOf(shape, type.getElementType()));
  return success();
}
LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor adaptor, SmallVectorImpl<Type> &results) {
  return inferPool<MaxPoolOp>(loc, adaptor, results);
}
LogicalResult AveragePoolOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &results) {
  return inferPool<AveragePoolOp>(loc, adaptor, results);
}

//===----------------------------------------------------------------------===//
// scatter_elements, scatter_nd
//===----------------------------------------------------------------------===//

template <typename OpTy>
static LogicalResult checkReduction(std::optional<Location> loc, StringRef reduction) {
  if (reduction != "none" && reduction != "add" && reduction != "mul" && reduction != "max" &&
      reduction != "min")
    return inferError<OpTy>(loc, "reduction must be none, add, mul, max or min");
  return success();
}

LogicalResult ScatterElementsOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                                  Adaptor adaptor,
                                                  SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  auto indices = rankedType(adaptor.getIndices());
  auto updates = rankedType(adaptor.getUpdates());
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (failed(checkReduction<ScatterElementsOp>(loc, adaptor.getReduction())))
    return failure();
  if (axis < 0 || axis >= type.getRank())
    return inferError<ScatterElementsOp>(loc, "axis " + Twine(axis) +
                                                  " is out of range for rank " +
                                                  Twine(type.getRank()));
  if (indices.getShape() != updates.getShape() || indices.getRank() != type.getRank())
    return inferError<ScatterElementsOp>(
        loc, "indices and updates must have one shape, of the input's rank");
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (d != axis && indices.getDimSize(d) > type.getDimSize(d))
      return inferError<ScatterElementsOp>(
          loc, "indices dimension " + Twine(d) + " is larger than the input's");
  if (type.getDimSize(axis) == 0 && indices.getNumElements() != 0)
    return inferError<ScatterElementsOp>(loc, "scatters into an empty axis");
  results.push_back(type);
  return success();
}

LogicalResult ScatterNDOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  auto indices = rankedType(adaptor.getIndices());
  auto updates = rankedType(adaptor.getUpdates());
  if (failed(checkReduction<ScatterNDOp>(loc, adaptor.getReduction())))
    return failure();
  if (indices.getRank() < 1)
    return inferError<ScatterNDOp>(loc, "indices must have rank at least 1");
  int64_t k = indices.getShape().back();
  if (k < 1 || k > type.getRank())
    return inferError<ScatterNDOp>(loc, "the last dimension of indices (" + Twine(k) +
                                            ") must be between 1 and the input's rank");
  SmallVector<int64_t> expected(indices.getShape().drop_back());
  expected.append(type.getShape().begin() + k, type.getShape().end());
  if (updates.getShape() != ArrayRef<int64_t>(expected))
    return inferError<ScatterNDOp>(loc, "updates must have shape " + shapeStr(expected));
  for (int64_t d = 0; d < k; ++d)
    if (type.getDimSize(d) == 0 && updates.getNumElements() != 0)
      return inferError<ScatterNDOp>(loc, "scatters into the empty dimension " + Twine(d));
  results.push_back(type);
  return success();
}

//===----------------------------------------------------------------------===//
// attention
//===----------------------------------------------------------------------===//

LogicalResult AttentionOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &results) {
  auto q = rankedType(adaptor.getQuery()), k = rankedType(adaptor.getKey()),
       v = rankedType(adaptor.getValue());
  int64_t rank = q.getRank();
  if (rank < 2 || k.getRank() != rank || v.getRank() != rank)
    return inferError<AttentionOp>(loc, "query, key and value must have one rank, at least 2");
  // The checks below read [..., H, S, D]: a sequence-first operand has its sequence and
  // heads swapped back, and so does the result.
  bool sequenceFirst = adaptor.getSequenceFirst();
  if (sequenceFirst && rank < 3)
    return inferError<AttentionOp>(loc, "sequence_first needs a heads dimension: rank at "
                                        "least 3");
  auto headsFirst = [&](RankedTensorType t) {
    if (!sequenceFirst)
      return t;
    SmallVector<int64_t> shape(t.getShape());
    std::swap(shape[rank - 3], shape[rank - 2]);
    return RankedTensorType::get(shape, t.getElementType());
  };
  RankedTensorType qGiven = q, kGiven = k, vGiven = v;
  q = headsFirst(q);
  k = headsFirst(k);
  v = headsFirst(v);
  // Grouped-query attention: key and value may have fewer heads (dimension rank - 3) than
  // the query, a divisor of its count; query head h reads key/value head h / (H / Hkv).
  bool grouped = rank >= 3 && k.getShape().drop_back(2) == v.getShape().drop_back(2) &&
                 q.getShape().drop_back(3) == k.getShape().drop_back(3) &&
                 !q.isDynamicDim(rank - 3) && !k.isDynamicDim(rank - 3) &&
                 k.getDimSize(rank - 3) > 0 && q.getDimSize(rank - 3) % k.getDimSize(rank - 3) == 0;
  if (!grouped && (q.getShape().drop_back(2) != k.getShape().drop_back(2) ||
                   q.getShape().drop_back(2) != v.getShape().drop_back(2)))
    return inferError<AttentionOp>(loc, "query, key and value must have the same leading "
                                        "dimensions, or key and value a number of heads "
                                        "dividing the query's: " +
                                            shapeStr(qGiven.getShape()) + ", " +
                                            shapeStr(kGiven.getShape()) + ", " +
                                            shapeStr(vGiven.getShape()));
  if (q.getDimSize(rank - 1) != k.getDimSize(rank - 1))
    return inferError<AttentionOp>(loc, "query and key must have the same last dimension");
  if (k.getDimSize(rank - 2) != v.getDimSize(rank - 2))
    return inferError<AttentionOp>(loc, "key and value must have as many rows");
  SmallVector<int64_t> scores(q.getShape().drop_back());
  scores.push_back(k.getDimSize(rank - 2));
  if (Value mask = adaptor.getMask()) {
    SmallVector<int64_t> joined;
    auto m = rankedType(mask);
    if (m.getElementType() != q.getElementType() && !m.getElementType().isInteger(1))
      return inferError<AttentionOp>(loc, "mask must be boolean or have the query's element "
                                          "type");
    if (m.getRank() > rank ||
        !OpTrait::util::getBroadcastedShape(scores, m.getShape(), joined) ||
        ArrayRef<int64_t>(joined) != ArrayRef<int64_t>(scores))
      return inferError<AttentionOp>(loc, "mask of shape " + shapeStr(m.getShape()) +
                                              " does not broadcast to the scores " +
                                              shapeStr(scores));
  }
  SmallVector<int64_t> shape(q.getShape().drop_back());
  shape.push_back(v.getDimSize(rank - 1));
  if (sequenceFirst)
    std::swap(shape[rank - 3], shape[rank - 2]);
  results.push_back(tensorOf(shape, q.getElementType()));
  return success();
}
