// ONNX element-wise operators: unary math, arithmetic, logic, comparisons, variadic
// min/max/sum/mean, Clip, Where, Cast, CastLike, Identity.
#include "frontend/onnx/NodeImporter.h"
#include "frontend/onnx/TensorData.h"
#include <cmath>
#include <limits>

using namespace mlir;

namespace tfc::onnx_import {
namespace {

/// How an error message names a type class.
const char *className(unsigned classes) {
  switch (classes) {
  case kFloat:
    return "floats";
  case kNumeric:
    return "numbers";
  case kBool:
    return "bools";
  case kAny:
    return "any type";
  case kUnsignedInt:
    return "unsigned integers";
  case kInt:
    return "integers";
  default:
    return "floats and signed integers";
  }
}

template <typename OpTy, unsigned Classes>
LogicalResult importUnary(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, Classes, className(Classes))))
    return failure();
  return n.setResult(n.create<OpTy>(*x));
}

/// Reads the two inputs of a binary operator, which ONNX requires to share a type.
LogicalResult binaryInputs(NodeImporter &n, unsigned classes, StringRef what, Value &a,
                           Value &b) {
  auto lhs = n.requiredInput(0), rhs = n.requiredInput(1);
  if (failed(lhs) || failed(rhs) || failed(n.checkType(*lhs, classes, what)))
    return failure();
  if (n.typeOf(*lhs).getElementType() != n.typeOf(*rhs).getElementType())
    return n.error("inputs have different element types (" +
                   dtypeName(typeToDtype(n.typeOf(*lhs).getElementType())) + " and " +
                   dtypeName(typeToDtype(n.typeOf(*rhs).getElementType())) + ")");
  a = *lhs;
  b = *rhs;
  return success();
}

template <typename OpTy, unsigned Classes>
LogicalResult importBinary(NodeImporter &n) {
  Value a, b;
  if (failed(binaryInputs(n, Classes, className(Classes), a, b)))
    return failure();
  return n.setResult(n.create<OpTy>(a, b));
}

/// LessOrEqual and GreaterOrEqual: the strict comparison or equality (false for NaN).
template <typename StrictOp>
LogicalResult importOrEqual(NodeImporter &n) {
  Value a, b;
  if (failed(binaryInputs(n, kNumeric, "numbers", a, b)))
    return failure();
  return n.setValue(n.make<OrOp>(n.make<StrictOp>(a, b), n.make<EqualOp>(a, b)));
}

LogicalResult importMod(NodeImporter &n) {
  Value a, b;
  if (failed(binaryInputs(n, kNumeric, "numbers", a, b)))
    return failure();
  bool fmod = n.attrInt("fmod", 0) != 0;
  if (!fmod && isa<FloatType>(n.typeOf(a).getElementType()))
    return n.error("fmod must be 1 for floating-point inputs");
  return n.setResult(n.create<ModOp>(a, b, n.getBuilder().getBoolAttr(fmod)));
}

LogicalResult importBitShift(NodeImporter &n) {
  Value a, b;
  if (failed(binaryInputs(n, kUnsignedInt, "unsigned integers", a, b)))
    return failure();
  std::string direction = n.attrString("direction", "");
  if (direction != "LEFT" && direction != "RIGHT")
    return n.error("direction must be LEFT or RIGHT");
  return n.setResult(n.create<BitShiftOp>(a, b, n.getBuilder().getBoolAttr(direction == "LEFT")));
}

/// Min, Max, Sum and Mean take one or more inputs of one type, broadcast together.
template <typename OpTy, bool IsMean = false>
LogicalResult importVariadic(NodeImporter &n) {
  if (n.numInputs() == 0)
    return n.error("needs at least one input");
  Value acc;
  for (size_t i = 0; i < n.numInputs(); ++i) {
    auto x = n.requiredInput(i);
    if (failed(x) || failed(n.checkType(*x, IsMean ? kFloat : kNumeric,
                                        IsMean ? "floats" : "numbers")))
      return failure();
    if (acc && n.typeOf(acc).getElementType() != n.typeOf(*x).getElementType())
      return n.error("inputs have different element types");
    acc = acc ? n.make<OpTy>(acc, *x) : *x;
  }
  if (IsMean)
    acc = n.make<DivOp>(acc, n.scalarLike(acc, static_cast<double>(n.numInputs())));
  return n.setValue(acc);
}

