// Descriptions of interpreter values, and graph-node helpers.
#include "frontend/rasp/Values.h"

#include <atomic>
#include <unordered_set>

namespace tfc::rasp {

const char *Value::kindName() const {
  if (isAtom()) return "atom";
  if (isList()) return "list";
  if (isDict()) return "dict";
  if (isFunction() || isBuiltin()) return "function";
  if (isSOp()) return "s-op";
  return "selector";
}

std::string Value::aKind() const {
  return std::string(isAtom() || isSOp() ? "an " : "a ") + kindName();
}

std::string Value::describe() const {
  if (isAtom())
    return atom().str(/*quoteStrings=*/true);
  if (isList()) {
    std::string s = "[";
    for (size_t i = 0; i < list()->items.size(); ++i)
      s += (i ? ", " : "") + list()->items[i].describe();
    return s + "]";
  }
  if (isDict()) {
    std::string s = "{";
    for (size_t i = 0; i < dict()->items.size(); ++i)
      s += (i ? ", " : "") + dict()->items[i].first.str(true) + ": " +
           dict()->items[i].second.describe();
    return s + "}";
  }
  if (isFunction())
    return function()->name;
  if (isBuiltin())
    return builtin()->name;
  if (isSOp())
    return sop()->name;
  return selector()->name;
}

void Dict::insert(const Atom &key, Value value) {
  for (auto &[k, v] : items)
    if (k.equals(key)) {
      v = std::move(value);
      return;
    }
  items.emplace_back(key, std::move(value));
}

const Value *Dict::find(const Atom &key) const {
  for (const auto &[k, v] : items)
    if (k.equals(key))
      return &v;
  return nullptr;
}

std::vector<GraphNode> topologicalOrder(GraphNode root) {
  std::vector<GraphNode> order;
  std::unordered_set<int> done, entered;
  // (node, children pushed?) pairs: a node is emitted once all its operands are.
  std::vector<std::pair<GraphNode, bool>> stack = {{root, false}};
  while (!stack.empty()) {
    auto [node, expanded] = stack.back();
    stack.pop_back();
    if (done.count(node.id()))
      continue;
    if (expanded) {
      done.insert(node.id());
      order.push_back(node);
      continue;
    }
    if (!entered.insert(node.id()).second)
      continue; // already on the stack below; RASP graphs have no cycles
    stack.push_back({node, true});
    auto push = [&](GraphNode child) {
      if (!done.count(child.id()))
        stack.push_back({child, false});
    };
    if (node.sop) {
      for (const SOpPtr &x : node.sop->inputs)
        push(GraphNode{x.get(), nullptr});
      if (node.sop->selector)
        push(GraphNode{nullptr, node.sop->selector.get()});
    } else {
      for (const SOp *x : {node.selector->keys.get(), node.selector->queries.get()})
        if (x)
          push(GraphNode{x, nullptr});
      for (const Selector *x : {node.selector->lhs.get(), node.selector->rhs.get()})
        if (x)
          push(GraphNode{nullptr, x});
    }
  }
  return order;
}

int nextNodeId() {
  static std::atomic<int> counter{0};
  return ++counter;
}

std::shared_ptr<SOp> cloneSOp(const SOp &sop) {
  auto copy = std::make_shared<SOp>(sop);
  copy->id = nextNodeId();
  return copy;
}

} // namespace tfc::rasp
