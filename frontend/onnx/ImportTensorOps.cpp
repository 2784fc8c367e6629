// ONNX data-movement operators: Constant, Shape, Reshape, Transpose, Squeeze, Unsqueeze,
// Expand, Concat, Slice, Gather.
#include "frontend/onnx/NodeImporter.h"

using namespace mlir;

namespace tfc::onnx_import {
namespace {

LogicalResult importConstant(NodeImporter &n) {
  MLIRContext *ctx = n.getContext();
  auto i64 = IntegerType::get(ctx, 64);
  auto f32 = Float32Type::get(ctx);
  if (n.hasAttr("value")) {
    auto value = n.attrTensor("value");
    return failed(value) ? failure() : (n.setOutput(0, n.constant(*value)), success());
  }
  if (n.hasAttr("value_float")) {
    n.setOutput(0, n.scalar(f32, n.attrFloat("value_float", 0)));
    return success();
  }
  if (n.hasAttr("value_int")) {
    n.setOutput(0, n.scalar(i64, static_cast<double>(n.attrInt("value_int", 0))));
    return success();
  }
  if (n.hasAttr("value_ints")) {
    SmallVector<int64_t> v = *n.attrInts("value_ints");
    auto type = RankedTensorType::get({static_cast<int64_t>(v.size())}, i64);
    n.setOutput(0, n.constant(DenseElementsAttr::get(type, ArrayRef<int64_t>(v))));
    return success();
  }
  if (n.hasAttr("value_floats")) {
    auto value = n.attrFloats("value_floats");
    return failed(value) ? failure() : (n.setOutput(0, n.constant(*value)), success());
  }
  return n.error("needs one of the attributes value, value_float, value_floats, value_int "
                 "or value_ints");
}

LogicalResult importShape(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  int64_t rank = n.typeOf(*x).getRank();
  // Opset 15 added start/end, clamped to [0, rank] after adding rank to negatives.
  auto clampIndex = [&](int64_t i) {
    if (i < 0)
      i += rank;
    return std::clamp<int64_t>(i, 0, rank);
  };
  int64_t start = clampIndex(n.attrInt("start", 0));
  int64_t end = clampIndex(n.attrInt("end", rank));
  end = std::max(end, start);
  OpBuilder &b = n.getBuilder();
  return n.setResult(n.create<ShapeOp>(*x, b.getI64IntegerAttr(start),
                                        b.getI64IntegerAttr(end)));
}

/// Reads a list of axes from the input `index` (newer opsets) or the attribute `axes`.
FailureOr<std::optional<SmallVector<int64_t>>> axesOf(NodeImporter &n, size_t index) {
  if (Value axes = n.input(index)) {
    auto values = n.constantInts(axes, "input 'axes'");
    if (failed(values))
      return failure();
    return std::optional<SmallVector<int64_t>>(*values);
  }
  return n.attrInts("axes");
}

/// Normalizes, sorts and de-duplicates axes against `rank`.
FailureOr<SmallVector<int64_t>> normalizeAxes(NodeImporter &n, ArrayRef<int64_t> axes,
                                              int64_t rank) {
  SmallVector<int64_t> result;
  for (int64_t a : axes) {
    auto axis = n.normalizeAxis(a, rank, "axis");
    if (failed(axis))
      return failure();
    if (llvm::is_contained(result, *axis))
      return n.error("axis " + Twine(a) + " is repeated");
    result.push_back(*axis);
  }
  llvm::sort(result);
  return result;
}

LogicalResult importReshape(NodeImporter &n) {
  auto x = n.requiredInput(0), shapeInput = n.requiredInput(1);
  if (failed(x) || failed(shapeInput))
    return failure();
  auto shape = n.constantInts(*shapeInput, "input 'shape'");
  if (failed(shape))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  bool allowZero = n.attrInt("allowzero", 0) != 0;
  SmallVector<int64_t> result;
  int64_t inferred = -1, known = 1;
  for (auto [i, d] : llvm::enumerate(*shape)) {
    if (d == 0 && !allowZero) {
      if (static_cast<int64_t>(i) >= type.getRank())
        return n.error("shape entry " + Twine(i) + " is 0 (copy the input dimension) but the "
                       "input has rank " + Twine(type.getRank()));
      d = type.getDimSize(i);
    }
    if (d == -1) {
      if (inferred >= 0)
        return n.error("shape has more than one -1");
      inferred = static_cast<int64_t>(i);
    } else if (d < 0) {
      return n.error("shape entry " + Twine(i) + " is " + Twine(d));
    } else {
      known *= d;
    }
    result.push_back(d);
  }
  if (inferred >= 0) {
    int64_t total = type.getNumElements();
    if (known == 0 || total % known != 0)
      return n.error("cannot infer the -1 in the shape: " + Twine(total) +
                     " elements are not a multiple of " + Twine(known));
    result[inferred] = total / known;
  }
  return n.setResult(n.create<ReshapeOp>(*x, result));
}

LogicalResult importTranspose(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  int64_t rank = n.typeOf(*x).getRank();
  SmallVector<int64_t> perm;
  if (auto given = n.attrInts("perm")) {
    perm = *given;
  } else {
    for (int64_t d = rank - 1; d >= 0; --d)
      perm.push_back(d);
  }
  return n.setResult(n.create<TransposeOp>(*x, perm));
}

LogicalResult importSqueeze(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  auto axes = axesOf(n, 1);
  if (failed(axes))
    return failure();
  SmallVector<int64_t> normalized;
  if (*axes) {
    auto norm = normalizeAxes(n, **axes, type.getRank());
    if (failed(norm))
      return failure();
    normalized = *norm;
  } else {
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (type.getDimSize(d) == 1)
        normalized.push_back(d);
  }
  return n.setResult(n.create<SqueezeOp>(*x, normalized));
}

LogicalResult importUnsqueeze(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  auto axes = axesOf(n, 1);
  if (failed(axes))
    return failure();
  if (!*axes)
    return n.error("needs axes");
  int64_t rank = n.typeOf(*x).getRank() + static_cast<int64_t>((*axes)->size());
  auto normalized = normalizeAxes(n, **axes, rank);
  if (failed(normalized))
    return failure();
  return n.setResult(n.create<UnsqueezeOp>(*x, *normalized));
}

LogicalResult importExpand(NodeImporter &n) {
  auto x = n.requiredInput(0), shapeInput = n.requiredInput(1);
  if (failed(x) || failed(shapeInput))
    return failure();
  auto shape = n.constantInts(*shapeInput, "input 'shape'");
  if (failed(shape))
    return failure();
  return n.setResult(n.create<ExpandOp>(*x, *shape));
}

LogicalResult importConcat(NodeImporter &n) {
  SmallVector<Value> inputs;
  for (size_t i = 0; i < n.numInputs(); ++i)
    if (Value v = n.input(i))
      inputs.push_back(v);
  if (inputs.empty())
    return n.error("needs at least one input");
  if (!n.hasAttr("axis"))
    return n.error("attribute 'axis' is missing");
  auto axis = n.normalizeAxis(n.attrInt("axis", 0), n.typeOf(inputs[0]).getRank(), "axis");
  if (failed(axis))
    return failure();
  return n.setResult(n.create<ConcatOp>(inputs, n.getBuilder().getI64IntegerAttr(*axis)));
}

LogicalResult importSlice(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  int64_t rank = type.getRank();
  SmallVector<int64_t> starts, ends, axes, steps;
  if (n.opset() < 10) {
    starts = n.attrInts("starts").value_or(SmallVector<int64_t>());
    ends = n.attrInts("ends").value_or(SmallVector<int64_t>());
    if (auto a = n.attrInts("axes"))
      axes = *a;
  } else {
    auto s = n.requiredInput(1);
    if (failed(s))
      return failure();
    auto e = n.requiredInput(2);
    if (failed(e))
      return failure();
    auto startValues = n.constantInts(*s, "input 'starts'");
    if (failed(startValues))
      return failure();
    auto endValues = n.constantInts(*e, "input 'ends'");
    if (failed(endValues))
      return failure();
    starts = *startValues;
    ends = *endValues;
    if (Value a = n.input(3)) {
      auto v = n.constantInts(a, "input 'axes'");
      if (failed(v))
        return failure();
      axes = *v;
    }
    if (Value st = n.input(4)) {
      auto v = n.constantInts(st, "input 'steps'");
      if (failed(v))
        return failure();
      steps = *v;
    }
  }
  if (starts.size() != ends.size())
    return n.error("starts and ends have different lengths");
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i)
      axes.push_back(static_cast<int64_t>(i));
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (axes.size() != starts.size() || steps.size() != starts.size())
    return n.error("starts, ends, axes and steps must have the same length");

