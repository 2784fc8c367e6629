// ONNX Resize (opsets 10 to 18) and Upsample. Every interpolation mode ONNX defines is
// separable: along one axis, output element o is a fixed weighted sum of input elements. The
// importer computes that weight matrix (out x in) per resized axis at compile time, from the
// mode, the coordinate transformation and the nearest-rounding rule, and applies it as a
// matmul along the axis. tf_crop_and_resize's extrapolated positions are a constant mask.
#include "frontend/onnx/NodeImporter.h"
#include <cmath>

using namespace mlir;

namespace tfc::onnx_import {
namespace {

struct ResizeMode {
  std::string mode = "nearest";           // nearest, linear, cubic
  std::string coordinates = "half_pixel"; // coordinate_transformation_mode
  std::string nearest = "round_prefer_floor";
  double cubicA = -0.75;
  bool excludeOutside = false;
};

/// The input coordinate of output index `x` along an axis (ONNX's coordinate transforms).
/// `scale` is the scale factor; the output length is scale * inLen, as ONNX computes it.
double sourceCoordinate(const ResizeMode &m, double x, double scale, int64_t inLen,
                        double roiStart, double roiEnd) {
  double outLen = scale * inLen;
  const std::string &c = m.coordinates;
  if (c == "align_corners")
    return outLen == 1 ? 0 : x * (inLen - 1) / (outLen - 1);
  if (c == "asymmetric")
    return x / scale;
  if (c == "tf_crop_and_resize")
    return outLen == 1 ? (roiEnd - roiStart) * (inLen - 1) / 2 + roiStart * (inLen - 1)
                       : x * (roiEnd - roiStart) * (inLen - 1) / (outLen - 1) +
                             roiStart * (inLen - 1);
  if (c == "pytorch_half_pixel")
    return outLen != 1 ? (x + 0.5) / scale - 0.5 : 0;
  if (c == "tf_half_pixel_for_nn")
    return (x + 0.5) / scale;
  return (x + 0.5) / scale - 0.5; // half_pixel
}

/// The interpolation coefficients for the fractional position `ratio` between neighbours.
SmallVector<double> coefficients(const ResizeMode &m, double ratio) {
  if (m.mode == "linear")
    return {1 - ratio, ratio};
  if (m.mode == "cubic") {
    double a = m.cubicA, r = ratio, s = 1 - ratio;
    return {((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a,
            ((a + 2) * r - (a + 3)) * r * r + 1, ((a + 2) * s - (a + 3)) * s * s + 1,
            ((a * (s + 1) - 5 * a) * (s + 1) + 8 * a) * (s + 1) - 4 * a};
  }
  if (ratio == 1)
    return {0, 1};
  if (m.nearest == "round_prefer_ceil")
    return {double(ratio < 0.5), double(ratio >= 0.5)};
  if (m.nearest == "floor")
    return {1, 0};
  if (m.nearest == "ceil")
    return {0, 1};
  return {double(ratio <= 0.5), double(ratio > 0.5)}; // round_prefer_floor
}

/// The weights [outLen x inLen] of one axis, and which outputs are extrapolated.
void axisWeights(const ResizeMode &m, int64_t inLen, int64_t outLen, double scale,
                 double roiStart, double roiEnd, std::vector<double> &weights,
                 std::vector<bool> &outside) {
  weights.assign(outLen * inLen, 0.0);
  outside.assign(outLen, false);
  for (int64_t o = 0; o < outLen; ++o) {
    double x = sourceCoordinate(m, static_cast<double>(o), scale, inLen, roiStart, roiEnd);
    if (m.coordinates == "tf_crop_and_resize" && (x < 0 || x > inLen - 1)) {
      outside[o] = true;
      continue;
    }
    double base = std::floor(x);
    double ratio = x == base ? 1 : x - base;
    SmallVector<double> coeffs = coefficients(m, ratio);
    int64_t n = coeffs.size();
    // The n input positions closest to x (ties to the lower one), read with edge clamping.
    int64_t first = static_cast<int64_t>(base) - n / 2 + 1;
    if (x == base)
      first -= 1;
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) {
      int64_t idx = first + i;
      if (m.excludeOutside && (idx < 0 || idx >= inLen))
        coeffs[i] = 0;
      sum += coeffs[i];
    }
    for (int64_t i = 0; i < n; ++i) {
      int64_t idx = std::clamp<int64_t>(first + i, 0, inLen - 1);
      weights[o * inLen + idx] += m.excludeOutside && sum != 0 ? coeffs[i] / sum : coeffs[i];
    }
  }
}

/// Applies `weights` [outLen x inLen] along `axis` of x: transpose the axis last, multiply
/// by the transposed weights, transpose back.
Value applyAlongAxis(NodeImporter &n, Value x, int64_t axis, int64_t outLen,
                     ArrayRef<double> weights) {
  RankedTensorType type = n.typeOf(x);
  int64_t rank = type.getRank(), inLen = type.getDimSize(axis);
  SmallVector<int64_t> perm;
  for (int64_t d = 0; d < rank; ++d)
    if (d != axis)
      perm.push_back(d);
  perm.push_back(axis);
  SmallVector<int64_t> inverse(rank);
  for (int64_t d = 0; d < rank; ++d)
    inverse[perm[d]] = d;
  Type element = type.getElementType();
  SmallVector<Attribute> values;
  for (int64_t i = 0; i < inLen; ++i)
    for (int64_t o = 0; o < outLen; ++o)
      values.push_back(FloatAttr::get(element, weights[o * inLen + i]));
  auto wType = RankedTensorType::get({inLen, outLen}, element);
  Value w = n.constant(DenseElementsAttr::get(wType, values));
  Value y = n.make<MatMulOp>(n.make<TransposeOp>(x, perm), w);
  return n.make<TransposeOp>(y, inverse);
}

LogicalResult resize(NodeImporter &n, Value x, ArrayRef<double> scales,
                     ArrayRef<int64_t> sizes, ArrayRef<double> roi, const ResizeMode &m) {
  RankedTensorType type = n.typeOf(x);
  int64_t rank = type.getRank();
  if (m.mode != "nearest" && m.mode != "linear" && m.mode != "cubic")
    return n.error("mode must be nearest, linear or cubic");
  static const char *transforms[] = {"half_pixel",         "asymmetric",
                                     "align_corners",      "pytorch_half_pixel",
                                     "tf_half_pixel_for_nn", "tf_crop_and_resize"};
  if (!llvm::is_contained(transforms, m.coordinates))
    return n.unsupported("coordinate_transformation_mode '" + m.coordinates + "'");
  static const char *roundings[] = {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"};
  if (!llvm::is_contained(roundings, m.nearest))
    return n.error("unknown nearest_mode '" + m.nearest + "'");
  Value y = x;
  SmallVector<int64_t> outShape;
  std::vector<std::vector<bool>> outsideByAxis(rank);
  bool anyOutside = false;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t inLen = type.getDimSize(d);
    double scale;
    int64_t outLen;
    if (!sizes.empty()) {
      outLen = sizes[d];
      scale = inLen ? static_cast<double>(outLen) / inLen : 1.0;
    } else {
      scale = scales[d];
      outLen = static_cast<int64_t>(std::floor(inLen * scale));
    }
    if (scale <= 0 || outLen < 0)
      return n.error("scales and sizes must be positive");
    outShape.push_back(outLen);
    double roiStart = roi.empty() ? 0 : roi[d], roiEnd = roi.empty() ? 1 : roi[d + rank];
    if (outLen == inLen && scale == 1.0 && m.coordinates != "tf_crop_and_resize")
      continue; // every transform maps an unscaled axis onto itself
    if (inLen == 0)
      return n.error("cannot resize the empty dimension " + Twine(d));
    std::vector<double> weights;
    axisWeights(m, inLen, outLen, scale, roiStart, roiEnd, weights, outsideByAxis[d]);
    anyOutside |= llvm::is_contained(outsideByAxis[d], true);
    y = applyAlongAxis(n, y, d, outLen, weights);
  }
  if (anyOutside) {
    // An output is extrapolated when its coordinate along any axis is.
    SmallVector<bool> mask;
    int64_t total = 1;
    for (int64_t s : outShape)
      total *= s;
    SmallVector<int64_t> idx(rank, 0);
    for (int64_t flat = 0; flat < total; ++flat) {
      int64_t rest = flat;
      bool out = false;
      for (int64_t d = rank - 1; d >= 0; --d) {
        idx[d] = rest % outShape[d];
        rest /= outShape[d];
        out |= !outsideByAxis[d].empty() && outsideByAxis[d][idx[d]];
      }
      mask.push_back(out);
    }
    auto maskType = RankedTensorType::get(outShape, n.getBuilder().getI1Type());
    Value maskValue = n.constant(DenseElementsAttr::get(maskType, ArrayRef<bool>(mask)));
    y = n.make<WhereOp>(maskValue, n.scalarLike(x, n.attrFloat("extrapolation_value", 0)), y);
  }
  return n.setValue(y);
}

LogicalResult importResize(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  int64_t rank = n.typeOf(*x).getRank();
  ResizeMode m;
  m.mode = n.attrString("mode", "nearest");
  if (n.opset() < 11) {
    // Resize-10 has only the scales input and Upsample's asymmetric, floor-rounding nearest.
    m.coordinates = "asymmetric";
    m.nearest = "floor";
  } else {
    m.coordinates = n.attrString("coordinate_transformation_mode", "half_pixel");
    m.nearest = n.attrString("nearest_mode", "round_prefer_floor");
    m.cubicA = n.attrFloat("cubic_coeff_a", -0.75f);
    m.excludeOutside = n.attrInt("exclude_outside", 0) != 0;
  }
  if (n.hasAttr("antialias") && n.attrInt("antialias", 0))
    return n.unsupported("Resize with antialias");
  if (n.hasAttr("axes") || n.hasAttr("keep_aspect_ratio_policy"))
    return n.unsupported("Resize with axes or keep_aspect_ratio_policy");
  Value roiInput = n.opset() < 11 ? Value() : n.input(1);
  Value scalesInput = n.opset() < 11 ? n.input(1) : n.input(2);
  Value sizesInput = n.opset() < 11 ? Value() : n.input(3);
  SmallVector<double> roi, scales;
  SmallVector<int64_t> sizes;
  if (roiInput && n.typeOf(roiInput).getNumElements() > 0 &&
      m.coordinates == "tf_crop_and_resize") {
    auto values = n.constantValues(roiInput, "input 'roi'");
    if (failed(values))
      return failure();
    roi = *values;
    if (static_cast<int64_t>(roi.size()) != 2 * rank)
      return n.error("input 'roi' must have 2 x rank entries");
  }
  if (sizesInput && n.typeOf(sizesInput).getNumElements() > 0) {
    auto values = n.constantInts(sizesInput, "input 'sizes'");
    if (failed(values))
      return failure();
    sizes = *values;
    if (static_cast<int64_t>(sizes.size()) != rank)
      return n.error("input 'sizes' must have one entry per dimension");
  } else if (scalesInput && n.typeOf(scalesInput).getNumElements() > 0) {
    auto values = n.constantValues(scalesInput, "input 'scales'");
    if (failed(values))
      return failure();
    scales = *values;
    if (static_cast<int64_t>(scales.size()) != rank)
      return n.error("input 'scales' must have one entry per dimension");
  } else {
    return n.error("needs one of the inputs 'scales' and 'sizes'");
  }
  return resize(n, *x, scales, sizes, roi, m);
}

LogicalResult importUpsample(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  ResizeMode m;
  m.mode = n.attrString("mode", "nearest");
  m.coordinates = "asymmetric";
  m.nearest = "floor";
  SmallVector<double> scales;
  if (Value s = n.input(1)) {
    auto values = n.constantValues(s, "input 'scales'");
    if (failed(values))
      return failure();
    scales = *values;
  } else if (n.hasAttr("scales")) {
    auto attr = n.attrFloats("scales");
    if (failed(attr))
      return failure();
    for (APFloat v : attr->getValues<APFloat>())
      scales.push_back(v.convertToDouble());
  }
  if (static_cast<int64_t>(scales.size()) != n.typeOf(*x).getRank())
    return n.error("scales must have one entry per dimension");
  return resize(n, *x, scales, {}, {}, m);
}

} // namespace

void registerResizeImporters(ImporterTable &t) {
  t["Resize"] = {importResize,
                 {{"mode", AttrKind::String},
                  {"coordinate_transformation_mode", AttrKind::String},
                  {"nearest_mode", AttrKind::String},
                  {"cubic_coeff_a", AttrKind::Float},
                  {"exclude_outside", AttrKind::Int},
                  {"extrapolation_value", AttrKind::Float},
                  {"antialias", AttrKind::Int},
                  {"axes", AttrKind::Ints},
                  {"keep_aspect_ratio_policy", AttrKind::String}}};
  t["Upsample"] = {importUpsample, {{"mode", AttrKind::String}, {"scales", AttrKind::Floats}}};
}

} // namespace tfc::onnx_import
