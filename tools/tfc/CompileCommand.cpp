// `tfc compile`: a model to tfc/linalg IR, LLVM IR, an object file or a shared library.
#include "passes/Target/CPU/LLVMCodegen.h"
#include "passes/Target/CPU/Pipeline.h"
#include "frontend/onnx/ONNXImporter.h"
#include "tools/tfc/Commands.h"
#include "tools/tfc/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;

namespace tfc {

static std::string defaultOutput(const CompileOptions &options) {
  llvm::SmallString<128> path(llvm::sys::path::stem(options.input));
  if (options.emit == EmitKind::Library)
    return (path + ".so").str();
  if (options.emit == EmitKind::Object)
    return (path + ".o").str();
  return "-";
}

LogicalResult writeText(StringRef path, llvm::function_ref<void(llvm::raw_ostream &)> print) {
  std::string error;
  auto file = openOutputFile(path, &error);
  if (!file) {
    printError(error);
    return failure();
  }
  print(file->os());
  file->os().flush();
  if (file->os().has_error()) {
    printError("cannot write " + path);
    file->os().clear_error();
    return failure();
  }
  file->keep();
  return success();
}

int runCompileCommand(const CompileOptions &options) {
  bool raspProgram = llvm::sys::path::extension(options.input) == ".rasp";
  if (raspProgram)
    return compileRaspProgram(options);
  if (options.emit == EmitKind::RASP || options.emit == EmitKind::ONNX) {
    printError(std::string("--emit=") + (options.emit == EmitKind::RASP ? "rasp" : "onnx") +
               " needs a RASP program (.rasp)");
    return kExitError;
  }
  if (!options.rasp.vocab.empty() || options.rasp.maxSeqLen || !options.rasp.sop.empty() ||
      options.rasp.causal) {
    printError("--vocab, --max-seq-len, --sop and --causal apply to RASP programs (.rasp) only");
    return kExitError;
  }
  DialectRegistry registry;
  registerCompilerDialects(registry);
  MLIRContext context(registry);
  DiagnosticPrinter diagnostics(context);

  if (options.checkOnly) {
    if (StringRef(options.input).ends_with(".mlir")) {
      printError("--check applies to ONNX models");
      return kExitError;
    }
    auto result = checkOnnxModel(options.input, context);
    if (failed(result))
      return kExitError;
    llvm::outs() << options.input << ": " << result->nodes << " nodes, "
                 << result->unsupported << " unsupported\n";
    return result->unsupported ? kExitError : 0;
  }
  ModelOptions modelOptions = options.model;
  modelOptions.keepSymbolicDims = options.emit == EmitKind::TFC;
  OwningOpRef<ModuleOp> module = loadModel(options.input, context, modelOptions);
  if (!module)
    return kExitError;
  return lowerAndWrite(*module, options);
}

int lowerAndWrite(ModuleOp module, const CompileOptions &options) {
  bool binary = options.emit == EmitKind::Object || options.emit == EmitKind::Library;
  if (binary && options.output == "-") {
    printError("object files and libraries cannot go to stdout; give -o PATH");
    return kExitError;
  }
  Stage stage = options.emit == EmitKind::TFC      ? Stage::TFC
                : options.emit == EmitKind::Linalg ? Stage::Linalg
                                                   : Stage::LLVM;
  PipelineOptions pipeline{options.model.printIRAfterAll, options.model.timePasses,
                           options.model.fuse, options.model.fusionReport,
                           options.model.microKernels, options.model.memoryPlan};
  if (failed(lowerModule(module, stage, pipeline)))
    return kExitError;

  std::string output = options.output.empty() ? defaultOutput(options) : options.output;
  if (options.emit == EmitKind::TFC || options.emit == EmitKind::Linalg)
    return succeeded(writeText(output, [&](llvm::raw_ostream &os) { module.print(os); }))
               ? kExitOk
               : kExitError;

  CodegenOptions codegen;
  codegen.cpu = options.model.cpu;
  codegen.optLevel = options.model.optLevel;
  llvm::LLVMContext llvmContext;
  auto llvmModule = translateToLLVMIR(module, llvmContext, codegen);
  if (failed(llvmModule))
    return kExitError;
  LogicalResult written = success();
  switch (options.emit) {
  case EmitKind::LLVM:
    written = writeText(output, [&](llvm::raw_ostream &os) { (*llvmModule)->print(os, nullptr); });
    break;
  case EmitKind::Object:
    written = writeObjectFile(module, **llvmModule, output, codegen);
    break;
  default:
    written = writeSharedLibrary(module, **llvmModule, output, codegen);
    break;
  }
  return succeeded(written) ? kExitOk : kExitError;
}

} // namespace tfc
