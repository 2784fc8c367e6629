// Verifiers of the rasp dialect's operations.
#include "dialect/RASP/RASPOps.h"
#include "dialect/RASP/AtomAttr.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace tfc::rasp;

namespace {

/// The checks every s-op shares: a value set, when present, is a sorted list of atoms.
LogicalResult verifySOp(Operation *op) {
  if (auto set = op->getAttrOfType<ArrayAttr>("value_set"))
    return verifyValueSet(op, set);
  return success();
}

LogicalResult verifyAtom(Operation *op, Attribute attr, StringRef what) {
  if (!attrToAtom(attr))
    return op->emitOpError() << what << " must be an atom (an i64, f64, string or bool), got "
                             << attr;
  return success();
}

/// A map body: one block whose arguments are the inputs' atoms, ending in rasp.yield.
LogicalResult verifyBody(Operation *op, Region &body, size_t inputs) {
  Block &block = body.front();
  if (block.getNumArguments() != inputs)
    return op->emitOpError() << "body must have " << inputs << " argument"
                             << (inputs == 1 ? "" : "s") << ", one per input; it has "
                             << block.getNumArguments();
  for (BlockArgument arg : block.getArguments())
    if (!isa<AtomType>(arg.getType()))
      return op->emitOpError() << "body arguments must be !rasp.atom, got " << arg.getType();
  if (block.empty() || !isa<YieldOp>(block.back()))
    return op->emitOpError() << "body must end in rasp.yield";
  return success();
}

/// Atoms print without their type: the parser reads integers as i64 and floats as f64
/// by default, which are the types atoms have.
ParseResult parseAtom(OpAsmParser &parser, Attribute &value) {
  return parser.parseAttribute(value);
}
void printAtom(OpAsmPrinter &printer, Operation *, Attribute value) {
  if (isa<IntegerAttr, FloatAttr>(value) && !isa<BoolAttr>(value))
    printer.printAttributeWithoutType(value);
  else
    printer.printAttribute(value);
}

} // namespace

LogicalResult ProgramOp::verify() {
  Block &block = getBody().front();
  if (block.getNumArguments() != 0)
    return emitOpError() << "body must not have arguments";
  if (block.empty() || !isa<OutputOp>(block.back()))
    return emitOpError() << "body must end in rasp.output";
  if (auto vocab = getVocab()) {
    if (failed(verifyAtomList(*this, *vocab, "vocab")))
      return failure();
    if (vocab->empty())
      return emitOpError() << "vocab must not be empty";
  }
  if (auto n = getMaxSeqLen(); n && *n < 1)
    return emitOpError() << "max_seq_len must be at least 1, got " << *n;
  return success();
}

LogicalResult TokensOp::verify() { return verifySOp(*this); }
LogicalResult IndicesOp::verify() { return verifySOp(*this); }

LogicalResult FullOp::verify() {
  if (failed(verifyAtom(*this, getFill(), "fill")))
    return failure();
  return verifySOp(*this);
}

LogicalResult MapOp::verify() {
  if (failed(verifyBody(*this, getBody(), 1)))
    return failure();
  return verifySOp(*this);
}

LogicalResult SequenceMapOp::verify() {
  if (getInputs().size() < 2)
    return emitOpError() << "needs at least two inputs (rasp.map takes one), got "
                         << getInputs().size();
  if (failed(verifyBody(*this, getBody(), getInputs().size())))
    return failure();
  return verifySOp(*this);
}

LogicalResult AggregateOp::verify() {
  if (failed(verifyAtom(*this, getDefaultValue(), "default")))
    return failure();
  return verifySOp(*this);
}

LogicalResult ConstOp::verify() { return verifyAtom(*this, getValue(), "value"); }

LogicalResult LookupOp::verify() {
  if (failed(verifyAtomList(*this, getValues(), "values")))
    return failure();
  if (auto keys = getKeys()) {
    if (failed(verifyAtomList(*this, *keys, "keys")))
      return failure();
    if (keys->size() != getValues().size())
      return emitOpError() << "has " << keys->size() << " keys but " << getValues().size()
                           << " values";
  }
  return success();
}

LogicalResult ContainsOp::verify() { return verifyAtomList(*this, getElements(), "elements"); }

#define GET_OP_CLASSES
#include "dialect/RASP/RASPOps.cpp.inc"
