// Compiles a rasp.program into transformer weights: residual layout, attention heads for
// selects, MLPs for the maps that need one, layer allocation and the unembedding.
//
// Every s-op is read from the residual stream through linear forms. A categorical s-op has one
// form per value that is 1 at a real position holding that value and 0 otherwise; a numerical
// view is one form equal to the value. Maps of categorical s-ops, and maps that are affine in
// numerical views, are therefore free: their forms are combinations of their inputs' forms,
// and the weights of whatever reads them absorb them. Only products and non-linear functions
// of numbers need MLPs. One value of each categorical s-op is implicit (`real` minus the
// others), which saves a dimension and makes an aggregate's default the empty attention.
//
// Positions: 0 is BOS, then the input, then PAD. BOS and PAD ("inert" positions) keep every
// s-op dimension at 0: their queries attend to BOS only (whose values are 0) and every MLP
// unit carries a negative weight on `bos`/`pad` that keeps it off there.
#include "passes/Conversion/RASPToTFC/Transformer.h"

#include "dialect/RASP/AtomAttr.h"
#include "dialect/RASP/Elementwise.h"
#include "dialect/RASP/RASPOps.h"

#include "mlir/IR/Location.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

using namespace mlir;

namespace tfc::rasp {
namespace {

/// Logit of one satisfied select; matches beat BOS by C/2 and non-matches by C, so softmax
/// leaks at most (n+1) e^-50 of its weight: far below float32's resolution.
constexpr double kMatch = 100.0;
/// Beyond these a table is too large for a transformer anyway.
constexpr int64_t kMaxTable = 4'000'000;
/// Unit roundoff of float32, with a factor 2 of slack per operation counted.
constexpr double kF32Eps = 1.0 / (1 << 22);
/// The most heads a split selector_width may take (see splitSelectorWidth).
constexpr int kMaxSplitTerms = 4;

using Form = std::map<int64_t, double>;

void addTo(Form &to, const Form &from, double scale = 1.0) {
  for (auto [dim, w] : from)
    to[dim] += scale * w;
}

/// The dimensions an MLP writes for a categorical value: its own, or none for the implicit
/// value (whose form is `real` minus the others).
Form written(const Form &read, int64_t dimReal) { return read.count(dimReal) ? Form() : read; }

Form scaled(const Form &f, double s) {
  Form r;
  addTo(r, f, s);
  return r;
}

/// A numerical view: the value at real positions, with a bound on its float32 error.
struct NumView {
  Form form;
  int ready = -1;
  double error = 0;
};

/// A categorical view: one form per value (sorted as the value set).
struct CatView {
  std::vector<Atom> values;
  std::vector<Form> reads;
  int ready = -1;
};

struct SOpInfo {
  Operation *op = nullptr;
  std::vector<Atom> values;
  bool numbers = false; ///< every value an int or a float (not a bool)
  std::optional<CatView> cat;
  std::optional<NumView> num;
  std::string name;
};

struct HeadSpec {
  int sublayer = 0;
  std::map<std::pair<int64_t, int64_t>, double> qk; ///< (query dim, key dim) -> weight
  std::map<std::pair<int64_t, int64_t>, double> ov; ///< (output dim, input dim) -> weight
  std::string explain;
};

struct Unit {
  Form in, out;
};

struct MLPSpec {
  int sublayer = 0;
  std::vector<Unit> units;
  std::string explain;
};

std::string describeLoc(Location loc) {
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    return llvm::formatv("{0}:{1}:{2}", file.getFilename(), file.getLine(), file.getColumn());
  if (auto named = dyn_cast<NameLoc>(loc))
    return describeLoc(named.getChildLoc());
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location l : fused.getLocations())
      if (std::string s = describeLoc(l); !s.empty())
        return s;
  return "";
}

std::string comparisonSymbol(Comparison c) {
  switch (c) {
  case Comparison::eq: return "==";
  case Comparison::ne: return "!=";
  case Comparison::lt: return "<";
  case Comparison::le: return "<=";
  case Comparison::gt: return ">";
  case Comparison::ge: return ">=";
  case Comparison::always: return "true";
  case Comparison::never: return "false";
  }
  return "?";
}

/// `x` with as many digits as tell it apart (%.17g would print 0.1 as 0.10000000000000001).
std::string shortest(double x) {
  char text[32];
  for (int digits = 6; digits <= 17; ++digits) {
    std::snprintf(text, sizeof(text), "%.*g", digits, x);
    if (std::strtod(text, nullptr) == x)
      break;
  }
  return text;
}

bool compare(Comparison c, const Atom &key, const Atom &query) {
  if (c == Comparison::always)
    return true;
  if (c == Comparison::never)
    return false;
  AtomResult r = applyBinary(comparisonSymbol(c), key, query);
  return r && r.value->truthy();
}

using Logits = std::map<std::pair<int64_t, int64_t>, double>; ///< (query dim, key dim)

/// Adds kMatch to the logit of every (key value, query value) pair that `match` accepts, through
/// the views' reads.
void addMatchLogits(Logits &qk, const CatView &k, const CatView &q,
                    function_ref<bool(size_t, size_t)> match) {
  for (size_t a = 0; a < k.values.size(); ++a)
    for (size_t b = 0; b < q.values.size(); ++b)
      if (match(a, b))
        for (auto [qd, qw] : q.reads[b])
          for (auto [kd, kw] : k.reads[a])
            qk[{qd, kd}] += kMatch * qw * kw;
}

/// A boolean formula over the atomic selects of a selector.
struct Formula {
  enum Kind { Leaf, And, Or, Not } kind = Leaf;
  int atom = 0;
  int lhs = -1, rhs = -1;
};

/// Flattens a selector into `nodes` over its atomic selects (`atoms`); returns the root.
int flattenSelector(Value selector, std::vector<Formula> &nodes, std::vector<SelectOp> &atoms) {
  Operation *op = selector.getDefiningOp();
  Formula f;
  if (auto sel = dyn_cast<SelectOp>(op)) {
    f.atom = static_cast<int>(atoms.size());
    atoms.push_back(sel);
  } else if (auto a = dyn_cast<SelectAndOp>(op)) {
    f.kind = Formula::And;
    f.lhs = flattenSelector(a.getLhs(), nodes, atoms);
    f.rhs = flattenSelector(a.getRhs(), nodes, atoms);
  } else if (auto o = dyn_cast<SelectOrOp>(op)) {
    f.kind = Formula::Or;
    f.lhs = flattenSelector(o.getLhs(), nodes, atoms);
    f.rhs = flattenSelector(o.getRhs(), nodes, atoms);
  } else {
    f.kind = Formula::Not;
    f.lhs = flattenSelector(cast<SelectNotOp>(op).getInput(), nodes, atoms);
  }
  nodes.push_back(f);
  return static_cast<int>(nodes.size()) - 1;
}

/// The formula's value given its atoms' values.
bool evalFormula(const std::vector<Formula> &nodes, int n, function_ref<bool(int)> atom) {
  const Formula &f = nodes[n];
  switch (f.kind) {
  case Formula::Leaf: return atom(f.atom);
  case Formula::And: return evalFormula(nodes, f.lhs, atom) && evalFormula(nodes, f.rhs, atom);
  case Formula::Or: return evalFormula(nodes, f.lhs, atom) || evalFormula(nodes, f.rhs, atom);
  case Formula::Not: return !evalFormula(nodes, f.lhs, atom);
  }
  return false;
}

class Builder {
public:
  Builder(ProgramOp program, const BuildOptions &options) : program(program), options(options) {}
  FailureOr<CompiledTransformer> run();

private:
  int64_t addDim(std::string label) {
    labels.push_back(std::move(label));
    return static_cast<int64_t>(labels.size()) - 1;
  }
  Form unit(int64_t dim) { return Form{{dim, 1.0}}; }

  std::string nameOf(Value v);
  FailureOr<SOpInfo *> info(Value v);
  LogicalResult visit(Operation *op);
  FailureOr<CatView *> needCat(Value v, Operation *user);
  FailureOr<NumView *> needNum(Value v, Operation *user);

