// tfc-raise-grouped-query: tfc.attention reads grouped key/value heads, not their repeats.
#include "dialect/TFC/ConstantEval.h"
#include "passes/Transforms/Passes.h"
#include "passes/Transforms/PatternMatch.h"
#include <numeric>
#include <vector>

namespace tfc {
#define GEN_PASS_DEF_RAISEGROUPEDQUERY
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

using namespace mlir;

namespace tfc {
namespace {

/// Heads repeated for grouped-query attention: the attention operand repeats each head of
/// `source` ([..., Hkv, 1, T, D]) `repeats` times; `ops` are the repeat's ops.
struct RepeatedHeads {
  Value source;
  SmallVector<int64_t> shape; ///< the heads without the group axis: [..., Hkv, T, D]
  int64_t repeats = 0;
  SmallVector<Operation *> ops;

  /// The heads as [..., Hkv, T, D]: a reshape of `source`, which the canonicalizer folds
  /// with the unsqueeze or reshape that inserted the group axis.
  Value materialize(OpBuilder &b, Location loc) {
    auto type = cast<RankedTensorType>(source.getType());
    return ReshapeOp::create(b, loc, RankedTensorType::get(shape, type.getElementType()), source,
                             b.getDenseI64ArrayAttr(shape));
  }
};

/// Largest tensor whose layout chain is checked by moving its elements (int32 indices).
constexpr int64_t kMaxCheckedElements = int64_t(1) << 24;

/// True when the transposes and reshapes of `chain` (producers first), applied to a tensor
/// of `shape`, leave every element where it was: the chain is a reshape. PyTorch's dynamo
/// exporter spells k^T of merged heads as transpose, reshape, transpose, which cancel.
bool preservesOrder(ArrayRef<Operation *> chain, ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  bool moves = llvm::any_of(chain, [](Operation *op) { return isa<TransposeOp>(op); });
  if (!moves)
    return true;
  if (n > kMaxCheckedElements)
    return false;
  std::vector<int32_t> data(n), next(n);
  std::iota(data.begin(), data.end(), 0);
  for (Operation *op : chain) {
    auto transpose = dyn_cast<TransposeOp>(op);
    if (!transpose)
      continue; // reshape-like: the row-major order stays
    // Output element `flat` at multi-index idx reads the input at idx[d] along perm[d], as
    // the transpose folder does.
    ArrayRef<int64_t> perm = transpose.getPerm();
    SmallVector<int64_t> inStrides = stridesOf(transpose.getInput().getType().getShape());
    forEachIndex(transpose.getType().getShape(), [&](int64_t flat, ArrayRef<int64_t> idx) {
      int64_t from = 0;
      for (size_t d = 0; d < idx.size(); ++d)
        from += idx[d] * inStrides[perm[d]];
      next[flat] = data[from];
    });
    data.swap(next);
  }
  for (int64_t i = 0; i < n; ++i)
    if (data[i] != i)
      return false;
  return true;
}

/// Matches `v` = reshape(expand(x)) with x [..., Hkv, 1, T, D], the expand to
/// [..., Hkv, R, T, D] and `v` [..., Hkv * R, T, D]; the reshape may be any chain of
/// reshapes and transposes that keeps the elements in order. Sets `why` when `v` is such a
/// chain over an expand that repeats something else.
std::optional<RepeatedHeads> matchRepeatedHeads(Value v, std::string &why) {
  SmallVector<Operation *> chain; // users first
  Value at = v;
  while (Operation *op = at.getDefiningOp()) {
    if (!isa<ReshapeOp, TransposeOp, SqueezeOp, UnsqueezeOp>(op))
      break;
    chain.push_back(op);
    at = op->getOperand(0);
  }
  auto expand = at.getDefiningOp<ExpandOp>();
  if (!expand || chain.empty())
    return std::nullopt;
  if (!preservesOrder(llvm::to_vector(llvm::reverse(chain)), expand.getType().getShape()))
    return why = "the repeated heads are reordered on the way to the attention", std::nullopt;
  auto out = cast<RankedTensorType>(v.getType());
  auto expanded = cast<RankedTensorType>(expand.getType());
  auto in = cast<RankedTensorType>(expand.getInput().getType());
  int64_t rank = out.getRank();
  if (rank < 3 || expanded.getRank() != rank + 1 || in.getRank() != rank + 1 ||
      !out.hasStaticShape() || !expanded.hasStaticShape() || !in.hasStaticShape())
    return why = "a reshape of an expand that does not repeat heads [..., H, T, D]", std::nullopt;
  // The group axis sits between the heads and the rows: [..., Hkv, R, T, D].
  ArrayRef<int64_t> o = out.getShape(), e = expanded.getShape(), x = in.getShape();
  int64_t group = rank - 2;
  bool sameElsewhere = o.take_front(rank - 3) == e.take_front(rank - 3) &&
                       o.take_back(2) == e.take_back(2) && o[rank - 3] == e[group - 1] * e[group];
  for (int64_t d = 0; d <= rank && sameElsewhere; ++d)
    sameElsewhere = d == group ? x[d] == 1 : x[d] == e[d];
  if (!sameElsewhere)
    return why = "the expand does not repeat each key/value head along a new axis after the "
                 "heads",
           std::nullopt;
  RepeatedHeads r;
  r.repeats = e[group];
  r.ops = chain;
  r.ops.push_back(expand);
  r.source = expand.getInput();
  r.shape.assign(x.begin(), x.end());
  r.shape.erase(r.shape.begin() + group);
  return r;
}

struct RaiseGroupedQueryPass : impl::RaiseGroupedQueryBase<RaiseGroupedQueryPass> {
  using RaiseGroupedQueryBase::RaiseGroupedQueryBase;

  void runOnOperation() override {
    raiseAll<AttentionOp>(getOperation(), reportNearMisses, "grouped-query attention",
                          [&](AttentionOp op, std::string &why) { return raise(op, why); });
  }

  LogicalResult raise(AttentionOp op, std::string &why) {
    // The repeated heads are matched at dimension rank - 3 (heads before the sequence).
    if (op.getSequenceFirst())
      return failure();
    std::string keyWhy, valueWhy;
    std::optional<RepeatedHeads> key = matchRepeatedHeads(op.getKey(), keyWhy);
    std::optional<RepeatedHeads> value = matchRepeatedHeads(op.getValue(), valueWhy);
    if (!key && !value) {
      why = !keyWhy.empty() ? "key: " + keyWhy : !valueWhy.empty() ? "value: " + valueWhy : "";
      return failure();
    }
    auto heads = [](const RepeatedHeads &r) { return r.shape[r.shape.size() - 3]; };
    if (!key && !keyWhy.empty())
      return why = "key: " + keyWhy, failure();
    if (!value && !valueWhy.empty())
      return why = "value: " + valueWhy, failure();
    if (!key || !value || key->repeats != value->repeats || heads(*key) != heads(*value)) {
      why = "the key and the value are not repeated alike (" +
            (key ? std::to_string(key->repeats) + "x" : std::string("no repeat")) + " and " +
            (value ? std::to_string(value->repeats) + "x" : std::string("no repeat")) + ")";
      return failure();
    }
    OpBuilder b(op);
    op.getKeyMutable().assign(key->materialize(b, op.getLoc()));
    op.getValueMutable().assign(value->materialize(b, op.getLoc()));
    eraseDead(key->ops);
    eraseDead(value->ops);
    return success();
  }
};

} // namespace
} // namespace tfc
