// A second version of a model's code for CPUs with AVX2, in libraries compiled for the
// baseline x86-64.
#ifndef TFC_PASSES_TARGET_CPU_MODELVERSIONS_H
#define TFC_PASSES_TARGET_CPU_MODELVERSIONS_H

#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

namespace tfc {

/// For an x86-64 target below x86-64-v3 (AVX2): copies the model's functions (those that
/// tfc_compiled_run_body reaches, the micro-kernels aside) as x86-64-v3 code and makes the
/// entry run the copy on CPUs that have it (runtime/ukernels/cpu.c's tfc_uk_cpu_level,
/// which linkMicroKernels then links). The weights are shared. Runs after addCpuCheck;
/// does nothing otherwise.
void addModelVersions(llvm::Module &llvmModule, const llvm::TargetMachine &machine);

} // namespace tfc

#endif
