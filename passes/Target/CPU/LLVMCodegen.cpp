// LLVM IR translation, optimisation, object emission and shared-library linking.
#include "passes/Target/CPU/LLVMCodegen.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "passes/Target/CPU/CPUCheck.h"
#include "passes/Target/CPU/MicroKernels.h"
#include "passes/Target/CPU/ModelVersions.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;

namespace tfc {
namespace {

/// The host's target machine for `cpu` ("native" means the host CPU and its features).
FailureOr<std::unique_ptr<llvm::TargetMachine>> createTargetMachine(ModuleOp module,
                                                                    StringRef cpu,
                                                                    unsigned optLevel) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  // The kernels' CPU detection (runtime/ukernels/cpu.c) is inline assembly (cpuid, xgetbv).
  llvm::InitializeNativeTargetAsmParser();
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return emitError(module.getLoc(), "no LLVM target for ") << triple.str() << ": " << error;
  std::string cpuName = cpu.str(), features;
  if (cpu == "native") {
    cpuName = llvm::sys::getHostCPUName().str();
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      features += (feature.second ? "+" : "-") + feature.first().str() + ",";
  } else {
    std::unique_ptr<llvm::MCSubtargetInfo> info(
        target->createMCSubtargetInfo(triple, cpuName, ""));
    if (!info || !info->isCPUStringValid(cpuName))
      return emitError(module.getLoc(), "unknown CPU '") << cpu << "' for " << triple.str();
  }
  llvm::CodeGenOptLevel level = optLevel == 0   ? llvm::CodeGenOptLevel::None
                                : optLevel == 1 ? llvm::CodeGenOptLevel::Less
                                : optLevel == 2 ? llvm::CodeGenOptLevel::Default
                                                : llvm::CodeGenOptLevel::Aggressive;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpuName, features, llvm::TargetOptions(), llvm::Reloc::PIC_, std::nullopt,
      level));
  if (!machine)
    return emitError(module.getLoc(), "cannot create a target machine for ") << cpuName;
  return machine;
}

/// A temporary file next to `path`, renamed over it by `commit`, removed otherwise: a failed
/// compilation never leaves a half-written output behind.
class PendingOutput {
public:
  explicit PendingOutput(StringRef path) : path(path.str()) {
    llvm::SmallString<256> model(path);
    model += ".tmp-%%%%%%";
    int fd;
    if (!llvm::sys::fs::createUniqueFile(model, fd, temp)) {
      llvm::sys::Process::SafelyCloseFileDescriptor(fd);
      valid = true;
    }
  }
  ~PendingOutput() {
    if (valid)
      llvm::sys::fs::remove(temp);
  }
  bool ok() const { return valid; }
  StringRef tempPath() const { return temp; }
  std::error_code commit() {
    std::error_code ec = llvm::sys::fs::rename(temp, path);
    if (!ec)
      valid = false;
    return ec;
  }

private:
  std::string path;
  llvm::SmallString<256> temp;
  bool valid = false;
};

LogicalResult emitObject(ModuleOp module, llvm::Module &llvmModule, StringRef path,
                         const CodegenOptions &options) {
  auto machine = createTargetMachine(module, options.cpu, options.optLevel);
  if (failed(machine))
    return failure();
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return emitError(module.getLoc(), "cannot write ") << path << ": " << ec.message();
  llvmModule.setDataLayout((*machine)->createDataLayout());
  llvmModule.setTargetTriple((*machine)->getTargetTriple());
  llvm::legacy::PassManager pm;
  if ((*machine)->addPassesToEmitFile(pm, os, nullptr, llvm::CodeGenFileType::ObjectFile))
    return emitError(module.getLoc(), "the target cannot emit object files");
  pm.run(llvmModule);
  os.close();
  if (os.has_error())
    return emitError(module.getLoc(), "cannot write ") << path << ": " << os.error().message();
  return success();
}

} // namespace

