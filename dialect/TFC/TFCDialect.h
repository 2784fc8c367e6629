// Declares the tfc dialect class.
#ifndef TFC_DIALECT_TFC_TFCDIALECT_H
#define TFC_DIALECT_TFC_TFCDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialect/TFC/TFCDialect.h.inc"

namespace tfc {
/// Marks a linalg.generic that applies an activation ("gelu", "gelu_tanh", "relu", "silu")
/// to a matmul's result: the lowering of tfc.matmul_epilogue sets it; once the generic
/// rewrites the product in place (tfc-epilogue-in-place), the CPU micro-kernel applies the
/// activation instead of the loop.
constexpr llvm::StringLiteral kEpilogueAttrName = "tfc.epilogue";
} // namespace tfc

#endif