/// Clip bounds come from attributes before opset 11 and from optional inputs after.
LogicalResult importClip(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kNumeric, "numbers")))
    return failure();
  Value lo, hi, y = *x;
  if (n.opset() < 11) {
    if (n.hasAttr("min"))
      lo = n.scalarLike(y, n.attrFloat("min", 0));
    if (n.hasAttr("max"))
      hi = n.scalarLike(y, n.attrFloat("max", 0));
  } else {
    lo = n.input(1);
    hi = n.input(2);
  }
  for (Value bound : {lo, hi})
    if (bound && n.typeOf(bound).getElementType() != n.typeOf(y).getElementType())
      return n.error("bounds must have the input's element type");
  if (lo)
    y = n.make<MaxOp>(y, lo);
  if (hi)
    y = n.make<MinOp>(y, hi);
  return n.setValue(y);
}

LogicalResult importIsNaN(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  return n.setValue(n.make<NotOp>(n.make<EqualOp>(*x, *x))); // only NaN differs from itself
}

LogicalResult importIsInf(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  bool positive = n.attrInt("detect_positive", 1) != 0;
  bool negative = n.attrInt("detect_negative", 1) != 0;
  double inf = std::numeric_limits<double>::infinity();
  Value pos = n.make<EqualOp>(*x, n.scalarLike(*x, inf));
  Value neg = n.make<EqualOp>(*x, n.scalarLike(*x, -inf));
  if (positive && negative)
    return n.setValue(n.make<OrOp>(pos, neg));
  if (positive || negative)
    return n.setValue(positive ? pos : neg);
  return n.setValue(n.make<EqualOp>(*x, n.scalarLike(*x, std::nan(""))));
}

LogicalResult importSign(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kNumeric, "numbers")))
    return failure();
  Value zero = n.scalarLike(*x, 0), one = n.scalarLike(*x, 1);
  Value result = n.make<WhereOp>(n.make<GreaterOp>(*x, zero), one, zero);
  if (!isUnsignedInt(n.typeOf(*x).getElementType()))
    result = n.make<WhereOp>(n.make<LessOp>(*x, zero), n.scalarLike(*x, -1), result);
  // where broadcasts the scalar branches: the result already has x's shape.
  return n.setValue(result);
}

/// Pow lets the exponent's type differ from the base's; the result has the base's type.
LogicalResult importPow(NodeImporter &n) {
  auto base = n.requiredInput(0), exponent = n.requiredInput(1);
  if (failed(base) || failed(exponent) || failed(n.checkType(*base, kNumeric, "numbers")) ||
      failed(n.checkType(*exponent, kNumeric, "numbers")))
    return failure();
  Type baseTy = n.typeOf(*base).getElementType();
  Type expTy = n.typeOf(*exponent).getElementType();
  Value b = *base, e = *exponent;
  if (baseTy != expTy) {
    if (isa<FloatType>(baseTy)) {
      auto cast = n.create<CastOp>(e, TypeAttr::get(baseTy));
      if (failed(cast))
        return failure();
      e = *cast;
    } else {
      // Integer base, other exponent type: compute in f64 and convert back.
      Type f64 = n.getBuilder().getF64Type();
      auto b64 = n.create<CastOp>(b, TypeAttr::get(f64));
      auto e64 = n.create<CastOp>(e, TypeAttr::get(f64));
      if (failed(b64) || failed(e64))
        return failure();
      auto p = n.create<PowOp>(*b64, *e64);
      if (failed(p))
        return failure();
      return n.setResult(n.create<CastOp>(*p, TypeAttr::get(baseTy)));
    }
  }
  return n.setResult(n.create<PowOp>(b, e));
}

LogicalResult importWhere(NodeImporter &n) {
  auto c = n.requiredInput(0), x = n.requiredInput(1), y = n.requiredInput(2);
  if (failed(c) || failed(x) || failed(y) || failed(n.checkType(*c, kBool, "a bool condition")))
    return failure();
  if (n.typeOf(*x).getElementType() != n.typeOf(*y).getElementType())
    return n.error("inputs X and Y have different element types");
  return n.setResult(n.create<WhereOp>(*c, *x, *y));
}

LogicalResult importCast(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  if (!n.hasAttr("to"))
    return n.error("attribute 'to' is missing");
  int64_t to = n.attrInt("to", 0);
  Type element = dtypeToType(static_cast<int32_t>(to), n.getContext());
  if (!element)
    return n.unsupported("Cast to " + dtypeName(static_cast<int32_t>(to)));
  return n.setResult(n.create<CastOp>(*x, TypeAttr::get(element)));
}

LogicalResult importCastLike(NodeImporter &n) {
  auto x = n.requiredInput(0), like = n.requiredInput(1);
  if (failed(x) || failed(like))
    return failure();
  return n.setResult(n.create<CastOp>(*x, TypeAttr::get(n.typeOf(*like).getElementType())));
}

LogicalResult importIdentity(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  n.setOutput(0, *x);
  return success();
}

} // namespace

