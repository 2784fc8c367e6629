// RASP's layer analysis: how many layers and heads a program needs as a transformer.
#ifndef TFC_FRONTEND_RASP_ANALYSIS_H
#define TFC_FRONTEND_RASP_ANALYSIS_H

#include "frontend/rasp/Values.h"
#include <unordered_map>

namespace tfc::rasp {

struct LayerAnalysis {
  /// Depth of every s-op and selector reachable from the root, by node id: 0 for inputs and
  /// constants; a select is one deeper than its keys and queries; an aggregate is at least one
  /// deeper than its values and as deep as its selector; maps add nothing.
  std::unordered_map<int, int> depth;
  int layers = 0;
  /// Per layer (index 0 is layer 1), the distinct selectors used there (by structure, as RASP
  /// compares them): one attention head each.
  std::vector<std::vector<const Selector *>> heads;
  /// Per layer, the attention-using s-ops (aggregates, selector widths, length).
  std::vector<std::vector<const SOp *>> attention;
};

LayerAnalysis analyseLayers(const SOpPtr &root);

/// A selector as the program wrote it: its name if it has one, else its structure spelled out
/// (`select(tokens, tokens, ==) and select(indices, indices, <)`), for listings of heads.
std::string describeSelector(const Selector &selector);

} // namespace tfc::rasp

#endif
