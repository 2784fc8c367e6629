// ONNX operators that build, split or rearrange tensors: Flatten, Dropout (inference), Size,
// ConstantOfShape, Range, EyeLike, Tile, Split, Trilu, OneHot, DepthToSpace, SpaceToDepth,
// GatherElements, Pad.
#include "frontend/onnx/NodeImporter.h"
#include "frontend/onnx/TensorData.h"
#include <cmath>

using namespace mlir;

namespace tfc::onnx_import {
namespace {

/// The most elements an operator's constant (Range, EyeLike, OneHot positions) may have:
/// beyond it the model is surely malformed, and building it would exhaust memory.
constexpr int64_t kMaxBuiltElements = int64_t(1) << 26;

int64_t product(ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims)
    p *= d;
  return p;
}

LogicalResult importFlatten(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = n.typeOf(*x).getShape();
  int64_t rank = shape.size(), axis = n.attrInt("axis", 1);
  if (axis < -rank || axis > rank)
    return n.error("axis " + Twine(axis) + " is out of range for rank " + Twine(rank));
  if (axis < 0)
    axis += rank;
  int64_t rows = product(shape.take_front(axis)), cols = product(shape.drop_front(axis));
  return n.setResult(n.create<ReshapeOp>(*x, ArrayRef<int64_t>{rows, cols}));
}

/// Dropout at inference is the identity; its mask is all true.
LogicalResult importDropout(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  if (Value training = n.input(2)) {
    auto mode = n.constantValues(training, "input 'training_mode'");
    if (failed(mode))
      return failure();
    double ratio = n.attrFloat("ratio", 0.5f);
    if (Value r = n.input(1)) {
      auto ratios = n.constantValues(r, "input 'ratio'");
      if (failed(ratios))
        return failure();
      ratio = ratios->empty() ? 0.5 : ratios->front();
    }
    if (!mode->empty() && mode->front() != 0 && ratio != 0)
      return n.unsupported("Dropout in training mode (random masks)");
  }
  n.setOutput(0, *x);
  if (n.outputUsed(1)) {
    auto type = RankedTensorType::get(n.typeOf(*x).getShape(), n.getBuilder().getI1Type());
    n.setOutput(1, n.constant(DenseElementsAttr::get(type, true)));
  }
  return success();
}

LogicalResult importSize(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  return n.setValue(n.constantI64({n.typeOf(*x).getNumElements()}, {}));
}

LogicalResult importConstantOfShape(NodeImporter &n) {
  auto shapeInput = n.requiredInput(0);
  if (failed(shapeInput))
    return failure();
  auto shape = n.constantInts(*shapeInput, "input 'input' (the shape)");
  if (failed(shape))
    return failure();
  for (int64_t d : *shape)
    if (d < 0)
      return n.error("shape has a negative dimension " + Twine(d));
  Attribute element = FloatAttr::get(n.getBuilder().getF32Type(), 0.0);
  if (n.hasAttr("value")) {
    auto value = n.attrTensor("value");
    if (failed(value))
      return failure();
    if (value->getNumElements() != 1)
      return n.error("attribute 'value' must hold one element");
    element = value->getSplatValue<Attribute>();
    if (!value->isSplat())
      element = *value->getValues<Attribute>().begin();
  }
  auto type = RankedTensorType::get(*shape, cast<TypedAttr>(element).getType());
  return n.setValue(n.constant(DenseElementsAttr::get(type, element)));
}

/// A scalar input that must be a constant, as a double.
FailureOr<double> constantScalar(NodeImporter &n, size_t index, StringRef what) {
  auto v = n.requiredInput(index);
  if (failed(v))
    return failure();
  auto values = n.constantValues(*v, what);
  if (failed(values))
    return failure();
  if (values->size() != 1)
    return n.error(what + " must hold one value");
  return values->front();
}

LogicalResult importRange(NodeImporter &n) {
  auto start = constantScalar(n, 0, "input 'start'");
  auto limit = constantScalar(n, 1, "input 'limit'");
  auto delta = constantScalar(n, 2, "input 'delta'");
  if (failed(start) || failed(limit) || failed(delta))
    return failure();
  if (*delta == 0)
    return n.error("delta must not be zero");
  Type element = n.typeOf(n.input(0)).getElementType();
  if (element.isInteger(1))
    return n.unsupported("Range on bool");
  double steps = std::ceil((*limit - *start) / *delta);
  if (!(steps < static_cast<double>(kMaxBuiltElements)))
    return n.unsupported("Range of more than " + Twine(kMaxBuiltElements) +
                         " elements (it is built at compile time)");
  int64_t count = std::max<int64_t>(static_cast<int64_t>(steps), 0);
  auto type = RankedTensorType::get({count}, element);
  SmallVector<Attribute> values;
  for (int64_t i = 0; i < count; ++i) {
    double v = *start + static_cast<double>(i) * *delta;
    if (auto ft = dyn_cast<FloatType>(element))
      values.push_back(FloatAttr::get(ft, v));
    else
      values.push_back(IntegerAttr::get(element, static_cast<int64_t>(v)));
  }
  return n.setValue(n.constant(DenseElementsAttr::get(type, values)));
}

LogicalResult importEyeLike(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  if (type.getRank() != 2)
    return n.error("input must be 2-D");
  Type element = type.getElementType();
  if (n.hasAttr("dtype")) {
    element = dtypeToType(static_cast<int32_t>(n.attrInt("dtype", 0)), n.getContext());
    if (!element)
      return n.unsupported("EyeLike dtype " + Twine(n.attrInt("dtype", 0)));
  }
  int64_t k = n.attrInt("k", 0), rows = type.getDimSize(0), cols = type.getDimSize(1);
  if (rows * cols > kMaxBuiltElements)
    return n.unsupported("EyeLike of " + Twine(rows * cols) + " elements (more than " +
                         Twine(kMaxBuiltElements) + " built at compile time)");
  SmallVector<int64_t> ones;
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      ones.push_back(j - i == k);
  Value eye = n.constantI64(ones, {rows, cols});
  return n.setResult(n.create<CastOp>(eye, TypeAttr::get(element)));
}

LogicalResult importTile(NodeImporter &n) {
  auto x = n.requiredInput(0), repeatsInput = n.requiredInput(1);
  if (failed(x) || failed(repeatsInput))
    return failure();
  auto repeats = n.constantInts(*repeatsInput, "input 'repeats'");
  if (failed(repeats))
    return failure();
  ArrayRef<int64_t> shape = n.typeOf(*x).getShape();
  if (repeats->size() != shape.size())
    return n.error("input 'repeats' must have one entry per dimension (" +
                   Twine(shape.size()) + ")");
  // [d0, d1] -> [1, d0, 1, d1] -> expand to [r0, d0, r1, d1] -> [r0 * d0, r1 * d1].
  SmallVector<int64_t> interleaved, expanded, result;
  for (auto [d, r] : llvm::zip(shape, *repeats)) {
    if (r < 0)
      return n.error("repeats must be non-negative");
    interleaved.append({1, d});
    expanded.append({r, d});
    result.push_back(r * d);
  }
  Value y = n.make<ReshapeOp>(*x, interleaved);
  y = n.make<ExpandOp>(y, expanded);
  return n.setValue(n.make<ReshapeOp>(y, result));
}

LogicalResult importSplit(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = n.typeOf(*x).getShape();
  auto axis = n.normalizeAxis(n.attrInt("axis", 0), shape.size(), "axis");
  if (failed(axis))
    return failure();
  int64_t outputs = static_cast<int64_t>(n.numOutputs()), dim = shape[*axis];
  SmallVector<int64_t> sizes;
  if (Value splitInput = n.input(1)) {
    auto values = n.constantInts(splitInput, "input 'split'");
    if (failed(values))
      return failure();
    sizes = *values;
  } else if (auto attr = n.attrInts("split")) {
    sizes = *attr;
  } else {
    // Equal parts; with num_outputs (opset 18) the last may be smaller.
    int64_t parts = n.attrInt("num_outputs", outputs);
    int64_t each = parts ? (dim + parts - 1) / parts : 0;
    for (int64_t i = 0, left = dim; i < parts; ++i, left -= each)
      sizes.push_back(std::min(each, left));
    if (!n.hasAttr("num_outputs") && parts && dim % parts)
      return n.error("dimension " + Twine(dim) + " does not split into " + Twine(parts) +
                     " equal parts");
  }
  if (static_cast<int64_t>(sizes.size()) != outputs)
    return n.error("split has " + Twine(sizes.size()) + " parts for " + Twine(outputs) +
                   " outputs");
  int64_t total = 0;
  for (int64_t s : sizes)
    total += s;
  if (total != dim)
    return n.error("split sizes add up to " + Twine(total) + ", not the dimension " +
                   Twine(dim));
  int64_t rank = shape.size(), offset = 0;
  for (int64_t i = 0; i < outputs; ++i) {
    SmallVector<int64_t> offsets(rank, 0), partShape(shape), strides(rank, 1);
    offsets[*axis] = offset;
    partShape[*axis] = sizes[i];
    offset += sizes[i];
    auto part = n.create<SliceOp>(*x, offsets, partShape, strides);
    if (failed(part))
      return failure();
    n.setOutput(i, *part);
  }
  return success();
}

LogicalResult importTrilu(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  if (type.getRank() < 2)
    return n.error("input must have rank at least 2");
  int64_t k = 0;
  if (Value kInput = n.input(1)) {
    auto values = n.constantInts(kInput, "input 'k'");
    if (failed(values))
      return failure();
    if (values->size() != 1)
      return n.error("input 'k' must hold one value");
    k = values->front();
  }
  bool upper = n.attrInt("upper", 1) != 0;
  int64_t rows = type.getDimSize(type.getRank() - 2), cols = type.getDimSize(type.getRank() - 1);
  SmallVector<bool> keep;
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      keep.push_back(upper ? j - i >= k : j - i <= k);
  auto maskType = RankedTensorType::get({rows, cols}, n.getBuilder().getI1Type());
  Value mask = n.constant(DenseElementsAttr::get(maskType, ArrayRef<bool>(keep)));
  return n.setResult(n.create<WhereOp>(mask, *x, n.scalarLike(*x, 0)));
}

LogicalResult importOneHot(NodeImporter &n) {
  auto indices = n.requiredInput(0), depthInput = n.requiredInput(1),
       values = n.requiredInput(2);
  if (failed(indices) || failed(depthInput) || failed(values) ||
      failed(n.checkType(*indices, kNumeric, "numbers")))
    return failure();
  auto depthValues = n.constantValues(*depthInput, "input 'depth'");
  if (failed(depthValues))
    return failure();
  if (depthValues->size() != 1 || depthValues->front() < 1)
    return n.error("input 'depth' must hold one positive value");
  if (depthValues->front() > kMaxBuiltElements)
    return n.unsupported("OneHot depth above " + Twine(kMaxBuiltElements));
  if (n.typeOf(*values).getNumElements() != 2)
    return n.error("input 'values' must hold two elements (off, on)");
  int64_t depth = static_cast<int64_t>(depthValues->front());
  int64_t rank = n.typeOf(*indices).getRank(), axis = n.attrInt("axis", -1);
  if (axis < -rank - 1 || axis > rank)
    return n.error("axis " + Twine(axis) + " is out of range for rank " + Twine(rank + 1));
  if (axis < 0)
    axis += rank + 1;
  // Negative indices count from the end of the depth.
  Value idx = n.make<CastOp>(*indices, TypeAttr::get(n.getBuilder().getI64Type()));
  Value zero = n.constantI64({0}, {}), size = n.constantI64({depth}, {});
  idx = n.make<WhereOp>(n.make<LessOp>(idx, zero), n.make<AddOp>(idx, size), idx);
  idx = n.make<UnsqueezeOp>(idx, ArrayRef<int64_t>{axis});
  SmallVector<int64_t> positions, positionShape(rank + 1, 1);
  for (int64_t i = 0; i < depth; ++i)
    positions.push_back(i);
  positionShape[axis] = depth;
  Value hit = n.make<EqualOp>(idx, n.constantI64(positions, positionShape));
  Value flat = n.make<ReshapeOp>(*values, ArrayRef<int64_t>{2});
  auto pick = [&](int64_t i) {
    Value one = n.make<SliceOp>(flat, ArrayRef<int64_t>{i}, ArrayRef<int64_t>{1},
                                ArrayRef<int64_t>{1});
    return n.make<ReshapeOp>(one, ArrayRef<int64_t>{});
  };
  return n.setValue(n.make<WhereOp>(hit, pick(1), pick(0)));
}

/// DepthToSpace and SpaceToDepth: a reshape, a transpose, a reshape.
LogicalResult rearrange(NodeImporter &n, Value x, ArrayRef<int64_t> split,
                        ArrayRef<int64_t> perm, ArrayRef<int64_t> result) {
  Value y = n.make<ReshapeOp>(x, split);
  y = n.make<TransposeOp>(y, perm);
  return n.setValue(n.make<ReshapeOp>(y, result));
}

LogicalResult importDepthToSpace(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> s = n.typeOf(*x).getShape();
  int64_t b = n.attrInt("blocksize", 0);
  if (s.size() != 4)
    return n.error("input must be 4-D [N, C, H, W]");
  if (b < 1 || s[1] % (b * b))
    return n.error("blocksize " + Twine(b) + " squared must divide the channels " +
                   Twine(s[1]));
  int64_t c = s[1] / (b * b);
  SmallVector<int64_t> result = {s[0], c, s[2] * b, s[3] * b};
  if (n.attrString("mode", "DCR") == "CRD")
    return rearrange(n, *x, {s[0], c, b, b, s[2], s[3]}, {0, 1, 4, 2, 5, 3}, result);
  return rearrange(n, *x, {s[0], b, b, c, s[2], s[3]}, {0, 3, 4, 1, 5, 2}, result);
}

LogicalResult importSpaceToDepth(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> s = n.typeOf(*x).getShape();
  int64_t b = n.attrInt("blocksize", 0);
  if (s.size() != 4)
    return n.error("input must be 4-D [N, C, H, W]");
  if (b < 1 || s[2] % b || s[3] % b)
    return n.error("blocksize " + Twine(b) + " must divide the height and width");
  return rearrange(n, *x, {s[0], s[1], s[2] / b, b, s[3] / b, b}, {0, 3, 5, 1, 2, 4},
                   {s[0], s[1] * b * b, s[2] / b, s[3] / b});
}

LogicalResult importGatherElements(NodeImporter &n) {
  auto x = n.requiredInput(0), indices = n.requiredInput(1);
  if (failed(x) || failed(indices) || failed(n.checkType(*indices, kSignedInt, "int32/int64")))
    return failure();
  auto axis = n.normalizeAxis(n.attrInt("axis", 0), n.typeOf(*x).getRank(), "axis");
  if (failed(axis))
    return failure();
  return n.setResult(
      n.create<GatherElementsOp>(*x, *indices, n.getBuilder().getI64IntegerAttr(*axis)));
}

LogicalResult importPad(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  int64_t rank = n.typeOf(*x).getRank();
  SmallVector<int64_t> pads;
  Value value;
  if (n.opset() < 11) {
    auto attr = n.attrInts("pads");
    if (!attr)
      return n.error("attribute 'pads' is missing");
    pads = *attr;
    value = n.scalarLike(*x, n.attrFloat("value", 0.0f));
  } else {
    auto padsInput = n.requiredInput(1);
    if (failed(padsInput))
      return failure();
    auto values = n.constantInts(*padsInput, "input 'pads'");
    if (failed(values))
      return failure();
    pads = *values;
    if (Value v = n.input(2)) {
      if (n.typeOf(v).getNumElements() != 1)
        return n.error("input 'constant_value' must hold one element");
      value = n.make<ReshapeOp>(v, ArrayRef<int64_t>{});
    } else {
      value = n.scalarLike(*x, 0);
    }
    if (Value axesInput = n.input(3)) {
      // Pads for the listed axes only; the others get none.
      auto axes = n.constantInts(axesInput, "input 'axes'");
      if (failed(axes))
        return failure();
      if (pads.size() != 2 * axes->size())
        return n.error("input 'pads' must have 2 entries per axis");
      SmallVector<int64_t> full(2 * rank, 0);
      for (auto [i, a] : llvm::enumerate(*axes)) {
        auto axis = n.normalizeAxis(a, rank, "axis");
        if (failed(axis))
          return failure();
        full[*axis] = pads[i];
        full[*axis + rank] = pads[i + axes->size()];
      }
      pads = full;
    }
  }
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return n.error("pads must have 2 x rank = " + Twine(2 * rank) + " entries");
  std::string mode = n.attrString("mode", "constant");
  if (mode != "constant" && mode != "reflect" && mode != "edge")
    return n.unsupported("Pad mode '" + mode + "'");
  // Negative pads remove elements: a slice first, then the non-negative padding.
  ArrayRef<int64_t> shape = n.typeOf(*x).getShape();
  SmallVector<int64_t> offsets(rank, 0), sizes(shape), strides(rank, 1);
  bool crop = false;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t &before = pads[d], &after = pads[d + rank];
    if (before < 0) {
      offsets[d] = -before;
      sizes[d] += before;
      before = 0;
      crop = true;
    }
    if (after < 0) {
      sizes[d] += after;
      after = 0;
      crop = true;
    }
    if (sizes[d] < 0)
      return n.error("negative pads remove more than dimension " + Twine(d) + " holds");
  }
  Value input = crop ? n.make<SliceOp>(*x, offsets, sizes, strides) : *x;
  if (!input || !value)
    return failure();
  if (n.typeOf(value).getElementType() != n.typeOf(input).getElementType())
    return n.error("constant_value must have the input's element type");
  return n.setResult(n.create<PadOp>(input, value, pads, n.getBuilder().getStringAttr(mode)));
}

} // namespace

