// Helpers shared by the raising passes: constant checks and flattening of product chains.
#ifndef TFC_PASSES_TRANSFORMS_PATTERNMATCH_H
#define TFC_PASSES_TRANSFORMS_PATTERNMATCH_H

#include "dialect/TFC/TFCOps.h"
#include "llvm/ADT/SmallVector.h"

namespace tfc {

/// The value of `v` when it is a constant whose elements all equal one number.
std::optional<double> scalarConstantValue(mlir::Value v);

/// True when `v` is a constant equal to `expected` within a relative `tolerance` (exports
/// round constants such as sqrt(2) to float32, or compute them in another order).
bool isConstantNear(mlir::Value v, double expected, double tolerance = 1e-4);

/// The factors of a product: `v` itself unless it is a tfc.mul, else the factors of its
/// operands, descending only into products that have no other use (so that fusing never
/// duplicates work). `muls` collects the products flattened.
void productFactors(mlir::Value v, llvm::SmallVectorImpl<mlir::Value> &factors,
                    llvm::SmallVectorImpl<mlir::Operation *> *muls = nullptr, bool root = true);

/// Removes one occurrence of `v` from `values`; false when it is not there.
bool takeValue(llvm::SmallVectorImpl<mlir::Value> &values, mlir::Value v);

/// Removes one constant near `expected` from `values`; false when there is none.
bool takeConstant(llvm::SmallVectorImpl<mlir::Value> &values, double expected);

/// Erases `ops` (in the given order) when they have no uses left.
void eraseDead(llvm::ArrayRef<mlir::Operation *> ops);

/// The first normalized dimension when `mean` averages the trailing dimensions of a rank
/// `rank` tensor and keeps them (as size 1), else -1.
int64_t trailingAxis(ReduceMeanOp mean, int64_t rank);

/// True when `param` (a norm's scale or shift) varies only along the normalized dimensions
/// axis..rank-1 of `type`, so that the fused norm can broadcast it there.
bool fitsNormalizedDims(mlir::Value param, mlir::RankedTensorType type, int64_t axis);

/// The other operand of the binary op `op`, of which `v` is one.
inline mlir::Value otherOperand(mlir::Operation *op, mlir::Value v) {
  return op->getOperand(0) == v ? op->getOperand(1) : op->getOperand(0);
}

/// The end of `sqrt(stat + epsilon)` after a norm's statistic `stat`, every value with one
/// use: the sqrt, with the epsilon. The add and the sqrt are appended to `ops`.
struct RootOfStatistic {
  SqrtOp sqrt;
  double epsilon;
};
std::optional<RootOfStatistic> matchRootOfStatistic(mlir::Value stat,
                                                    llvm::SmallVectorImpl<mlir::Operation *> &ops);

/// The op computing `numerator / root`: a tfc.div, or a product with reciprocal(root) (the
/// reciprocal, with one use, is appended to `ops`); null when there is none.
mlir::Operation *matchDivisionByRoot(SqrtOp root, mlir::Value numerator,
                                     llvm::SmallVectorImpl<mlir::Operation *> &ops);

/// When the only use of `root`'s result is an `OpTy` (a product or a sum) with a parameter
/// that fits the normalized dimensions axis..rank-1 of `type`, makes it the new root and
/// returns the parameter; else null.
template <typename OpTy>
mlir::Value matchNormParameter(mlir::Operation *&root, mlir::RankedTensorType type,
                               int64_t axis, llvm::SmallVectorImpl<mlir::Operation *> &ops) {
  mlir::Value y = root->getResult(0);
  if (!y.hasOneUse())
    return {};
  auto op = llvm::dyn_cast<OpTy>(*y.getUsers().begin());
  if (!op || op.getType() != type || !fitsNormalizedDims(otherOperand(op, y), type, axis))
    return {};
  root = op;
  ops.push_back(op);
  return otherOperand(op, y);
}

/// A constant of ones over the normalized dimensions axis..rank-1 of `type` (the scale of a
/// norm spelled without one).
mlir::Value onesOverNormalized(mlir::OpBuilder &b, mlir::Location loc,
                               mlir::RankedTensorType type, int64_t axis);

/// Replaces `root`'s result by `fused` and erases the matched `ops` (given producers first).
void replaceMatched(mlir::Operation *root, mlir::Value fused,
                    llvm::SmallVectorImpl<mlir::Operation *> &ops);

/// Runs `raise` on every `AnchorOp` under `scope`, collected first (raising erases ops).
/// A failure that set a reason is a near miss, reported as a remark at the anchor when
/// `report` is set: "near miss: <family>: <reason>".
template <typename AnchorOp>
void raiseAll(mlir::Operation *scope, bool report, llvm::StringRef family,
              llvm::function_ref<mlir::LogicalResult(AnchorOp, std::string &)> raise) {
  llvm::SmallVector<AnchorOp> anchors;
  scope->walk([&](AnchorOp op) { anchors.push_back(op); });
  for (AnchorOp anchor : anchors) {
    std::string why;
    if (mlir::failed(raise(anchor, why)) && report && !why.empty())
      anchor->emitRemark("near miss: ") << family << ": " << why;
  }
}

} // namespace tfc

#endif
