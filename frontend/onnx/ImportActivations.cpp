// ONNX activation functions, each decomposed into tfc element-wise ops: LeakyRelu, PRelu,
// Elu, Selu, Celu, ThresholdedRelu, HardSigmoid, HardSwish, Softplus, Softsign, Mish,
// Shrink, Gelu.
#include "frontend/onnx/NodeImporter.h"
#include <cmath>

using namespace mlir;

namespace tfc::onnx_import {
namespace {

/// The float input every activation here takes; null after reporting an error.
Value floatInput(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return {};
  return *x;
}

/// alpha * (exp(x) - 1), the negative branch of the ELU family.
Value expMinusOne(NodeImporter &n, Value x, double alpha) {
  Value e = n.make<SubOp>(n.make<ExpOp>(x), n.scalarLike(x, 1));
  return alpha == 1.0 ? e : n.make<MulOp>(e, n.scalarLike(x, alpha));
}

/// log(1 + exp(x)) as max(x, 0) + log(1 + exp(-|x|)), which never overflows.
Value softplus(NodeImporter &n, Value x) {
  Value tail = n.make<LogOp>(
      n.make<AddOp>(n.make<ExpOp>(n.make<NegOp>(n.make<AbsOp>(x))), n.scalarLike(x, 1)));
  return n.make<AddOp>(n.make<ReluOp>(x), tail);
}

/// `negative` where x < 0, x elsewhere (the shape of every leaky/parametric ReLU).
Value whereNegative(NodeImporter &n, Value x, Value negative) {
  return n.make<WhereOp>(n.make<LessOp>(x, n.scalarLike(x, 0)), negative, x);
}

LogicalResult importLeakyRelu(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  return n.setValue(
      whereNegative(n, x, n.make<MulOp>(x, n.scalarLike(x, n.attrFloat("alpha", 0.01f)))));
}

LogicalResult importPRelu(NodeImporter &n) {
  Value x = floatInput(n);
  auto slope = n.requiredInput(1);
  if (!x || failed(slope))
    return failure();
  if (n.typeOf(*slope).getElementType() != n.typeOf(x).getElementType())
    return n.error("slope must have the input's element type");
  return n.setValue(whereNegative(n, x, n.make<MulOp>(x, *slope)));
}

LogicalResult importElu(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  return n.setValue(whereNegative(n, x, expMinusOne(n, x, n.attrFloat("alpha", 1.0f))));
}

LogicalResult importSelu(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  double alpha = n.attrFloat("alpha", 1.67326319217681884765625f);
  Value y = whereNegative(n, x, expMinusOne(n, x, alpha));
  return n.setValue(n.make<MulOp>(y, n.scalarLike(x, n.attrFloat("gamma",
                                                                   1.05070102214813232421875f))));
}

LogicalResult importCelu(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  double alpha = n.attrFloat("alpha", 1.0f);
  // max(0, x) + min(0, alpha * (exp(x / alpha) - 1))
  Value e = expMinusOne(n, n.make<DivOp>(x, n.scalarLike(x, alpha)), alpha);
  Value zero = n.scalarLike(x, 0);
  return n.setValue(n.make<AddOp>(n.make<MaxOp>(x, zero), n.make<MinOp>(e, zero)));
}

LogicalResult importThresholdedRelu(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  Value alpha = n.scalarLike(x, n.attrFloat("alpha", 1.0f));
  return n.setValue(n.make<WhereOp>(n.make<GreaterOp>(x, alpha), x, n.scalarLike(x, 0)));
}

/// max(0, min(1, alpha * x + beta))
Value hardSigmoid(NodeImporter &n, Value x, double alpha, double beta) {
  Value y = n.make<AddOp>(n.make<MulOp>(x, n.scalarLike(x, alpha)), n.scalarLike(x, beta));
  return n.make<MaxOp>(n.make<MinOp>(y, n.scalarLike(x, 1)), n.scalarLike(x, 0));
}

LogicalResult importHardSigmoid(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  return n.setValue(hardSigmoid(n, x, n.attrFloat("alpha", 0.2f), n.attrFloat("beta", 0.5f)));
}

LogicalResult importHardSwish(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  return n.setValue(n.make<MulOp>(x, hardSigmoid(n, x, 1.0 / 6.0, 0.5)));
}

LogicalResult importSoftplus(NodeImporter &n) {
  Value x = floatInput(n);
  return x ? n.setValue(softplus(n, x)) : failure();
}

LogicalResult importSoftsign(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  return n.setValue(
      n.make<DivOp>(x, n.make<AddOp>(n.make<AbsOp>(x), n.scalarLike(x, 1))));
}

LogicalResult importMish(NodeImporter &n) {
  Value x = floatInput(n);
  return x ? n.setValue(n.make<MulOp>(x, n.make<TanhOp>(softplus(n, x)))) : failure();
}

LogicalResult importShrink(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kNumeric, "numbers")))
    return failure();
  double bias = n.attrFloat("bias", 0.0f), lambd = n.attrFloat("lambd", 0.5f);
  // Integer inputs compute in f64 and convert back, so that -lambd and x + bias are exact.
  Type element = n.typeOf(*x).getElementType();
  Value v = *x;
  if (!isa<FloatType>(element))
    v = n.make<CastOp>(v, TypeAttr::get(n.getBuilder().getF64Type()));
  Value zero = n.scalarLike(v, 0);
  Value y = n.make<WhereOp>(n.make<GreaterOp>(v, n.scalarLike(v, lambd)),
                            n.make<SubOp>(v, n.scalarLike(v, bias)), zero);
  y = n.make<WhereOp>(n.make<LessOp>(v, n.scalarLike(v, -lambd)),
                      n.make<AddOp>(v, n.scalarLike(v, bias)), y);
  if (!isa<FloatType>(element))
    y = n.make<CastOp>(y, TypeAttr::get(element));
  return n.setValue(y);
}

