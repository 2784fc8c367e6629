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

} // namespace tfc

#endif
