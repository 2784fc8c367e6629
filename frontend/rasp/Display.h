// Printing values, s-ops and selectors the way RASP's REPL does.
#ifndef TFC_FRONTEND_RASP_DISPLAY_H
#define TFC_FRONTEND_RASP_DISPLAY_H

#include "frontend/rasp/Evaluate.h"

namespace tfc::rasp {

/// One element as RASP prints it: floats rounded to 3 decimals, bools as T/F.
std::string elementString(const Atom &a);

/// A sequence as RASP prints it: "[o, l, l, e, h] (strings)", "[5]*5 (ints)".
std::string sequenceString(const Sequence &values);

/// A selector's matrix labelled by the input tokens: rows are queries, columns keys.
std::string selectorString(const Sequence &input, const Matrix &m, const std::string &indent);

/// An example as RASP quotes it: "hello", or a list [1, 2, 3].
std::string exampleString(const Value &example);

} // namespace tfc::rasp

#endif
