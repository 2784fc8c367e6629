// The rasp dialect's class, enums and types.
#ifndef TFC_DIALECT_RASP_RASPDIALECT_H
#define TFC_DIALECT_RASP_RASPDIALECT_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/Types.h"

#include "dialect/RASP/RASPDialect.h.inc"
#include "dialect/RASP/RASPEnums.h.inc"

#define GET_TYPEDEF_CLASSES
#include "dialect/RASP/RASPTypes.h.inc"

#endif
