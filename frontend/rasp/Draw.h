// The computation-flow drawing of an s-op (graphviz), as RASP's draw() makes.
#ifndef TFC_FRONTEND_RASP_DRAW_H
#define TFC_FRONTEND_RASP_DRAW_H

#include "frontend/rasp/Evaluate.h"

namespace tfc::rasp {

/// The graph in graphviz's DOT language: s-ops and selectors grouped by layer, each with its
/// values on the input (a selector shows its matrix).
std::string computationFlowDot(const SOpPtr &root, Evaluator &evaluator);

/// Renders DOT text to SVG at `path` with `dot -Tsvg`; writes nothing on failure.
bool renderSvg(const std::string &dot, const std::string &path, std::string &error);

} // namespace tfc::rasp

#endif
