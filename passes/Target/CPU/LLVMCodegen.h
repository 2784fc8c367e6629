// From an LLVM-dialect module to LLVM IR, object files, shared libraries and JIT code.
#ifndef TFC_PASSES_TARGET_CPU_LLVMCODEGEN_H
#define TFC_PASSES_TARGET_CPU_LLVMCODEGEN_H

#include "mlir/IR/BuiltinOps.h"
#include "runtime/include/tfc/tfc_model_abi.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include <memory>
#include <string>

namespace mlir {
class ExecutionEngine;
}

namespace tfc {

struct CodegenOptions {
  /// Target CPU: "native" (the host, with all its features) or an LLVM CPU name such as
  /// "x86-64-v3" or "skylake-avx512".
  std::string cpu = "native";
  unsigned optLevel = 2;
};

/// Translates to LLVM IR for the host triple and `options.cpu`, and optimizes it.
mlir::FailureOr<std::unique_ptr<llvm::Module>>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &llvmContext,
                  const CodegenOptions &options);

/// Writes `llvmModule` as an object file at `path`. Nothing is left at `path` on failure.
mlir::LogicalResult writeObjectFile(mlir::ModuleOp module, llvm::Module &llvmModule,
                                    llvm::StringRef path, const CodegenOptions &options);

/// Compiles `llvmModule` into a shared library at `path` (object code linked by the system C
/// compiler driver, `cc`). Nothing is left at `path` on failure.
mlir::LogicalResult writeSharedLibrary(mlir::ModuleOp module, llvm::Module &llvmModule,
                                       llvm::StringRef path, const CodegenOptions &options);

/// A model compiled in memory; its ABI functions are those of a compiled library.
class JitModel {
public:
  static mlir::FailureOr<std::unique_ptr<JitModel>> create(mlir::ModuleOp module,
                                                           const CodegenOptions &options);
  ~JitModel();

  const tfc_abi_signature *(*signatureFn)(void) = nullptr;
  int32_t (*runFn)(void *const *, void *const *) = nullptr;
  /// NULL, or what this CPU lacks of the CPU the model was compiled for (null for targets
  /// without the check).
  const char *(*cpuCheckFn)(void) = nullptr;

private:
  JitModel();
  std::unique_ptr<mlir::ExecutionEngine> engine;
};

} // namespace tfc

#endif