FailureOr<std::unique_ptr<llvm::Module>> translateToLLVMIR(ModuleOp module,
                                                           llvm::LLVMContext &llvmContext,
                                                           const CodegenOptions &options) {
  std::unique_ptr<llvm::Module> llvmModule = translateModuleToLLVMIR(module, llvmContext);
  if (!llvmModule)
    return emitError(module.getLoc(), "cannot translate the module to LLVM IR");
  auto machine = createTargetMachine(module, options.cpu, options.optLevel);
  if (failed(machine))
    return failure();
  llvmModule->setDataLayout((*machine)->createDataLayout());
  llvmModule->setTargetTriple((*machine)->getTargetTriple());
  // Before optimisation, so that the kernels are optimised (and may be inlined) with the model;
  // the CPU check and the model's AVX2 copy first, as they call functions of the kernels'
  // runtime (tfc_uk_cpu_missing, tfc_uk_cpu_level) that the linking then brings in.
  addCpuCheck(*llvmModule, **machine);
  addModelVersions(*llvmModule, **machine);
  if (failed(linkMicroKernels(module, *llvmModule, **machine)))
    return failure();
  auto optimize = makeOptimizingTransformer(options.optLevel, /*sizeLevel=*/0, machine->get());
  if (llvm::Error err = optimize(llvmModule.get()))
    return emitError(module.getLoc(), "LLVM optimisation failed: ")
           << llvm::toString(std::move(err));
  return llvmModule;
}

LogicalResult writeObjectFile(ModuleOp module, llvm::Module &llvmModule, StringRef path,
                              const CodegenOptions &options) {
  PendingOutput out(path);
  if (!out.ok())
    return emitError(module.getLoc(), "cannot create a file next to ") << path;
  if (failed(emitObject(module, llvmModule, out.tempPath(), options)))
    return failure();
  if (std::error_code ec = out.commit())
    return emitError(module.getLoc(), "cannot write ") << path << ": " << ec.message();
  return success();
}

LogicalResult writeSharedLibrary(ModuleOp module, llvm::Module &llvmModule, StringRef path,
                                 const CodegenOptions &options) {
  llvm::SmallString<128> object;
  if (llvm::sys::fs::createTemporaryFile("tfc-model", "o", object))
    return emitError(module.getLoc(), "cannot create a temporary object file");
  llvm::FileRemover removeObject(object);
  if (failed(emitObject(module, llvmModule, object, options)))
    return failure();
  // The generated code calls libm (erff, ...) and libc (malloc, free, memcpy).
  auto driver = llvm::sys::findProgramByName("cc");
  if (!driver)
    driver = llvm::sys::findProgramByName("clang-22");
  if (!driver)
    return emitError(module.getLoc(),
                     "linking a shared library needs a C compiler driver (cc or clang-22) on "
                     "PATH; use --emit=obj to get the object file instead");
  PendingOutput out(path);
  if (!out.ok())
    return emitError(module.getLoc(), "cannot create a file next to ") << path;
  std::string outPath = out.tempPath().str();
  SmallVector<StringRef> args = {*driver, "-shared", "-o", outPath, object, "-lm"};
  std::string errorMessage;
  llvm::SmallString<128> log;
  if (llvm::sys::fs::createTemporaryFile("tfc-link", "log", log))
    return emitError(module.getLoc(), "cannot create a temporary file");
  llvm::FileRemover removeLog(log);
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(log), StringRef(log)};
  int rc = llvm::sys::ExecuteAndWait(*driver, args, std::nullopt, redirects, 0, 0,
                                     &errorMessage);
  if (rc != 0) {
    auto text = llvm::MemoryBuffer::getFile(log);
    return emitError(module.getLoc(), "linking the shared library failed (")
           << *driver << " exited with " << rc << "): "
           << (text ? (*text)->getBuffer().trim() : StringRef(errorMessage));
  }
  if (std::error_code ec = out.commit())
    return emitError(module.getLoc(), "cannot write ") << path << ": " << ec.message();
  return success();
}

} // namespace tfc
