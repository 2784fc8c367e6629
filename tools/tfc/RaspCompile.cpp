// `tfc compile PROG.rasp`: runs the program with the interpreter to build its s-op graph, emits
// the rasp dialect and infers every s-op's value set for the vocabulary and maximum length.
#include "dialect/RASP/RASPOps.h"
#include "frontend/rasp/EmitDialect.h"
#include "frontend/rasp/Session.h"
#include "passes/RASP/Passes.h"
#include "tools/tfc/Commands.h"
#include "tools/tfc/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
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

static bool checkOptions(const CompileOptions &options) {
  const RaspCompileOptions &rasp = options.rasp;
  if (options.emit != EmitKind::RASP) {
    printError("not supported: RASP programs compile to --emit=rasp only; turning them into "
               "transformers (--emit=tfc and the targets after it) is not implemented yet");
    return false;
  }
  if (rasp.vocab.empty() || !rasp.maxSeqLen) {
    printError("compiling a RASP program needs --vocab and --max-seq-len");
    return false;
  }
  if (*rasp.maxSeqLen < 1) {
    printError("--max-seq-len must be at least 1");
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

int compileRaspProgram(const CompileOptions &options) {
  if (!checkOptions(options))
    return kExitError;
  std::string error;
  auto session = rasp::Session::create(error);
  if (!session || !session->runFile(options.input, error)) {
    llvm::errs() << error;
    return kExitError;
  }
  rasp::SOpPtr output = session->outputSOp(options.rasp.sop, error);
  if (!output) {
    llvm::errs() << error;
    return kExitError;
  }

  MLIRContext context;
  context.getOrLoadDialect<rasp::RASPDialect>();
  DiagnosticPrinter diagnostics(context);
  rasp::EmitOptions emit;
  emit.programName = programName(options.input);
  for (const std::string &token : options.rasp.vocab)
    emit.vocab.push_back(rasp::Atom::ofString(token));
  emit.maxSeqLen = options.rasp.maxSeqLen;
  OwningOpRef<ModuleOp> module = rasp::emitDialect(context, output, emit, error);
  if (!module) {
    llvm::errs() << error;
    return kExitError;
  }
  PassManager pm(&context);
  pm.nest<rasp::ProgramOp>().addPass(rasp::createInferValueSets());
  if (failed(pm.run(*module)))
    return kExitError;

  std::string path = options.output.empty() ? "-" : options.output;
  if (failed(writeText(path, [&](llvm::raw_ostream &os) { module->print(os); })))
    return kExitError;
  return kExitOk;
}

} // namespace tfc
