// Depth and head counting with RASP's rules (select +1, aggregate +1 over its values).
#include "frontend/rasp/Analysis.h"

#include <algorithm>

namespace tfc::rasp {

LayerAnalysis analyseLayers(const SOpPtr &root) {
  LayerAnalysis result;
  auto &depth = result.depth;
  // The selector `length` uses: one per analysis, as the single length of RASP's library.
  static const Selector lengthSelector = [] {
    Selector s;
    s.kind = Selector::Kind::Select;
    s.id = -1;
    s.name = "full_s (length)";
    return s;
  }();
  std::vector<std::pair<int, const Selector *>> headUses;
  std::vector<std::pair<int, const SOp *>> attentionUses;
  for (const GraphNode &n : topologicalOrder(GraphNode{root.get(), nullptr})) {
    if (n.selector) {
      const Selector &s = *n.selector;
      int d = 0;
      if (s.kind == Selector::Kind::Select)
        d = std::max(depth[s.keys->id], depth[s.queries->id]) + 1;
      else
        d = std::max(depth[s.lhs->id], s.rhs ? depth[s.rhs->id] : 0);
      depth[s.id] = d;
      continue;
    }
    const SOp &s = *n.sop;
    int d = 0;
    switch (s.kind) {
    case SOp::Kind::Tokens:
    case SOp::Kind::Indices:
    case SOp::Kind::Full:
      break;
    case SOp::Kind::Length:
      d = 1; // one averaging head over every position, as RASP's library computes it
      headUses.push_back({d, &lengthSelector});
      attentionUses.push_back({d, &s});
      break;
    case SOp::Kind::Map:
      for (const SOpPtr &x : s.inputs)
        d = std::max(d, depth[x->id]);
      break;
    case SOp::Kind::Aggregate:
      d = std::max(depth[s.inputs[0]->id] + 1, depth[s.selector->id]);
      headUses.push_back({d, s.selector.get()});
      attentionUses.push_back({d, &s});
      break;
    case SOp::Kind::SelectorWidth:
      d = std::max(depth[s.selector->id], 1);
      headUses.push_back({d, s.selector.get()});
      attentionUses.push_back({d, &s});
      break;
    }
    depth[s.id] = d;
    result.layers = std::max(result.layers, d);
  }
  result.heads.resize(result.layers);
  result.attention.resize(result.layers);
  for (auto [d, sel] : headUses) {
    auto &layer = result.heads[d - 1];
    if (std::find(layer.begin(), layer.end(), sel) == layer.end())
      layer.push_back(sel);
  }
  for (auto [d, sop] : attentionUses)
    result.attention[d - 1].push_back(sop);
  return result;
}

} // namespace tfc::rasp
