// ONNX vision operators (ViT and convolutional front-ends): Conv, ConvTranspose, MaxPool,
// AveragePool,
// GlobalMaxPool/GlobalAveragePool, BatchNormalization (inference), InstanceNormalization,
// GroupNormalization, MeanVarianceNormalization, LRN.
#include "frontend/onnx/NodeImporter.h"

using namespace mlir;

namespace tfc::onnx_import {
namespace {

/// The sliding-window attributes of Conv and the pools, resolved to explicit values.
struct Window {
  SmallVector<int64_t> kernel, strides, dilations, pads;
};

/// Reads kernel_shape (or takes `kernel`), strides, dilations, pads and auto_pad for an
/// input [N, C, D1..Dk]; with `ceilMode` the end pads grow so that a partial last window
/// counts, as long as it starts inside the input or its leading padding.
FailureOr<Window> readWindow(NodeImporter &n, RankedTensorType type,
                             std::optional<ArrayRef<int64_t>> kernel, bool ceilMode) {
  int64_t k = type.getRank() - 2;
  if (k < 1)
    return n.error("input must have rank at least 3 ([N, C, spatial...])");
  Window w;
  if (kernel)
    w.kernel.assign(kernel->begin(), kernel->end());
  else if (auto attr = n.attrInts("kernel_shape"))
    w.kernel = *attr;
  else
    return n.error("attribute 'kernel_shape' is missing");
  w.strides = n.attrInts("strides").value_or(SmallVector<int64_t>(k, 1));
  w.dilations = n.attrInts("dilations").value_or(SmallVector<int64_t>(k, 1));
  w.pads = n.attrInts("pads").value_or(SmallVector<int64_t>(2 * k, 0));
  if (static_cast<int64_t>(w.kernel.size()) != k ||
      static_cast<int64_t>(w.strides.size()) != k ||
      static_cast<int64_t>(w.dilations.size()) != k ||
      static_cast<int64_t>(w.pads.size()) != 2 * k)
    return n.error("kernel_shape, strides and dilations need " + Twine(k) +
                   " entries and pads " + Twine(2 * k) + " for a " + Twine(k) +
                   "-D input");
  for (int64_t i = 0; i < k; ++i)
    if (w.strides[i] < 1 || w.dilations[i] < 1 || w.kernel[i] < 1)
      return n.error("kernel_shape, strides and dilations must be positive");
  std::string autoPad = n.attrString("auto_pad", "NOTSET");
  for (int64_t i = 0; i < k; ++i) {
    int64_t in = type.getDimSize(2 + i);
    int64_t span = (w.kernel[i] - 1) * w.dilations[i] + 1;
    if (autoPad == "VALID") {
      w.pads[i] = w.pads[i + k] = 0;
    } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      int64_t out = (in + w.strides[i] - 1) / w.strides[i];
      int64_t total = std::max<int64_t>((out - 1) * w.strides[i] + span - in, 0);
      int64_t small = total / 2;
      w.pads[i] = autoPad == "SAME_UPPER" ? small : total - small;
      w.pads[i + k] = total - w.pads[i];
    } else if (autoPad != "NOTSET") {
      return n.error("auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID");
    }
    if (ceilMode) {
      int64_t padded = in + w.pads[i] + w.pads[i + k];
      if (padded < span)
        continue; // reported by the op
      int64_t out = (padded - span + w.strides[i] - 1) / w.strides[i] + 1;
      if ((out - 1) * w.strides[i] >= in + w.pads[i])
        --out;
      w.pads[i + k] += std::max<int64_t>((out - 1) * w.strides[i] + span - padded, 0);
    }
  }
  return w;
}

LogicalResult importConv(NodeImporter &n) {
  auto x = n.requiredInput(0), filter = n.requiredInput(1);
  if (failed(x) || failed(filter) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  return n.setResult(buildConv(n, *x, *filter, n.input(2)));
}

/// ConvTranspose as a convolution: the input spread out by the strides (zeros between
/// elements), padded by dilation * (kernel - 1) minus the pads on each side (plus
/// output_padding at the end), convolved with the flipped kernel whose in/out channels are
/// swapped within each group.
LogicalResult importConvTranspose(NodeImporter &n) {
  auto x = n.requiredInput(0), w = n.requiredInput(1);
  if (failed(x) || failed(w) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  ArrayRef<int64_t> ws = n.typeOf(*w).getShape();
  int64_t rank = type.getRank(), k = rank - 2, groups = n.attrInt("group", 1);
  if (k < 1 || static_cast<int64_t>(ws.size()) != rank)
    return n.error("X and W must have the same rank, at least 3");
  if (groups < 1 || type.getDimSize(1) != ws[0] || ws[0] % groups)
    return n.error("W's first dimension must be the input channels, divisible by group");
  auto get = [&](StringRef name, int64_t size, int64_t fill) {
    return n.attrInts(name).value_or(SmallVector<int64_t>(size, fill));
  };
  SmallVector<int64_t> strides = get("strides", k, 1), dilations = get("dilations", k, 1),
                       pads = get("pads", 2 * k, 0), outPad = get("output_padding", k, 0);
  if (static_cast<int64_t>(strides.size()) != k || static_cast<int64_t>(dilations.size()) != k ||
      static_cast<int64_t>(pads.size()) != 2 * k || static_cast<int64_t>(outPad.size()) != k)
    return n.error("strides, dilations and output_padding need " + Twine(k) +
                   " entries and pads " + Twine(2 * k));
  std::string autoPad = n.attrString("auto_pad", "NOTSET");
  std::optional<SmallVector<int64_t>> outputShape = n.attrInts("output_shape");
  if (!outputShape && (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")) {
    outputShape.emplace();
    for (int64_t i = 0; i < k; ++i)
      outputShape->push_back(type.getDimSize(2 + i) * strides[i]);
  }
  if (outputShape) {
    if (static_cast<int64_t>(outputShape->size()) > k)
      outputShape->erase(outputShape->begin(), outputShape->end() - k); // [N, C, ...] given
    if (static_cast<int64_t>(outputShape->size()) != k)
      return n.error("output_shape needs " + Twine(k) + " entries");
    for (int64_t i = 0; i < k; ++i) {
      int64_t total = strides[i] * (type.getDimSize(2 + i) - 1) + outPad[i] +
                      (ws[2 + i] - 1) * dilations[i] + 1 - (*outputShape)[i];
      // Floor division: a negative total (output_shape larger than the natural size) puts
      // the extra elements at the end, as ONNX's reference does.
      int64_t half = llvm::divideFloorSigned(total, int64_t(2));
      pads[i] = autoPad == "SAME_UPPER" ? half : total - half;
      pads[i + k] = total - pads[i];
    }
  } else if (autoPad == "VALID") {
    std::fill(pads.begin(), pads.end(), 0);
  }
  Value y = *x;
  for (int64_t i = 0; i < k; ++i) {
    int64_t d = 2 + i, in = n.typeOf(y).getDimSize(d), s = strides[i];
    if (s < 1 || dilations[i] < 1)
      return n.error("strides and dilations must be positive");
    if (s > 1 && in > 0) {
      // [.., in, ..] -> [.., in, 1, ..] -> pad to [.., in, s, ..] -> [.., in*s, ..] -> trim.
      SmallVector<int64_t> shape(n.typeOf(y).getShape()), spread(2 * (rank + 1), 0);
      y = n.make<UnsqueezeOp>(y, ArrayRef<int64_t>{d + 1});
      spread[d + 1 + rank + 1] = s - 1;
      y = n.make<PadOp>(y, n.scalarLike(*x, 0), spread, n.getBuilder().getStringAttr("constant"));
      shape[d] = in * s;
      y = n.make<ReshapeOp>(y, shape);
      SmallVector<int64_t> offsets(rank, 0), strideOnes(rank, 1);
      shape[d] = (in - 1) * s + 1;
      y = n.make<SliceOp>(y, offsets, shape, strideOnes);
    }
    if (!y)
      return failure();
    int64_t span = dilations[i] * (ws[2 + i] - 1);
    int64_t before = span - pads[i], after = span - pads[i + k] + outPad[i];
    SmallVector<int64_t> shape(n.typeOf(y).getShape()), offsets(rank, 0), ones(rank, 1);
    SmallVector<int64_t> padding(2 * rank, 0);
    padding[d] = std::max<int64_t>(before, 0);
    padding[d + rank] = std::max<int64_t>(after, 0);
    y = n.make<PadOp>(y, n.scalarLike(*x, 0), padding, n.getBuilder().getStringAttr("constant"));
    if (before < 0 || after < 0) {
      SmallVector<int64_t> sizes(n.typeOf(y).getShape());
      offsets[d] = std::max<int64_t>(-before, 0);
      sizes[d] -= offsets[d] + std::max<int64_t>(-after, 0);
      if (sizes[d] < 1)
        return n.error("pads remove the whole output along spatial dimension " + Twine(i));
      y = n.make<SliceOp>(y, offsets, sizes, ones);
    }
  }
  // W [C, M/g, k...] -> [g, C/g, M/g, k...] -> [g, M/g, C/g, k...] -> [M, C/g, k...], flipped.
  int64_t c = ws[0], mPerGroup = ws[1];
  SmallVector<int64_t> grouped = {groups, c / groups, mPerGroup}, perm = {0, 2, 1};
  SmallVector<int64_t> filterShape = {groups * mPerGroup, c / groups};
  for (int64_t i = 0; i < k; ++i) {
    grouped.push_back(ws[2 + i]);
    perm.push_back(3 + i);
    filterShape.push_back(ws[2 + i]);
  }
  Value filter = n.make<ReshapeOp>(n.make<TransposeOp>(n.make<ReshapeOp>(*w, grouped), perm),
                                   filterShape);
  SmallVector<int64_t> offsets(rank, 0), flip(rank, 1);
  for (int64_t i = 0; i < k; ++i) {
    offsets[2 + i] = ws[2 + i] - 1;
    flip[2 + i] = -1;
  }
  filter = n.make<SliceOp>(filter, offsets, filterShape, flip);
  if (!y || !filter)
    return failure();
  return n.setResult(n.create<ConvOp>(y, filter, n.input(2), SmallVector<int64_t>(k, 1),
                                      dilations, SmallVector<int64_t>(2 * k, 0),
                                      static_cast<uint64_t>(groups)));
}

template <typename OpTy>
LogicalResult importPool(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  if (n.outputUsed(1))
    return n.unsupported("the Indices output of MaxPool");
  bool ceilMode = n.attrInt("ceil_mode", 0) != 0;
  bool includePad = n.attrInt("count_include_pad", 0) != 0;
  if (ceilMode && includePad)
    return n.unsupported("ceil_mode together with count_include_pad");
  auto w = readWindow(n, n.typeOf(*x), std::nullopt, ceilMode);
  if (failed(w))
    return failure();
  return n.setResult(n.create<OpTy>(*x, w->kernel, w->strides, w->dilations, w->pads,
                                    includePad));
}

/// The axes 2..rank-1 of an [N, C, spatial...] input.
SmallVector<int64_t> spatialAxes(RankedTensorType type) {
  SmallVector<int64_t> axes;
  for (int64_t d = 2; d < type.getRank(); ++d)
    axes.push_back(d);
  return axes;
}

template <typename ReduceOpTy>
LogicalResult importGlobalPool(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  if (n.typeOf(*x).getRank() < 3)
    return n.error("input must have rank at least 3 ([N, C, spatial...])");
  return n.setResult(n.create<ReduceOpTy>(*x, spatialAxes(n.typeOf(*x)), true));
}

/// A per-channel parameter [C] reshaped to [C, 1, ..., 1] so that it broadcasts against
/// [N, C, spatial...].
Value perChannel(NodeImporter &n, Value param, int64_t rank) {
  SmallVector<int64_t> shape(rank - 1, 1);
  shape[0] = n.typeOf(param).getNumElements();
  return n.make<ReshapeOp>(param, shape);
}

LogicalResult importBatchNorm(NodeImporter &n) {
  auto x = n.requiredInput(0), scale = n.requiredInput(1), bias = n.requiredInput(2),
       mean = n.requiredInput(3), var = n.requiredInput(4);
  if (failed(x) || failed(scale) || failed(bias) || failed(mean) || failed(var) ||
      failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  if (n.attrInt("training_mode", 0) || n.outputUsed(1) || n.outputUsed(2))
    return n.unsupported("BatchNormalization in training mode");
  int64_t rank = n.typeOf(*x).getRank();
  if (rank < 2)
    return n.error("input must have rank at least 2 ([N, C, ...])");
  for (Value p : {*scale, *bias, *mean, *var})
    if (n.typeOf(p).getNumElements() != n.typeOf(*x).getDimSize(1))
      return n.error("scale, B, mean and var must hold one value per channel");
  Type element = n.typeOf(*x).getElementType();
  auto widen = [&](Value v) {
    return n.typeOf(v).getElementType() == element ? v
                                                   : n.make<CastOp>(v, TypeAttr::get(element));
  };
  // y = (x - mean) * scale / sqrt(var + epsilon) + B
  Value eps = n.scalarLike(*x, n.attrFloat("epsilon", 1e-5f));
  Value factor = n.make<DivOp>(widen(*scale), n.make<SqrtOp>(n.make<AddOp>(widen(*var), eps)));
  Value y = n.make<SubOp>(*x, perChannel(n, widen(*mean), rank));
  y = n.make<MulOp>(y, perChannel(n, factor, rank));
  return n.setValue(n.make<AddOp>(y, perChannel(n, widen(*bias), rank)));
}

LogicalResult importInstanceNorm(NodeImporter &n) {
  auto x = n.requiredInput(0), scale = n.requiredInput(1), bias = n.requiredInput(2);
  if (failed(x) || failed(scale) || failed(bias) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  if (type.getRank() < 3)
    return n.error("input must have rank at least 3 ([N, C, spatial...])");
  SmallVector<int64_t> axes = spatialAxes(type);
  Value mean = n.make<ReduceMeanOp>(*x, axes, true);
  Value centered = n.make<SubOp>(*x, mean);
  Value var = n.make<ReduceMeanOp>(n.make<MulOp>(centered, centered), axes, true);
  Value eps = n.scalarLike(*x, n.attrFloat("epsilon", 1e-5f));
  Value y = n.make<DivOp>(centered, n.make<SqrtOp>(n.make<AddOp>(var, eps)));
  y = n.make<MulOp>(y, perChannel(n, *scale, type.getRank()));
  return n.setValue(n.make<AddOp>(y, perChannel(n, *bias, type.getRank())));
}

/// GroupNormalization: statistics over each group of C/num_groups channels (and the spatial
/// dimensions). scale and bias hold one value per channel from opset 21, per group before.
LogicalResult importGroupNorm(NodeImporter &n) {
  auto x = n.requiredInput(0), scale = n.requiredInput(1), bias = n.requiredInput(2);
  if (failed(x) || failed(scale) || failed(bias) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  int64_t rank = type.getRank(), groups = n.attrInt("num_groups", 0);
  if (rank < 3)
    return n.error("input must have rank at least 3 ([N, C, spatial...])");
  int64_t channels = type.getDimSize(1);
  if (groups < 1 || channels % groups)
    return n.error("num_groups (" + Twine(groups) + ") must divide the channels (" +
                   Twine(channels) + ")");
  int64_t perParam = n.opset() >= 21 ? channels : groups;
  if (n.typeOf(*scale).getNumElements() != perParam ||
      n.typeOf(*bias).getNumElements() != perParam)
    return n.error("scale and bias must hold " + Twine(perParam) + " values at opset " +
                   Twine(n.opset()));
  int64_t rest = type.getNumElements() / (type.getDimSize(0) * groups);
  // [N, C, ...] -> [N, G, C/G * spatial]: normalize over the last dimension.
  Value g = n.make<ReshapeOp>(*x, ArrayRef<int64_t>{type.getDimSize(0), groups, rest});
  Value mean = n.make<ReduceMeanOp>(g, ArrayRef<int64_t>{2}, true);
  Value centered = n.make<SubOp>(g, mean);
  Value var = n.make<ReduceMeanOp>(n.make<MulOp>(centered, centered), ArrayRef<int64_t>{2}, true);
  Value eps = n.scalarLike(*x, n.attrFloat("epsilon", 1e-5f));
  Value y = n.make<DivOp>(centered, n.make<SqrtOp>(n.make<AddOp>(var, eps)));
  if (perParam == groups) {
    Value s = n.make<ReshapeOp>(*scale, ArrayRef<int64_t>{groups, 1});
    Value b = n.make<ReshapeOp>(*bias, ArrayRef<int64_t>{groups, 1});
    y = n.make<AddOp>(n.make<MulOp>(y, s), b);
    return n.setValue(n.make<ReshapeOp>(y, type.getShape()));
  }
  y = n.make<ReshapeOp>(y, type.getShape());
  y = n.make<MulOp>(y, perChannel(n, *scale, rank));
  return n.setValue(n.make<AddOp>(y, perChannel(n, *bias, rank)));
}

LogicalResult importMeanVarianceNorm(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  int64_t rank = n.typeOf(*x).getRank();
  SmallVector<int64_t> axes;
  for (int64_t a : n.attrInts("axes").value_or(SmallVector<int64_t>{0, 2, 3})) {
    auto axis = n.normalizeAxis(a, rank, "axis");
    if (failed(axis))
      return failure();
    axes.push_back(*axis);
  }
  llvm::sort(axes);
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  // ONNX's definition: (x - E[x]) / (sqrt(E[x^2] - E[x]^2) + 1e-9).
  Value mean = n.make<ReduceMeanOp>(*x, axes, true);
  Value meanSquares = n.make<ReduceMeanOp>(n.make<MulOp>(*x, *x), axes, true);
  Value std = n.make<SqrtOp>(n.make<SubOp>(meanSquares, n.make<MulOp>(mean, mean)));
  return n.setValue(n.make<DivOp>(n.make<SubOp>(*x, mean),
                                  n.make<AddOp>(std, n.scalarLike(*x, 1e-9))));
}

/// Local response normalization across channels: x / (bias + alpha/size * sum x^2)^beta,
/// the sum over the `size` channels around each one (zero outside).
LogicalResult importLRN(NodeImporter &n) {
  auto x = n.requiredInput(0);
  if (failed(x) || failed(n.checkType(*x, kFloat, "floats")))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  int64_t size = n.attrInt("size", 0), rank = type.getRank();
  if (size < 1)
    return n.error("size must be positive");
  if (rank < 3)
    return n.error("input must have rank at least 3 ([N, C, spatial...])");
  SmallVector<int64_t> pads(2 * rank, 0);
  pads[1] = (size - 1) / 2;
  pads[1 + rank] = size - 1 - pads[1];
  Value squares = n.make<MulOp>(*x, *x);
  Value padded = n.make<PadOp>(squares, n.scalarLike(*x, 0), pads,
                               n.getBuilder().getStringAttr("constant"));
  Value sum;
  for (int64_t i = 0; i < size; ++i) {
    SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
    offsets[1] = i;
    Value part = n.make<SliceOp>(padded, offsets, type.getShape(), strides);
    sum = sum ? n.make<AddOp>(sum, part) : part;
  }
  double alpha = n.attrFloat("alpha", 1e-4f), beta = n.attrFloat("beta", 0.75f),
         bias = n.attrFloat("bias", 1.0f);
  Value denom = n.make<AddOp>(n.make<MulOp>(sum, n.scalarLike(*x, alpha / size)),
                              n.scalarLike(*x, bias));
  return n.setValue(n.make<DivOp>(*x, n.make<PowOp>(denom, n.scalarLike(*x, beta))));
}

} // namespace

FailureOr<Value> buildConv(NodeImporter &n, Value x, Value filter, Value bias) {
  RankedTensorType type = n.typeOf(x);
  ArrayRef<int64_t> filterShape = n.typeOf(filter).getShape();
  if (filterShape.size() != static_cast<size_t>(type.getRank()))
    return n.error("W must have the input's rank");
  auto w = readWindow(n, type, filterShape.drop_front(2), false);
  if (failed(w))
    return failure();
  if (auto attr = n.attrInts("kernel_shape"); attr && ArrayRef<int64_t>(*attr) !=
                                                           filterShape.drop_front(2))
    return n.error("kernel_shape does not match the shape of W");
  if (n.attrInt("group", 1) < 1)
    return n.error("group must be positive");
  return n.create<ConvOp>(x, filter, bias, w->strides, w->dilations, w->pads,
                          static_cast<uint64_t>(n.attrInt("group", 1)));
}

void registerVisionImporters(ImporterTable &t) {
  std::vector<AttrSpec> window = {{"auto_pad", AttrKind::String},
                                  {"kernel_shape", AttrKind::Ints},
                                  {"strides", AttrKind::Ints},
                                  {"dilations", AttrKind::Ints},
                                  {"pads", AttrKind::Ints}};
  std::vector<AttrSpec> conv = window;
  conv.push_back({"group", AttrKind::Int});
  t["Conv"] = {importConv, conv, 2};
  std::vector<AttrSpec> convTranspose = conv;
  convTranspose.push_back({"output_padding", AttrKind::Ints});
  convTranspose.push_back({"output_shape", AttrKind::Ints});
  t["ConvTranspose"] = {importConvTranspose, convTranspose, 2};
  std::vector<AttrSpec> pool = window;
  pool.push_back({"ceil_mode", AttrKind::Int});
  std::vector<AttrSpec> maxPool = pool, averagePool = pool;
  maxPool.push_back({"storage_order", AttrKind::Int});
  averagePool.push_back({"count_include_pad", AttrKind::Int});
  t["MaxPool"] = {importPool<MaxPoolOp>, maxPool};
  t["AveragePool"] = {importPool<AveragePoolOp>, averagePool};
  t["GlobalMaxPool"] = {importGlobalPool<ReduceMaxOp>, {}};
  t["GlobalAveragePool"] = {importGlobalPool<ReduceMeanOp>, {}};
  t["BatchNormalization"] = {importBatchNorm,
                             {{"epsilon", AttrKind::Float},
                              {"momentum", AttrKind::Float},
                              {"training_mode", AttrKind::Int},
                              {"spatial", AttrKind::Int}},
                             5};
  t["InstanceNormalization"] = {importInstanceNorm, {{"epsilon", AttrKind::Float}}, 3};
  t["GroupNormalization"] = {importGroupNorm,
                             {{"epsilon", AttrKind::Float},
                              {"num_groups", AttrKind::Int},
                              {"stash_type", AttrKind::Int}},
                             3};
  t["MeanVarianceNormalization"] = {importMeanVarianceNorm, {{"axes", AttrKind::Ints}}};
  t["LRN"] = {importLRN,
              {{"size", AttrKind::Int},
               {"alpha", AttrKind::Float},
               {"beta", AttrKind::Float},
               {"bias", AttrKind::Float}}};
}

} // namespace tfc::onnx_import
