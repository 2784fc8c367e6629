// Declares the tfc dialect class.
#ifndef TFC_DIALECT_TFC_TFCDIALECT_H
#define TFC_DIALECT_TFC_TFCDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialect/TFC/TFCDialect.h.inc"

#endif