  LogicalResult visitMap(Operation *op, ArrayRef<Value> inputs, Region &body, SOpInfo &out);
  LogicalResult visitAggregate(AggregateOp op, SOpInfo &out);
  LogicalResult visitSelectorWidth(SelectorWidthOp op, SOpInfo &out);
  /// selector_width of a select whose keys and queries are sequence maps of two s-ops, as a
  /// sum of the widths of disjoint conjunctions (one head each) when that is smaller than a
  /// one-hot over the key values, or the only way. false: not applicable or not smaller.
  FailureOr<bool> splitSelectorWidth(SelectorWidthOp op, SOpInfo &out);
  /// A selector_width head: the selector's logits `qk` over `groups` conditions, BOS tied with
  /// a full match, BOS's weight 1/(w+1) written to a new dimension `label`; returns that view.
  NumView widthHead(Logits qk, int groups, int ready, const std::string &label,
                    std::string explain);

  /// The attention logits of a selector (without the BOS terms) and how many groups must hold.
  struct SelectorLogits {
    Logits qk;
    int groups = 0;
    int ready = -1;
    bool atMostOne = false; ///< provably selects at most one position per query
    std::string text;
  };
  FailureOr<SelectorLogits> selectorLogits(Value selector, Operation *user);
  void addInertTerms(Logits &qk, int groups, bool selectorWidth);

  /// A step-function MLP from a numerical view to a categorical one: `points` pairs each
  /// value the number takes with the index (in `values`) of the value it maps to. Steps sit
  /// where that value changes; the smallest number's value is the implicit one. Returns the
  /// view and sets `margin` to the smallest distance (in the number's units) a value keeps
  /// from a step's ramp beyond the float32 error bound.
  FailureOr<CatView> stepMLP(Operation *op, const NumView &in,
                             std::vector<std::pair<double, int>> points, const std::string &name,
                             const std::vector<Atom> &values, std::string explain, double &margin);
  /// The ramp units of a step function of `in` between consecutive `points` (sorted by
  /// number); `write(i)` is what the value with index i adds to the stream. Sets `margin`
  /// as stepMLP does and `outError` to a bound on the float32 error of what they write.
  FailureOr<std::vector<Unit>> stepUnits(Operation *op, const NumView &in,
                                         ArrayRef<std::pair<double, int>> points,
                                         function_ref<Form(int)> write, double &margin,
                                         double &outError);
  CatView newCatView(const std::string &name, const std::vector<Atom> &values, size_t implicit,
                     int ready);
  int mlpSublayer(int ready) const {
    return ready < 0 ? 1 : (ready % 2 == 0 ? ready + 1 : ready + 2);
  }
  int attnSublayer(int ready) const {
    return ready < 0 ? 0 : (ready % 2 == 1 ? ready + 1 : ready + 2);
  }
  bool positionInjective(Value v);
  /// A sequence map of two categorical s-ops as a table MLP; with `dryRun`, only the number
  /// of hidden units it would take (nothing is allocated). nullopt (with an error unless
  /// `dryRun`) when the table is too large.
  std::optional<int64_t> tableMLP(Operation *op, CatView &x, CatView &y, Region &body, SOpInfo &out,
                                  bool dryRun);

  ProgramOp program;
  BuildOptions options;
  int64_t maxLen = 0;
  std::vector<std::string> vocab;
  std::vector<std::string> labels;
  int64_t dimBos = 0, dimPad = 0, dimReal = 0;
  std::vector<int64_t> dimTokens, dimIndices, swDims;
  llvm::DenseMap<Value, SOpInfo> infos;
  std::vector<HeadSpec> heads;
  std::vector<MLPSpec> mlps;
  std::vector<std::string> notes;
  std::vector<std::string> folded;
};

std::string Builder::nameOf(Value v) {
  Operation *op = v.getDefiningOp();
  if (auto label = op->getAttrOfType<StringAttr>("label"))
    return label.str();
  std::string where = describeLoc(op->getLoc());
  std::string kind = op->getName().stripDialect().str();
  return where.empty() ? kind : kind + "@" + where.substr(where.rfind('/') + 1);
}

FailureOr<SOpInfo *> Builder::info(Value v) {
  auto it = infos.find(v);
  if (it == infos.end())
    return v.getDefiningOp()->emitError("internal: s-op used before it was compiled"), failure();
  return &it->second;
}

CatView Builder::newCatView(const std::string &name, const std::vector<Atom> &values,
                            size_t implicit, int ready) {
  CatView view;
  view.values = values;
  view.ready = ready;
  view.reads.resize(values.size());
  Form others;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i == implicit)
      continue;
    int64_t dim = addDim(name + ":" + values[i].str(true));
    view.reads[i] = unit(dim);
    others[dim] = -1.0;
  }
  if (implicit < values.size()) {
    view.reads[implicit] = others;
    view.reads[implicit][dimReal] += 1.0;
  }
  return view;
}

FailureOr<CatView *> Builder::needCat(Value v, Operation *user) {
  auto in = info(v);
  if (failed(in))
    return failure();
  SOpInfo &s = **in;
  if (s.cat)
    return &*s.cat;
  // Only a numerical view. A sequence map of categorical inputs may be cheaper as a table
  // than as a step function of its number (2 units per value).
  if (auto seq = dyn_cast<SequenceMapOp>(s.op); seq && seq.getInputs().size() == 2) {
    SOpInfo &x = infos[seq.getInputs()[0]], &y = infos[seq.getInputs()[1]];
    if (x.cat && y.cat) {
      std::optional<int64_t> units = tableMLP(s.op, *x.cat, *y.cat, seq.getBody(), s, true);
      if (units && *units < 2 * static_cast<int64_t>(s.values.size() - 1)) {
        if (!tableMLP(s.op, *x.cat, *y.cat, seq.getBody(), s, false))
          return failure();
        return &*s.cat;
      }
    }
  }
  // Discretise the number into a one-hot (one MLP).
  std::vector<std::pair<double, int>> points;
  for (size_t i = 0; i < s.values.size(); ++i)
    points.push_back({s.values[i].toDouble(), static_cast<int>(i)});
  double margin;
  auto view = stepMLP(s.op, *s.num, std::move(points), s.name, s.values,
                      "one-hot of " + s.name + " (its numerical value discretised, for " +
                          (user->getNumResults() ? nameOf(user->getResult(0)) : "the output") + ")",
                      margin);
  if (failed(view))
    return failure();
  s.cat = std::move(*view);
  return &*s.cat;
}

FailureOr<NumView *> Builder::needNum(Value v, Operation *user) {
  auto in = info(v);
  if (failed(in))
    return failure();
  SOpInfo &s = **in;
  if (s.num)
    return &*s.num;
  if (!s.numbers) {
    InFlightDiagnostic d = user->emitError("not supported: ")
                           << "this operation needs the numbers of '" << s.name
                           << "', whose values are not all numbers";
    d.attachNote(s.op->getLoc()) << "'" << s.name << "' is computed here";
    return failure();
  }
  NumView view;
  view.ready = s.cat->ready;
  double largest = 0;
  for (size_t i = 0; i < s.values.size(); ++i) {
    double x = s.values[i].toDouble();
    addTo(view.form, s.cat->reads[i], x);
    largest = std::max(largest, std::fabs(x));
  }
  view.error = largest * kF32Eps;
  s.num = std::move(view);
  return &*s.num;
}

FailureOr<std::vector<Unit>> Builder::stepUnits(Operation *op, const NumView &in,
                                                ArrayRef<std::pair<double, int>> points,
                                                function_ref<Form(int)> write, double &margin,
                                                double &outError) {
  margin = INFINITY;
  outError = 0;
  double largest = 0;
  for (auto [x, value] : points)
    largest = std::max(largest, std::fabs(x));
  std::vector<Unit> units;
  for (size_t k = 1; k < points.size(); ++k) {
    auto [below, from] = points[k - 1];
    auto [above, to] = points[k];
    if (from == to)
      continue;
    double gap = above - below;
    // Each step ramps over half the gap around the midpoint; values stay a quarter gap away.
    double slope = 2.0 / gap, threshold = (above + below) / 2;
    double tolerance = gap / 4 - in.error - slope * largest * kF32Eps * gap;
    if (!(gap > 0) || tolerance <= 0)
      return op->emitError("cannot compile exactly: the values ")
                 << shortest(below) << " and " << shortest(above)
                 << " are too close to tell apart in float32 (error bound " << in.error << ")",
             failure();
    margin = std::min(margin, tolerance);
    Form ramp = scaled(in.form, slope);
    ramp[dimReal] += -slope * threshold;
    Form delta = write(to);
    addTo(delta, write(from), -1.0);
    // On a plateau the pair's difference is exactly 0 or 1 up to the rounding of its inputs,
    // which are as large as the ramp gets.
    double deltaSize = 0;
    for (auto [dim, w] : delta)
      deltaSize = std::max(deltaSize, std::fabs(w));
    outError += deltaSize * (slope * (largest + std::fabs(threshold)) + 1) * kF32Eps;
    Unit up{ramp, delta}, down{ramp, scaled(delta, -1.0)};
    up.in[dimReal] += 0.5;
    down.in[dimReal] -= 0.5;
    units.push_back(std::move(up));
    units.push_back(std::move(down));
  }
  return units;
}

