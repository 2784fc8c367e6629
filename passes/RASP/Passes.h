// Declarations of the passes over the rasp dialect.
#ifndef TFC_PASSES_RASP_PASSES_H
#define TFC_PASSES_RASP_PASSES_H

#include "dialect/RASP/RASPOps.h"
#include "mlir/Pass/Pass.h"

namespace tfc::rasp {
#define GEN_PASS_DECL
#include "passes/RASP/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/RASP/Passes.h.inc"
} // namespace tfc::rasp

#endif