void registerElementwiseImporters(ImporterTable &t) {
  t["Exp"] = {importUnary<ExpOp, kFloat>, {}};
  t["Log"] = {importUnary<LogOp, kFloat>, {}};
  t["Sqrt"] = {importUnary<SqrtOp, kFloat>, {}};
  t["Reciprocal"] = {importUnary<ReciprocalOp, kFloat>, {}};
  t["Tanh"] = {importUnary<TanhOp, kFloat>, {}};
  t["Erf"] = {importUnary<ErfOp, kFloat>, {}};
  t["Sigmoid"] = {importUnary<SigmoidOp, kFloat>, {}};
  t["Relu"] = {importUnary<ReluOp, kFloat | kSignedInt>, {}};
  t["Neg"] = {importUnary<NegOp, kFloat | kSignedInt>, {}};
  t["Abs"] = {importUnary<AbsOp, kNumeric>, {}};
  t["Add"] = {importBinary<AddOp, kNumeric>, {}, 2};
  t["Sub"] = {importBinary<SubOp, kNumeric>, {}, 2};
  t["Mul"] = {importBinary<MulOp, kNumeric>, {}, 2};
  t["Div"] = {importBinary<DivOp, kNumeric>, {}, 2};
  t["Pow"] = {importPow, {}, 2};
  t["Equal"] = {importBinary<EqualOp, kAny>, {}, 2};
  t["Less"] = {importBinary<LessOp, kNumeric>, {}, 2};
  t["Greater"] = {importBinary<GreaterOp, kNumeric>, {}, 2};
  t["Where"] = {importWhere, {}, 3};
  t["Cast"] = {importCast, {{"to", AttrKind::Int}}};
  t["CastLike"] = {importCastLike, {}, 2};
  t["Identity"] = {importIdentity, {}};
  t["Floor"] = {importUnary<FloorOp, kFloat>, {}};
  t["Ceil"] = {importUnary<CeilOp, kFloat>, {}};
  t["Round"] = {importUnary<RoundOp, kFloat>, {}};
  t["Sin"] = {importUnary<SinOp, kFloat>, {}};
  t["Cos"] = {importUnary<CosOp, kFloat>, {}};
  t["Tan"] = {importUnary<TanOp, kFloat>, {}};
  t["Asin"] = {importUnary<AsinOp, kFloat>, {}};
  t["Acos"] = {importUnary<AcosOp, kFloat>, {}};
  t["Atan"] = {importUnary<AtanOp, kFloat>, {}};
  t["Sinh"] = {importUnary<SinhOp, kFloat>, {}};
  t["Cosh"] = {importUnary<CoshOp, kFloat>, {}};
  t["Asinh"] = {importUnary<AsinhOp, kFloat>, {}};
  t["Acosh"] = {importUnary<AcoshOp, kFloat>, {}};
  t["Atanh"] = {importUnary<AtanhOp, kFloat>, {}};
  t["Not"] = {importUnary<NotOp, kBool>, {}};
  t["And"] = {importBinary<AndOp, kBool>, {}, 2};
  t["Or"] = {importBinary<OrOp, kBool>, {}, 2};
  t["Xor"] = {importBinary<XorOp, kBool>, {}, 2};
  t["BitwiseNot"] = {importUnary<NotOp, kInt>, {}};
  t["BitwiseAnd"] = {importBinary<AndOp, kInt>, {}, 2};
  t["BitwiseOr"] = {importBinary<OrOp, kInt>, {}, 2};
  t["BitwiseXor"] = {importBinary<XorOp, kInt>, {}, 2};
  t["LessOrEqual"] = {importOrEqual<LessOp>, {}, 2};
  t["GreaterOrEqual"] = {importOrEqual<GreaterOp>, {}, 2};
  t["Mod"] = {importMod, {{"fmod", AttrKind::Int}}, 2};
  t["BitShift"] = {importBitShift, {{"direction", AttrKind::String}}, 2};
  t["Min"] = {importVariadic<MinOp>, {}, 0};
  t["Max"] = {importVariadic<MaxOp>, {}, 0};
  t["Sum"] = {importVariadic<AddOp>, {}, 0};
  t["Mean"] = {importVariadic<AddOp, true>, {}, 0};
  t["Clip"] = {importClip, {{"min", AttrKind::Float}, {"max", AttrKind::Float}}};
  t["IsNaN"] = {importIsNaN, {}};
  t["IsInf"] = {importIsInf, {{"detect_positive", AttrKind::Int},
                              {"detect_negative", AttrKind::Int}}};
  t["Sign"] = {importSign, {}};
}

} // namespace tfc::onnx_import
