// The RASP interpreter: runs statements, building the lazy s-op/selector graph.
#ifndef TFC_FRONTEND_RASP_INTERPRETER_H
#define TFC_FRONTEND_RASP_INTERPRETER_H

#include "frontend/rasp/Evaluate.h"
#include "frontend/rasp/Values.h"
#include <optional>
#include <set>

namespace tfc::rasp {

/// A scope. Assignments go to the innermost scope; lookups walk outwards. A scope made by
/// `load` also exports its public (not `_`-prefixed) names to the loading scope.
class Environment {
public:
  Environment(Environment *parent, std::string name) : parent(parent), name(std::move(name)) {}

  const Value *lookup(const std::string &key) const;
  /// Sets `key`; a reserved name is an error at `loc`.
  void set(const std::string &key, Value value, const SourceLocation &loc);
  /// Names set in this scope, in the order they were first set.
  const std::vector<std::string> &order() const { return setOrder; }
  const Value *local(const std::string &key) const;

  Environment *parent;
  std::string name;
  Environment *exportTo = nullptr;
  /// A function defined here refers to this scope, so it must outlive the call that made it.
  bool captured = false;
  /// For the base names only (tokens_str, indices, True, ...), which `set` refuses.
  void setReserved(const std::string &key, Value value) { vars[key] = std::move(value); }

private:
  std::map<std::string, Value> vars;
  std::vector<std::string> setOrder;
};

/// Receives what the top-level statements of the main program do, for printing.
class StatementObserver {
public:
  virtual ~StatementObserver() = default;
  virtual void assigned(const std::string &name, const Value &value, const Stmt &stmt) {}
  virtual void evaluated(const Value &value, const Stmt &stmt) {}
  virtual void draw(const SOpPtr &sop, const Value *input, const Stmt &stmt) {}
  virtual void replCommand(const Stmt &stmt, const Value *example) {}
  virtual void defined(const FunctionPtr &fn, const Stmt &stmt) {}
};

class Interpreter {
public:
  /// Sets up the builtins and runs the bundled library (rasplib.rasp).
  Interpreter();

  /// Runs `program` in `env` (the main scope unless given); top-level statements are reported
  /// to `observer`. The interpreter keeps the program: its functions refer to it. Errors throw
  /// RaspError.
  void run(std::shared_ptr<const Program> program, StatementObserver *observer = nullptr,
           Environment *env = nullptr);

  /// Evaluates an expression in the main scope (e.g. an example given on the command line).
  Value evaluate(const Expr &expr);

  Environment &mainScope() { return *main; }
  Environment &baseScope() { return *base; }

  /// Whether `exit` was executed.
  bool exited() const { return exitRequested; }

  /// The most evaluation steps a program may take (each expression, statement and container
  /// element is one); past it, evaluation stops with an error. Bounds time and memory.
  uint64_t maxSteps = 20'000'000;

  // Builders of graph nodes, shared with the builtins.
  SOpPtr toSOp(const Value &v, const SourceLocation &loc, const char *what);
  SOpPtr makeMap(ElemFnPtr fn, std::vector<SOpPtr> inputs, const SourceLocation &loc);

  /// Evaluates an s-op or selector on an input (a string or a list of atoms): RASP's
  /// `sop(input)`. The result is a list (of atoms, or of lists of bools for a selector).
  Value applyToInput(const Value &unfinished, const Value &input, const SourceLocation &loc);

  /// The last application `sop(input)`, so that the REPL can show it as RASP does (a typed
  /// sequence, or a matrix labelled by the input) rather than as a plain list.
  struct Application {
    const List *result = nullptr;
    Sequence input, values;
    Matrix matrix;
    bool isSelector = false;
  };
  std::optional<Application> lastApplication;

private:
  Environment &newScope(Environment *parent, std::string name);
  void exec(const Stmt &stmt, Environment &env, StatementObserver *observer);
  void execBlock(const std::vector<std::shared_ptr<Stmt>> &body, Environment &env);
  Value eval(const Expr &e, Environment &env);
  Value call(const Value &callee, std::vector<Value> &args, const Expr &site, Environment &env);
  Value callFunction(const Function &fn, std::vector<Value> &args, const SourceLocation &loc);
  Value binary(const std::string &op, const Value &l, const Value &r, const SourceLocation &loc);
  Value unary(const std::string &op, const Value &x, const SourceLocation &loc);
  Value index(const Value &container, const Value &key, const SourceLocation &loc,
              Environment &env);
  Value contains(const Value &element, const Value &container, const SourceLocation &loc);
  void load(const Stmt &stmt, Environment &env);
  void bindLoopVariables(const std::vector<std::string> &names, const Value &item,
                         Environment &env, const SourceLocation &loc);
  std::vector<Value> iterate(const Value &v, const SourceLocation &loc, const char *what);
  void step(const SourceLocation &loc);
  void charge(uint64_t steps, const SourceLocation &loc);
  /// Records a finished container's nesting depth; errors when it is too long or too deep.
  ListPtr finish(std::shared_ptr<List> list, const SourceLocation &loc);
  DictPtr finish(std::shared_ptr<Dict> dict, const SourceLocation &loc);
  void checkSize(size_t items, int depth, const SourceLocation &loc);

  std::vector<std::unique_ptr<Environment>> scopes;
  std::vector<std::shared_ptr<const Program>> programs;
  Environment *base = nullptr, *main = nullptr;
  std::vector<std::string> loading; ///< files being loaded, to report cycles
  int callDepth = 0;
  int evalNesting = 0;
  uint64_t steps = 0;
  bool exitRequested = false;
};

/// Python's truthiness of any value (empty lists and dicts are false).
bool truthy(const Value &v, const SourceLocation &loc);

} // namespace tfc::rasp

#endif
