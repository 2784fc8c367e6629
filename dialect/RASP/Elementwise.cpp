// Evaluation of map bodies: each op's result is an atom or the error Python would raise; an
// `if` propagates only the error of the branch it takes, exactly as the interpreter does.
#include "dialect/RASP/Elementwise.h"
#include "dialect/RASP/AtomAttr.h"
#include "dialect/RASP/RASPOps.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace tfc::rasp {
namespace {

const char *binarySymbol(BinaryKind kind) {
  switch (kind) {
  case BinaryKind::add: return "+";
  case BinaryKind::sub: return "-";
  case BinaryKind::mul: return "*";
  case BinaryKind::div: return "/";
  case BinaryKind::mod: return "%";
  case BinaryKind::pow: return "^";
  case BinaryKind::eq: return "==";
  case BinaryKind::ne: return "!=";
  case BinaryKind::lt: return "<";
  case BinaryKind::le: return "<=";
  case BinaryKind::gt: return ">";
  case BinaryKind::ge: return ">=";
  case BinaryKind::and_: return "and";
  case BinaryKind::or_: return "or";
  }
  return "?";
}

AtomResult applyUnaryKind(UnaryKind kind, const Atom &x) {
  switch (kind) {
  case UnaryKind::neg: return applyUnary("-", x);
  case UnaryKind::pos: return applyUnary("+", x);
  case UnaryKind::not_: return applyUnary("not", x);
  case UnaryKind::round: return applyRound(x);
  case UnaryKind::indicator: return AtomResult::ok(applyIndicator(x));
  case UnaryKind::truth: return AtomResult::ok(Atom::ofBool(x.truthy()));
  }
  return AtomResult::fail("unknown unary operator");
}

/// Python's `values[i]` for an int index (negative from the end), with the interpreter's
/// messages.
AtomResult index(ArrayAttr values, const Atom &i) {
  if (!(i.isInt() || i.isBool()))
    return AtomResult::fail("index has to be an integer, got " + i.str(true));
  int64_t n = static_cast<int64_t>(values.size());
  int64_t k = i.isBool() ? int64_t(i.getBool()) : i.getInt();
  if (k >= n || -k > n)
    return AtomResult::fail("index " + std::to_string(k) + " out of range for length " +
                            std::to_string(n));
  return AtomResult::ok(*attrToAtom(values[k < 0 ? k + n : k]));
}

} // namespace

AtomResult evaluateBody(Region &body, ArrayRef<Atom> args) {
  Block &block = body.front();
  if (block.getNumArguments() != args.size())
    return AtomResult::fail("wrong number of map inputs");
  llvm::DenseMap<mlir::Value, AtomResult> values;
  for (auto [arg, atom] : llvm::zip(block.getArguments(), args))
    values.try_emplace(arg, AtomResult::ok(atom));
  auto get = [&](mlir::Value v) -> const AtomResult & { return values.find(v)->second; };

  for (Operation &op : block) {
    if (auto yield = dyn_cast<YieldOp>(op))
      return get(yield.getValue());
    AtomResult result =
        llvm::TypeSwitch<Operation *, AtomResult>(&op)
            .Case([&](ConstOp c) { return AtomResult::ok(*attrToAtom(c.getValue())); })
            .Case([&](UnaryOp u) {
              const AtomResult &x = get(u.getInput());
              return x ? applyUnaryKind(u.getKind(), *x.value) : x;
            })
            .Case([&](BinaryOp b) {
              const AtomResult &l = get(b.getLhs());
              if (!l)
                return l;
              const AtomResult &r = get(b.getRhs());
              if (!r)
                return r;
              return applyBinary(binarySymbol(b.getKind()), *l.value, *r.value);
            })
            .Case([&](IfOp i) {
              const AtomResult &c = get(i.getCondition());
              if (!c)
                return c;
              return get(c.value->truthy() ? i.getThenValue() : i.getElseValue());
            })
            .Case([&](LookupOp l) {
              const AtomResult &x = get(l.getInput());
              if (!x)
                return x;
              if (!l.getKeys())
                return index(l.getValues(), *x.value);
              for (auto [k, v] : llvm::zip(*l.getKeys(), l.getValues()))
                if (attrToAtom(k)->equals(*x.value))
                  return AtomResult::ok(*attrToAtom(v));
              return AtomResult::fail("key " + x.value->str(true) + " not in dict");
            })
            .Case([&](ContainsOp c) {
              const AtomResult &x = get(c.getInput());
              if (!x)
                return x;
              for (Attribute e : c.getElements())
                if (attrToAtom(e)->equals(*x.value))
                  return AtomResult::ok(Atom::ofBool(true));
              return AtomResult::ok(Atom::ofBool(false));
            })
            .Default([](Operation *other) {
              return AtomResult::fail("not an element op: " +
                                      other->getName().getStringRef().str());
            });
    values.try_emplace(op.getResult(0), std::move(result));
  }
  return AtomResult::fail("map body without rasp.yield");
}

} // namespace tfc::rasp
