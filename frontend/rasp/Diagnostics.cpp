// Rendering of located RASP errors with the source line and a caret.
#include "frontend/rasp/Diagnostics.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

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

std::shared_ptr<SourceFile> readSourceFile(const std::string &path, std::string &reason) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    reason = std::strerror(EISDIR);
    return nullptr;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    reason = std::strerror(errno);
    return nullptr;
  }
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    reason = std::strerror(errno);
    return nullptr;
  }
  auto file = std::make_shared<SourceFile>();
  file->name = path;
  file->text = text.str();
  return file;
}

namespace {

/// Byte offsets where the code points of `line` start (UTF-8; a stray byte counts as one),
/// and the line's length at the end.
std::vector<size_t> codePointStarts(const std::string &line) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < line.size();) {
    starts.push_back(i);
    auto byte = static_cast<unsigned char>(line[i]);
    size_t length = byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    i = std::min(line.size(), i + length);
  }
  starts.push_back(line.size());
  return starts;
}

} // namespace

std::string formatError(const SourceLocation &loc, const std::string &message) {
  std::string out;
  if (loc.file && loc.line > 0)
    out = loc.file->name + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column) +
          ": ";
  else if (loc.file)
    out = loc.file->name + ": ";
  out += "error: " + message + "\n";
  if (loc.file && loc.line > 0) {
    // Columns count code points. A long line shows only a window around the column.
    constexpr size_t kWindow = 100;
    std::string line = loc.file->lineText(loc.line);
    std::vector<size_t> starts = codePointStarts(line);
    size_t count = starts.size() - 1;
    size_t column = std::min(static_cast<size_t>(std::max(loc.column, 1)) - 1, count);
    size_t first = column > kWindow / 2 ? column - kWindow / 2 : 0;
    size_t last = std::min(count, first + kWindow);
    std::string prefix = first > 0 ? "..." : "";
    out += prefix + line.substr(starts[first], starts[last] - starts[first]) +
           (last < count ? "..." : "") + "\n";
    std::string caret(prefix.size(), ' ');
    for (size_t i = first; i < column; ++i)
      caret += line[starts[i]] == '\t' ? '\t' : ' ';
    out += caret + "^\n";
  }
  return out;
}

} // namespace tfc::rasp
