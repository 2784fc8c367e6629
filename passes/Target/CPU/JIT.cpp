// In-process compilation of a model with MLIR's ExecutionEngine (the JIT behind
// `tfc run`).
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "passes/Target/CPU/LLVMCodegen.h"
#include "llvm/Support/TargetSelect.h"

using namespace mlir;

namespace tfc {

JitModel::JitModel() = default;
JitModel::~JitModel() = default;

FailureOr<std::unique_ptr<JitModel>> JitModel::create(ModuleOp module,
                                                      const CodegenOptions &options) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  // The kernels' CPU detection (runtime/ukernels/cpu.c) is inline assembly (cpuid, xgetbv).
  llvm::InitializeNativeTargetAsmParser();
  // The same LLVM IR as a compiled library: translated, micro-kernels linked,
  // optimised.
  auto buildModule = [&](Operation *op,
                         llvm::LLVMContext &context) -> std::unique_ptr<llvm::Module> {
    auto llvmModule = translateToLLVMIR(cast<ModuleOp>(op), context, options);
    return succeeded(llvmModule) ? std::move(*llvmModule) : nullptr;
  };
  ExecutionEngineOptions engineOptions;
  engineOptions.llvmModuleBuilder = buildModule;
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine = ExecutionEngine::create(module, engineOptions);
  if (!engine)
    return emitError(module.getLoc(), "JIT compilation failed: ")
           << llvm::toString(engine.takeError());
  std::unique_ptr<JitModel> model(new JitModel());
  model->engine = std::move(*engine);
  auto signature = model->engine->lookup("tfc_compiled_signature");
  auto run = model->engine->lookup("tfc_compiled_run");
  if (!signature || !run) {
    llvm::consumeError(signature.takeError());
    llvm::consumeError(run.takeError());
    return emitError(module.getLoc(), "the compiled module lacks the model ABI functions");
  }
  model->signatureFn = reinterpret_cast<const tfc_abi_signature *(*)(void)>(*signature);
  model->runFn = reinterpret_cast<int32_t (*)(void *const *, void *const *)>(*run);
  if (auto check = model->engine->lookup("tfc_compiled_cpu_check"))
    model->cpuCheckFn = reinterpret_cast<const char *(*)(void)>(*check);
  else
    llvm::consumeError(check.takeError());
  return model;
}

} // namespace tfc
