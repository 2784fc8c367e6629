// The tfc-merge-projections pass: matmuls of one input by several constant weights (the Q, K
// and V projections) as one matmul by the weights side by side.
#include "dialect/TFC/TFCOps.h"
#include "passes/Transforms/Passes.h"
#include "llvm/ADT/MapVector.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_MERGEPROJECTIONS
#include "passes/Transforms/Passes.h.inc"

namespace {

/// One projection: `x @ weight (+ bias)`, where `result` is what its users read.
struct Projection {
  MatMulOp matmul;
  AddOp add; // null without a bias
  DenseElementsAttr weight;
  Value bias;
  Value result;
};

/// A non-splat dense constant of static shape and byte-sized elements, if `value` is one
/// (what tfc.concat folds without an element limit, so the merged weights are constants).
DenseElementsAttr denseConstant(Value value) {
  auto constant = value.getDefiningOp<ConstantOp>();
  if (!constant)
    return {};
  auto dense = dyn_cast<DenseIntOrFPElementsAttr>(constant.getValue());
  if (!dense || dense.isSplat() || !dense.getType().hasStaticShape() ||
      !dense.getElementType().isIntOrFloat() ||
      dense.getElementType().getIntOrFloatBitWidth() % 8 != 0)
    return {};
  return dense;
}

/// `matmul` as a projection of its lhs by a 2-D constant weight, with the 1-D constant bias
/// added to its result when the add is its only user.
std::optional<Projection> projectionOf(MatMulOp matmul) {
  Projection p{matmul, nullptr, denseConstant(matmul.getRhs()), nullptr, matmul.getResult()};
  if (!p.weight || p.weight.getType().getRank() != 2 ||
      cast<RankedTensorType>(matmul.getLhs().getType()).getRank() < 1)
    return std::nullopt;
  if (matmul->hasOneUse())
    if (auto add = dyn_cast<AddOp>(*matmul->getUsers().begin())) {
      Value other = add.getLhs() == matmul.getResult() ? add.getRhs() : add.getLhs();
      DenseElementsAttr bias = denseConstant(other);
      if (bias && bias.getType().getRank() == 1 &&
          bias.getType().getDimSize(0) == p.weight.getType().getDimSize(1) &&
          add.getType() == matmul.getType()) {
        p.add = add;
        p.bias = other;
        p.result = add.getResult();
      }
    }
  return p;
}

/// `parts` (constants) side by side along their last dimension, folded by tfc.concat's
/// folder into one constant.
Value concatLast(OpBuilder &b, Location loc, ArrayRef<Value> parts) {
  auto first = cast<RankedTensorType>(parts.front().getType());
  SmallVector<int64_t> shape(first.getShape());
  shape.back() = 0;
  for (Value part : parts)
    shape.back() += cast<RankedTensorType>(part.getType()).getShape().back();
  return b.createOrFold<ConcatOp>(loc, RankedTensorType::get(shape, first.getElementType()), parts,
                                  b.getI64IntegerAttr(first.getRank() - 1));
}

/// Merges `group` (at least two projections of one input, all with or all without a bias,
/// same weight depth and element type, in one block) into one matmul and slices.
void merge(MutableArrayRef<Projection> group) {
  Operation *first = group.front().matmul;
  for (Projection &p : group)
    if (p.matmul->isBeforeInBlock(first))
      first = p.matmul;
  OpBuilder b(first);
  Location loc = group.front().matmul.getLoc();
  Value x = group.front().matmul.getLhs();
  SmallVector<Value> weights, biases;
  for (Projection &p : group) {
    weights.push_back(p.matmul.getRhs());
    if (p.add)
      biases.push_back(p.bias);
  }
  Value w = concatLast(b, loc, weights);
  auto outType = cast<RankedTensorType>(group.front().result.getType());
  SmallVector<int64_t> shape(outType.getShape());
  shape.back() = cast<RankedTensorType>(w.getType()).getShape().back();
  auto mergedType = RankedTensorType::get(shape, outType.getElementType());
  Value merged = MatMulOp::create(b, loc, mergedType, x, w);
  if (!biases.empty())
    merged = AddOp::create(b, loc, mergedType, merged, concatLast(b, loc, biases));
  int64_t offset = 0, rank = mergedType.getRank();
  for (Projection &p : group) {
    int64_t n = p.weight.getType().getDimSize(1);
    SmallVector<int64_t> offsets(rank, 0), sizes(shape), strides(rank, 1);
    offsets.back() = offset;
    sizes.back() = n;
    Value slice =
        SliceOp::create(b, loc, p.result.getType(), merged, b.getDenseI64ArrayAttr(offsets),
                        b.getDenseI64ArrayAttr(sizes), b.getDenseI64ArrayAttr(strides));
    p.result.replaceAllUsesWith(slice);
    offset += n;
  }
  // Erased last: the builder inserts before the first of them.
  for (Projection &p : group) {
    if (p.add)
      p.add->erase();
    p.matmul->erase();
  }
}

struct MergeProjectionsPass : impl::MergeProjectionsBase<MergeProjectionsPass> {
  void runOnOperation() override {
    // Projections grouped by input, then by (with bias, depth, element type, block).
    llvm::MapVector<Value, SmallVector<Projection>> byInput;
    getOperation()->walk([&](MatMulOp matmul) {
      if (std::optional<Projection> p = projectionOf(matmul))
        byInput[matmul.getLhs()].push_back(*p);
    });
    for (auto &[input, projections] : byInput) {
      llvm::MapVector<std::tuple<unsigned, Type, Block *>, SmallVector<Projection>> groups;
      for (const Projection &p : projections)
        groups[{p.add ? 1u : 0u, p.weight.getType(), p.matmul->getBlock()}].push_back(p);
      // Same weight type means same depth, same width and element type; the Q, K and V
      // projections of multi-head attention share all three.
      for (auto &[key, group] : groups)
        if (group.size() >= 2)
          merge(group);
    }
  }
};

} // namespace
} // namespace tfc