  SmallVector<int64_t> offsets(rank, 0), sizes(type.getShape()), strides(rank, 1);
  SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < starts.size(); ++i) {
    auto axis = n.normalizeAxis(axes[i], rank, "axis");
    if (failed(axis))
      return failure();
    if (seen[*axis])
      return n.error("axis " + Twine(axes[i]) + " is repeated");
    seen[*axis] = true;
    int64_t dim = type.getDimSize(*axis), step = steps[i];
    if (step == 0)
      return n.error("step is 0 for axis " + Twine(axes[i]));
    // ONNX clamps out-of-range starts and ends (INT64_MAX is a common "to the end").
    int64_t start = starts[i], end = ends[i];
    if (start < 0)
      start += dim;
    if (end < 0)
      end += dim;
    int64_t size = 0;
    if (dim == 0) {
      size = 0;
    } else if (step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
      size = end > start ? (end - start + step - 1) / step : 0;
    } else {
      start = std::clamp<int64_t>(start, 0, dim - 1);
      end = std::clamp<int64_t>(end, -1, dim - 1);
      size = start > end ? (start - end + (-step) - 1) / (-step) : 0;
    }
    offsets[*axis] = size > 0 ? start : 0;
    sizes[*axis] = size;
    strides[*axis] = step;
  }
  return n.setResult(n.create<SliceOp>(*x, offsets, sizes, strides));
}

