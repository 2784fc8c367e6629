// Conversions between dense constant attributes and widened element vectors.
#include "dialect/TFC/ConstantEval.h"
#include "dialect/TFC/TFCOps.h"

using namespace mlir;

namespace tfc {

bool ConstTensor::isUnsigned() const { return isUnsignedInt(type.getElementType()); }

ConstTensor ConstTensor::zeros(RankedTensorType type) {
  ConstTensor t;
  t.type = type;
  if (t.isFloat())
    t.fp.assign(type.getNumElements(), 0.0);
  else
    t.ints.assign(type.getNumElements(), 0);
  return t;
}

double ConstTensor::asDouble(int64_t i) const {
  if (isFloat())
    return fp[i];
  if (isUnsigned())
    return static_cast<double>(static_cast<uint64_t>(ints[i]));
  return static_cast<double>(ints[i]);
}

std::optional<ConstTensor> readConstant(Attribute attr, int64_t limit) {
  auto dense = dyn_cast_if_present<DenseElementsAttr>(attr);
  if (!dense)
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(dense.getType());
  if (!type || !type.hasStaticShape() || type.getNumElements() > limit ||
      !isTFCElementType(type.getElementType()))
    return std::nullopt;
  ConstTensor t;
  t.type = type;
  Type element = type.getElementType();
  int64_t n = type.getNumElements();
  if (isa<FloatType>(element)) {
    t.fp.reserve(n);
    if (element.isF32()) {
      for (float v : dense.getValues<float>())
        t.fp.push_back(v);
    } else if (element.isF64()) {
      for (double v : dense.getValues<double>())
        t.fp.push_back(v);
    } else {
      for (const APFloat &v : dense.getValues<APFloat>())
        t.fp.push_back(v.convertToDouble());
    }
    return t;
  }
  t.ints.reserve(n);
  if (element.isInteger(1)) {
    for (bool v : dense.getValues<bool>())
      t.ints.push_back(v);
    return t;
  }
  bool isUnsigned = isUnsignedInt(element);
  for (const APInt &v : dense.getValues<APInt>())
    t.ints.push_back(isUnsigned ? static_cast<int64_t>(v.getZExtValue()) : v.getSExtValue());
  return t;
}

DenseElementsAttr writeConstant(const ConstTensor &t) {
  Type element = t.type.getElementType();
  if (auto floatTy = dyn_cast<FloatType>(element)) {
    if (element.isF32()) {
      SmallVector<float> values(t.fp.begin(), t.fp.end());
      return DenseElementsAttr::get(t.type, ArrayRef<float>(values));
    }
    if (element.isF64())
      return DenseElementsAttr::get(t.type, ArrayRef<double>(t.fp));
    SmallVector<APFloat> values;
    values.reserve(t.fp.size());
    for (double v : t.fp) {
      APFloat f(v);
      bool lost;
      f.convert(floatTy.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
      values.push_back(f);
    }
    return DenseElementsAttr::get(t.type, values);
  }
  if (element.isInteger(1)) {
    SmallVector<bool> values;
    for (int64_t v : t.ints)
      values.push_back(v != 0);
    return DenseElementsAttr::get(t.type, ArrayRef<bool>(values));
  }
  unsigned width = element.getIntOrFloatBitWidth();
  SmallVector<APInt> values;
  values.reserve(t.ints.size());
  for (int64_t v : t.ints)
    values.emplace_back(width, static_cast<uint64_t>(v), /*isSigned=*/false,
                        /*implicitTrunc=*/true);
  return DenseElementsAttr::get(t.type, values);
}

SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

SmallVector<int64_t> broadcastStrides(ArrayRef<int64_t> inShape, ArrayRef<int64_t> outShape) {
  SmallVector<int64_t> inStrides = stridesOf(inShape);
  SmallVector<int64_t> result(outShape.size(), 0);
  size_t offset = outShape.size() - inShape.size();
  for (size_t d = 0; d < inShape.size(); ++d)
    result[offset + d] = inShape[d] == 1 && outShape[offset + d] != 1 ? 0 : inStrides[d];
  return result;
}

void forEachIndex(ArrayRef<int64_t> shape,
                  function_ref<void(int64_t, ArrayRef<int64_t>)> fn) {
  int64_t total = 1;
  for (int64_t d : shape)
    total *= d;
  SmallVector<int64_t> idx(shape.size(), 0);
  for (int64_t linear = 0; linear < total; ++linear) {
    fn(linear, idx);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++idx[d] < shape[d])
        break;
      idx[d] = 0;
    }
  }
}

ConstTensor remap(const ConstTensor &src, RankedTensorType outType,
                  function_ref<int64_t(ArrayRef<int64_t>)> srcIndex) {
  ConstTensor out = ConstTensor::zeros(outType);
  forEachIndex(outType.getShape(), [&](int64_t linear, ArrayRef<int64_t> idx) {
    int64_t from = srcIndex(idx);
    if (src.isFloat())
      out.fp[linear] = src.fp[from];
    else
      out.ints[linear] = src.ints[from];
  });
  return out;
}

} // namespace tfc
