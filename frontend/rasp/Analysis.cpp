// Depth and head counting with RASP's rules (select +1, aggregate +1 over its values).
#include "frontend/rasp/Analysis.h"

#include <algorithm>
#include <set>
#include <string>

namespace tfc::rasp {
namespace {

/// What makes two selectors the same head: RASP compares selectors by structure (the s-ops they
/// compare and how), so `select(indices, indices, <=)` written twice is one head, not two.
std::string structuralKey(const Selector &s) {
  switch (s.kind) {
  case Selector::Kind::Select:
    return "select(" + std::to_string(s.keys->id) + "," + std::to_string(s.queries->id) + "," +
           s.predicate + ")";
  case Selector::Kind::And:
    return "and(" + structuralKey(*s.lhs) + "," + structuralKey(*s.rhs) + ")";
  case Selector::Kind::Or:
    return "or(" + structuralKey(*s.lhs) + "," + structuralKey(*s.rhs) + ")";
  case Selector::Kind::Not:
    return "not(" + structuralKey(*s.lhs) + ")";
  }
  return "";
}

} // namespace

std::string describeSelector(const Selector &s) {
  if (s.named || s.id < 0)
    return s.name;
  switch (s.kind) {
  case Selector::Kind::Select:
    return "select(" + s.keys->name + ", " + s.queries->name + ", " + s.predicate + ")";
  case Selector::Kind::And:
  case Selector::Kind::Or: {
    auto operand = [](const Selector &x) {
      std::string d = describeSelector(x);
      return x.named || x.kind == Selector::Kind::Select ? d : "(" + d + ")";
    };
    return operand(*s.lhs) + (s.kind == Selector::Kind::And ? " and " : " or ") +
           operand(*s.rhs);
  }
  case Selector::Kind::Not:
    return "not " + describeSelector(*s.lhs);
  }
  return s.name;
}

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
  std::vector<std::set<std::string>> seen(result.layers);
  for (auto [d, sel] : headUses)
    if (seen[d - 1].insert(sel->id < 0 ? "length" : structuralKey(*sel)).second)
      result.heads[d - 1].push_back(sel);
  for (auto [d, sop] : attentionUses)
    result.attention[d - 1].push_back(sop);
  return result;
}

} // namespace tfc::rasp
