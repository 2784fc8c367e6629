// `tfc rasp`: the RASP reference interpreter, its analyses and drawings, and the REPL.
#include "frontend/rasp/Session.h"
#include "tools/tfc/Commands.h"
#include "tools/tfc/Diagnostics.h"
#include "llvm/Support/raw_ostream.h"
#include <iostream>
#include <unistd.h>

namespace tfc {

int runRaspCommand(const RaspOptions &options) {
  std::string error;
  auto session = rasp::Session::create(error);
  if (!session) {
    llvm::errs() << error;
    return kExitError;
  }
  bool compiling = options.report || options.explain || options.verify;
  if (compiling && !options.compile) {
    printError("--report, --explain and --verify apply to --compile");
    return kExitError;
  }
  if (options.compile) {
    if (options.program.empty() || options.layers || !options.drawPath.empty() ||
        options.input || options.showSelectors) {
      printError("--compile needs a program file and takes no --input, --layers, --draw or "
                 "--show-selectors");
      return kExitError;
    }
    return compileRaspForRasp(options);
  }
  if (!options.model.vocab.empty() || options.model.maxSeqLen || options.model.causal) {
    printError("--vocab, --max-seq-len and --causal apply to --compile");
    return kExitError;
  }
  if (options.program.empty()) {
    if (options.showSelectors || options.layers || !options.drawPath.empty() ||
        !options.output.empty()) {
      printError("--show-selectors, --layers, --draw and --output need a program file");
      return kExitError;
    }
    if (options.input && !session->setExample(*options.input, error)) {
      llvm::errs() << error;
      return kExitError;
    }
    session->repl(std::cin, std::cout, isatty(STDIN_FILENO));
    return kExitOk;
  }
  // --layers and --draw report on one s-op; without them every named s-op is printed.
  bool analyse = options.layers || !options.drawPath.empty();
  if (!analyse && !options.output.empty()) {
    printError("--output names the s-op for --layers or --draw, and neither is given");
    return kExitError;
  }
  if (!session->runFile(options.program, error) ||
      (options.input && !session->setExample(*options.input, error)) ||
      (!analyse && !session->printNamed(std::cout, options.showSelectors, error))) {
    std::cout.flush();
    llvm::errs() << error;
    return kExitError;
  }
  if (!analyse)
    return kExitOk;
  rasp::SOpPtr output = session->outputSOp(options.output, error);
  if (!output) {
    llvm::errs() << error;
    return kExitError;
  }
  if (options.layers)
    session->printLayers(output, std::cout);
  if (!options.drawPath.empty() && !session->draw(output, options.drawPath, error)) {
    std::cout.flush();
    printError(error);
    return kExitError;
  }
  return kExitOk;
}

} // namespace tfc
