// Declarations of the conversion passes out of the tfc dialect.
#ifndef TFC_PASSES_CONVERSION_PASSES_H
#define TFC_PASSES_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"

namespace tfc {
#define GEN_PASS_DECL
#include "passes/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Conversion/Passes.h.inc"
} // namespace tfc

#endif
