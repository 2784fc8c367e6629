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

/// The kernels, and the buffer allocation functions (runtime/ukernels/alloc.c) that memref
/// allocations lower to.
bool isMicroKernel(const llvm::Function &function) {
  return function.getName().starts_with("tfc_uk_") ||
         function.getName().starts_with("_mlir_memref_to_llvm_");
}

} // namespace

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

LogicalResult linkMicroKernels(ModuleOp module, llvm::Module &llvmModule,
                               const llvm::TargetMachine &machine) {
  bool needed = llvm::any_of(llvmModule.functions(), [](const llvm::Function &function) {
    return function.isDeclaration() && isMicroKernel(function);
  });
  if (!needed)
    return success();
  StringRef name = microKernelVariant(machine);
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
  if (llvm::Linker::linkModules(llvmModule, std::move(*kernels),
                                llvm::Linker::Flags::LinkOnlyNeeded))
    return emitError(module.getLoc(), "internal error: cannot link the micro-kernels");
  for (llvm::Function &function : llvmModule.functions())
    if (!function.isDeclaration() && isMicroKernel(function))
      function.setLinkage(llvm::GlobalValue::InternalLinkage);
  return success();
}

} // namespace tfc
