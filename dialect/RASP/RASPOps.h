// The rasp dialect's operations.
#ifndef TFC_DIALECT_RASP_RASPOPS_H
#define TFC_DIALECT_RASP_RASPOPS_H

#include "dialect/RASP/RASPDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "dialect/RASP/RASPOps.h.inc"

#endif