LogicalResult importGelu(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  std::string approximate = n.attrString("approximate", "none");
  Value half = n.scalarLike(x, 0.5), one = n.scalarLike(x, 1);
  Value inner;
  if (approximate == "none") {
    inner = n.make<ErfOp>(n.make<MulOp>(x, n.scalarLike(x, M_SQRT1_2)));
  } else if (approximate == "tanh") {
    Value cube = n.make<MulOp>(n.make<MulOp>(x, x), x);
    Value poly = n.make<AddOp>(x, n.make<MulOp>(cube, n.scalarLike(x, 0.044715)));
    inner = n.make<TanhOp>(n.make<MulOp>(poly, n.scalarLike(x, std::sqrt(2.0 / M_PI))));
  } else {
    return n.error("approximate must be 'none' or 'tanh'");
  }
  return n.setValue(n.make<MulOp>(n.make<MulOp>(x, half), n.make<AddOp>(inner, one)));
}

} // namespace

void registerActivationImporters(ImporterTable &t) {
  t["LeakyRelu"] = {importLeakyRelu, {{"alpha", AttrKind::Float}}};
  t["PRelu"] = {importPRelu, {}, 2};
  t["Elu"] = {importElu, {{"alpha", AttrKind::Float}}};
  t["Selu"] = {importSelu, {{"alpha", AttrKind::Float}, {"gamma", AttrKind::Float}}};
  t["Celu"] = {importCelu, {{"alpha", AttrKind::Float}}};
  t["ThresholdedRelu"] = {importThresholdedRelu, {{"alpha", AttrKind::Float}}};
  t["HardSigmoid"] = {importHardSigmoid, {{"alpha", AttrKind::Float}, {"beta", AttrKind::Float}}};
  t["HardSwish"] = {importHardSwish, {}};
  t["Softplus"] = {importSoftplus, {}};
  t["Softsign"] = {importSoftsign, {}};
  t["Mish"] = {importMish, {}};
  t["Shrink"] = {importShrink, {{"bias", AttrKind::Float}, {"lambd", AttrKind::Float}}};
  t["Gelu"] = {importGelu, {{"approximate", AttrKind::String}}};
}

} // namespace tfc::onnx_import
