// The check that the CPU running a model has the instruction set extensions the model was
// compiled for: without it, a library built with --mcpu=native on an AVX-512 machine dies of
// SIGILL on an older one.
#include "passes/Target/CPU/CPUCheck.h"
#include "runtime/ukernels/tfc_ukernels.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/MC/MCSubtargetInfo.h"

namespace tfc {
namespace {

/// An extension LLVM may use on its own (vectorization, instruction selection), not only
/// through intrinsics, and its CPUID bit. Extensions without an entry (AES, SHA, AMX, AVX10,
/// ...) are not checked.
struct Extension {
  const char *name; // the LLVM feature
  unsigned leaf;    // 0: CPUID 1, 1: 7.0, 2: 7.1, 3: 0x80000001
  unsigned reg;     // 0 eax, 1 ebx, 2 ecx, 3 edx
  unsigned bit;
  unsigned xcr0; // register state the OS must save: 0x6 AVX, 0xE6 AVX-512
};

constexpr unsigned kAvx = 0x6, kAvx512 = 0xE6;

// clang-format off
const Extension kExtensions[] = {
    {"sse3", 0, 2, 0, 0},          {"ssse3", 0, 2, 9, 0},         {"fma", 0, 2, 12, kAvx},
    {"cx16", 0, 2, 13, 0},         {"sse4.1", 0, 2, 19, 0},       {"sse4.2", 0, 2, 20, 0},
    {"movbe", 0, 2, 22, 0},        {"popcnt", 0, 2, 23, 0},       {"avx", 0, 2, 28, kAvx},
    {"f16c", 0, 2, 29, kAvx},      {"bmi", 1, 1, 3, 0},           {"avx2", 1, 1, 5, kAvx},
    {"bmi2", 1, 1, 8, 0},          {"avx512f", 1, 1, 16, kAvx512}, {"avx512dq", 1, 1, 17, kAvx512},
    {"avx512ifma", 1, 1, 21, kAvx512}, {"avx512cd", 1, 1, 28, kAvx512},
    {"avx512bw", 1, 1, 30, kAvx512}, {"avx512vl", 1, 1, 31, kAvx512},
    {"avx512vbmi", 1, 2, 1, kAvx512}, {"avx512vbmi2", 1, 2, 6, kAvx512}, {"gfni", 1, 2, 8, 0},
    {"avx512vnni", 1, 2, 11, kAvx512}, {"avx512bitalg", 1, 2, 12, kAvx512},
    {"avx512vpopcntdq", 1, 2, 14, kAvx512}, {"avx512fp16", 1, 3, 23, kAvx512},
    {"avxvnni", 2, 0, 4, kAvx},    {"avx512bf16", 2, 0, 5, kAvx512}, {"sahf", 3, 2, 0, 0},
    {"lzcnt", 3, 2, 5, 0},         {"sse4a", 3, 2, 6, 0},         {"xop", 3, 2, 11, kAvx},
    {"fma4", 3, 2, 16, kAvx},      {"tbm", 3, 2, 21, 0},
};
// clang-format on

} // namespace

void makeBaseline(llvm::Function &function) {
  // The features clang gives -march=x86-64.
  function.addFnAttr("target-cpu", "x86-64");
  function.addFnAttr("target-features", "+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87");
}

void addCpuCheck(llvm::Module &llvmModule, const llvm::TargetMachine &machine) {
  llvm::Function *run = llvmModule.getFunction("tfc_compiled_run");
  const llvm::MCSubtargetInfo *info = machine.getMCSubtargetInfo();
  if (machine.getTargetTriple().getArch() != llvm::Triple::x86_64 || !run || !info ||
      run->isDeclaration())
    return;

  // The target's extensions that the check knows, in table order.
  llvm::SmallVector<uint32_t> codes;
  std::string names;
  for (const Extension &extension : kExtensions) {
    auto feature = llvm::find_if(info->getAllProcessorFeatures(), [&](const auto &kv) {
      return llvm::StringRef(kv.Key) == extension.name;
    });
    if (feature == info->getAllProcessorFeatures().end() ||
        !info->getFeatureBits().test(feature->Value))
      continue;
    codes.push_back(extension.bit | extension.reg << TFC_UK_CPU_REG_SHIFT |
                    extension.leaf << TFC_UK_CPU_LEAF_SHIFT |
                    extension.xcr0 << TFC_UK_CPU_XCR0_SHIFT);
    names += (names.empty() ? "" : ",") + std::string(extension.name);
  }

  llvm::LLVMContext &context = llvmModule.getContext();
  llvm::IRBuilder<> b(context);
  auto *i32 = b.getInt32Ty();
  auto *ptr = b.getPtrTy();
  auto *codeArray = llvm::ArrayType::get(i32, codes.size());
  auto *codeTable = new llvm::GlobalVariable(
      llvmModule, codeArray, /*isConstant=*/true, llvm::GlobalValue::PrivateLinkage,
      llvm::ConstantDataArray::get(context, codes), "tfc_cpu_extension_codes");
  auto *nameTable = new llvm::GlobalVariable(
      llvmModule, llvm::ArrayType::get(b.getInt8Ty(), names.size() + 1), true,
      llvm::GlobalValue::PrivateLinkage, llvm::ConstantDataArray::getString(context, names),
      "tfc_cpu_extension_names");
  std::string cpuName = machine.getTargetCPU().str();
  auto *targetName = new llvm::GlobalVariable(
      llvmModule, llvm::ArrayType::get(b.getInt8Ty(), cpuName.size() + 1), true,
      llvm::GlobalValue::PrivateLinkage, llvm::ConstantDataArray::getString(context, cpuName),
      "tfc_cpu_target");
  llvm::FunctionCallee missing = llvmModule.getOrInsertFunction(
      "tfc_uk_cpu_missing", llvm::FunctionType::get(ptr, {ptr, i32, ptr, ptr}, false));

  // tfc_compiled_cpu_check(): NULL, or what this CPU lacks.
  auto *check = llvm::Function::Create(llvm::FunctionType::get(ptr, false),
                                       llvm::GlobalValue::ExternalLinkage, "tfc_compiled_cpu_check",
                                       llvmModule);
  makeBaseline(*check);
  b.SetInsertPoint(llvm::BasicBlock::Create(context, "entry", check));
  b.CreateRet(b.CreateCall(missing, {codeTable, b.getInt32(codes.size()), nameTable, targetName}));

  // tfc_compiled_run becomes the model's body, behind a baseline function that runs it only
  // on a CPU that passes the check (and returns 1 otherwise). The body cannot be inlined
  // into it: LLVM does not inline a function into one with fewer target features.
  run->setName("tfc_compiled_run_body");
  run->setLinkage(llvm::GlobalValue::InternalLinkage);
  auto *wrapper = llvm::Function::Create(run->getFunctionType(), llvm::GlobalValue::ExternalLinkage,
                                         "tfc_compiled_run", llvmModule);
  makeBaseline(*wrapper);
  auto *entry = llvm::BasicBlock::Create(context, "entry", wrapper);
  auto *refuse = llvm::BasicBlock::Create(context, "refuse", wrapper);
  auto *body = llvm::BasicBlock::Create(context, "run", wrapper);
  b.SetInsertPoint(entry);
  b.CreateCondBr(b.CreateIsNotNull(b.CreateCall(check)), refuse, body);
  b.SetInsertPoint(refuse);
  b.CreateRet(b.getInt32(1));
  b.SetInsertPoint(body);
  llvm::SmallVector<llvm::Value *> args;
  for (llvm::Argument &arg : wrapper->args())
    args.push_back(&arg);
  b.CreateRet(b.CreateCall(run, args));
  // The signature only returns a pointer; baseline code all the same, as loaders call it
  // before they know whether the model can run.
  if (llvm::Function *signature = llvmModule.getFunction("tfc_compiled_signature"))
    if (!signature->isDeclaration())
      makeBaseline(*signature);
}

} // namespace tfc
