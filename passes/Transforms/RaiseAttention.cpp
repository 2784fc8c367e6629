// tfc-raise-attention: softmax(q k^T * scale + mask) v becomes tfc.attention.
#include "passes/Transforms/Passes.h"
#include "passes/Transforms/PatternMatch.h"
#include <cmath>

namespace tfc {
#define GEN_PASS_DEF_RAISEATTENTION
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

using namespace mlir;

namespace tfc {
namespace {

/// Peels a product or division by a scalar constant off `v` (single use), folding it into
/// `scale`; returns the operand, or `v` itself.
Value peelScale(Value v, double &scale, SmallVectorImpl<Operation *> &ops) {
  if (!v.hasOneUse())
    return v;
  if (auto mul = v.getDefiningOp<MulOp>()) {
    for (auto [x, c] : {std::pair(mul.getLhs(), mul.getRhs()),
                        std::pair(mul.getRhs(), mul.getLhs())})
      if (auto value = scalarConstantValue(c); value && x.getType() == v.getType()) {
        scale *= *value;
        ops.push_back(mul);
        return x;
      }
  }
  if (auto div = v.getDefiningOp<DivOp>())
    if (auto value = scalarConstantValue(div.getRhs());
        value && *value != 0 && div.getLhs().getType() == v.getType()) {
      scale /= *value;
      ops.push_back(div);
      return div.getLhs();
    }
  return v;
}

/// The only user of `p` when it is where(isnan(p), 0, p), isnan spelled not(p == p) as the
/// ONNX importer writes IsNaN; its ops (users first) are appended to `ops`.
WhereOp matchNanGuard(Value p, SmallVectorImpl<Operation *> &ops) {
  // p feeds the comparison (twice, one user) and the where.
  WhereOp where;
  EqualOp self;
  for (Operation *user : p.getUsers()) {
    if (auto w = dyn_cast<WhereOp>(user); w && !where)
      where = w;
    else if (auto e = dyn_cast<EqualOp>(user); e && e.getLhs() == p && e.getRhs() == p)
      self = e;
    else
      return {};
  }
  if (!where || !self || !self->hasOneUse() || where.getType() != p.getType() ||
      where.getRhs() != p || !isConstantNear(where.getLhs(), 0.0, 0))
    return {};
  auto isNan = where.getCondition().getDefiningOp<NotOp>();
  if (!isNan || isNan.getInput() != self.getResult() || !isNan->hasOneUse())
    return {};
  ops.append({where, isNan, self});
  return where;
}

struct RaiseAttentionPass : impl::RaiseAttentionBase<RaiseAttentionPass> {
  using RaiseAttentionBase::RaiseAttentionBase;

  void runOnOperation() override {
    raiseAll<SoftmaxOp>(getOperation(), reportNearMisses, "attention",
                        [&](SoftmaxOp softmax, std::string &why) { return raise(softmax, why); });
  }

