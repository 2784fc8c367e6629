// rasp-infer-value-sets: the values every s-op of a program can take, for its vocabulary and
// maximum length, stored as `value_set` on each s-op.
#include "passes/RASP/Passes.h"
#include "dialect/RASP/AtomAttr.h"
#include "dialect/RASP/Elementwise.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

#include <set>
#include <type_traits>

namespace tfc::rasp {
#define GEN_PASS_DEF_INFERVALUESETS
#include "passes/RASP/Passes.h.inc"
} // namespace tfc::rasp

using namespace mlir;
using namespace tfc::rasp;

namespace {

using ValueSet = std::set<Atom>;

/// Evaluating map bodies and summing for means beyond this many steps is refused: the sets
/// would be far larger than anything a transformer can hold anyway.
constexpr int64_t kMaxSteps = 50'000'000;

FailureOr<ValueSet> tokensSet(TokensOp op, ArrayAttr vocab) {
  ValueSet set;
  for (Attribute a : vocab) {
    Atom token = *attrToAtom(a);
    std::optional<Atom::Kind> to;
    switch (op.getConversion()) {
    case TokenConversion::str: to = Atom::Kind::String; break;
    case TokenConversion::int_: to = Atom::Kind::Int; break;
    case TokenConversion::float_: to = Atom::Kind::Float; break;
    case TokenConversion::bool_: to = Atom::Kind::Bool; break;
    case TokenConversion::asis: break;
    }
    if (!to) {
      set.insert(token);
      continue;
    }
    AtomResult converted = convertAtom(token, *to);
    if (!converted)
      return op.emitError() << "the vocabulary value " << token.str(true) << " cannot be read as "
                            << stringifyTokenConversion(op.getConversion()) << ": "
                            << converted.error;
    set.insert(*converted.value);
  }
  return set;
}

ValueSet range(int64_t from, int64_t to) {
  ValueSet set;
  for (int64_t i = from; i < to; ++i)
    set.insert(Atom::ofInt(i));
  return set;
}

/// The body applied to every combination of input values; failures are left out.
FailureOr<ValueSet> mapSet(Operation *op, Region &body, ArrayRef<const ValueSet *> inputs) {
  int64_t combinations = 1;
  for (const ValueSet *s : inputs) {
    combinations *= static_cast<int64_t>(s->size());
    if (combinations > kMaxSteps)
      return op->emitError() << "too many combinations of input values to tabulate (more than "
                             << kMaxSteps << ")";
  }
  ValueSet result;
  if (combinations == 0)
    return result;
  std::vector<ValueSet::const_iterator> at;
  for (const ValueSet *s : inputs)
    at.push_back(s->begin());
  std::vector<Atom> args(inputs.size());
  while (true) {
    for (size_t i = 0; i < inputs.size(); ++i)
      args[i] = *at[i];
    AtomResult r = evaluateBody(body, args);
    if (r)
      result.insert(*r.value);
    // The next combination, odometer style.
    size_t i = 0;
    for (; i < inputs.size(); ++i) {
      if (++at[i] != inputs[i]->end())
        break;
      at[i] = inputs[i]->begin();
    }
    if (i == inputs.size())
      return result;
  }
}

/// Every mean of 2 to `maxLength` values drawn (with repetition) from `values`, all ints
/// (Number = int64_t, summed exactly) or all numbers (double): Python's true division, so
/// floats. Fails when the sums overflow or the enumeration would be too long.
template <typename Number>
FailureOr<ValueSet> means(Operation *op, const ValueSet &values, int64_t maxLength) {
  auto number = [](const Atom &a) -> Number {
    if constexpr (std::is_same_v<Number, int64_t>)
      return a.getInt();
    else
      return a.toDouble();
  };
  auto refuse = [&](const char *why) {
    return op->emitError() << "cannot enumerate the means of " << values.size()
                           << " values over up to " << maxLength << " positions (" << why
                           << "); annotate the aggregate categorical if it selects at most "
                              "one position";
  };
  ValueSet result;
  std::set<Number> sums;
  for (const Atom &v : values)
    sums.insert(number(v));
  int64_t steps = 0;
  for (int64_t k = 2; k <= maxLength; ++k) {
    std::set<Number> next;
    for (Number s : sums)
      for (const Atom &v : values) {
        Number sum;
        if constexpr (std::is_same_v<Number, int64_t>) {
          if (__builtin_add_overflow(s, number(v), &sum))
            return refuse("the sums overflow 64 bits");
        } else {
          sum = s + number(v);
        }
        next.insert(sum);
        if (++steps > kMaxSteps)
          return refuse("too many sums");
      }
    sums = std::move(next);
    for (Number s : sums)
      result.insert(Atom::ofFloat(static_cast<double>(s) / static_cast<double>(k)));
  }
  return result;
}

FailureOr<ValueSet> aggregateSet(AggregateOp op, const ValueSet &values, int64_t maxLength) {
  // The values themselves (one selected position) first, so that an int wins over an equal
  // float mean.
  ValueSet result = values;
  result.insert(*attrToAtom(op.getDefaultValue()));
  bool numbers = !values.empty() && llvm::all_of(values, [](const Atom &a) {
    return a.isInt() || a.isFloat();
  });
  auto type = cast<SOpType>(op.getResult().getType());
  if (numbers && type.getEncoding() == Encoding::numerical) {
    bool ints = llvm::all_of(values, [](const Atom &a) { return a.isInt(); });
    FailureOr<ValueSet> averaged = ints ? means<int64_t>(op, values, maxLength)
                                        : means<double>(op, values, maxLength);
    if (failed(averaged))
      return failure();
    result.insert(averaged->begin(), averaged->end());
  }
  return result;
}

struct InferValueSetsPass : public tfc::rasp::impl::InferValueSetsBase<InferValueSetsPass> {
  using InferValueSetsBase::InferValueSetsBase;

