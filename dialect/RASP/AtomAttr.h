// Atoms as MLIR attributes: i64 integers, f64 floats, strings and bools.
#ifndef TFC_DIALECT_RASP_ATOMATTR_H
#define TFC_DIALECT_RASP_ATOMATTR_H

#include "dialect/RASP/Atom.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"

#include <optional>
#include <vector>

namespace tfc::rasp {

/// The atom an attribute holds, if it is one (an i64 IntegerAttr, an f64 FloatAttr, a
/// StringAttr or a BoolAttr).
std::optional<Atom> attrToAtom(mlir::Attribute attr);
/// The attribute that holds `atom`.
mlir::Attribute atomToAttr(mlir::MLIRContext *context, const Atom &atom);
/// The atoms of a list attribute; nullopt when an element is not an atom.
std::optional<std::vector<Atom>> attrToAtoms(mlir::ArrayAttr list);

/// Verifies that every element of `list` is an atom, naming `what` otherwise.
mlir::LogicalResult verifyAtomList(mlir::Operation *op, mlir::ArrayAttr list,
                                   llvm::StringRef what);
/// Verifies a value set: atoms, sorted by `Atom::operator<`, none equal to another.
mlir::LogicalResult verifyValueSet(mlir::Operation *op, mlir::ArrayAttr set);

} // namespace tfc::rasp

#endif