FailureOr<CatView> Builder::stepMLP(Operation *op, const NumView &in,
                                    std::vector<std::pair<double, int>> points,
                                    const std::string &name, const std::vector<Atom> &values,
                                    std::string explain, double &margin) {
  if (points.empty())
    return op->emitError("this map fails on every value of its input"), failure();
  std::sort(points.begin(), points.end());
  int sublayer = mlpSublayer(in.ready);
  CatView view = newCatView(name, values, points.front().second, sublayer);
  double outError;
  auto units = stepUnits(
      op, in, points, [&](int v) { return written(view.reads[v], dimReal); }, margin, outError);
  if (failed(units))
    return failure();
  mlps.push_back({sublayer, std::move(*units), std::move(explain)});
  return view;
}

bool Builder::positionInjective(Value v) {
  // Whether no two positions of any input hold the same value: indices, injective functions
  // of them (also of a pair whose other member is anything), and ranks of such values by a
  // strict order.
  Operation *op = v.getDefiningOp();
  if (isa<IndicesOp>(op))
    return true;
  if (auto sw = dyn_cast<SelectorWidthOp>(op)) {
    auto sel = sw.getSelector().getDefiningOp<SelectOp>();
    return sel && sel.getKeys() == sel.getQueries() &&
           (sel.getPredicate() == Comparison::lt || sel.getPredicate() == Comparison::gt) &&
           positionInjective(sel.getKeys());
  }
  SmallVector<Value> inputs;
  Region *body = nullptr;
  if (auto map = dyn_cast<MapOp>(op)) {
    inputs.push_back(map.getInput());
    body = &map.getBody();
  } else if (auto seq = dyn_cast<SequenceMapOp>(op)) {
    inputs.append(seq.getInputs().begin(), seq.getInputs().end());
    body = &seq.getBody();
  } else {
    return false;
  }
  if (llvm::none_of(inputs, [&](Value in) { return positionInjective(in); }))
    return false;
  int64_t combinations = 1;
  for (Value in : inputs)
    combinations *= static_cast<int64_t>(infos[in].values.size());
  if (combinations > kMaxTable)
    return false;
  std::set<Atom> seen;
  std::vector<size_t> at(inputs.size(), 0);
  while (true) {
    std::vector<Atom> args;
    for (size_t i = 0; i < inputs.size(); ++i)
      args.push_back(infos[inputs[i]].values[at[i]]);
    AtomResult r = evaluateBody(*body, args);
    if (r && !seen.insert(*r.value).second)
      return false;
    size_t i = 0;
    while (i < inputs.size() && ++at[i] == infos[inputs[i]].values.size())
      at[i++] = 0;
    if (i == inputs.size())
      return true;
  }
}

FailureOr<Builder::SelectorLogits> Builder::selectorLogits(Value selector, Operation *user) {
  std::vector<Formula> nodes;
  std::vector<SelectOp> atoms;
  int root = flattenSelector(selector, nodes, atoms);

  struct Group {
    Value keys, queries;
    std::vector<int> atoms;
    CatView *k = nullptr, *q = nullptr;
    std::vector<std::vector<uint32_t>> state; ///< [key value][query value] -> atom bits
    std::vector<uint32_t> states;             ///< the reachable ones
    std::set<uint32_t> accept;                ///< P_g: states that can be part of a match
  };
  std::vector<Group> groups;
  std::vector<std::pair<int, int>> atomSlot(atoms.size()); // (group, bit)
  SelectorLogits result;
  for (size_t i = 0; i < atoms.size(); ++i) {
    SelectOp a = atoms[i];
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group &g) {
      return g.keys == a.getKeys() && g.queries == a.getQueries();
    });
    if (it == groups.end()) {
      Group g;
      g.keys = a.getKeys();
      g.queries = a.getQueries();
      groups.push_back(std::move(g));
      it = groups.end() - 1;
    }
    if (it->atoms.size() >= 16)
      return a.emitError("not supported: more than 16 selects over the same keys and queries"),
             failure();
    atomSlot[i] = {static_cast<int>(it - groups.begin()), static_cast<int>(it->atoms.size())};
    it->atoms.push_back(static_cast<int>(i));
  }
  int64_t combinations = 1;
  for (Group &g : groups) {
    auto k = needCat(g.keys, user), q = needCat(g.queries, user);
    if (failed(k) || failed(q))
      return failure();
    g.k = *k;
    g.q = *q;
    result.ready = std::max({result.ready, g.k->ready, g.q->ready});
    if (static_cast<int64_t>(g.k->values.size()) * g.q->values.size() > kMaxTable)
      return atoms[g.atoms[0]].emitError("not supported: a select over ")
                 << g.k->values.size() << " x " << g.q->values.size() << " values",
             failure();
    std::set<uint32_t> reachable;
    g.state.assign(g.k->values.size(), std::vector<uint32_t>(g.q->values.size(), 0));
    for (size_t ki = 0; ki < g.k->values.size(); ++ki)
      for (size_t qi = 0; qi < g.q->values.size(); ++qi) {
        uint32_t bits = 0;
        for (size_t b = 0; b < g.atoms.size(); ++b) {
          SelectOp a = atoms[g.atoms[b]];
          if (compare(a.getPredicate(), g.k->values[ki], g.q->values[qi]))
            bits |= 1u << b;
        }
        g.state[ki][qi] = bits;
        reachable.insert(bits);
      }
    g.states.assign(reachable.begin(), reachable.end());
    combinations *= static_cast<int64_t>(g.states.size());
    if (combinations > kMaxTable)
      return user->emitError("not supported: the selector combines too many selects"), failure();
  }
  // Evaluate the formula on every combination of group states. The head can compute it
  // with equal logits for every selected key only when it is a conjunction of one predicate
  // per group: then the logit counts the groups that hold.
  std::vector<size_t> at(groups.size(), 0);
  auto eval = [&] {
    return evalFormula(nodes, root, [&](int atom) {
      auto [g, bit] = atomSlot[atom];
      return ((groups[g].states[at[g]] >> bit) & 1u) != 0;
    });
  };
  std::vector<std::pair<std::vector<size_t>, bool>> table;
  while (true) {
    bool value = eval();
    table.push_back({at, value});
    if (value)
      for (size_t g = 0; g < groups.size(); ++g)
        groups[g].accept.insert(groups[g].states[at[g]]);
    size_t g = 0;
    while (g < groups.size() && ++at[g] == groups[g].states.size())
      at[g++] = 0;
    if (g == groups.size())
      break;
  }
  for (auto &[states, value] : table) {
    bool conjunction = true;
    for (size_t g = 0; g < groups.size(); ++g)
      conjunction = conjunction && groups[g].accept.count(groups[g].states[states[g]]);
    if (conjunction != value)
      return user->emitError("not supported: this selector is not a conjunction of conditions "
                             "on separate key/query pairs (an `or` or `not` across different "
                             "s-ops); one attention head cannot select it with equal weights"),
             failure();
  }
  result.groups = static_cast<int>(groups.size());
  for (Group &g : groups) {
    addMatchLogits(result.qk, *g.k, *g.q,
                   [&](size_t ki, size_t qi) { return g.accept.count(g.state[ki][qi]) != 0; });
    // At most one key per query: keys distinct per position, each query accepting one value.
    if (positionInjective(g.keys)) {
      bool functional = true;
      for (size_t qi = 0; qi < g.q->values.size(); ++qi) {
        int matches = 0;
        for (size_t ki = 0; ki < g.k->values.size(); ++ki)
          matches += g.accept.count(g.state[ki][qi]) ? 1 : 0;
        functional = functional && matches <= 1;
      }
      result.atMostOne = result.atMostOne || functional;
    }
  }
  std::string text;
  for (size_t i = 0; i < atoms.size(); ++i)
    text += (i ? " and " : "") + llvm::formatv("select({0}, {1}, {2})", nameOf(atoms[i].getKeys()),
                                               nameOf(atoms[i].getQueries()),
                                               comparisonSymbol(atoms[i].getPredicate()))
                                     .str();
  if (auto label = selector.getDefiningOp()->getAttrOfType<StringAttr>("label"))
    text = label.str() + " = " + text;
  result.text =
      atoms.size() == 1 || nodes[root].kind == Formula::And ? text : "combination of " + text;
  return result;
}

