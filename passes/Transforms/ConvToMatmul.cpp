// The tfc-conv-to-matmul pass: convolutions as one matmul over their patches (im2col).
#include "dialect/TFC/TFCOps.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "passes/Transforms/Passes.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_CONVTOMATMUL
#include "passes/Transforms/Passes.h.inc"

namespace {

// Past this many kernel offsets the slices would outnumber the benefit (and the patches
// tensor grows with them); such convolutions keep the direct loops.
constexpr int64_t kMaxOffsets = 64;

struct Builder {
  OpBuilder &b;
  Location loc;
  Type element;

  RankedTensorType type(ArrayRef<int64_t> shape) { return RankedTensorType::get(shape, element); }
  Value reshape(Value x, ArrayRef<int64_t> shape) {
    return ReshapeOp::create(b, loc, type(shape), x, b.getDenseI64ArrayAttr(shape));
  }
  Value transpose(Value x, ArrayRef<int64_t> perm) {
    ArrayRef<int64_t> in = cast<RankedTensorType>(x.getType()).getShape();
    SmallVector<int64_t> shape;
    for (int64_t p : perm)
      shape.push_back(in[p]);
    return TransposeOp::create(b, loc, type(shape), x, b.getDenseI64ArrayAttr(perm));
  }
};

/// The patches of `conv`'s input as [N, O1..Ok, C, K1..Kk], or null when the convolution is
/// not rewritten.
Value patches(ConvOp conv, Builder &g, ArrayRef<int64_t> kernel, ArrayRef<int64_t> outSpatial) {
  auto inType = cast<RankedTensorType>(conv.getInput().getType());
  ArrayRef<int64_t> in = inType.getShape();
  int64_t k = static_cast<int64_t>(kernel.size()), n = in[0], c = in[1];
  ArrayRef<int64_t> strides = conv.getStrides(), dilations = conv.getDilations(),
                    pads = conv.getPads();
  bool unitDilation = llvm::all_of(dilations, [](int64_t d) { return d == 1; });
  bool unpadded = llvm::all_of(pads, [](int64_t p) { return p == 0; });
  bool tiles = unitDilation && unpadded;
  for (int64_t d = 0; d < k; ++d)
    tiles &= strides[d] == kernel[d] && in[2 + d] == outSpatial[d] * kernel[d];
  // The order both paths produce: batch, output positions, channel, kernel offsets.
  SmallVector<int64_t> perm = {0};
  if (tiles) {
    // [N, C, O1, K1, ..., Ok, Kk] -> [N, O1..Ok, C, K1..Kk]: a view and one transpose.
    SmallVector<int64_t> split = {n, c};
    for (int64_t d = 0; d < k; ++d) {
      split.push_back(outSpatial[d]);
      split.push_back(kernel[d]);
    }
    for (int64_t d = 0; d < k; ++d)
      perm.push_back(2 + 2 * d);
    perm.push_back(1);
    for (int64_t d = 0; d < k; ++d)
      perm.push_back(3 + 2 * d);
    return g.transpose(g.reshape(conv.getInput(), split), perm);
  }
  int64_t offsets = computeProduct(kernel);
  if (offsets > kMaxOffsets)
    return {};
  Value input = conv.getInput();
  if (!unpadded) {
    SmallVector<int64_t> allPads(2 * (k + 2), 0), padded(in);
    for (int64_t d = 0; d < k; ++d) {
      allPads[2 + d] = pads[d];
      allPads[k + 2 + 2 + d] = pads[k + d];
      padded[2 + d] += pads[d] + pads[k + d];
    }
    auto scalar = RankedTensorType::get({}, g.element);
    Value zero = ConstantOp::create(g.b, g.loc, scalar,
                                    DenseElementsAttr::get(scalar, g.b.getZeroAttr(g.element)));
    input = PadOp::create(g.b, g.loc, g.type(padded), input, zero,
                          g.b.getDenseI64ArrayAttr(allPads), g.b.getStringAttr("constant"));
  }
  // One strided slice [N, C, 1, O1..Ok] per kernel offset, in row-major offset order.
  SmallVector<Value> slices;
  SmallVector<int64_t> sliceShape = {n, c, 1};
  sliceShape.append(outSpatial.begin(), outSpatial.end());
  SmallVector<int64_t> sizes = {n, c};
  sizes.append(outSpatial.begin(), outSpatial.end());
  SmallVector<int64_t> sliceStrides = {1, 1};
  sliceStrides.append(strides.begin(), strides.end());
  for (int64_t o = 0; o < offsets; ++o) {
    SmallVector<int64_t> starts(k + 2, 0);
    for (int64_t d = k - 1, rest = o; d >= 0; rest /= kernel[d], --d)
      starts[2 + d] = (rest % kernel[d]) * dilations[d];
    Value slice =
        SliceOp::create(g.b, g.loc, g.type(sizes), input, g.b.getDenseI64ArrayAttr(starts),
                        g.b.getDenseI64ArrayAttr(sizes), g.b.getDenseI64ArrayAttr(sliceStrides));
    slices.push_back(g.reshape(slice, sliceShape));
  }
  SmallVector<int64_t> stacked = {n, c, offsets};
  stacked.append(outSpatial.begin(), outSpatial.end());
  Value all = slices.size() == 1
                  ? slices.front()
                  : ConcatOp::create(g.b, g.loc, g.type(stacked), slices, g.b.getI64IntegerAttr(2))
                        .getResult();
  // [N, C, K, O1..Ok] -> [N, O1..Ok, C, K]
  for (int64_t d = 0; d < k; ++d)
    perm.push_back(3 + d);
  perm.push_back(1);
  perm.push_back(2);
  return g.transpose(all, perm);
}

LogicalResult rewrite(ConvOp conv) {
  auto inType = dyn_cast<RankedTensorType>(conv.getInput().getType());
  auto filterType = dyn_cast<RankedTensorType>(conv.getFilter().getType());
  auto outType = dyn_cast<RankedTensorType>(conv.getType());
  if (conv.getGroups() != 1 || !inType || !filterType || !outType || !inType.hasStaticShape() ||
      !filterType.hasStaticShape() || !outType.hasStaticShape() || inType.getRank() < 3)
    return failure();
  ArrayRef<int64_t> filter = filterType.getShape(), out = outType.getShape();
  int64_t n = out[0], m = out[1], c = filter[1];
  ArrayRef<int64_t> kernel = filter.drop_front(2), outSpatial = out.drop_front(2);
  int64_t positions = computeProduct(outSpatial), depth = c * computeProduct(kernel);
  OpBuilder b(conv);
  Builder g{b, conv.getLoc(), inType.getElementType()};
  Value cols = patches(conv, g, kernel, outSpatial);
  if (!cols)
    return failure();
  // [N * L, C * K] x [C * K, M]: the filter side is constant in real models and folds.
  Value lhs = g.reshape(cols, {n * positions, depth});
  Value rhs = g.transpose(g.reshape(conv.getFilter(), {m, depth}), {1, 0});
  Value product = MatMulOp::create(b, g.loc, g.type({n * positions, m}), lhs, rhs);
  if (Value bias = conv.getBias())
    product = AddOp::create(b, g.loc, product.getType(), product, bias);
  SmallVector<int64_t> nlm = {n};
  nlm.append(outSpatial.begin(), outSpatial.end());
  nlm.push_back(m);
  SmallVector<int64_t> back = {0, static_cast<int64_t>(nlm.size()) - 1};
  for (int64_t d = 0; d < static_cast<int64_t>(outSpatial.size()); ++d)
    back.push_back(1 + d);
  conv.getResult().replaceAllUsesWith(g.transpose(g.reshape(product, nlm), back));
  conv.erase();
  return success();
}

struct ConvToMatmulPass : impl::ConvToMatmulBase<ConvToMatmulPass> {
  void runOnOperation() override {
    SmallVector<ConvOp> convs;
    getOperation()->walk([&](ConvOp conv) { convs.push_back(conv); });
    for (ConvOp conv : convs)
      (void)rewrite(conv);
  }
};

} // namespace
} // namespace tfc
