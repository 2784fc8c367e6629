// Evaluation of s-ops and selectors on a concrete input, with RASP's semantics.
#ifndef TFC_FRONTEND_RASP_EVALUATE_H
#define TFC_FRONTEND_RASP_EVALUATE_H

#include "frontend/rasp/Values.h"
#include <unordered_map>

namespace tfc::rasp {

using Sequence = std::vector<Atom>;
using Matrix = std::vector<std::vector<bool>>; ///< [query][key]

/// Evaluates graph nodes on one input, memoizing every node it computes. Errors throw
/// RaspError located at the node that fails.
class Evaluator {
public:
  explicit Evaluator(Sequence input) : input(std::move(input)) {}
  /// Causal evaluation (Tracr's CausalEvaluator): aggregate and selector_width see only the
  /// keys at or before each query.
  Evaluator(Sequence input, bool causal) : input(std::move(input)), causal(causal) {}

  const Sequence &sop(const SOp &s);
  const Matrix &selector(const Selector &s);
  const Sequence &sop(const SOpPtr &s) { return sop(*s); }
  const Matrix &selector(const SelectorPtr &s) { return selector(*s); }
  size_t length() const { return input.size(); }
  const Sequence &rawInput() const { return input; }

private:
  /// Computes every node `root` depends on that is not computed yet, operands first.
  void computeAll(GraphNode root);
  void computeSOp(const SOp &s);
  void computeSelector(const Selector &s);

  static constexpr size_t kMaxStringBytes = size_t(256) << 20;
  /// The selector as aggregate and selector_width use it (masked when causal).
  Matrix used(const Selector &s) const;

  Sequence input;
  bool causal = false;
  size_t stringBytes = 0;
  std::unordered_map<int, Sequence> sops;
  std::unordered_map<int, Matrix> selectors;
};

/// Evaluates `sop` on `input` without throwing: false with the error message when the
/// program fails on this input.
bool tryEvaluate(const SOpPtr &sop, const Sequence &input, bool causal, Sequence &out,
                 std::string &error) noexcept;

/// Turns an example (a string, or a list of atoms) into an input sequence.
Sequence exampleToSequence(const Value &example, const SourceLocation &loc);

/// Applies an element function to the values of its inputs at one position.
AtomResult applyElemFn(const ElemFn &fn, const std::vector<const Atom *> &args);

/// RASP's sequence type name ("int", "float", "string", "bool"), or "" when the values
/// mix types that no sequence may hold (ints and floats mix as floats).
std::string sequenceType(const Sequence &values);

} // namespace tfc::rasp

#endif