void Builder::addInertTerms(Logits &qk, int groups, bool selectorWidth) {
  // Real queries: BOS ties with the matches for selector_width (the count comes from its
  // weight) and sits half a match below them otherwise (it wins only when nothing matches);
  // PAD keys lose to everything. BOS and PAD queries attend to BOS alone.
  double all = kMatch * groups;
  qk[{dimReal, dimBos}] += selectorWidth ? all : all - kMatch / 2;
  qk[{dimReal, dimPad}] -= all + 2 * kMatch;
  qk[{dimBos, dimBos}] += all + 2 * kMatch;
  qk[{dimPad, dimBos}] += all + 2 * kMatch;
}

LogicalResult Builder::visitAggregate(AggregateOp op, SOpInfo &out) {
  auto logits = selectorLogits(op.getSelector(), op);
  if (failed(logits))
    return failure();
  auto valuesInfo = info(op.getValues());
  if (failed(valuesInfo))
    return failure();
  std::optional<Atom> fallback = attrToAtom(op.getDefaultValue());
  HeadSpec head;
  head.qk = std::move(logits->qk);
  addInertTerms(head.qk, logits->groups, /*selectorWidth=*/false);
  bool numerical = op.getType().getEncoding() == Encoding::numerical;
  int ready = logits->ready;
  if (numerical) {
    auto num = needNum(op.getValues(), op);
    if (failed(num))
      return failure();
    if (!fallback->isNumber())
      return op.emitError("not supported: a numerical aggregate with a non-numeric default");
    // Values are held relative to the default, so that an empty row (attending to BOS,
    // whose value is 0) gives the default.
    double d = fallback->toDouble();
    ready = std::max(ready, (*num)->ready);
    head.sublayer = attnSublayer(ready);
    int64_t dim = addDim(out.name);
    Form read = (*num)->form;
    read[dimReal] -= d;
    for (auto [k, w] : read)
      head.ov[{dim, k}] += w;
    NumView view;
    view.form = unit(dim);
    view.form[dimReal] += d;
    view.ready = head.sublayer;
    double largest = 0;
    for (const Atom &a : (*valuesInfo)->values)
      largest = std::max(largest, std::fabs(a.toDouble()));
    view.error = (*num)->error + (largest + std::fabs(d)) * (maxLen + 3) * kF32Eps;
    out.num = view;
    head.explain =
        "aggregate " + out.name + " = mean of " + (*valuesInfo)->name + " over " + logits->text;
  } else {
    if ((*valuesInfo)->numbers && !logits->atMostOne)
      return op.emitError("not supported: this categorical aggregate may average several "
                          "numbers, which a one-hot value cannot hold; annotate it "
                          "numerical(...) to compute the mean"),
             failure();
    auto cat = needCat(op.getValues(), op);
    if (failed(cat))
      return failure();
    ready = std::max(ready, (*cat)->ready);
    head.sublayer = attnSublayer(ready);
    // The output's values: the inputs' and the default, which is the implicit one.
    std::vector<Atom> values = out.values;
    auto pos = std::find(values.begin(), values.end(), *fallback);
    if (pos == values.end())
      return op.emitError("internal: the default is missing from the value set"), failure();
    CatView view = newCatView(out.name, values, pos - values.begin(), head.sublayer);
    for (size_t i = 0; i < (*cat)->values.size(); ++i) {
      auto at = std::find(values.begin(), values.end(), (*cat)->values[i]);
      if (at == values.end())
        return op.emitError("internal: a value is missing from the value set"), failure();
      if (at == pos)
        continue;
      int64_t dim = view.reads[at - values.begin()].begin()->first;
      for (auto [k, w] : (*cat)->reads[i])
        head.ov[{dim, k}] += w;
    }
    out.cat = std::move(view);
    head.explain = "aggregate " + out.name + " = copy of " + (*valuesInfo)->name + " from " +
                   logits->text + (logits->atMostOne ? "" : " (at most one key expected)");
  }
  heads.push_back(std::move(head));
  return success();
}

NumView Builder::widthHead(Logits qk, int groups, int ready, const std::string &label,
                           std::string explain) {
  HeadSpec head;
  head.qk = std::move(qk);
  addInertTerms(head.qk, groups, /*selectorWidth=*/true);
  head.sublayer = attnSublayer(ready);
  int64_t dim = addDim(label);
  swDims.push_back(dim);
  head.ov[{dim, dimBos}] = 1.0;
  head.explain = std::move(explain);
  NumView weight;
  weight.form = unit(dim);
  weight.ready = head.sublayer;
  weight.error = (maxLen + 3) * kF32Eps;
  heads.push_back(std::move(head));
  return weight;
}

LogicalResult Builder::visitSelectorWidth(SelectorWidthOp op, SOpInfo &out) {
  FailureOr<bool> split = splitSelectorWidth(op, out);
  if (failed(split) || *split)
    return split;
  auto logits = selectorLogits(op.getSelector(), op);
  if (failed(logits))
    return failure();
  // BOS's weight is 1/(w+1) when w keys are selected; an MLP decodes w from it.
  NumView weight =
      widthHead(std::move(logits->qk), logits->groups, logits->ready, out.name + ":bos_weight",
                "selector_width " + out.name + ": attention to BOS among " + logits->text);
  std::vector<std::pair<double, int>> points;
  for (size_t i = 0; i < out.values.size(); ++i)
    points.push_back({1.0 / (out.values[i].toDouble() + 1.0), static_cast<int>(i)});
  double margin;
  auto view = stepMLP(op, weight, std::move(points), out.name, out.values,
                      "selector_width " + out.name + ": w from 1/(w+1)", margin);
  if (failed(view))
    return failure();
  notes.push_back(llvm::formatv("selector_width {0}: BOS weights 1/(w+1) told apart with "
                                "margin {1:e2} (float32 error bound {2:e2})",
                                out.name, margin, weight.error));
  out.cat = std::move(*view);
  return success();
}

bool compareNumbers(Comparison c, double key, double query) {
  switch (c) {
  case Comparison::eq: return key == query;
  case Comparison::ne: return key != query;
  case Comparison::lt: return key < query;
  case Comparison::le: return key <= query;
  case Comparison::gt: return key > query;
  case Comparison::ge: return key >= query;
  case Comparison::always: return true;
  case Comparison::never: return false;
  }
  return false;
}

/// One part of a split selector: the pairs (key value, query value) of the outer group it
/// takes (row-major) and the relation between the inner group's values it requires there.
struct SplitTerm {
  std::vector<bool> outer;
  std::vector<uint64_t> inner; ///< bit (key index * query count + query index)
};

/// The values of a sequence map of two s-ops over all pairs of its inputs' values (NaN where
/// it fails), row-major by the first input.
std::vector<double> tabulate(SequenceMapOp map, ArrayRef<Atom> x, ArrayRef<Atom> y) {
  std::vector<double> t;
  t.reserve(x.size() * y.size());
  for (const Atom &a : x)
    for (const Atom &b : y) {
      AtomResult r = evaluateBody(map.getBody(), {a, b});
      t.push_back(r && (r.value->isInt() || r.value->isFloat()) ? r.value->toDouble() : NAN);
    }
  return t;
}

