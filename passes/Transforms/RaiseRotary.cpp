// tfc-raise-rotary: x * cos + rotate(x) * sin, with rotate spelled in slices, a negation and
// a concatenation (Hugging Face's rotate_half or GPT-J's rotate_every_two), becomes
// tfc.rotary_embedding.
#include "mlir/Dialect/Traits.h"
#include "passes/Transforms/Passes.h"
#include "passes/Transforms/PatternMatch.h"

namespace tfc {
#define GEN_PASS_DEF_RAISEROTARY
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

using namespace mlir;

namespace tfc {
namespace {

/// A window of the last dimension of `base`: elements offset, offset + stride, ... (every
/// other dimension whole).
struct LastDimWindow {
  Value base;
  int64_t offset = 0, stride = 1;
};

/// `v` as a window of the last dimension of its source: a slice that keeps every other
/// dimension whole, else `v` itself.
LastDimWindow windowOf(Value v) {
  auto slice = v.getDefiningOp<SliceOp>();
  if (!slice)
    return {v};
  ArrayRef<int64_t> inShape = slice.getInput().getType().getShape();
  size_t last = inShape.size() - 1;
  for (size_t d = 0; d < last; ++d)
    if (slice.getOffsets()[d] != 0 || slice.getStrides()[d] != 1 ||
        slice.getSizes()[d] != inShape[d])
      return {v};
  if (slice.getStrides()[last] <= 0)
    return {v};
  return {slice.getInput(), slice.getOffsets()[last], slice.getStrides()[last]};
}

/// True when `part` holds the elements offset, offset + stride, ... of `x`'s last dimension,
/// D/2 of them: a slice of `x`, or of the tensor `x` is itself a unit-stride slice of (the
/// partial rotary of GPT-NeoX slices the rotated features off first).
bool isHalfOf(Value part, Value x, int64_t offset, int64_t stride) {
  auto partType = cast<RankedTensorType>(part.getType());
  auto xType = cast<RankedTensorType>(x.getType());
  if (partType.getRank() != xType.getRank() ||
      partType.getShape().drop_back() != xType.getShape().drop_back() ||
      partType.getShape().back() * 2 != xType.getShape().back())
    return false;
  LastDimWindow window = windowOf(part);
  if (window.base == x)
    return window.offset == offset && window.stride == stride;
  LastDimWindow outer = windowOf(x);
  return outer.base != x && outer.stride == 1 && window.base == outer.base &&
         window.offset == outer.offset + offset && window.stride == stride;
}

/// The input of `v` when `v` only appends a trailing dimension of size 1 (an unsqueeze, or
/// the reshape canonicalization may make of it); else null.
Value withoutTrailingUnit(Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  Operation *op = v.getDefiningOp();
  if (!isa_and_nonnull<UnsqueezeOp, ReshapeOp>(op) || type.getRank() < 1 ||
      type.getShape().back() != 1)
    return {};
  Value in = op->getOperand(0);
  auto inType = cast<RankedTensorType>(in.getType());
  return inType.getShape() == type.getShape().drop_back() ? in : Value();
}

/// A rotation of some tensor found in `rot`: the negated half and the other, the ops to
/// erase, and the pairing.
struct Rotation {
  Value negated, kept;
  bool interleaved;
  SmallVector<Operation *> ops;
};

/// concat(-a, b) along the last dimension (rotate_half), or the same of a and b each with a
/// trailing unit dimension, reshaped back (rotate_every_two: stack(-a, b, -1).flatten(-2)).
std::optional<Rotation> matchRotation(Value rot) {
  Rotation r;
  Value joined = rot;
  auto type = dyn_cast<RankedTensorType>(rot.getType());
  if (!type || type.getRank() < 1)
    return std::nullopt;
  // Interleaved: rot is [..., D] reshaped from the concat [..., D/2, 2].
  if (auto flatten = rot.getDefiningOp<ReshapeOp>()) {
    auto in = cast<RankedTensorType>(flatten.getInput().getType());
    if (in.getRank() != type.getRank() + 1 || in.getShape().back() != 2)
      return std::nullopt;
    r.interleaved = true;
    r.ops.push_back(flatten);
    joined = flatten.getInput();
  } else {
    r.interleaved = false;
  }
  auto concat = joined.getDefiningOp<ConcatOp>();
  auto joinedType = cast<RankedTensorType>(joined.getType());
  if (!concat || concat.getInputs().size() != 2 ||
      static_cast<int64_t>(concat.getAxis()) != joinedType.getRank() - 1)
    return std::nullopt;
  r.ops.push_back(concat);
  Value first = concat.getInputs()[0], second = concat.getInputs()[1];
  if (r.interleaved) {
    Value a = withoutTrailingUnit(first), b = withoutTrailingUnit(second);
    if (!a || !b)
      return std::nullopt;
    r.ops.append({first.getDefiningOp(), second.getDefiningOp()});
    first = a;
    second = b;
  }
  auto neg = first.getDefiningOp<NegOp>();
  if (!neg)
    return std::nullopt;
  r.ops.push_back(neg);
  r.negated = neg.getInput();
  r.kept = second;
  return r;
}

/// True when `angles` (a cos or sin table) broadcasts to `type` with its last dimension.
bool fitsAngles(Value angles, RankedTensorType type) {
  auto anglesType = cast<RankedTensorType>(angles.getType());
  SmallVector<int64_t> joined;
  return anglesType.getRank() >= 1 && anglesType.getShape().back() == type.getShape().back() &&
         OpTrait::util::getBroadcastedShape(type.getShape(), anglesType.getShape(), joined) &&
         ArrayRef<int64_t>(joined) == type.getShape();
}

struct RaiseRotaryPass : impl::RaiseRotaryBase<RaiseRotaryPass> {
  using RaiseRotaryBase::RaiseRotaryBase;

