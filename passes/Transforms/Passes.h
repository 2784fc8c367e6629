// Declarations of the tfc graph transformations (fusion passes).
#ifndef TFC_PASSES_TRANSFORMS_PASSES_H
#define TFC_PASSES_TRANSFORMS_PASSES_H

#include "dialect/TFC/TFCOps.h"
#include "mlir/Pass/Pass.h"

namespace tfc {
#define GEN_PASS_DECL
#include "passes/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

#endif