/// Splits a selector over two key/query groups, `match(k0, q0, k1, q1)` by value indices,
/// with `outer` as the outer group: the distinct relations of the inner group, each with
/// the outer pairs where it holds. Empty when there are more than kMaxSplitTerms.
std::vector<SplitTerm> splitTerms(const size_t (&keyCount)[2], const size_t (&queryCount)[2],
                                  int outer,
                                  function_ref<bool(size_t, size_t, size_t, size_t)> match) {
  int in = 1 - outer;
  size_t ko = keyCount[outer], qo = queryCount[outer], ki = keyCount[in], qi = queryCount[in];
  std::map<std::vector<uint64_t>, size_t> byRelation;
  std::vector<SplitTerm> terms;
  size_t k[2], q[2];
  for (k[outer] = 0; k[outer] < ko; ++k[outer])
    for (q[outer] = 0; q[outer] < qo; ++q[outer]) {
      std::vector<uint64_t> bits((ki * qi + 63) / 64, 0);
      bool any = false;
      for (k[in] = 0; k[in] < ki; ++k[in])
        for (q[in] = 0; q[in] < qi; ++q[in])
          if (match(k[0], q[0], k[1], q[1])) {
            size_t bit = k[in] * qi + q[in];
            bits[bit / 64] |= uint64_t(1) << (bit % 64);
            any = true;
          }
      if (!any)
        continue;
      auto [it, inserted] = byRelation.try_emplace(bits, terms.size());
      if (inserted) {
        if (terms.size() == kMaxSplitTerms)
          return {};
        terms.push_back({std::vector<bool>(ko * qo, false), bits});
      }
      terms[it->second].outer[k[outer] * qo + q[outer]] = true;
    }
  return terms;
}

FailureOr<bool> Builder::splitSelectorWidth(SelectorWidthOp op, SOpInfo &out) {
  // With two key/query groups, fix the outer group's pair of values: what is left is a
  // relation R between the inner group's values. The pairs sharing one relation form a term
  // "P(outer) and R(inner)"; the terms are disjoint and cover the selector, so the width is
  // the sum of theirs, each a conjunction that one head selects with equal weights.
  // Two cases have two groups:
  // - a select whose keys and queries are sequence maps of two s-ops: sorting by
  //   f(x, y) = x + y/N gives "x_k < x_q" and "x_k == x_q and y_k < y_q", two heads instead
  //   of a one-hot over the thousands of values of f;
  // - `and`/`or`/`not` of selects over two different key/query pairs that is not a
  //   conjunction (which one head cannot select), e.g. an `or`.
  Value keyIn[2], queryIn[2];
  std::function<bool(size_t, size_t, size_t, size_t)> match;
  std::string text;
  bool sequenceMaps = false;
  auto sel = op.getSelector().getDefiningOp<SelectOp>();
  std::vector<Formula> nodes;
  std::vector<SelectOp> atoms;
  std::vector<int> atomGroup;
  std::vector<double> f, g;
  if (sel) {
    auto keyMap = sel.getKeys().getDefiningOp<SequenceMapOp>();
    auto queryMap = sel.getQueries().getDefiningOp<SequenceMapOp>();
    if (!keyMap || !queryMap || keyMap.getInputs().size() != 2 ||
        queryMap.getInputs().size() != 2 || !infos[sel.getKeys()].numbers ||
        !infos[sel.getQueries()].numbers)
      return false;
    sequenceMaps = true;
    for (int i = 0; i < 2; ++i) {
      keyIn[i] = keyMap.getInputs()[i];
      queryIn[i] = queryMap.getInputs()[i];
    }
    f = tabulate(keyMap, infos[keyIn[0]].values, infos[keyIn[1]].values);
    g = tabulate(queryMap, infos[queryIn[0]].values, infos[queryIn[1]].values);
    size_t k1 = infos[keyIn[1]].values.size(), q1 = infos[queryIn[1]].values.size();
    Comparison predicate = sel.getPredicate();
    match = [&, k1, q1, predicate](size_t ka, size_t qa, size_t kb, size_t qb) {
      return compareNumbers(predicate, f[ka * k1 + kb], g[qa * q1 + qb]);
    };
    text = llvm::formatv("select({0}, {1}, {2})", nameOf(sel.getKeys()), nameOf(sel.getQueries()),
                         comparisonSymbol(predicate));
  } else {
    int root = flattenSelector(op.getSelector(), nodes, atoms);
    int groups = 0;
    for (SelectOp a : atoms) {
      int at = 0;
      while (at < groups && !(keyIn[at] == a.getKeys() && queryIn[at] == a.getQueries()))
        ++at;
      if (at == groups) {
        if (groups == 2)
          return false;
        keyIn[groups] = a.getKeys();
        queryIn[groups] = a.getQueries();
        ++groups;
      }
      atomGroup.push_back(at);
    }
    if (groups != 2)
      return false;
    match = [&, root](size_t ka, size_t qa, size_t kb, size_t qb) {
      return evalFormula(nodes, root, [&](int atom) {
        size_t k = atomGroup[atom] ? kb : ka, q = atomGroup[atom] ? qb : qa;
        const SOpInfo &keys = infos[keyIn[atomGroup[atom]]];
        const SOpInfo &queries = infos[queryIn[atomGroup[atom]]];
        return compare(atoms[atom].getPredicate(), keys.values[k], queries.values[q]);
      });
    };
    text = "the combined selector";
  }
  size_t keyCount[2], queryCount[2];
  int64_t work = 1;
  for (int i = 0; i < 2; ++i) {
    keyCount[i] = infos[keyIn[i]].values.size();
    queryCount[i] = infos[queryIn[i]].values.size();
    work *= static_cast<int64_t>(keyCount[i] * queryCount[i]);
  }
  // Comparing numbers is cheap; a formula is evaluated on atoms.
  if (work > (sequenceMaps ? 64 * kMaxTable : kMaxTable))
    return false;

  // Split by either group; keep the one with fewer terms.
  int o = -1;
  std::vector<SplitTerm> terms;
  for (int outer = 0; outer < 2; ++outer) {
    std::vector<SplitTerm> found = splitTerms(keyCount, queryCount, outer, match);
    if (!found.empty() && (o < 0 || found.size() < terms.size())) {
      o = outer;
      terms = std::move(found);
    }
  }
  if (o < 0)
    return false;
  if (sequenceMaps) {
    // Split when a one-hot of the keys (and queries) would not fit, or would take more
    // residual dimensions than the split's BOS weights and sum. The MLP units are
    // comparable: 2 per length per part instead of one or two per key value.
    auto oneHotDims = [&](Value v) -> int64_t {
      SOpInfo &s = infos[v];
      return s.cat ? 0 : static_cast<int64_t>(s.values.size()) - 1;
    };
    int64_t directDims = oneHotDims(sel.getKeys()) +
                         (sel.getQueries() != sel.getKeys() ? oneHotDims(sel.getQueries()) : 0);
    llvm::SmallSetVector<Value, 4> inputs;
    inputs.insert(keyIn, keyIn + 2);
    inputs.insert(queryIn, queryIn + 2);
    int64_t splitDims = static_cast<int64_t>(terms.size()) + 1;
    for (Value v : inputs)
      splitDims += oneHotDims(v);
    bool directFits = static_cast<int64_t>(infos[sel.getKeys()].values.size()) *
                          infos[sel.getQueries()].values.size() <=
                      kMaxTable;
    if (directFits && splitDims >= directDims)
      return false;
  } else if (terms.size() < 2) {
    return false; // a conjunction: one head (selectorLogits)
  }

  CatView *kc[2], *qc[2];
  for (int i = 0; i < 2; ++i) {
    auto k = needCat(keyIn[i], op), q = needCat(queryIn[i], op);
    if (failed(k) || failed(q))
      return failure();
    kc[i] = *k;
    qc[i] = *q;
    if (kc[i]->values.size() != keyCount[i] || qc[i]->values.size() != queryCount[i])
      return op.emitError("internal: a categorical view differs from its value set"), failure();
  }
  int in = 1 - o;
  int64_t sumDim = addDim(out.name);
  NumView total;
  total.form = unit(sumDim);
  std::vector<std::pair<double, int>> points;
  for (int64_t w = 0; w <= maxLen; ++w)
    points.push_back({1.0 / static_cast<double>(w + 1), static_cast<int>(w)});
  std::sort(points.begin(), points.end());
  int base = points.front().second;
  double margin = INFINITY;
  for (size_t t = 0; t < terms.size(); ++t) {
    const SplitTerm &term = terms[t];
    Logits qk;
    int groups = 0, ready = -1;
    std::vector<std::string> conditions;
    auto addGroup = [&](Value kv, Value qv, CatView &k, CatView &q, auto match) {
      // Named as a comparison where it is one, for --explain.
      std::string condition;
      for (Comparison c : {Comparison::always, Comparison::eq, Comparison::lt, Comparison::gt,
                           Comparison::le, Comparison::ge, Comparison::ne}) {
        bool same = true;
        for (size_t a = 0; a < k.values.size() && same; ++a)
          for (size_t b = 0; b < q.values.size() && same; ++b)
            same = match(a, b) == compare(c, k.values[a], q.values[b]);
        if (same) {
          if (c == Comparison::always)
            return;
          condition =
              llvm::formatv("select({0}, {1}, {2})", nameOf(kv), nameOf(qv), comparisonSymbol(c));
          break;
        }
      }
      if (condition.empty())
        condition = "a table over (" + nameOf(kv) + ", " + nameOf(qv) + ")";
      conditions.push_back(condition);
      ++groups;
      ready = std::max({ready, k.ready, q.ready});
      addMatchLogits(qk, k, q, match);
    };
    size_t qo = qc[o]->values.size(), qi = qc[in]->values.size();
    addGroup(keyIn[o], queryIn[o], *kc[o], *qc[o],
             [&](size_t a, size_t b) { return term.outer[a * qo + b]; });
    addGroup(keyIn[in], queryIn[in], *kc[in], *qc[in], [&](size_t a, size_t b) {
      size_t bit = a * qi + b;
      return ((term.inner[bit / 64] >> (bit % 64)) & 1u) != 0;
    });
    std::string part =
        llvm::formatv("selector_width {0}, part {1} of {2}: ", out.name, t + 1, terms.size());
    NumView weight = widthHead(
        std::move(qk), groups, ready, llvm::formatv("{0}:bos_weight{1}", out.name, t).str(),
        part + "attention to BOS among " + llvm::join(conditions, " and ") + " (of " + text + ")");
    double partMargin, partError;
    auto units = stepUnits(
        op, weight, points,
        [&](int w) {
          return Form{{sumDim, static_cast<double>(w - base)}};
        },
        partMargin, partError);
    if (failed(units))
      return failure();
    int sublayer = mlpSublayer(weight.ready);
    mlps.push_back({sublayer, std::move(*units), part + "w from 1/(w+1), added to " + out.name});
    total.form[dimReal] += base;
    total.ready = std::max(total.ready, sublayer);
    total.error += partError + maxLen * kF32Eps;
    margin = std::min(margin, partMargin);
  }
  notes.push_back(llvm::formatv("selector_width {0}: split into {1} heads over the values of "
                                "{2}; BOS weights told apart with margin {3:e2}, the sum's "
                                "float32 error bound {4:e2}",
                                out.name, terms.size(), nameOf(keyIn[o]), margin, total.error));
  out.num = std::move(total);
  return true;
}

