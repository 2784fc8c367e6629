// Parsing RASP text into the syntax tree (AST.h).
#ifndef TFC_FRONTEND_RASP_PARSER_H
#define TFC_FRONTEND_RASP_PARSER_H

#include "frontend/rasp/AST.h"

namespace tfc::rasp {

struct ParseResult {
  std::shared_ptr<const Program> program; ///< null on a syntax error
  std::string error;                ///< the formatted error (formatError)
  /// The text ended in the middle of a statement: the REPL reads another line.
  bool incomplete = false;
};

/// Parses a whole file or REPL input. Never throws.
ParseResult parseProgram(std::shared_ptr<const SourceFile> file);

} // namespace tfc::rasp

#endif
