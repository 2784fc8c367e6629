// Declares the operations of the tfc dialect (generated from TFCOps.td).
#ifndef TFC_DIALECT_TFC_TFCOPS_H
#define TFC_DIALECT_TFC_TFCOPS_H

#include "dialect/TFC/TFCDialect.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "dialect/TFC/TFCOps.h.inc"

namespace tfc {
/// True for the element types a tfc tensor may hold (see TFCDialect.td).
bool isTFCElementType(mlir::Type type);
/// True for ui8..ui64: ONNX's unsigned integers keep their signedness in tfc.
inline bool isUnsignedInt(mlir::Type type) {
  auto intTy = llvm::dyn_cast<mlir::IntegerType>(type);
  return intTy && intTy.isUnsigned();
}
} // namespace tfc

#endif
