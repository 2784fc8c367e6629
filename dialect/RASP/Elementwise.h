// Evaluation of map bodies (regions of element ops) on atoms, with Python's semantics.
#ifndef TFC_DIALECT_RASP_ELEMENTWISE_H
#define TFC_DIALECT_RASP_ELEMENTWISE_H

#include "dialect/RASP/Atom.h"
#include "mlir/IR/Region.h"
#include "llvm/ADT/ArrayRef.h"

namespace tfc::rasp {

/// Runs the body of a `rasp.map` or `rasp.sequence_map` on one value per input. Failures
/// (division by zero, an operand of the wrong kind, a missing key) are results, not
/// exceptions. An `if` only fails when its condition or the branch it takes failed; every
/// other op fails when any operand failed. This is the interpreter's semantics exactly.
AtomResult evaluateBody(mlir::Region &body, llvm::ArrayRef<Atom> args);

} // namespace tfc::rasp

#endif