/// Affine coefficients of f over the numbers `inputs` (one list per argument), if f is affine.
std::optional<std::vector<double>> affineFit(Region &body,
                                             const std::vector<std::vector<Atom>> &inputs) {
  size_t n = inputs.size();
  std::vector<Atom> base;
  for (auto &in : inputs)
    base.push_back(in.front());
  AtomResult f0 = evaluateBody(body, base);
  if (!f0 || !(f0.value->isInt() || f0.value->isFloat()))
    return std::nullopt;
  std::vector<double> coef(n + 1, 0.0);
  coef[n] = f0.value->toDouble();
  for (size_t i = 0; i < n; ++i) {
    if (inputs[i].size() < 2)
      continue;
    std::vector<Atom> args = base;
    args[i] = inputs[i].back();
    AtomResult f1 = evaluateBody(body, args);
    if (!f1 || !(f1.value->isInt() || f1.value->isFloat()))
      return std::nullopt;
    coef[i] = (f1.value->toDouble() - coef[n]) /
              (inputs[i].back().toDouble() - inputs[i].front().toDouble());
  }
  for (size_t i = 0; i < n; ++i)
    coef[n] -= coef[i] * base[i].toDouble();
  std::vector<size_t> at(n, 0);
  int64_t count = 0;
  while (true) {
    if (++count > kMaxTable)
      return std::nullopt;
    std::vector<Atom> args;
    double predicted = coef[n];
    for (size_t i = 0; i < n; ++i) {
      args.push_back(inputs[i][at[i]]);
      predicted += coef[i] * inputs[i][at[i]].toDouble();
    }
    AtomResult r = evaluateBody(body, args);
    if (r) {
      if (!(r.value->isInt() || r.value->isFloat()))
        return std::nullopt;
      double v = r.value->toDouble();
      if (std::fabs(v - predicted) > 1e-9 * std::max(1.0, std::fabs(v)))
        return std::nullopt;
    }
    size_t i = 0;
    while (i < n && ++at[i] == inputs[i].size())
      at[i++] = 0;
    if (i == n)
      break;
  }
  return coef;
}

LogicalResult Builder::visitMap(Operation *op, ArrayRef<Value> inputs, Region &body, SOpInfo &out) {
  std::vector<SOpInfo *> in;
  for (Value v : inputs) {
    auto i = info(v);
    if (failed(i))
      return failure();
    in.push_back(*i);
  }
  auto indexOf = [&](const Atom &a) {
    return static_cast<size_t>(std::lower_bound(out.values.begin(), out.values.end(), a) -
                               out.values.begin());
  };
  // A map of one categorical s-op: each output value reads the sum of the inputs mapping to it.
  if (in.size() == 1 && in[0]->cat) {
    CatView view;
    view.values = out.values;
    view.reads.resize(out.values.size());
    view.ready = in[0]->cat->ready;
    for (size_t i = 0; i < in[0]->cat->values.size(); ++i) {
      AtomResult r = evaluateBody(body, {in[0]->cat->values[i]});
      if (r)
        addTo(view.reads[indexOf(*r.value)], in[0]->cat->reads[i]);
    }
    out.cat = std::move(view);
    folded.push_back(out.name + " (map of " + in[0]->name + ")");
    return success();
  }
  // Affine in numerical views: a combination of the inputs' forms.
  bool allNumbers = out.numbers;
  for (SOpInfo *i : in)
    allNumbers = allNumbers && i->numbers;
  if (allNumbers) {
    std::vector<std::vector<Atom>> sets;
    for (SOpInfo *i : in)
      sets.push_back(i->values);
    if (auto coef = affineFit(body, sets)) {
      NumView view;
      view.form[dimReal] += coef->back();
      for (size_t i = 0; i < in.size(); ++i) {
        auto num = needNum(inputs[i], op);
        if (failed(num))
          return failure();
        addTo(view.form, (*num)->form, (*coef)[i]);
        view.ready = std::max(view.ready, (*num)->ready);
        view.error += std::fabs((*coef)[i]) * (*num)->error;
      }
      double largest = 0;
      for (const Atom &a : out.values)
        largest = std::max(largest, std::fabs(a.toDouble()));
      view.error += largest * kF32Eps;
      out.num = std::move(view);
      folded.push_back(out.name + " (affine in " + in[0]->name +
                       (in.size() > 1 ? ", " + in[1]->name : std::string()) + ")");
      return success();
    }
  }
  if (in.size() == 1) {
    // A non-linear function of a number: discretise at the points where it changes.
    auto num = needNum(inputs[0], op);
    if (failed(num))
      return failure();
    std::vector<std::pair<double, int>> points;
    for (const Atom &x : in[0]->values) {
      AtomResult r = evaluateBody(body, {x});
      if (r)
        points.push_back({x.toDouble(), static_cast<int>(indexOf(*r.value))});
    }
    double margin;
    auto view =
        stepMLP(op, **num, std::move(points), out.name, out.values,
                "map " + out.name + " of the number " + in[0]->name + " (step function)", margin);
    if (failed(view))
      return failure();
    notes.push_back(llvm::formatv("{0}: breakpoints of {1} told apart with margin {2:e2}", out.name,
                                  in[0]->name, margin));
    out.cat = std::move(*view);
    return success();
  }
  if (in.size() != 2)
    return op->emitError("not supported: a sequence map of ") << in.size() << " s-ops";

  // Two inputs, one of them categorical and the other a number the function is affine in
  // for each categorical value: gated affine units, 2 per categorical value.
  for (int c = 0; c < 2; ++c) {
    SOpInfo *x = in[c], *y = in[1 - c];
    if (x->cat && !y->cat && y->numbers && out.numbers) {
      auto num = needNum(inputs[1 - c], op);
      if (failed(num))
        return failure();
      double largestY = 0;
      for (const Atom &a : y->values)
        largestY = std::max(largestY, std::fabs(a.toDouble()));
      NumView view;
      int sublayer = mlpSublayer(std::max(x->cat->ready, (*num)->ready));
      int64_t dim = addDim(out.name);
      view.form = unit(dim);
      view.ready = sublayer;
      std::vector<Unit> units;
      for (size_t i = 0; i < x->cat->values.size(); ++i) {
        std::vector<std::vector<Atom>> sets(2);
        sets[c] = {x->cat->values[i]};
        sets[1 - c] = y->values;
        auto coef = affineFit(body, sets);
        if (!coef)
          return op->emitError("not supported: a sequence map that is not affine in its "
                               "numerical input '")
                 << y->name << "' (for " << x->name << " = " << x->cat->values[i].str(true) << ")";
        double a = (*coef)[1 - c], b = coef->back();
        addTo(view.form, x->cat->reads[i], b);
        if (a == 0)
          continue;
        // On when x has this value; off by at least 1 otherwise.
        double gate = std::fabs(a) * largestY + 1;
        for (double sign : {1.0, -1.0}) {
          Unit u;
          u.in = scaled((*num)->form, sign * a);
          addTo(u.in, x->cat->reads[i], gate);
          u.in[dimReal] -= gate;
          u.out[dim] = sign;
          units.push_back(std::move(u));
        }
        view.error = std::max(view.error, std::fabs(a) * (*num)->error +
                                              (std::fabs(a) * largestY + gate) * kF32Eps);
      }
      mlps.push_back({sublayer, std::move(units),
                      "sequence map " + out.name + " of " + in[0]->name + " and " + in[1]->name +
                          " (affine in " + y->name + " for each " + x->name + ")"});
      out.num = std::move(view);
      return success();
    }
  }
  auto a = needCat(inputs[0], op), b = needCat(inputs[1], op);
  if (failed(a) || failed(b))
    return failure();
  return tableMLP(op, **a, **b, body, out, /*dryRun=*/false).has_value() ? success() : failure();
}

