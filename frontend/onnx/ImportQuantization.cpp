// ONNX quantization operators: QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear,
// MatMulInteger, QLinearMatMul, ConvInteger, QLinearConv. They are imported exactly (float
// arithmetic where ONNX's definition uses it, integer accumulation otherwise); fast int8
// kernels are a later step that pattern-matches these decompositions.
#include "frontend/onnx/NodeImporter.h"
#include "frontend/onnx/TensorData.h"
#include <limits>

using namespace mlir;

namespace tfc::onnx_import {
namespace {

Value toType(NodeImporter &n, Value v, Type element) {
  if (!v || n.typeOf(v).getElementType() == element)
    return v;
  return n.make<CastOp>(v, TypeAttr::get(element));
}

/// A per-tensor (scalar) or per-axis (1-D) parameter shaped to broadcast against an input
/// of rank `rank` along `axis`.
Value alongAxis(NodeImporter &n, Value param, int64_t rank, int64_t axis) {
  RankedTensorType type = n.typeOf(param);
  if (type.getRank() == 0 || (type.getRank() == 1 && type.getDimSize(0) == 1 && rank != 1))
    return type.getRank() == 0 ? param : n.make<ReshapeOp>(param, ArrayRef<int64_t>{});
  SmallVector<int64_t> shape(rank, 1);
  shape[axis] = type.getNumElements();
  return n.make<ReshapeOp>(param, shape);
}

/// (x - zero_point) * scale in the scale's float type.
Value dequantize(NodeImporter &n, Value x, Value scale, Value zeroPoint, int64_t axis) {
  Type f = n.typeOf(scale).getElementType();
  int64_t rank = n.typeOf(x).getRank();
  Value y = toType(n, x, f);
  if (zeroPoint)
    y = n.make<SubOp>(y, alongAxis(n, toType(n, zeroPoint, f), rank, axis));
  return n.make<MulOp>(y, alongAxis(n, scale, rank, axis));
}

/// saturate(round_half_even(x / scale) + zero_point) in the integer type `to`.
Value quantize(NodeImporter &n, Value x, Value scale, Value zeroPoint, Type to, int64_t axis) {
  int64_t rank = n.typeOf(x).getRank();
  Type f = n.typeOf(x).getElementType();
  Value y = n.make<RoundOp>(n.make<DivOp>(x, alongAxis(n, toType(n, scale, f), rank, axis)));
  if (zeroPoint)
    y = n.make<AddOp>(y, alongAxis(n, toType(n, zeroPoint, f), rank, axis));
  unsigned width = to.getIntOrFloatBitWidth();
  bool isUnsigned = isUnsignedInt(to);
  double lo = isUnsigned ? 0 : -std::ldexp(1.0, width - 1);
  double hi = isUnsigned ? std::ldexp(1.0, width) - 1 : std::ldexp(1.0, width - 1) - 1;
  y = n.make<MinOp>(n.make<MaxOp>(y, n.scalarLike(x, lo)), n.scalarLike(x, hi));
  return n.make<CastOp>(y, TypeAttr::get(to));
}

/// The axis of a per-axis scale; a per-tensor scale ignores it.
FailureOr<int64_t> quantAxis(NodeImporter &n, Value x, Value scale) {
  int64_t rank = n.typeOf(x).getRank();
  if (n.typeOf(scale).getNumElements() == 1)
    return 0;
  return n.normalizeAxis(n.attrInt("axis", 1), rank, "axis");
}

LogicalResult importDequantize(NodeImporter &n) {
  auto x = n.requiredInput(0), scale = n.requiredInput(1);
  if (failed(x) || failed(scale) || failed(n.checkType(*x, kInt, "integers")) ||
      failed(n.checkType(*scale, kFloat, "a float scale")))
    return failure();
  auto axis = quantAxis(n, *x, *scale);
  if (failed(axis))
    return failure();
  return n.setValue(dequantize(n, *x, *scale, n.input(2), *axis));
}

LogicalResult importQuantize(NodeImporter &n) {
  auto x = n.requiredInput(0), scale = n.requiredInput(1);
  if (failed(x) || failed(scale) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  Value zeroPoint = n.input(2);
  Type to = zeroPoint ? n.typeOf(zeroPoint).getElementType()
                      : IntegerType::get(n.getContext(), 8, IntegerType::Unsigned);
  if (!isa<IntegerType>(to) || to.isInteger(1))
    return n.unsupported("QuantizeLinear to " + dtypeName(typeToDtype(to)));
  auto axis = quantAxis(n, *x, *scale);
  if (failed(axis))
    return failure();
  return n.setValue(quantize(n, *x, *scale, zeroPoint, to, *axis));
}

/// uint8 quantization with the scale and zero point taken from the data's range (which
/// always includes 0), as ONNX defines it.
LogicalResult importDynamicQuantize(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  SmallVector<int64_t> all;
  for (int64_t d = 0; d < n.typeOf(*x).getRank(); ++d)
    all.push_back(d);
  Value zero = n.scalarLike(*x, 0);
  Value lo = n.make<MinOp>(n.make<ReduceMinOp>(*x, all, false), zero);
  Value hi = n.make<MaxOp>(n.make<ReduceMaxOp>(*x, all, false), zero);
  Value scale = n.make<DivOp>(n.make<SubOp>(hi, lo), n.scalarLike(*x, 255));
  Type u8 = IntegerType::get(n.getContext(), 8, IntegerType::Unsigned);
  Value zeroPoint = quantize(n, n.make<NegOp>(lo), scale, Value(), u8, 0);
  Value y = quantize(n, *x, scale, zeroPoint, u8, 0);
  if (!y)
    return failure();
  n.setOutput(0, y);
  n.setOutput(1, scale);
  n.setOutput(2, zeroPoint);
  return success();
}

/// (a - a_zero_point) @ (b - b_zero_point), accumulated in int32. A per-row zero point of
/// a ([M]) applies along its rows; b's ([N]) along its columns.
LogicalResult importMatMulInteger(NodeImporter &n) {
  auto a = n.requiredInput(0), b = n.requiredInput(1);
  if (failed(a) || failed(b) || failed(n.checkType(*a, kInt, "integers")) ||
      failed(n.checkType(*b, kInt, "integers")))
    return failure();
  Type i32 = n.getBuilder().getI32Type();
  Value lhs = toType(n, *a, i32), rhs = toType(n, *b, i32);
  if (Value zp = n.input(2)) {
    RankedTensorType zpType = n.typeOf(zp);
    Value z = toType(n, zp, i32);
    if (zpType.getRank() == 1 && zpType.getDimSize(0) != 1)
      z = n.make<ReshapeOp>(z, ArrayRef<int64_t>{zpType.getDimSize(0), 1});
    lhs = n.make<SubOp>(lhs, z);
  }
  if (Value zp = n.input(3))
    rhs = n.make<SubOp>(rhs, toType(n, zp, i32));
  return n.setValue(n.make<MatMulOp>(lhs, rhs));
}

/// The eight inputs of QLinearMatMul and QLinearConv: a, a_scale, a_zero_point, b, b_scale,
/// b_zero_point, y_scale, y_zero_point, the two operands integers.
FailureOr<SmallVector<Value>> qlinearInputs(NodeImporter &n) {
  SmallVector<Value> in;
  for (size_t i = 0; i < 8; ++i) {
    auto v = n.requiredInput(i);
    if (failed(v))
      return failure();
    in.push_back(*v);
  }
  if (failed(n.checkType(in[0], kInt, "integers")) ||
      failed(n.checkType(in[3], kInt, "integers")))
    return failure();
  return in;
}

/// Dequantize both operands, multiply in float, quantize the result: ONNX's definition.
LogicalResult importQLinearMatMul(NodeImporter &n) {
  auto inputs = qlinearInputs(n);
  if (failed(inputs))
    return failure();
  ArrayRef<Value> in = *inputs;
  Value a = dequantize(n, in[0], in[1], in[2], 0);
  Value b = dequantize(n, in[3], in[4], in[5], n.typeOf(in[3]).getRank() - 1);
  Value y = n.make<MatMulOp>(a, b);
  return n.setValue(quantize(n, y, in[6], in[7], n.typeOf(in[7]).getElementType(), 0));
}

/// ConvInteger: the convolution of (x - x_zero_point) and (w - w_zero_point) in int32.
/// tfc.conv works on floats, so the operands go through f64, where every int32 sum of
/// int8/uint8 products is exact.
LogicalResult importConvInteger(NodeImporter &n) {
  auto x = n.requiredInput(0), w = n.requiredInput(1);
  if (failed(x) || failed(w) || failed(n.checkType(*x, kInt, "integers")) ||
      failed(n.checkType(*w, kInt, "integers")))
    return failure();
  Type f64 = n.getBuilder().getF64Type();
  Value xf = toType(n, *x, f64), wf = toType(n, *w, f64);
  if (Value zp = n.input(2))
    xf = n.make<SubOp>(xf, alongAxis(n, toType(n, zp, f64), n.typeOf(*x).getRank(), 1));
  if (Value zp = n.input(3))
    wf = n.make<SubOp>(wf, alongAxis(n, toType(n, zp, f64), n.typeOf(*w).getRank(), 0));
  if (!xf || !wf)
    return failure();
  FailureOr<Value> y = buildConv(n, xf, wf, Value());
  if (failed(y))
    return failure();
  return n.setValue(n.make<CastOp>(*y, TypeAttr::get(n.getBuilder().getI32Type())));
}

LogicalResult importQLinearConv(NodeImporter &n) {
  auto inputs = qlinearInputs(n);
  if (failed(inputs))
    return failure();
  ArrayRef<Value> in = *inputs;
  Value x = dequantize(n, in[0], in[1], in[2], 1);
  Value w = dequantize(n, in[3], in[4], in[5], 0);
  Value bias;
  if (Value b = n.input(8)) // int32, quantized with scale x_scale * w_scale and zero point 0
    bias = n.make<MulOp>(toType(n, b, n.typeOf(in[1]).getElementType()),
                         n.make<ReshapeOp>(n.make<MulOp>(in[1], in[4]),
                                           ArrayRef<int64_t>{n.typeOf(b).getNumElements() == 1
                                                                 ? 1
                                                                 : n.typeOf(b).getDimSize(0)}));
  if (!x || !w)
    return failure();
  if (n.input(8) && !bias)
    return failure();
  FailureOr<Value> y = buildConv(n, x, w, bias);
  if (failed(y))
    return failure();
  return n.setValue(quantize(n, *y, in[6], in[7], n.typeOf(in[7]).getElementType(), 1));
}

} // namespace

void registerQuantizationImporters(ImporterTable &t) {
  t["DequantizeLinear"] = {importDequantize, {{"axis", AttrKind::Int}}, 2};
  t["QuantizeLinear"] = {importQuantize, {{"axis", AttrKind::Int}, {"saturate", AttrKind::Int}},
                         2};
  t["DynamicQuantizeLinear"] = {importDynamicQuantize, {}};
  t["MatMulInteger"] = {importMatMulInteger, {}, 2};
  t["QLinearMatMul"] = {importQLinearMatMul, {}, 8};
  std::vector<AttrSpec> conv = {{"auto_pad", AttrKind::String}, {"kernel_shape", AttrKind::Ints},
                                {"strides", AttrKind::Ints},     {"dilations", AttrKind::Ints},
                                {"pads", AttrKind::Ints},        {"group", AttrKind::Int}};
  t["ConvInteger"] = {importConvInteger, conv, 2};
  t["QLinearConv"] = {importQLinearConv, conv, 8};
}

} // namespace tfc::onnx_import