void registerShapeImporters(ImporterTable &t) {
  t["Flatten"] = {importFlatten, {{"axis", AttrKind::Int}}};
  t["Dropout"] = {importDropout, {{"ratio", AttrKind::Float}, {"seed", AttrKind::Int}}};
  t["Size"] = {importSize, {}};
  t["ConstantOfShape"] = {importConstantOfShape, {{"value", AttrKind::Tensor}}};
  t["Range"] = {importRange, {}, 3};
  t["EyeLike"] = {importEyeLike, {{"dtype", AttrKind::Int}, {"k", AttrKind::Int}}};
  t["Tile"] = {importTile, {}, 2};
  t["Split"] = {importSplit,
                {{"axis", AttrKind::Int}, {"split", AttrKind::Ints},
                 {"num_outputs", AttrKind::Int}}};
  t["Trilu"] = {importTrilu, {{"upper", AttrKind::Int}}};
  t["OneHot"] = {importOneHot, {{"axis", AttrKind::Int}}, 3};
  t["DepthToSpace"] = {importDepthToSpace,
                       {{"blocksize", AttrKind::Int}, {"mode", AttrKind::String}}};
  t["SpaceToDepth"] = {importSpaceToDepth, {{"blocksize", AttrKind::Int}}};
  t["GatherElements"] = {importGatherElements, {{"axis", AttrKind::Int}}, 2};
  t["Pad"] = {importPad,
              {{"mode", AttrKind::String}, {"pads", AttrKind::Ints}, {"value", AttrKind::Float}}};
}

} // namespace tfc::onnx_import
