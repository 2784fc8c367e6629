// ONNX element-wise operators: unary math, arithmetic, comparisons, Where, Cast, Identity.
#include "frontend/onnx/NodeImporter.h"
#include "frontend/onnx/TensorData.h"

using namespace mlir;

namespace tfc::onnx_import {
namespace {

template <typename OpTy, unsigned Classes>
LogicalResult importUnary(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, Classes, Classes == kFloat ? "floats"
                                                   : Classes == kNumeric ? "numbers"
                                                                         : "floats and "
                                                                           "signed integers")))
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
  if (failed(binaryInputs(n, Classes, Classes == kAny ? "any type" : "numbers", a, b)))
    return failure();
  return n.setResult(n.create<OpTy>(a, b));
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
  t["Identity"] = {importIdentity, {}};
}

} // namespace tfc::onnx_import
