// `tfc compile PROG.rasp` and `tfc rasp PROG.rasp --compile`: runs the program with the
// interpreter to build its s-op graph, emits the rasp dialect with value sets, and compiles it
// into a transformer (report, explanation, verification, ONNX or any CPU target).
#include "tools/tfc/RaspCompile.h"

#include "dialect/RASP/RASPOps.h"
#include "dialect/TFC/TFCDialect.h"
#include "frontend/rasp/EmitDialect.h"
#include "passes/RASP/Passes.h"
#include "passes/Target/ONNX/ExportTransformer.h"
#include "passes/Target/CPU/Pipeline.h"
#include "tools/tfc/Diagnostics.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace tfc {

/// A symbol name from the program's file name: letters, digits and '_' only.
static std::string programName(llvm::StringRef path) {
  std::string name = llvm::sys::path::stem(path).str();
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
      c = '_';
  return name.empty() ? "program" : name;
}

static bool checkRaspCompileOptions(const RaspCompileOptions &rasp) {
  if (rasp.vocab.empty() || !rasp.maxSeqLen) {
    printError("compiling a RASP program needs --vocab and --max-seq-len");
    return false;
  }
  if (*rasp.maxSeqLen < 1) {
    printError("--max-seq-len must be at least 1");
    return false;
  }
  if (*rasp.maxSeqLen > 4096) {
    printError("not supported: --max-seq-len above 4096");
    return false;
  }
  llvm::StringSet<> seen;
  for (const std::string &token : rasp.vocab) {
    if (token.empty()) {
      printError("--vocab: empty token (give tokens separated by commas, e.g. a,b,c)");
      return false;
    }
    if (!seen.insert(token).second) {
      printError("--vocab: token '" + token + "' given twice");
      return false;
    }
  }
  return true;
}

/// Runs the program and returns its output s-op as a rasp.program with value sets; null after
/// printing the error.
static OwningOpRef<ModuleOp> raspProgramModule(rasp::Session &session, const std::string &path,
                                               const RaspCompileOptions &options,
                                               MLIRContext &context, rasp::SOpPtr &output) {
  std::string error;
  if (!session.runFile(path, error)) {
    llvm::errs() << error;
    return nullptr;
  }
  output = session.outputSOp(options.sop, error);
  if (!output) {
    llvm::errs() << error;
    return nullptr;
  }
  context.getOrLoadDialect<rasp::RASPDialect>();
  rasp::EmitOptions emit;
  emit.programName = programName(path);
  for (const std::string &token : options.vocab)
    emit.vocab.push_back(rasp::Atom::ofString(token));
  emit.maxSeqLen = options.maxSeqLen;
  OwningOpRef<ModuleOp> module = rasp::emitDialect(context, output, emit, error);
  if (!module) {
    llvm::errs() << error;
    return nullptr;
  }
  PassManager pm(&context);
  // Larger sets than the pass's default: numerical s-ops of long inputs (means of means)
  // take millions of values, which compilation handles in seconds.
  rasp::InferValueSetsOptions valueSets;
  valueSets.maxValues = 4'000'000;
  pm.nest<rasp::ProgramOp>().addPass(rasp::createInferValueSets(valueSets));
  if (failed(pm.run(*module)))
    return nullptr;
  return module;
}

static FailureOr<rasp::CompiledTransformer> compileToTransformer(ModuleOp raspModule,
                                                                 bool causal) {
  auto program = *raspModule.getOps<rasp::ProgramOp>().begin();
  rasp::BuildOptions build;
  build.causal = causal;
  return rasp::buildTransformer(program, build);
}

OwningOpRef<ModuleOp> transformerModule(const rasp::CompiledTransformer &model,
                                        MLIRContext &context, int64_t batch) {
  context.getOrLoadDialect<TFCDialect>();
  context.getOrLoadDialect<func::FuncDialect>();
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(&context));
  rasp::emitTFC(model, *module, batch);
  return module;
}

/// Writes `model` as an ONNX model (opset 17); nothing is left at `path` on failure.
static LogicalResult writeONNXModel(const rasp::CompiledTransformer &model,
                                    llvm::StringRef path) {
  std::string error;
  if (rasp::writeONNX(model, path.str(), error))
    return success();
  printError(error);
  return failure();
}

/// Checks the options, runs the program and hands `use` its rasp-dialect module (with value
/// sets) and output s-op, in a context with every compiler dialect. Errors are printed.
static int withRaspProgram(
    const std::string &path, const RaspCompileOptions &options,
    llvm::function_ref<int(MLIRContext &, ModuleOp, const rasp::SOpPtr &)> use) {
  if (!checkRaspCompileOptions(options))
    return kExitError;
  std::string error;
  auto session = rasp::Session::create(error);
  if (!session) {
    llvm::errs() << error;
    return kExitError;
  }
  DialectRegistry registry;
  registerCompilerDialects(registry);
  MLIRContext context(registry);
  DiagnosticPrinter diagnostics(context);
  rasp::SOpPtr output;
  OwningOpRef<ModuleOp> module = raspProgramModule(*session, path, options, context, output);
  if (!module)
    return kExitError;
  return use(context, *module, output);
}

int compileRaspProgram(const CompileOptions &options) {
  return withRaspProgram(options.input, options.rasp, [&](MLIRContext &context, ModuleOp module,
                                                          const rasp::SOpPtr &) -> int {
    std::string path = options.output;
    if (options.emit == EmitKind::RASP)
      return succeeded(writeText(path.empty() ? "-" : path,
                                 [&](llvm::raw_ostream &os) { module.print(os); }))
                 ? kExitOk
                 : kExitError;
    auto model = compileToTransformer(module, options.rasp.causal);
    if (failed(model))
      return kExitError;
    if (options.emit == EmitKind::ONNX) {
      if (path.empty() || path == "-") {
        printError("ONNX models cannot go to stdout; give -o PATH");
        return kExitError;
      }
      return succeeded(writeONNXModel(*model, path)) ? kExitOk : kExitError;
    }
    OwningOpRef<ModuleOp> tfcModule = transformerModule(*model, context, /*batch=*/1);
    return lowerAndWrite(*tfcModule, options);
  });
}

int compileRaspForRasp(const RaspOptions &options) {
  return withRaspProgram(options.program, options.model, [&](MLIRContext &context,
                                                             ModuleOp module,
                                                             const rasp::SOpPtr &output) -> int {
    auto model = compileToTransformer(module, options.model.causal);
    if (failed(model))
      return kExitError;
    if (options.report)
      model->printReport(llvm::outs());
    if (options.explain)
      model->printExplain(llvm::outs());
    if (!options.report && !options.explain && !options.verify)
      llvm::outs() << "compiled " << model->name << ": " << model->layers.size()
                   << " layers, residual width " << model->residualWidth() << ", mlp width "
                   << model->mlpWidth() << " (--report, --explain and --verify tell more)\n";
    llvm::outs().flush();
    if (!options.verify)
      return kExitOk;
    return verifyTransformer(*model, context, output, options.samples);
  });
}

} // namespace tfc
