// Rendering of located RASP errors with the source line and a caret.
#include "frontend/rasp/Diagnostics.h"

namespace tfc::rasp {

std::string SourceFile::lineText(int line) const {
  size_t start = 0;
  for (int l = 1; l < line; ++l) {
    start = text.find('\n', start);
    if (start == std::string::npos)
      return "";
    ++start;
  }
  size_t end = text.find('\n', start);
  std::string result = text.substr(start, end == std::string::npos ? std::string::npos
                                                                     : end - start);
  if (!result.empty() && result.back() == '\r')
    result.pop_back();
  return result;
}

std::string formatError(const SourceLocation &loc, const std::string &message) {
  std::string out;
  if (loc.file && loc.line > 0)
    out = loc.file->name + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column) +
          ": ";
  else if (loc.file)
    out = loc.file->name + ": ";
  out += "error: " + message + "\n";
  if (loc.file && loc.line > 0) {
    std::string line = loc.file->lineText(loc.line);
    out += line + "\n";
    std::string caret;
    for (int i = 1; i < loc.column && i <= static_cast<int>(line.size()); ++i)
      caret += line[i - 1] == '\t' ? '\t' : ' ';
    out += caret + "^\n";
  }
  return out;
}

} // namespace tfc::rasp