std::optional<int64_t> Builder::tableMLP(Operation *op, CatView &x, CatView &y, Region &body,
                                         SOpInfo &out, bool dryRun) {
  auto indexOf = [&](const Atom &a) {
    return static_cast<size_t>(std::lower_bound(out.values.begin(), out.values.end(), a) -
                               out.values.begin());
  };
  // A lookup table over pairs. Per row, one unit for the row's most common value and one
  // per exception; the most common value overall is implicit.
  if (static_cast<int64_t>(x.values.size()) * y.values.size() > kMaxTable) {
    if (!dryRun)
      op->emitError("not supported: a sequence map over ")
          << x.values.size() << " x " << y.values.size() << " values";
    return std::nullopt;
  }
  std::vector<std::vector<int>> table(x.values.size(), std::vector<int>(y.values.size(), -1));
  std::vector<int64_t> frequency(out.values.size(), 0);
  for (size_t i = 0; i < x.values.size(); ++i)
    for (size_t j = 0; j < y.values.size(); ++j) {
      AtomResult r = evaluateBody(body, {x.values[i], y.values[j]});
      if (!r)
        continue;
      table[i][j] = static_cast<int>(indexOf(*r.value));
      ++frequency[table[i][j]];
    }
  size_t implicit = std::max_element(frequency.begin(), frequency.end()) - frequency.begin();
  int sublayer = mlpSublayer(std::max(x.ready, y.ready));
  CatView view;
  if (!dryRun)
    view = newCatView(out.name, out.values, implicit, sublayer);
  auto write = [&](int value) { return dryRun ? Form() : written(view.reads[value], dimReal); };
  std::vector<Unit> units;
  for (size_t i = 0; i < x.values.size(); ++i) {
    std::map<int, int> counts;
    for (int v : table[i])
      if (v >= 0)
        ++counts[v];
    int rowValue = static_cast<int>(implicit);
    int best = counts.count(rowValue) ? counts[rowValue] : 0;
    for (auto [v, n] : counts)
      if (n > best + 1) { // a row unit pays for itself when it saves more than one unit
        best = n;
        rowValue = v;
      }
    if (rowValue != static_cast<int>(implicit))
      units.push_back({x.reads[i], write(rowValue)});
    for (size_t j = 0; j < y.values.size(); ++j) {
      int v = table[i][j];
      if (v < 0 || v == rowValue)
        continue;
      Unit u;
      if (!dryRun) {
        u.in = x.reads[i];
        addTo(u.in, y.reads[j]);
        u.in[dimReal] -= 1.0;
        u.out = write(v);
        addTo(u.out, write(rowValue), -1.0);
      }
      units.push_back(std::move(u));
    }
  }
  auto count = static_cast<int64_t>(units.size());
  if (dryRun)
    return count;
  mlps.push_back({sublayer, std::move(units),
                  "sequence map " + out.name + " (table over the values of its two inputs)"});
  out.cat = std::move(view);
  return count;
}

LogicalResult Builder::visit(Operation *op) {
  if (isa<SelectOp, SelectAndOp, SelectOrOp, SelectNotOp, OutputOp>(op))
    return success();
  Value result = op->getResult(0);
  SOpInfo &out = infos[result];
  out.op = op;
  out.name = nameOf(result);
  auto set = op->getAttrOfType<ArrayAttr>("value_set");
  if (!set)
    return op->emitError("internal: no value set (run rasp-infer-value-sets first)");
  out.values = *attrToAtoms(set);
  out.numbers = !out.values.empty();
  for (const Atom &a : out.values)
    out.numbers = out.numbers && (a.isInt() || a.isFloat());
  if (out.values.empty())
    return op->emitError("this s-op has no value on any input of the vocabulary (every "
                         "evaluation fails)");
  // One value: a constant, read as `real` (BOS and PAD read 0).
  if (out.values.size() == 1) {
    CatView view;
    view.values = out.values;
    view.reads = {unit(dimReal)};
    out.cat = std::move(view);
    folded.push_back(out.name + " (constant " + out.values[0].str(true) + ")");
    return success();
  }
  if (auto tokens = dyn_cast<TokensOp>(op)) {
    CatView view;
    view.values = out.values;
    view.reads.resize(out.values.size());
    for (size_t t = 0; t < vocab.size(); ++t) {
      Atom token = Atom::ofString(vocab[t]);
      std::optional<Atom> value = token;
      switch (tokens.getConversion()) {
      case TokenConversion::str: break;
      case TokenConversion::int_: value = convertAtom(token, Atom::Kind::Int).value; break;
      case TokenConversion::float_: value = convertAtom(token, Atom::Kind::Float).value; break;
      case TokenConversion::bool_: value = convertAtom(token, Atom::Kind::Bool).value; break;
      case TokenConversion::asis: break;
      }
      if (!value)
        continue;
      auto at = std::lower_bound(out.values.begin(), out.values.end(), *value);
      if (at != out.values.end() && *at == *value)
        view.reads[at - out.values.begin()][dimTokens[t]] += 1.0;
    }
    out.cat = std::move(view);
    return success();
  }
  if (isa<IndicesOp>(op)) {
    CatView view;
    view.values = out.values;
    for (const Atom &a : out.values)
      view.reads.push_back(unit(dimIndices[a.getInt()]));
    out.cat = std::move(view);
    return success();
  }
  if (isa<FullOp>(op))
    return op->emitError("internal: a full s-op with several values");
  if (auto map = dyn_cast<MapOp>(op))
    return visitMap(op, {map.getInput()}, map.getBody(), out);
  if (auto seq = dyn_cast<SequenceMapOp>(op)) {
    SmallVector<Value> inputs(seq.getInputs());
    return visitMap(op, inputs, seq.getBody(), out);
  }
  if (auto agg = dyn_cast<AggregateOp>(op))
    return visitAggregate(agg, out);
  if (auto sw = dyn_cast<SelectorWidthOp>(op))
    return visitSelectorWidth(sw, out);
  return op->emitError("not supported: compiling '") << op->getName() << "'";
}

