// Recognising the combining operation of a linalg reduction (shared by the passes that
// reorder reductions into partial results).
#ifndef TFC_PASSES_TARGET_REDUCTIONS_H
#define TFC_PASSES_TARGET_REDUCTIONS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include <optional>

namespace tfc {

/// The combining operation of a one-output reduction body: `yield combine(acc, term)`
/// (either order) where `acc` is the output's block argument, used nowhere else.
struct Combiner {
  mlir::Operation *op;
  /// The value that starts a partial result: the operation's identity.
  double identity;
  /// The same combination as a vector reduction.
  mlir::vector::CombiningKind kind;
  /// Whether `acc` is the operation's first operand.
  bool accFirst;
};

/// The combiner of `g` when it is a float add, mul, max or min of its output.
std::optional<Combiner> matchCombiner(mlir::linalg::GenericOp g);

} // namespace tfc

#endif
