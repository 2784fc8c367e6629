// tfc-raise-grouped-query: tfc.attention reads grouped key/value heads, not their repeats.
#include "passes/Transforms/Passes.h"
#include "passes/Transforms/PatternMatch.h"

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

/// Matches `v` = reshape(expand(x)) with x [..., Hkv, 1, T, D], the expand to
/// [..., Hkv, R, T, D] and `v` [..., Hkv * R, T, D]. Sets `why` when `v` is a reshape of an
/// expand that repeats something else.
std::optional<RepeatedHeads> matchRepeatedHeads(Value v, std::string &why) {
  auto reshape = v.getDefiningOp<ReshapeOp>();
  auto expand = reshape ? reshape.getInput().getDefiningOp<ExpandOp>() : ExpandOp();
  if (!expand)
    return std::nullopt;
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
  r.ops = {reshape, expand};
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
    std::string keyWhy, valueWhy;
    std::optional<RepeatedHeads> key = matchRepeatedHeads(op.getKey(), keyWhy);
    std::optional<RepeatedHeads> value = matchRepeatedHeads(op.getValue(), valueWhy);
    if (!key && !value) {
      why = !keyWhy.empty() ? "key: " + keyWhy : !valueWhy.empty() ? "value: " + valueWhy : "";
      return failure();
    }
    auto heads = [](const RepeatedHeads &r) { return r.shape[r.shape.size() - 3]; };
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
