// RASP's display of sequences, selectors and values.
#include "frontend/rasp/Display.h"

#include <cmath>

namespace tfc::rasp {

std::string elementString(const Atom &a) {
  if (a.isBool())
    return a.getBool() ? "T" : "F";
  if (a.isFloat()) {
    double v = a.getFloat();
    if (std::isfinite(v))
      v = std::nearbyint(v * 1000.0) / 1000.0; // RASP rounds floats to 3 digits to print
    return Atom::ofFloat(v).str();
  }
  return a.str();
}

std::string sequenceString(const Sequence &values) {
  std::string type = sequenceType(values);
  std::string body;
  bool allSame = values.size() > 1;
  for (size_t i = 1; allSame && i < values.size(); ++i)
    allSame = values[i] == values[0] && values[i].kind() == values[0].kind();
  if (allSame) {
    body = "[" + elementString(values[0]) + "]*" + std::to_string(values.size());
  } else {
    body = "[";
    for (size_t i = 0; i < values.size(); ++i)
      body += (i ? ", " : "") + elementString(values[i]);
    body += "]";
  }
  return body + " (" + (type.empty() ? "mixed" : type) + "s)";
}

std::string selectorString(const Sequence &input, const Matrix &m, const std::string &indent) {
  std::vector<std::string> labels;
  size_t width = 1;
  for (const Atom &a : input) {
    labels.push_back(elementString(a));
    width = std::max(width, labels.back().size());
  }
  auto pad = [&](const std::string &s) { return std::string(width - s.size(), ' ') + s; };
  std::string out = indent + std::string(width, ' ') + "  ";
  for (const std::string &l : labels)
    out += " " + pad(l);
  out += "\n";
  for (size_t q = 0; q < m.size(); ++q) {
    out += indent + pad(labels[q]) + " |";
    for (size_t k = 0; k < m[q].size(); ++k)
      out += " " + std::string(width - 1, ' ') + (m[q][k] ? "1" : " ");
    // Trailing spaces carry no information.
    while (!out.empty() && out.back() == ' ')
      out.pop_back();
    out += "\n";
  }
  return out;
}

std::string exampleString(const Value &example) { return example.describe(); }

} // namespace tfc::rasp