  void runOnOperation() override {
    raiseAll<AddOp>(getOperation(), reportNearMisses, "rotary_embedding",
                    [&](AddOp add, std::string &why) { return raise(add, why); });
  }

  /// Matches from the sum of two products, one of them by a rotation; `why` is set once the
  /// rotation is found.
  LogicalResult raise(AddOp add, std::string &why) {
    auto type = dyn_cast<RankedTensorType>(add.getType());
    if (!type || !isa<FloatType>(type.getElementType()) || !type.hasStaticShape() ||
        type.getRank() < 1 || type.getShape().back() % 2 != 0)
      return failure();
    for (auto [rotProduct, xProduct] :
         {std::pair(add.getRhs(), add.getLhs()), std::pair(add.getLhs(), add.getRhs())}) {
      auto rotMul = rotProduct.getDefiningOp<MulOp>();
      auto xMul = xProduct.getDefiningOp<MulOp>();
      if (!rotMul || !xMul)
        continue;
      for (Value rot : {rotMul.getLhs(), rotMul.getRhs()}) {
        std::optional<Rotation> rotation = matchRotation(rot);
        if (!rotation || rot.getType() != type)
          continue;
        if (failed(raiseWith(add, *rotation, rotMul, otherOperand(rotMul, rot), xMul, why)))
          return failure();
        return success();
      }
    }
    return failure();
  }

  LogicalResult raiseWith(AddOp add, Rotation &rotation, MulOp rotMul, Value sin, MulOp xMul,
                          std::string &why) {
    auto type = cast<RankedTensorType>(add.getType());
    int64_t half = type.getShape().back() / 2;
    // The pairs: (i, i + D/2), the second negated first; or (2j, 2j + 1), likewise.
    int64_t negatedOffset = rotation.interleaved ? 1 : half;
    int64_t stride = rotation.interleaved ? 2 : 1;
    Value x, cos;
    for (Value candidate : {xMul.getLhs(), xMul.getRhs()})
      if (candidate.getType() == type &&
          isHalfOf(rotation.negated, candidate, negatedOffset, stride) &&
          isHalfOf(rotation.kept, candidate, 0, stride)) {
        x = candidate;
        cos = otherOperand(xMul, candidate);
      }
    if (!x)
      return why = "the rotated halves are not those of the tensor multiplied by cos", failure();
    if (!fitsAngles(cos, type) || !fitsAngles(sin, type))
      return why = "cos or sin does not broadcast to the input with its last dimension", failure();
    if (!rotMul->hasOneUse() || !xMul->hasOneUse())
      return why = "a product is used elsewhere", failure();
    OpBuilder b(add);
    auto fused = RotaryEmbeddingOp::create(b, add.getLoc(), type, x, cos, sin,
                                           b.getBoolAttr(rotation.interleaved));
    SmallVector<Operation *> ops(llvm::reverse(rotation.ops));
    ops.append({rotMul, xMul, add});
    // The slices of x go too when nothing else reads them.
    for (Value half : {rotation.negated, rotation.kept})
      if (Operation *slice = half.getDefiningOp<SliceOp>())
        ops.insert(ops.begin(), slice);
    replaceMatched(add, fused.getResult(), ops);
    return success();
  }
};

} // namespace
} // namespace tfc
