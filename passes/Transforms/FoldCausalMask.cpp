// tfc-fold-causal-mask: a tfc.attention whose mask is a constant causal triangle, alone or
// and-ed with a padding mask, gets the causal flag instead (its lowering then skips the key
// blocks the triangle hides); a constant mask that hides nothing is dropped.
#include "mlir/IR/Matchers.h"
#include "passes/Transforms/Passes.h"
#include "passes/Transforms/PatternMatch.h"

namespace tfc {
#define GEN_PASS_DEF_FOLDCAUSALMASK
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

using namespace mlir;

namespace tfc {
namespace {

/// What a constant mask does to the scores [..., S, T].
enum class MaskKind { Other, Nothing, Causal };

/// A float mask entry that hides its score: -inf, or so negative that any score plus it
/// gives a probability of exactly 0 (Hugging Face fills with the lowest float).
bool hides(double v) { return v <= -1e30; }

/// Classifies `mask` (broadcast to [..., s, t]) when it is a constant that every leading
/// index repeats: hiding exactly the keys j > i + t - s of each query i (Causal), or none.
MaskKind classify(Value mask, int64_t s, int64_t t) {
  DenseElementsAttr attr;
  if (!matchPattern(mask, m_Constant(&attr)))
    return MaskKind::Other;
  auto type = cast<RankedTensorType>(mask.getType());
  int64_t rank = type.getRank();
  int64_t rows = rank >= 2 ? type.getDimSize(rank - 2) : 1;
  int64_t cols = rank >= 1 ? type.getDimSize(rank - 1) : 1;
  bool isBool = type.getElementType().isInteger(1);
  if (!isBool && !isa<FloatType>(type.getElementType()))
    return MaskKind::Other;
  if (attr.isSplat()) {
    bool visible = isBool ? attr.getSplatValue<bool>()
                          : attr.getSplatValue<APFloat>().convertToDouble() == 0.0;
    return visible ? MaskKind::Nothing : MaskKind::Other;
  }
  // Entry (lead, i, j) of the mask, its size-1 dimensions broadcast; read in place (a mask
  // over thousands of tokens has tens of millions of entries).
  auto bools = attr.tryGetValues<bool>();
  auto floats = attr.tryGetValues<APFloat>();
  int64_t lead = type.getNumElements() / std::max<int64_t>(rows * cols, 1);
  bool nothing = true, causal = t >= s;
  for (int64_t l = 0; l < lead; ++l)
    for (int64_t i = 0; i < s; ++i)
      for (int64_t j = 0; j < t; ++j) {
        int64_t at = (l * rows + (rows == 1 ? 0 : i)) * cols + (cols == 1 ? 0 : j);
        bool hidden, visible;
        if (isBool) {
          visible = (*bools)[at];
          hidden = !visible;
        } else {
          double v = (*floats)[at].convertToDouble();
          hidden = hides(v);
          visible = v == 0.0;
        }
        if (!hidden && !visible)
          return MaskKind::Other;
        nothing &= visible;
        causal &= j <= i + t - s ? visible : hidden;
      }
  return nothing ? MaskKind::Nothing : causal ? MaskKind::Causal : MaskKind::Other;
}

struct FoldCausalMaskPass : impl::FoldCausalMaskBase<FoldCausalMaskPass> {
  void runOnOperation() override {
    getOperation()->walk([](AttentionOp op) {
      Value mask = op.getMask();
      auto scores = cast<RankedTensorType>(op.getQuery().getType());
      auto keys = cast<RankedTensorType>(op.getKey().getType());
      if (!mask || !scores.hasStaticShape() || !keys.hasStaticShape())
        return;
      int64_t rank = scores.getRank();
      int64_t s = scores.getDimSize(op.getSequenceDim()), t = keys.getDimSize(op.getSequenceDim());
      MaskKind kind = classify(mask, s, t);
      if (kind != MaskKind::Other) {
        op.getMaskMutable().clear();
        if (kind == MaskKind::Causal)
          op.setCausal(true);
        if (Operation *def = mask.getDefiningOp(); def && def->use_empty())
          def->erase();
        return;
      }
      // A boolean mask that ands the causal triangle with something else (the padding of an
      // attention_mask input): the triangle becomes the flag, the rest stays the mask.
      auto both = mask.getDefiningOp<AndOp>();
      if (!both || !cast<RankedTensorType>(mask.getType()).getElementType().isInteger(1))
        return;
      for (auto [triangle, rest] :
           {std::pair(both.getLhs(), both.getRhs()), std::pair(both.getRhs(), both.getLhs())}) {
        if (classify(triangle, s, t) != MaskKind::Causal ||
            cast<RankedTensorType>(rest.getType()).getRank() > rank)
          continue;
        op.getMaskMutable().assign(rest);
        op.setCausal(true);
        if (both->use_empty())
          both->erase();
        return;
      }
    });
  }
};

} // namespace
} // namespace tfc
