// A second version of a model's code for CPUs with AVX2, in a library compiled for the
// baseline x86-64: such a library ran BERT-base ~32% slower than one for x86-64-v3 on the
// same machine (its loops in SSE2), though the matmul kernels already chose at run time.
#include "passes/Target/CPU/ModelVersions.h"
#include "passes/Target/CPU/CPUCheck.h"
#include "passes/Target/CPU/MicroKernels.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Transforms/Utils/Cloning.h"

namespace tfc {
namespace {

/// The functions defined in the module that `root` calls or takes the address of, directly
/// or through others (a parallel task's entry is passed to the thread pool), `root` first;
/// the micro-kernels aside (they pick their own variant at run time).
llvm::SetVector<llvm::Function *> modelFunctions(llvm::Function *root) {
  llvm::SetVector<llvm::Function *> functions;
  functions.insert(root);
  for (size_t i = 0; i < functions.size(); ++i)
    for (llvm::Instruction &inst : llvm::instructions(*functions[i]))
      for (llvm::Value *operand : inst.operands())
        if (auto *callee = llvm::dyn_cast<llvm::Function>(operand->stripPointerCasts()))
          if (!callee->isDeclaration() && !isMicroKernel(*callee))
            functions.insert(callee);
  return functions;
}

} // namespace

void addModelVersions(llvm::Module &llvmModule, const llvm::TargetMachine &machine) {
  const llvm::MCSubtargetInfo *info = machine.getMCSubtargetInfo();
  llvm::Function *body = llvmModule.getFunction("tfc_compiled_run_body");
  if (machine.getTargetTriple().getArch() != llvm::Triple::x86_64 || !info || !body ||
      info->checkFeatures("+avx2,+fma,+bmi,+bmi2,+f16c,+lzcnt,+movbe"))
    return;

  // The copies, declared first so that calls and task pointers between them map.
  llvm::SetVector<llvm::Function *> functions = modelFunctions(body);
  llvm::ValueToValueMapTy map;
  for (llvm::Function *function : functions) {
    auto *copy =
        llvm::Function::Create(function->getFunctionType(), llvm::GlobalValue::InternalLinkage,
                               function->getName() + "_avx2", llvmModule);
    map[function] = copy;
  }
  for (llvm::Function *function : functions) {
    auto *copy = llvm::cast<llvm::Function>(map[function]);
    for (auto [from, to] : llvm::zip(function->args(), copy->args())) {
      to.setName(from.getName());
      map[&from] = &to;
    }
    llvm::SmallVector<llvm::ReturnInst *> returns;
    llvm::CloneFunctionInto(copy, function, map, llvm::CloneFunctionChangeType::LocalChangesOnly,
                            returns);
    copy->setLinkage(llvm::GlobalValue::InternalLinkage);
    copy->addFnAttr("target-cpu", "x86-64-v3");
    copy->addFnAttr("target-features", "");
  }

  // The model's entry (behind the CPU check) now runs one version or the other: the AVX2
  // one where runtime/ukernels/cpu.c's level is 1 or more (TFC_UK_ISA=generic caps it at 0,
  // so that tests run both here).
  llvm::LLVMContext &context = llvmModule.getContext();
  // Before the entry's call moves to the chooser (the map follows replaced values).
  auto *bodyAvx2 = llvm::cast<llvm::Function>(map[body]);
  auto *choose = llvm::Function::Create(body->getFunctionType(), llvm::GlobalValue::InternalLinkage,
                                        "tfc_compiled_run_versions", llvmModule);
  body->replaceAllUsesWith(choose);
  makeBaseline(*choose);
  llvm::IRBuilder<> b(context);
  auto *entry = llvm::BasicBlock::Create(context, "entry", choose);
  auto *avx2 = llvm::BasicBlock::Create(context, "avx2", choose);
  auto *baseline = llvm::BasicBlock::Create(context, "baseline", choose);
  b.SetInsertPoint(entry);
  llvm::FunctionCallee level = llvmModule.getOrInsertFunction(
      "tfc_uk_cpu_level", llvm::FunctionType::get(b.getInt32Ty(), false));
  b.CreateCondBr(b.CreateICmpSGE(b.CreateCall(level), b.getInt32(1)), avx2, baseline);
  llvm::SmallVector<llvm::Value *> args;
  for (llvm::Argument &arg : choose->args())
    args.push_back(&arg);
  for (auto [block, callee] :
       {std::pair<llvm::BasicBlock *, llvm::Function *>{avx2, bodyAvx2}, {baseline, body}}) {
    b.SetInsertPoint(block);
    llvm::CallInst *call = b.CreateCall(callee, args);
    if (call->getType()->isVoidTy())
      b.CreateRetVoid();
    else
      b.CreateRet(call);
  }
}

} // namespace tfc