  void runOnOperation() override {
    ProgramOp program = getOperation();
    std::optional<ArrayAttr> vocab = program.getVocab();
    std::optional<uint64_t> maxSeqLen = program.getMaxSeqLen();
    if (!vocab || !maxSeqLen) {
      program.emitError() << "value-set inference needs the program's vocab and max_seq_len";
      return signalPassFailure();
    }
    auto n = static_cast<int64_t>(*maxSeqLen);
    llvm::DenseMap<mlir::Value, ValueSet> sets;
    Builder builder(program.getContext());

    for (Operation &op : program.getBody().front()) {
      if (op.getNumResults() != 1 || !isa<SOpType>(op.getResult(0).getType()))
        continue;
      FailureOr<ValueSet> set =
          llvm::TypeSwitch<Operation *, FailureOr<ValueSet>>(&op)
              .Case([&](TokensOp t) { return tokensSet(t, *vocab); })
              .Case([&](IndicesOp) { return range(0, n); })
              .Case([&](SelectorWidthOp) { return range(0, n + 1); })
              .Case([&](FullOp f) { return ValueSet{*attrToAtom(f.getFill())}; })
              .Case([&](MapOp m) {
                const ValueSet *in = &sets[m.getInput()];
                return mapSet(m, m.getBody(), {in});
              })
              .Case([&](SequenceMapOp m) {
                std::vector<const ValueSet *> ins;
                for (mlir::Value v : m.getInputs())
                  ins.push_back(&sets[v]);
                return mapSet(m, m.getBody(), ins);
              })
              .Case([&](AggregateOp a) { return aggregateSet(a, sets[a.getValues()], n); })
              .Default([](Operation *other) -> FailureOr<ValueSet> {
                return other->emitError() << "no value-set rule for this s-op";
              });
      if (failed(set))
        return signalPassFailure();
      if (static_cast<int64_t>(set->size()) > maxValues) {
        op.emitError() << "the s-op can take " << set->size() << " values, more than "
                       << static_cast<int64_t>(maxValues) << " (--max-values)";
        return signalPassFailure();
      }
      SmallVector<Attribute> attrs;
      for (const Atom &a : *set)
        attrs.push_back(atomToAttr(&getContext(), a));
      op.setAttr("value_set", builder.getArrayAttr(attrs));
      sets[op.getResult(0)] = std::move(*set);
    }
  }
};

} // namespace
