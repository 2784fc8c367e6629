// A RASP session: the interpreter plus the running example, for `tfc rasp` and its REPL.
// Nothing here throws: errors come back as formatted messages.
#ifndef TFC_FRONTEND_RASP_SESSION_H
#define TFC_FRONTEND_RASP_SESSION_H

#include "frontend/rasp/Values.h"
#include <iosfwd>
#include <memory>
#include <string>

namespace tfc::rasp {

class Interpreter;

class Session {
public:
  /// An interpreter with the bundled library loaded; null (and `error`) if that fails.
  static std::unique_ptr<Session> create(std::string &error);
  ~Session();

  /// Parses and runs the program in `path`. False with a located error on failure.
  bool runFile(const std::string &path, std::string &error);

  /// Sets the example: text starting with '[' is a RASP list expression, anything else is a
  /// string whose characters are the tokens.
  bool setExample(const std::string &text, std::string &error);

  /// Prints every s-op the program named (and its selectors when asked), evaluated on the
  /// example: `name("hello") = [...] (types)`.
  bool printNamed(std::ostream &out, bool showSelectors, std::string &error);

  /// The s-op to analyse or compile: the one named `name`, or, when `name` is empty, the
  /// last s-op the program assigned.
  SOpPtr outputSOp(const std::string &name, std::string &error);

  /// Prints the layers and heads per layer of `sop` (RASP's depth analysis).
  void printLayers(const SOpPtr &sop, std::ostream &out);

  /// Draws the computation flow of `sop` on the example into `path` (SVG via graphviz dot).
  bool draw(const SOpPtr &sop, const std::string &path, std::string &error);

  /// The REPL: reads statements from `in` until EOF or `exit`; prompts when `interactive`.
  void repl(std::istream &in, std::ostream &out, bool interactive);

  Interpreter &interpreter() { return *interp; }

  /// Whether the REPL's `draw(...)` writes SVG files (the fuzzer only builds the drawing).
  bool drawToFiles = true;

private:
  Session();
  std::unique_ptr<Interpreter> interp;
  Value example;
};

} // namespace tfc::rasp

#endif
