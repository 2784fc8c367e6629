// s-op and selector evaluation: tokens, maps, selects, aggregates, selector widths.
#include "frontend/rasp/Evaluate.h"

#include <algorithm>

namespace tfc::rasp {

std::string sequenceType(const Sequence &values) {
  auto all = [&](auto pred) { return std::all_of(values.begin(), values.end(), pred); };
  if (all([](const Atom &a) { return a.isString(); }))
    return "string";
  if (all([](const Atom &a) { return a.isBool(); }))
    return "bool";
  // Python's isinstance(True, int) holds: bools count as ints, as in RASP.
  if (all([](const Atom &a) { return a.isInt() || a.isBool(); }))
    return "int";
  if (all([](const Atom &a) { return a.isNumber(); }))
    return "float";
  return "";
}

Sequence exampleToSequence(const Value &example, const SourceLocation &loc) {
  Sequence result;
  if (example.isAtom() && example.atom().isString()) {
    for (char c : example.atom().getString())
      result.push_back(Atom::ofString(std::string(1, c)));
    return result;
  }
  if (example.isList()) {
    for (const Value &v : example.list()->items) {
      if (!v.isAtom())
        throw RaspError(loc, "an input must be a string or a list of atoms, got " +
                                 example.describe());
      result.push_back(v.atom());
    }
    return result;
  }
  throw RaspError(loc, std::string("an input must be a string or a list of atoms, got ") +
                           example.aKind() + ": " + example.describe());
}

AtomResult applyElemFn(const ElemFn &fn, const std::vector<const Atom *> &args) {
  auto operand = [&](size_t i) { return applyElemFn(*fn.operands[i], args); };
  switch (fn.kind) {
  case ElemFn::Kind::Arg:
    return AtomResult::ok(*args[fn.arg]);
  case ElemFn::Kind::Const:
    return AtomResult::ok(fn.constant);
  case ElemFn::Kind::Unary: {
    AtomResult x = operand(0);
    return x ? applyUnary(fn.op, *x.value) : x;
  }
  case ElemFn::Kind::Binary: {
    AtomResult a = operand(0);
    if (!a)
      return a;
    AtomResult b = operand(1);
    return b ? applyBinary(fn.op, *a.value, *b.value) : b;
  }
  case ElemFn::Kind::Round: {
    AtomResult x = operand(0);
    return x ? applyRound(*x.value) : x;
  }
  case ElemFn::Kind::Indicator: {
    AtomResult x = operand(0);
    return x ? AtomResult::ok(applyIndicator(*x.value)) : x;
  }
  case ElemFn::Kind::Bool: {
    AtomResult x = operand(0);
    return x ? AtomResult::ok(Atom::ofBool(x.value->truthy())) : x;
  }
  case ElemFn::Kind::Ternary: {
    AtomResult c = operand(0);
    if (!c)
      return c;
    return operand(c.value->truthy() ? 1 : 2);
  }
  case ElemFn::Kind::Lookup: {
    AtomResult key = operand(0);
    if (!key)
      return key;
    const Value &c = fn.container;
    if (c.isDict()) {
      if (const Value *v = c.dict()->find(*key.value))
        return AtomResult::ok(v->atom());
      return AtomResult::fail("key " + key.value->str(true) + " not in dict");
    }
    if (!(key.value->isInt() || key.value->isBool()))
      return AtomResult::fail("index has to be an integer, got " + key.value->str(true));
    int64_t i = key.value->isBool() ? key.value->getBool() : key.value->getInt();
    int64_t size = c.isList() ? static_cast<int64_t>(c.list()->items.size())
                              : static_cast<int64_t>(c.atom().getString().size());
    if (i >= size || -i > size)
      return AtomResult::fail("index " + std::to_string(i) + " out of range for length " +
                              std::to_string(size));
    if (i < 0)
      i += size;
    if (c.isList())
      return AtomResult::ok(c.list()->items[i].atom());
    return AtomResult::ok(Atom::ofString(std::string(1, c.atom().getString()[i])));
  }
  case ElemFn::Kind::Contains: {
    AtomResult x = operand(0);
    if (!x)
      return x;
    for (const Value &v : fn.container.list()->items)
      if (v.atom().equals(*x.value))
        return AtomResult::ok(Atom::ofBool(true));
    return AtomResult::ok(Atom::ofBool(false));
  }
  }
  return AtomResult::fail("bad element function");
}

namespace {

/// The values RASP allows in one sequence: a single type, or ints mixed with floats.
void checkHomogeneous(const Sequence &values, const SOp &node) {
  if (!sequenceType(values).empty())
    return;
  std::string shown = "[";
  for (size_t i = 0; i < values.size() && i < 12; ++i)
    shown += (i ? ", " : "") + values[i].str(true);
  shown += values.size() > 12 ? ", ...]" : "]";
  throw RaspError(node.loc, "'" + node.name +
                                "' makes a sequence with values of different types: " + shown);
}

} // namespace

void Evaluator::computeAll(GraphNode root) {
  for (const GraphNode &n : topologicalOrder(root)) {
    if (n.sop && !sops.count(n.sop->id))
      computeSOp(*n.sop);
    else if (n.selector && !selectors.count(n.selector->id))
      computeSelector(*n.selector);
  }
}

const Sequence &Evaluator::sop(const SOp &s) {
  if (!sops.count(s.id))
    computeAll(GraphNode{&s, nullptr});
  return sops.at(s.id);
}

const Matrix &Evaluator::selector(const Selector &s) {
  if (!selectors.count(s.id))
    computeAll(GraphNode{nullptr, &s});
  return selectors.at(s.id);
}

void Evaluator::computeSOp(const SOp &s) {
  size_t n = input.size();
  Sequence out;
  out.reserve(n);
  switch (s.kind) {
  case SOp::Kind::Tokens: {
    for (const Atom &a : input) {
      if (s.tokensAs == "asis") {
        out.push_back(a);
        continue;
      }
      Atom::Kind to = s.tokensAs == "int"     ? Atom::Kind::Int
                      : s.tokensAs == "float" ? Atom::Kind::Float
                      : s.tokensAs == "bool"  ? Atom::Kind::Bool
                                              : Atom::Kind::String;
      AtomResult r = convertAtom(a, to);
      if (!r)
        throw RaspError(s.loc, s.name + ": " + r.error);
      out.push_back(*r.value);
    }
    checkHomogeneous(out, s);
    break;
  }
  case SOp::Kind::Indices:
    for (size_t i = 0; i < n; ++i)
      out.push_back(Atom::ofInt(static_cast<int64_t>(i)));
    break;
  case SOp::Kind::Length:
    out.assign(n, Atom::ofInt(static_cast<int64_t>(n)));
    break;
  case SOp::Kind::Full:
    out.assign(n, s.value);
    break;
  case SOp::Kind::Map: {
    std::vector<const Sequence *> in;
    for (const SOpPtr &x : s.inputs)
      in.push_back(&sops.at(x->id));
    std::vector<const Atom *> args(in.size());
    for (size_t p = 0; p < n; ++p) {
      for (size_t k = 0; k < in.size(); ++k)
        args[k] = &(*in[k])[p];
      AtomResult r = applyElemFn(*s.fn, args);
      if (!r)
        throw RaspError(s.loc, "in '" + s.name + "' at position " + std::to_string(p) + ": " +
                                   r.error);
      out.push_back(*r.value);
    }
    checkHomogeneous(out, s);
    break;
  }
  case SOp::Kind::Aggregate: {
    const Matrix m = used(*s.selector);
    const Sequence &values = sops.at(s.inputs[0]->id);
    std::string type = sequenceType(values);
    bool numeric = type == "int" || type == "float";
    for (size_t q = 0; q < n; ++q) {
      size_t count = 0, last = 0;
      for (size_t k = 0; k < n; ++k)
        if (m[q][k]) {
          ++count;
          last = k;
        }
      if (count == 0) {
        out.push_back(s.value);
      } else if (count == 1) {
        out.push_back(values[last]);
      } else {
        // RASP averages several selected values, which it allows for numbers only (bools are
        // not numbers here: programs wrap them in indicator()).
        if (!numeric) {
          std::string shown = "[";
          size_t listed = 0;
          for (size_t k = 0; k < n && listed < 12; ++k)
            if (m[q][k])
              shown += (listed++ ? ", " : "") + values[k].str(true);
          shown += count > listed ? ", ...]" : "]";
          throw RaspError(s.loc, "asked to average multiple values, but they are non-numbers: " +
                                     shown + " (selected at query position " + std::to_string(q) +
                                     ")");
        }
        double sum = 0;
        for (size_t k = 0; k < n; ++k)
          if (m[q][k])
            sum += values[k].toDouble();
        out.push_back(Atom::ofFloat(sum / static_cast<double>(count)));
      }
    }
    checkHomogeneous(out, s);
    break;
  }
  case SOp::Kind::SelectorWidth: {
    const Matrix m = used(*s.selector);
    for (size_t q = 0; q < n; ++q)
      out.push_back(Atom::ofInt(static_cast<int64_t>(std::count(m[q].begin(), m[q].end(), true))));
    break;
  }
  }
  // Every computed sequence is kept; string maps (`x + x` repeated) could otherwise fill the
  // memory before any single string reaches its length limit.
  for (const Atom &a : out)
    if (a.isString())
      stringBytes += a.getString().size();
  if (stringBytes > kMaxStringBytes)
    throw RaspError(s.loc, "evaluating the program on this input builds more than " +
                               std::to_string(kMaxStringBytes >> 20) + " MiB of strings");
  sops[s.id] = std::move(out);
}

Matrix Evaluator::used(const Selector &s) const {
  Matrix m = selectors.at(s.id);
  if (causal)
    for (size_t q = 0; q < m.size(); ++q)
      for (size_t k = q + 1; k < m.size(); ++k)
        m[q][k] = false;
  return m;
}

void Evaluator::computeSelector(const Selector &s) {
  size_t n = input.size();
  Matrix m(n, std::vector<bool>(n, false));
  switch (s.kind) {
  case Selector::Kind::Select: {
    const Sequence &keys = sops.at(s.keys->id), &queries = sops.at(s.queries->id);
    for (size_t q = 0; q < n; ++q)
      for (size_t k = 0; k < n; ++k) {
        // Position (q, k) is selected when `key OP query` holds.
        AtomResult r = applyBinary(s.predicate, keys[k], queries[q]);
        if (!r)
          throw RaspError(s.loc, "in selector '" + s.name + "': " + r.error);
        m[q][k] = r.value->truthy();
      }
    break;
  }
  case Selector::Kind::And:
  case Selector::Kind::Or: {
    const Matrix &a = selectors.at(s.lhs->id), &b = selectors.at(s.rhs->id);
    for (size_t q = 0; q < n; ++q)
      for (size_t k = 0; k < n; ++k)
        m[q][k] = s.kind == Selector::Kind::And ? a[q][k] && b[q][k] : a[q][k] || b[q][k];
    break;
  }
  case Selector::Kind::Not: {
    const Matrix &a = selectors.at(s.lhs->id);
    for (size_t q = 0; q < n; ++q)
      for (size_t k = 0; k < n; ++k)
        m[q][k] = !a[q][k];
    break;
  }
  }
  selectors[s.id] = std::move(m);
}

bool tryEvaluate(const SOpPtr &sop, const Sequence &input, bool causal, Sequence &out,
                 std::string &error) noexcept {
  try {
    Evaluator evaluator(input, causal);
    out = evaluator.sop(sop);
    return true;
  } catch (const std::exception &e) {
    error = e.what();
    return false;
  }
}

} // namespace tfc::rasp