  LogicalResult raise(SoftmaxOp softmax, std::string &why) {
    auto type = softmax.getType();
    int64_t rank = type.getRank();
    if (rank < 2 || static_cast<int64_t>(softmax.getAxis()) != rank - 1 ||
        !(type.getElementType().isF32() || type.getElementType().isF64()))
      return failure();
    SmallVector<Operation *> ops;
    Value probs = softmax.getResult();
    // PyTorch's export of scaled_dot_product_attention zeroes NaN probabilities (the rows
    // whose keys are all masked with -inf): where(isnan(p), 0, p).
    WhereOp nanGuard = matchNanGuard(probs, ops);
    if (nanGuard)
      probs = nanGuard.getResult();
    auto pv = probs.hasOneUse() ? dyn_cast<MatMulOp>(*probs.getUsers().begin()) : MatMulOp();
    if (!pv || pv.getLhs() != probs)
      return why = "the probabilities are not (only) multiplied by the values", failure();
    ops.insert(ops.begin(), pv);
    ops.push_back(softmax);
    Value scores = softmax.getInput(), mask;
    double scale = 1.0;
    scores = peelScale(scores, scale, ops);
    if (auto add = scores.getDefiningOp<AddOp>(); add && scores.hasOneUse()) {
      // One side is the (scaled) q k^T product, the other the additive mask.
      for (auto [s, m] : {std::pair(add.getLhs(), add.getRhs()),
                          std::pair(add.getRhs(), add.getLhs())}) {
        double inner = 1.0;
        SmallVector<Operation *> innerOps;
        Value base = peelScale(s, inner, innerOps);
        if (base.getDefiningOp<MatMulOp>() && s.getType() == type) {
          ops.push_back(add);
          ops.append(innerOps.begin(), innerOps.end());
          scale *= inner;
          scores = base;
          mask = m;
          break;
        }
      }
    }
    auto qk = scores.getDefiningOp<MatMulOp>();
    if (!qk)
      return why = "the softmax input is not a (scaled, masked) matmul", failure();
    if (!scores.hasOneUse())
      return why = "the scores have another use", failure();
    ops.push_back(qk);
    // The scale may be on q, on k^T, or split between them (sqrt of it on each, as
    // PyTorch exports scaled_dot_product_attention).
    Value q = peelScale(qk.getLhs(), scale, ops), kt = peelScale(qk.getRhs(), scale, ops),
          v = pv.getRhs();
    auto qType = cast<RankedTensorType>(q.getType());
    auto ktType = cast<RankedTensorType>(kt.getType());
    auto vType = cast<RankedTensorType>(v.getType());
    // Key and value may broadcast one head to every query head (multi-query attention,
    // which tfc.attention runs as grouped-query with one group).
    auto sharedLeading = [&] {
      ArrayRef<int64_t> ql = qType.getShape().drop_back(2), kl = ktType.getShape().drop_back(2);
      if (kl != vType.getShape().drop_back(2))
        return false;
      return ql == kl || (!ql.empty() && ql.drop_back() == kl.drop_back() && kl.back() == 1);
    };
    if (qType.getRank() != rank || ktType.getRank() != rank || vType.getRank() != rank ||
        !sharedLeading())
      return why = "query, key and value do not share their leading dimensions "
                   "(broadcast or grouped heads)",
             failure();
    if (mask && cast<RankedTensorType>(mask.getType()).getElementType() != type.getElementType())
      return why = "the mask has another element type", failure();
    // A boolean mask made additive, where(keep, 0, -inf) (scaled_dot_product_attention's
    // export): the attention reads the booleans instead.
    if (auto where = mask ? mask.getDefiningOp<WhereOp>() : WhereOp()) {
      std::optional<double> fill = scalarConstantValue(where.getRhs());
      if (isConstantNear(where.getLhs(), 0.0, 0) && fill && std::isinf(*fill) && *fill < 0 &&
          cast<RankedTensorType>(where.getCondition().getType()).getShape() ==
              cast<RankedTensorType>(mask.getType()).getShape()) {
        mask = where.getCondition();
        ops.push_back(where); // erased unless another attention still reads it
      }
    }
    OpBuilder b(pv);
    // The key is k^T with its last two dimensions swapped back; a transpose that produced
    // k^T folds into this one.
    SmallVector<int64_t> perm;
    for (int64_t d = 0; d < rank; ++d)
      perm.push_back(d);
    std::swap(perm[rank - 2], perm[rank - 1]);
    Value k = TransposeOp::create(b, qk.getLoc(), kt, perm);
    auto attention =
        AttentionOp::create(b, pv.getLoc(), pv.getType(), q, k, v, mask, b.getF64FloatAttr(scale),
                            b.getBoolAttr(false), b.getBoolAttr(static_cast<bool>(nanGuard)));
    pv.getResult().replaceAllUsesWith(attention.getResult());
    eraseDead(ops);
    return success();
  }
};

} // namespace
} // namespace tfc
