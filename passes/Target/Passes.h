// Declarations of the target-preparation passes (signature, entry, bufferization, ABI).
#ifndef TFC_PASSES_TARGET_PASSES_H
#define TFC_PASSES_TARGET_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace tfc {
/// The name the entry function has once it writes into caller buffers.
inline constexpr const char *kModelImplName = "tfc_model_impl";
/// The module attribute holding the recorded signature.
inline constexpr const char *kSignatureAttrName = "tfc.signature";

/// The entry function `name` of `module`; a located error when there is none.
inline mlir::FailureOr<mlir::func::FuncOp> lookupEntry(mlir::ModuleOp module,
                                                       llvm::StringRef name) {
  if (auto func = module.lookupSymbol<mlir::func::FuncOp>(name))
    return func;
  return module.emitError("no entry function @") << name;
}

#define GEN_PASS_DECL
#include "passes/Target/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Target/Passes.h.inc"
} // namespace tfc

#endif
