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
  if (!session->runFile(options.program, error) ||
      (options.input && !session->setExample(*options.input, error)) ||
      !session->printNamed(std::cout, options.showSelectors, error)) {
    std::cout.flush();
    llvm::errs() << error;
    return kExitError;
  }
  if (!options.layers && options.drawPath.empty())
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