/// Dense matrices of one attention head from its bilinear forms. The key (value) size is the
/// smaller of the number of query and key (output and input) dimensions it touches.
void factor(const std::map<std::pair<int64_t, int64_t>, double> &bilinear, int64_t d,
            WeightMatrix &left, WeightMatrix &right, int64_t &size) {
  std::set<int64_t> rows, cols;
  for (auto &[rc, w] : bilinear)
    if (w != 0) {
      rows.insert(rc.first);
      cols.insert(rc.second);
    }
  bool byRows = rows.size() <= cols.size();
  const std::set<int64_t> &basis = byRows ? rows : cols;
  size = static_cast<int64_t>(basis.size());
  left = WeightMatrix(d, size);
  right = WeightMatrix(d, size);
  std::map<int64_t, int64_t> slot;
  for (int64_t b : basis)
    slot[b] = static_cast<int64_t>(slot.size());
  for (auto &[rc, w] : bilinear) {
    if (w == 0)
      continue;
    if (byRows) {
      left.at(rc.first, slot[rc.first]) = 1.0;
      right.at(rc.second, slot[rc.first]) += w;
    } else {
      left.at(rc.first, slot[rc.second]) += w;
      right.at(rc.second, slot[rc.second]) = 1.0;
    }
  }
}

WeightMatrix padColumns(const WeightMatrix &m, int64_t cols) {
  WeightMatrix r(m.rows, cols);
  for (int64_t i = 0; i < m.rows; ++i)
    for (int64_t j = 0; j < m.cols; ++j)
      r.at(i, j) = m.at(i, j);
  return r;
}

FailureOr<CompiledTransformer> Builder::run() {
  CompiledTransformer model;
  model.name = program.getSymName().str();
  model.causal = options.causal;
  if (!program.getMaxSeqLen() || !program.getVocab())
    return program.emitError("compiling needs the program's vocab and max_seq_len"), failure();
  maxLen = *program.getMaxSeqLen();
  ArrayAttr vocabAttr = *program.getVocab();
  for (Attribute a : vocabAttr) {
    auto s = dyn_cast<StringAttr>(a);
    if (!s)
      return program.emitError("the vocabulary must be strings"), failure();
    vocab.push_back(s.str());
  }
  // The fixed part of the residual stream: tokens, BOS, PAD, `real` (1 at input positions:
  // the constant direction), indices.
  for (const std::string &t : vocab)
    dimTokens.push_back(addDim("tokens:" + t));
  dimBos = addDim("bos");
  dimPad = addDim("pad");
  dimReal = addDim("real");
  for (int64_t i = 0; i < maxLen; ++i)
    dimIndices.push_back(addDim("indices:" + std::to_string(i)));

  Value output;
  for (Operation &op : program.getBody().front()) {
    if (auto out = dyn_cast<OutputOp>(op))
      output = out.getResult();
    if (failed(visit(&op)))
      return failure();
  }
  SOpInfo &out = infos[output];
  OutputOp outputOp = cast<OutputOp>(program.getBody().front().getTerminator());
  model.numericalOutput = cast<SOpType>(output.getType()).getEncoding() == Encoding::numerical;

  int64_t d = static_cast<int64_t>(labels.size());
  // The unembedding is linear: the output's forms, taken at the end of the stream.
  std::vector<Form> outForms;
  if (model.numericalOutput) {
    auto num = needNum(output, outputOp);
    if (failed(num))
      return failure();
    outForms.push_back((*num)->form);
    notes.push_back(llvm::formatv("output {0}: numerical, float32 error bound {1:e2}", out.name,
                                  (*num)->error));
  } else {
    auto cat = needCat(output, outputOp);
    if (failed(cat))
      return failure();
    outForms = (*cat)->reads;
    model.outputValues = (*cat)->values;
  }
  d = static_cast<int64_t>(labels.size());
  model.residualLabels = labels;
  model.vocab = vocab;
  model.maxSeqLen = maxLen;

  model.tokenEmbedding = WeightMatrix(vocab.size() + 2, d);
  for (size_t t = 0; t < vocab.size(); ++t) {
    model.tokenEmbedding.at(t, dimTokens[t]) = 1.0;
    model.tokenEmbedding.at(t, dimReal) = 1.0;
  }
  model.tokenEmbedding.at(model.bosId(), dimBos) = 1.0;
  model.tokenEmbedding.at(model.padId(), dimPad) = 1.0;
  model.positionEmbedding = WeightMatrix(maxLen + 1, d);
  for (int64_t p = 1; p <= maxLen; ++p)
    model.positionEmbedding.at(p, dimIndices[p - 1]) = 1.0;

  int sublayers = 0;
  for (HeadSpec &h : heads)
    sublayers = std::max(sublayers, h.sublayer + 1);
  for (MLPSpec &m : mlps)
    sublayers = std::max(sublayers, m.sublayer + 1);
  model.layers.resize((sublayers + 1) / 2);
  for (HeadSpec &spec : heads) {
    TransformerLayer &layer = model.layers[spec.sublayer / 2];
    AttentionHead head;
    int64_t keySize, valueSize;
    factor(spec.qk, d, head.query, head.key, keySize);
    // For OV, `left` reads the input (d x dv) and `right` writes the output: factor the
    // transposed map (input, output).
    std::map<std::pair<int64_t, int64_t>, double> vo;
    for (auto &[oi, w] : spec.ov)
      vo[{oi.second, oi.first}] = w;
    WeightMatrix out;
    factor(vo, d, head.value, out, valueSize);
    head.output = WeightMatrix(valueSize, d);
    for (int64_t i = 0; i < d; ++i)
      for (int64_t j = 0; j < valueSize; ++j)
        head.output.at(j, i) = out.at(i, j);
    head.explain = spec.explain;
    layer.keySize = std::max(layer.keySize, keySize);
    layer.valueSize = std::max(layer.valueSize, valueSize);
    layer.heads.push_back(std::move(head));
  }
  for (TransformerLayer &layer : model.layers)
    for (AttentionHead &h : layer.heads) {
      h.query = padColumns(h.query, layer.keySize);
      h.key = padColumns(h.key, layer.keySize);
      h.value = padColumns(h.value, layer.valueSize);
      WeightMatrix o(layer.valueSize, d);
      for (int64_t i = 0; i < h.output.rows; ++i)
        for (int64_t j = 0; j < d; ++j)
          o.at(i, j) = h.output.at(i, j);
      h.output = std::move(o);
    }
  // MLPs: units of one sublayer side by side, each kept off at BOS and PAD.
  std::vector<std::vector<const MLPSpec *>> perLayer(model.layers.size());
  for (MLPSpec &m : mlps)
    perLayer[m.sublayer / 2].push_back(&m);
  for (size_t l = 0; l < model.layers.size(); ++l) {
    int64_t hidden = 0;
    for (const MLPSpec *m : perLayer[l])
      hidden += static_cast<int64_t>(m->units.size());
    TransformerLayer &layer = model.layers[l];
    layer.mlpIn = WeightMatrix(d, hidden);
    layer.mlpOut = WeightMatrix(hidden, d);
    int64_t u = 0;
    for (const MLPSpec *m : perLayer[l]) {
      layer.mlpParts.push_back({u, static_cast<int64_t>(m->units.size()), m->explain});
      for (const Unit &unitSpec : m->units) {
        double atBos = 0, atPadIndex = 0;
        for (auto [dim, w] : unitSpec.in) {
          layer.mlpIn.at(dim, u) += w;
          if (std::find(swDims.begin(), swDims.end(), dim) != swDims.end())
            atBos += std::max(0.0, w);
          if (std::find(dimIndices.begin(), dimIndices.end(), dim) != dimIndices.end())
            atPadIndex = std::max(atPadIndex, w);
        }
        layer.mlpIn.at(dimBos, u) -= atBos + 1;
        layer.mlpIn.at(dimPad, u) -= atBos + atPadIndex + 1;
        for (auto [dim, w] : unitSpec.out)
          layer.mlpOut.at(u, dim) += w;
        ++u;
      }
    }
  }
  model.unembedding = WeightMatrix(d, static_cast<int64_t>(outForms.size()));
  for (size_t c = 0; c < outForms.size(); ++c)
    for (auto [dim, w] : outForms[c])
      model.unembedding.at(dim, c) += w;
  if (!folded.empty()) {
    std::string text = "folded into the weights that read them (no block of their own):";
    for (const std::string &f : folded)
      text += "\n    " + f;
    notes.push_back(text);
  }
  model.notes = std::move(notes);
  return model;
}

} // namespace

FailureOr<CompiledTransformer> buildTransformer(ProgramOp program, const BuildOptions &options) {
  return Builder(program, options).run();
}

} // namespace tfc::rasp
