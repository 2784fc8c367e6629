// Conversions between atoms and the attributes that hold them, and their verifiers.
#include "dialect/RASP/AtomAttr.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace tfc::rasp {

std::optional<Atom> attrToAtom(Attribute attr) {
  if (auto b = dyn_cast<BoolAttr>(attr))
    return Atom::ofBool(b.getValue());
  if (auto i = dyn_cast<IntegerAttr>(attr)) {
    if (i.getType().isSignlessInteger(64))
      return Atom::ofInt(i.getInt());
    return std::nullopt;
  }
  if (auto f = dyn_cast<FloatAttr>(attr)) {
    if (f.getType().isF64())
      return Atom::ofFloat(f.getValueAsDouble());
    return std::nullopt;
  }
  if (auto s = dyn_cast<StringAttr>(attr))
    return Atom::ofString(s.str());
  return std::nullopt;
}

Attribute atomToAttr(MLIRContext *context, const Atom &atom) {
  Builder b(context);
  switch (atom.kind()) {
  case Atom::Kind::Int:
    return b.getI64IntegerAttr(atom.getInt());
  case Atom::Kind::Float:
    return b.getF64FloatAttr(atom.getFloat());
  case Atom::Kind::String:
    return b.getStringAttr(atom.getString());
  case Atom::Kind::Bool:
    return b.getBoolAttr(atom.getBool());
  }
  return {};
}

std::optional<std::vector<Atom>> attrToAtoms(ArrayAttr list) {
  std::vector<Atom> atoms;
  atoms.reserve(list.size());
  for (Attribute a : list) {
    std::optional<Atom> atom = attrToAtom(a);
    if (!atom)
      return std::nullopt;
    atoms.push_back(std::move(*atom));
  }
  return atoms;
}

LogicalResult verifyAtomList(Operation *op, ArrayAttr list, StringRef what) {
  for (auto [i, a] : llvm::enumerate(list))
    if (!attrToAtom(a))
      return op->emitOpError() << what << " element " << i
                               << " is not an atom (an i64, f64, string or bool): " << a;
  return success();
}

LogicalResult verifyValueSet(Operation *op, ArrayAttr set) {
  if (failed(verifyAtomList(op, set, "value_set")))
    return failure();
  std::vector<Atom> atoms = *attrToAtoms(set);
  for (size_t i = 1; i < atoms.size(); ++i) {
    if (!(atoms[i - 1] < atoms[i]))
      return op->emitOpError() << "value_set must be sorted, without repeats; element " << i
                               << " (" << atoms[i].str(true) << ") comes after "
                               << atoms[i - 1].str(true);
  }
  return success();
}

} // namespace tfc::rasp
