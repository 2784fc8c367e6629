// tfc-fold-attention-transposes: a tfc.attention whose query, key and value are transposes
// from the sequence-first layout reads that layout itself (`sequence_first`), so neither
// its operands nor its result are copied into place.
#include "passes/Transforms/Passes.h"
#include "llvm/ADT/SetVector.h"

namespace tfc {
#define GEN_PASS_DEF_FOLDATTENTIONTRANSPOSES
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

using namespace mlir;

namespace tfc {
namespace {

/// The permutation that swaps dimensions rank - 3 and rank - 2 (heads and sequence).
SmallVector<int64_t> headSwap(int64_t rank) {
  SmallVector<int64_t> perm = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  std::swap(perm[rank - 3], perm[rank - 2]);
  return perm;
}

/// The input of `value` when it is a transpose by `perm`.
Value transposedFrom(Value value, ArrayRef<int64_t> perm) {
  auto transpose = value.getDefiningOp<TransposeOp>();
  if (!transpose || transpose.getPerm() != perm)
    return {};
  return transpose.getInput();
}

struct FoldAttentionTransposesPass
    : impl::FoldAttentionTransposesBase<FoldAttentionTransposesPass> {
  void runOnOperation() override {
    SmallVector<AttentionOp> attentions;
    getOperation()->walk([&](AttentionOp op) { attentions.push_back(op); });
    for (AttentionOp op : attentions) {
      int64_t rank = op.getQuery().getType().getRank();
      if (op.getSequenceFirst() || rank < 3)
        continue;
      SmallVector<int64_t> perm = headSwap(rank);
      Value q = transposedFrom(op.getQuery(), perm), k = transposedFrom(op.getKey(), perm),
            v = transposedFrom(op.getValue(), perm);
      // All three or none: a key or value that is not a transpose (a decode step's cache)
      // would need one added, a copy of the whole cache.
      if (!q || !k || !v)
        continue;
      OpBuilder b(op);
      auto folded = AttentionOp::create(b, op.getLoc(), q, k, v, op.getMask(), op.getScale(),
                                        op.getCausal(), op.getZeroMaskedRows(),
                                        /*sequence_first=*/true);
      // The transpose back cancels the one that usually follows (the heads' merge).
      auto back = TransposeOp::create(b, op.getLoc(), folded.getResult(), perm);
      op.getResult().replaceAllUsesWith(back.getResult());
      SetVector<Operation *> transposes;
      for (Value operand : op->getOperands().take_front(3))
        transposes.insert(operand.getDefiningOp());
      op.erase();
      for (Operation *transpose : transposes)
        if (transpose->use_empty())
          transpose->erase();
    }
  }
};

} // namespace
} // namespace tfc