LogicalResult importGather(NodeImporter &n) {
  auto x = n.requiredInput(0), indices = n.requiredInput(1);
  if (failed(x) || failed(indices))
    return failure();
  Type indexTy = n.typeOf(*indices).getElementType();
  if (!indexTy.isSignlessInteger(32) && !indexTy.isSignlessInteger(64))
    return n.error("indices must be int32 or int64");
  auto axis = n.normalizeAxis(n.attrInt("axis", 0), n.typeOf(*x).getRank(), "axis");
  if (failed(axis))
    return failure();
  return n.setResult(n.create<GatherOp>(*x, *indices, n.getBuilder().getI64IntegerAttr(*axis)));
}

} // namespace

void registerTensorImporters(ImporterTable &t) {
  t["Constant"] = {importConstant,
                   {{"value", AttrKind::Tensor},
                    {"value_float", AttrKind::Float},
                    {"value_floats", AttrKind::Floats},
                    {"value_int", AttrKind::Int},
                    {"value_ints", AttrKind::Ints}},
                   0};
  t["Shape"] = {importShape, {{"start", AttrKind::Int}, {"end", AttrKind::Int}}};
  t["Reshape"] = {importReshape, {{"allowzero", AttrKind::Int}}, 2};
  t["Transpose"] = {importTranspose, {{"perm", AttrKind::Ints}}};
  t["Squeeze"] = {importSqueeze, {{"axes", AttrKind::Ints}}};
  t["Unsqueeze"] = {importUnsqueeze, {{"axes", AttrKind::Ints}}};
  t["Expand"] = {importExpand, {}, 2};
  t["Concat"] = {importConcat, {{"axis", AttrKind::Int}}, 0};
  t["Slice"] = {importSlice,
                {{"starts", AttrKind::Ints}, {"ends", AttrKind::Ints}, {"axes", AttrKind::Ints}}};
  t["Gather"] = {importGather, {{"axis", AttrKind::Int}}, 2};
}

} // namespace tfc::onnx_import
