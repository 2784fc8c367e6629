// Linking the embedded micro-kernel bitcode (runtime/ukernels) into a model's
// LLVM module.
#ifndef TFC_PASSES_TARGET_CPU_MICROKERNELS_H
#define TFC_PASSES_TARGET_CPU_MICROKERNELS_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

namespace tfc {

/// Whether `function` comes from the micro-kernels' bitcode: the kernels, the thread pool,
/// the CPU detection (tfc_uk_*) and the buffer allocation functions
/// (runtime/ukernels/alloc.c) that memref allocations lower to.
bool isMicroKernel(const llvm::Function &function);

/// The micro-kernel variant code generation links for `machine`: "avx512",
/// "avx2" or "generic" (the best one its CPU features allow and this build of
/// tfc has).
llvm::StringRef microKernelVariant(const llvm::TargetMachine &machine);

/// Defines the micro-kernels that `llvmModule` declares (functions named
/// tfc_uk_*) from the embedded bitcode of `microKernelVariant(machine)`, with
/// internal linkage: a compiled model stays self-contained and exports nothing
/// new. For an x86-64 CPU below AVX-512 the better variants' kernels come too,
/// behind a dispatcher that picks one at run time (runtime/ukernels/cpu.c).
/// Does nothing when none is declared.
mlir::LogicalResult linkMicroKernels(mlir::ModuleOp module, llvm::Module &llvmModule,
                                     const llvm::TargetMachine &machine);

} // namespace tfc

#endif
