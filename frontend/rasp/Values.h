// Values of the RASP interpreter, and the lazy graph of s-ops and selectors programs build.
#ifndef TFC_FRONTEND_RASP_VALUES_H
#define TFC_FRONTEND_RASP_VALUES_H

#include "dialect/RASP/Atom.h"
#include "frontend/rasp/AST.h"
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace tfc::rasp {

struct List;
struct Dict;
struct Function;
struct Builtin;
struct SOp;
struct Selector;
using ListPtr = std::shared_ptr<const List>;
using DictPtr = std::shared_ptr<const Dict>;
using FunctionPtr = std::shared_ptr<const Function>;
using BuiltinPtr = std::shared_ptr<const Builtin>;
using SOpPtr = std::shared_ptr<const SOp>;
using SelectorPtr = std::shared_ptr<const Selector>;

/// Any value a RASP program handles: atoms, lists, dicts, functions, s-ops and selectors.
/// Values are immutable (RASP has no mutation), so sharing them is safe.
class Value {
public:
  Value() : v(Atom()) {}
  Value(Atom a) : v(std::move(a)) {}
  Value(ListPtr l) : v(std::move(l)) {}
  Value(DictPtr d) : v(std::move(d)) {}
  Value(FunctionPtr f) : v(std::move(f)) {}
  Value(BuiltinPtr b) : v(std::move(b)) {}
  Value(SOpPtr s) : v(std::move(s)) {}
  Value(SelectorPtr s) : v(std::move(s)) {}

  bool isAtom() const { return std::holds_alternative<Atom>(v); }
  bool isList() const { return std::holds_alternative<ListPtr>(v); }
  bool isDict() const { return std::holds_alternative<DictPtr>(v); }
  bool isFunction() const { return std::holds_alternative<FunctionPtr>(v); }
  bool isBuiltin() const { return std::holds_alternative<BuiltinPtr>(v); }
  bool isSOp() const { return std::holds_alternative<SOpPtr>(v); }
  bool isSelector() const { return std::holds_alternative<SelectorPtr>(v); }

  const Atom &atom() const { return std::get<Atom>(v); }
  const ListPtr &list() const { return std::get<ListPtr>(v); }
  const DictPtr &dict() const { return std::get<DictPtr>(v); }
  const FunctionPtr &function() const { return std::get<FunctionPtr>(v); }
  const BuiltinPtr &builtin() const { return std::get<BuiltinPtr>(v); }
  const SOpPtr &sop() const { return std::get<SOpPtr>(v); }
  const SelectorPtr &selector() const { return std::get<SelectorPtr>(v); }

  /// The kind as RASP names it: "atom", "list", "dict", "function", "s-op", "selector".
  const char *kindName() const;
  /// The kind with its article, for messages: "an atom", "a list", "an s-op".
  std::string aKind() const;
  /// How RASP prints the value in messages: atoms (strings quoted), lists, dicts, names.
  std::string describe() const;

private:
  std::variant<Atom, ListPtr, DictPtr, FunctionPtr, BuiltinPtr, SOpPtr, SelectorPtr> v;
};

struct List {
  std::vector<Value> items;
  int depth = 1; ///< how deeply lists and dicts nest in it, itself included
};

/// Keys are atoms (as in RASP); insertion order is kept, as in Python.
struct Dict {
  std::vector<std::pair<Atom, Value>> items;
  int depth = 1; ///< how deeply lists and dicts nest in it, itself included
  const Value *find(const Atom &key) const;
  /// Python's d[key] = value: replaces the value of an equal key, else appends.
  void insert(const Atom &key, Value value);
};

class Environment;

/// A function defined with `def`: a macro over values that closes over its defining scope.
/// The interpreter owns every scope and syntax tree, so both pointers stay valid as long as
/// the interpreter that made the function.
struct Function {
  std::string name;
  std::string owner; ///< the file (or "console") that defined it, for printing
  const Stmt *definition = nullptr;
  Environment *closure = nullptr;
};

class Interpreter;
/// A function implemented by the interpreter (numerical, categorical, selector_width).
struct Builtin {
  std::string name;
  std::function<Value(Interpreter &, const SourceLocation &, std::vector<Value> &)> call;
};

/// The element function of a map: an expression over the map's inputs at one position.
/// RASP maps are Python lambdas; here they are data, so that the interpreter can evaluate
/// them and the compiler can tabulate them over value sets.
struct ElemFn;
using ElemFnPtr = std::shared_ptr<const ElemFn>;
struct ElemFn {
  enum class Kind {
    Arg,       ///< the map's input `arg`
    Const,     ///< an atom
    Unary,     ///< op: "-", "+", "not"
    Binary,    ///< op: + - * / % ^ == != < > <= >= and or
    Round,     ///< Python round
    Indicator, ///< 1 if truthy else 0
    Bool,      ///< Python bool(): how RASP's s-op `and`/`or`/`not` see their operands
    Ternary,   ///< operands: condition, then, else
    Lookup,    ///< container[operand]: container is a list, string or dict constant
    Contains,  ///< operand in container: container is a list constant
  };
  Kind kind;
  int arg = 0;
  Atom constant;
  std::string op;
  Value container;
  std::vector<ElemFnPtr> operands;
};

/// An s-op's encoding annotation (numerical(...) or categorical(...)), if any.
enum class Annotation { Unspecified, Categorical, Numerical };

/// An s-op: a lazy function from an input sequence to a sequence of the same length.
struct SOp {
  enum class Kind { Tokens, Indices, Length, Full, Map, Aggregate, SelectorWidth };
  Kind kind;
  int id = 0;
  /// The name RASP shows. Assignments rename nodes after creation, as RASP does; names are
  /// display metadata only, hence mutable on otherwise immutable nodes.
  mutable std::string name;
  mutable bool named = false;
  Annotation encoding = Annotation::Unspecified;
  SourceLocation loc;

  std::string tokensAs;       ///< Tokens: "str", "int", "float", "bool" or "asis"
  Atom value;                 ///< Full: the constant; Aggregate: the default
  ElemFnPtr fn;               ///< Map: over `inputs`
  std::vector<SOpPtr> inputs; ///< Map inputs; Aggregate: inputs[0] is the values
  SelectorPtr selector;       ///< Aggregate, SelectorWidth
};

/// A selector: a lazy boolean matrix, rows query positions, columns key positions.
struct Selector {
  enum class Kind { Select, And, Or, Not };
  Kind kind;
  int id = 0;
  mutable std::string name;
  mutable bool named = false;
  SourceLocation loc;
  SOpPtr keys, queries;      ///< Select
  std::string predicate;     ///< Select: key OP query, OP one of == != < > <= >=
  SelectorPtr lhs, rhs;      ///< And, Or (both), Not (lhs)
};

/// A node of the s-op/selector graph: exactly one of the two pointers is set.
struct GraphNode {
  const SOp *sop = nullptr;
  const Selector *selector = nullptr;
  int id() const { return sop ? sop->id : selector->id; }
};

/// The nodes `root` depends on (itself included), each after everything it reads. Iterative,
/// so that graphs of any depth are fine.
std::vector<GraphNode> topologicalOrder(GraphNode root);

/// A copy of `sop` with a new identity (annotations and names change copies, as in Tracr).
std::shared_ptr<SOp> cloneSOp(const SOp &sop);
/// Fresh ids for graph nodes, in creation order.
int nextNodeId();

} // namespace tfc::rasp

#endif
