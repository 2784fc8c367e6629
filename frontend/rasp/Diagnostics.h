// Source files, locations and located errors of the RASP front end.
#ifndef TFC_FRONTEND_RASP_DIAGNOSTICS_H
#define TFC_FRONTEND_RASP_DIAGNOSTICS_H

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace tfc::rasp {

/// A program text and its name (a path, or "<stdin>"), kept alive by every location in it.
struct SourceFile {
  std::string name;
  std::string text;
  /// The text of line `line` (1-based), without its newline.
  std::string lineText(int line) const;
};

/// The file at `path`; null, with the reason (strerror's text) in `reason`, when it cannot be
/// read.
std::shared_ptr<SourceFile> readSourceFile(const std::string &path, std::string &reason);

struct SourceLocation {
  std::shared_ptr<const SourceFile> file;
  int line = 0;   ///< 1-based; 0 when unknown
  int column = 0; ///< 1-based
};

/// An error in a RASP program: raised inside the front end, caught at its API boundary.
class RaspError : public std::runtime_error {
public:
  RaspError(SourceLocation loc, const std::string &message)
      : std::runtime_error(message), loc(std::move(loc)) {}
  SourceLocation loc;
};

/// "file:line:col: error: message", then the source line and a caret under the column.
std::string formatError(const SourceLocation &loc, const std::string &message);

} // namespace tfc::rasp

#endif
