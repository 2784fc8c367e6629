// Linking the embedded micro-kernel bitcode (runtime/ukernels) into a model's
// LLVM module.
#include "passes/Target/CPU/MicroKernels.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Linker/Linker.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;

namespace tfc {
namespace {

struct MicroKernelVariant {
  const char *name;
  const unsigned char *bitcode;
  size_t size;
};

#include "runtime/ukernels/MicroKernelBitcode.inc"

const MicroKernelVariant *findVariant(StringRef name) {
  for (const MicroKernelVariant &variant : kMicroKernelVariants)
    if (name == variant.name)
      return &variant;
  return nullptr;
}

} // namespace

bool isMicroKernel(const llvm::Function &function) {
  return function.getName().starts_with("tfc_uk_") ||
         function.getName().starts_with("_mlir_memref_to_llvm_");
}

StringRef microKernelVariant(const llvm::TargetMachine &machine) {
  const llvm::MCSubtargetInfo *info = machine.getMCSubtargetInfo();
  if (machine.getTargetTriple().getArch() == llvm::Triple::x86_64 && info) {
    if (info->checkFeatures("+avx512f,+avx512vl,+avx512bw,+avx512dq") && findVariant("avx512"))
      return "avx512";
    if (info->checkFeatures("+avx2,+fma") && findVariant("avx2"))
      return "avx2";
  }
  return "generic";
}

namespace {

/// The variant's bitcode as a module for `llvmModule`'s target.
FailureOr<std::unique_ptr<llvm::Module>> loadVariant(ModuleOp module, llvm::Module &llvmModule,
                                                     StringRef name) {
  const MicroKernelVariant *variant = findVariant(name);
  if (!variant)
    return emitError(module.getLoc(), "internal error: no micro-kernel bitcode for ") << name;
  llvm::MemoryBufferRef buffer(
      StringRef(reinterpret_cast<const char *>(variant->bitcode), variant->size),
      "tfc-ukernels-" + std::string(name));
  auto kernels = llvm::parseBitcodeFile(buffer, llvmModule.getContext());
  if (!kernels)
    return emitError(module.getLoc(), "internal error: unreadable micro-kernel bitcode: ")
           << llvm::toString(kernels.takeError());
  (*kernels)->setDataLayout(llvmModule.getDataLayout());
  (*kernels)->setTargetTriple(llvmModule.getTargetTriple());
  return std::move(*kernels);
}

/// Calls to the declaration named `name`, if there is one, call `function` instead.
void redirectCalls(llvm::Module &kernels, StringRef name, llvm::Function *function) {
  llvm::Function *declaration = kernels.getFunction(name);
  if (!declaration || declaration == function)
    return;
  declaration->replaceAllUsesWith(function);
  declaration->eraseFromParent();
}

/// Gives function `from` the name `to`; calls to a declaration of `to` now call it.
void renameFunction(llvm::Module &kernels, StringRef from, StringRef to) {
  llvm::Function *function = kernels.getFunction(from);
  if (!function)
    return;
  redirectCalls(kernels, to, function);
  function->setName(to);
}

LogicalResult link(ModuleOp module, llvm::Module &llvmModule,
                   std::unique_ptr<llvm::Module> kernels) {
  if (llvm::Linker::linkModules(llvmModule, std::move(kernels),
                                llvm::Linker::Flags::LinkOnlyNeeded))
    return emitError(module.getLoc(), "internal error: cannot link the micro-kernels");
  return success();
}

} // namespace

LogicalResult linkMicroKernels(ModuleOp module, llvm::Module &llvmModule,
                               const llvm::TargetMachine &machine) {
  bool needed = llvm::any_of(llvmModule.functions(), [](const llvm::Function &function) {
    return function.isDeclaration() && isMicroKernel(function);
  });
  if (!needed)
    return success();
  StringRef name = microKernelVariant(machine);
  auto base = loadVariant(module, llvmModule, name);
  if (failed(base))
    return failure();
  // An x86-64 CPU below AVX-512: the model runs wherever its own CPU level does, perhaps on a
  // machine with AVX2 or AVX-512. Its tfc_uk_sgemm is then runtime/ukernels/cpu.c's
  // dispatcher, over its own variant and every better one (each variant's functions carry
  // their CPU's target features, so LLVM compiles each for its own CPU in the one module).
  bool dispatch = machine.getTargetTriple().getArch() == llvm::Triple::x86_64 && name != "avx512" &&
                  findVariant("avx512") && findVariant("avx2") &&
                  (*base)->getFunction("tfc_uk_sgemm_dispatch");
  if (!dispatch) {
    if (failed(link(module, llvmModule, std::move(*base))))
      return failure();
  } else {
    llvm::Module &own = **base;
    renameFunction(own, "tfc_uk_sgemm", ("tfc_uk_sgemm_" + name).str());
    // A model for x86-64-v3 never runs below it: the dispatcher's generic case is its own.
    if (name == "avx2")
      redirectCalls(own, "tfc_uk_sgemm_generic", own.getFunction("tfc_uk_sgemm_avx2"));
    renameFunction(own, "tfc_uk_sgemm_dispatch", "tfc_uk_sgemm");
    if (failed(link(module, llvmModule, std::move(*base))))
      return failure();
    for (StringRef better : {"avx2", "avx512"}) {
      if (better == name)
        continue;
      auto kernels = loadVariant(module, llvmModule, better);
      if (failed(kernels))
        return failure();
      // Only its kernel: the thread pool, the allocator and their state (and the
      // allocator's destructor) come once, from the model's own variant.
      renameFunction(**kernels, "tfc_uk_sgemm", ("tfc_uk_sgemm_" + better).str());
      for (llvm::Function &function : (*kernels)->functions())
        if (!function.isDeclaration() && !function.hasLocalLinkage() &&
            function.getName() != ("tfc_uk_sgemm_" + better).str())
          function.deleteBody();
      for (StringRef list : {"llvm.global_ctors", "llvm.global_dtors"})
        if (llvm::GlobalVariable *global = (*kernels)->getGlobalVariable(list))
          global->eraseFromParent();
      if (failed(link(module, llvmModule, std::move(*kernels))))
        return failure();
    }
  }
  for (llvm::Function &function : llvmModule.functions())
    if (!function.isDeclaration() && isMicroKernel(function))
      function.setLinkage(llvm::GlobalValue::InternalLinkage);
  return success();
}

} // namespace tfc
