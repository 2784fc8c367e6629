// The check that the CPU running a compiled model has the instruction set extensions the
// model was compiled for.
#ifndef TFC_PASSES_TARGET_CPU_CPUCHECK_H
#define TFC_PASSES_TARGET_CPU_CPUCHECK_H

#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

namespace tfc {

/// Marks `function` as code for the baseline x86-64, whatever the target machine's CPU: code
/// that runs before anything knows what the CPU can do.
void makeBaseline(llvm::Function &function);

/// For an x86-64 target: exports tfc_compiled_cpu_check (NULL, or a message naming the
/// extensions of `machine`'s CPU that the running CPU lacks) and puts tfc_compiled_run
/// behind it (returning 1 without running on such a CPU), both compiled for the baseline
/// x86-64 so that they run anywhere. The check calls runtime/ukernels/cpu.c's
/// tfc_uk_cpu_missing, which linkMicroKernels then links. Does nothing for other targets or
/// a module without tfc_compiled_run.
void addCpuCheck(llvm::Module &llvmModule, const llvm::TargetMachine &machine);

} // namespace tfc

#endif
