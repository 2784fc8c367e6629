// libFuzzer target for the RASP front end: the parser on the raw bytes, then the REPL (which
// runs every statement it can, reports the rest) and the analyses on what the input built.
// Any crash, hang, sanitizer report or escaped exception is a bug.
#include "frontend/rasp/Interpreter.h"
#include "frontend/rasp/Parser.h"
#include "frontend/rasp/Session.h"

#include <cstddef>
#include <cstdint>
#include <sstream>

using namespace tfc::rasp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto file = std::make_shared<SourceFile>();
  file->name = "<fuzz>";
  file->text.assign(reinterpret_cast<const char *>(data), size);
  ParseResult parsed = parseProgram(file);
  (void)parsed;

  std::string error;
  auto session = Session::create(error);
  if (!session)
    __builtin_trap(); // the bundled library must always load
  // A smaller step budget than tfc's: each input should take milliseconds.
  session->interpreter().maxSteps = 200'000;
  session->drawToFiles = false;
  std::istringstream in(file->text);
  std::ostringstream out;
  session->repl(in, out, /*interactive=*/false);
  if (SOpPtr sop = session->outputSOp("", error)) {
    session->printLayers(sop, out);
    session->printNamed(out, /*showSelectors=*/true, error);
  }
  return 0;
}
