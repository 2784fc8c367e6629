// Statement execution and expression evaluation of the RASP interpreter.
#include "frontend/rasp/Interpreter.h"
#include "frontend/rasp/Evaluate.h"
#include "frontend/rasp/Library.h"
#include "frontend/rasp/Parser.h"

#include <filesystem>

namespace tfc::rasp {

namespace {

// Bounds that keep any program, however contrived, from exhausting the stack, memory or time.
constexpr int kMaxCallDepth = 200;
constexpr int kMaxEvalNesting = 2000;
constexpr size_t kMaxListSize = 1 << 20;
// Lists nest no deeper than this: printing, comparing and freeing them recurse.
constexpr int kMaxNesting = 100;
constexpr size_t kMaxNameLength = 30; // longer generated names read worse than "s-op"

/// Names RASP reserves: keywords and the base s-ops/constants.
const std::set<std::string> &reservedNames() {
  static const std::set<std::string> names = {
      "if", "else", "not", "and", "or", "out", "def", "return", "range", "for", "in",
      "zip", "len", "get", "tokens_asis", "tokens_str", "tokens_int", "tokens_bool",
      "tokens_float", "indices", "True", "False"};
  return names;
}

/// The path \p path names, for comparing files; \p path itself when it cannot be resolved.
std::string canonicalPath(const std::string &path) {
  std::error_code ec;
  std::filesystem::path resolved = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : resolved.string();
}

ElemFnPtr fnArg(int i) {
  auto f = std::make_shared<ElemFn>();
  f->kind = ElemFn::Kind::Arg;
  f->arg = i;
  return f;
}
ElemFnPtr fnConst(Atom a) {
  auto f = std::make_shared<ElemFn>();
  f->kind = ElemFn::Kind::Const;
  f->constant = std::move(a);
  return f;
}
ElemFnPtr fnOp(ElemFn::Kind kind, std::string op, std::vector<ElemFnPtr> operands) {
  auto f = std::make_shared<ElemFn>();
  f->kind = kind;
  f->op = std::move(op);
  f->operands = std::move(operands);
  return f;
}

std::string describeFn(const ElemFn &f, const std::vector<SOpPtr> &inputs) {
  auto sub = [&](size_t i) { return describeFn(*f.operands[i], inputs); };
  switch (f.kind) {
  case ElemFn::Kind::Arg: return inputs[f.arg]->name;
  case ElemFn::Kind::Const: return f.constant.str(true);
  case ElemFn::Kind::Unary: return "(" + f.op + " " + sub(0) + ")";
  case ElemFn::Kind::Binary: return "(" + sub(0) + " " + f.op + " " + sub(1) + ")";
  case ElemFn::Kind::Round: return "round(" + sub(0) + ")";
  case ElemFn::Kind::Indicator: return "indicator(" + sub(0) + ")";
  case ElemFn::Kind::Bool: return "bool(" + sub(0) + ")";
  case ElemFn::Kind::Ternary: return "(" + sub(1) + " if " + sub(0) + " else " + sub(2) + ")";
  case ElemFn::Kind::Lookup: return f.container.describe() + "[" + sub(0) + "]";
  case ElemFn::Kind::Contains: return "(" + sub(0) + " in " + f.container.describe() + ")";
  }
  return "map";
}

void setGeneratedName(const SOp &sop, std::string name) {
  sop.name = name.size() > kMaxNameLength ? "s-op" : std::move(name);
}

std::shared_ptr<Selector> newSelector(Selector::Kind kind, const SourceLocation &loc) {
  auto s = std::make_shared<Selector>();
  s->kind = kind;
  s->id = nextNodeId();
  s->loc = loc;
  return s;
}

} // namespace

bool truthy(const Value &v, const SourceLocation &loc) {
  if (v.isAtom())
    return v.atom().truthy();
  if (v.isList())
    return !v.list()->items.empty();
  if (v.isDict())
    return !v.dict()->items.empty();
  if (v.isSOp() || v.isSelector())
    throw RaspError(loc, std::string("the truth value of ") + v.aKind() +
                             " is not known until it runs on an input");
  return true;
}

//===----------------------------------------------------------------------===//
// Environment
//===----------------------------------------------------------------------===//

const Value *Environment::local(const std::string &key) const {
  auto it = vars.find(key);
  return it == vars.end() ? nullptr : &it->second;
}

const Value *Environment::lookup(const std::string &key) const {
  for (const Environment *e = this; e; e = e->parent)
    if (const Value *v = e->local(key))
      return v;
  return nullptr;
}

void Environment::set(const std::string &key, Value value, const SourceLocation &loc) {
  if (reservedNames().count(key))
    throw RaspError(loc, "cannot set reserved name '" + key + "'");
  if (!vars.count(key))
    setOrder.push_back(key);
  vars[key] = value;
  // `load` exports public names to the loading scope (RASP: not _-prefixed, not `out`).
  if (exportTo && key[0] != '_' && key != "out")
    exportTo->set(key, std::move(value), loc);
}

//===----------------------------------------------------------------------===//
// Graph builders
//===----------------------------------------------------------------------===//

SOpPtr Interpreter::toSOp(const Value &v, const SourceLocation &loc, const char *what) {
  if (v.isSOp())
    return v.sop();
  if (v.isAtom()) {
    // RASP lifts atoms to constant s-ops wherever an s-op is expected.
    auto s = std::make_shared<SOp>();
    s->kind = SOp::Kind::Full;
    s->id = nextNodeId();
    s->value = v.atom();
    s->loc = loc;
    s->name = v.atom().str();
    return s;
  }
  throw RaspError(loc, std::string(what) + " expects an s-op or an atom, got " +
                           v.aKind() + ": " + v.describe());
}

SOpPtr Interpreter::makeMap(ElemFnPtr fn, std::vector<SOpPtr> inputs,
                            const SourceLocation &loc) {
  auto s = std::make_shared<SOp>();
  s->kind = SOp::Kind::Map;
  s->id = nextNodeId();
  s->fn = std::move(fn);
  s->inputs = std::move(inputs);
  s->loc = loc;
  setGeneratedName(*s, describeFn(*s->fn, s->inputs));
  return s;
}

//===----------------------------------------------------------------------===//
// Builtins and set-up
//===----------------------------------------------------------------------===//

namespace {

SOpPtr makeBase(SOp::Kind kind, std::string name, std::string tokensAs = "") {
  auto s = std::make_shared<SOp>();
  s->kind = kind;
  s->id = nextNodeId();
  s->name = std::move(name);
  s->named = true;
  s->tokensAs = std::move(tokensAs);
  return s;
}

Value annotate(Interpreter &interp, const SourceLocation &loc, std::vector<Value> &args,
               Annotation encoding, const char *name) {
  if (args.size() != 1 || !args[0].isSOp())
    throw RaspError(loc, std::string(name) + "(...) takes one s-op");
  auto copy = cloneSOp(*args[0].sop());
  copy->encoding = encoding;
  return SOpPtr(copy);
}

} // namespace

Environment &Interpreter::newScope(Environment *parent, std::string name) {
  scopes.push_back(std::make_unique<Environment>(parent, std::move(name)));
  return *scopes.back();
}

Interpreter::Interpreter() {
  // Three layers: the reserved base names, the library, and the program's own scope.
  Environment &reserved = newScope(nullptr, "base");
  reserved.setReserved("tokens_str", makeBase(SOp::Kind::Tokens, "tokens_str", "str"));
  reserved.setReserved("tokens_int", makeBase(SOp::Kind::Tokens, "tokens_int", "int"));
  reserved.setReserved("tokens_float", makeBase(SOp::Kind::Tokens, "tokens_float", "float"));
  reserved.setReserved("tokens_bool", makeBase(SOp::Kind::Tokens, "tokens_bool", "bool"));
  reserved.setReserved("tokens_asis", makeBase(SOp::Kind::Tokens, "tokens_asis", "asis"));
  reserved.setReserved("indices", makeBase(SOp::Kind::Indices, "indices"));
  reserved.setReserved("True", Atom::ofBool(true));
  reserved.setReserved("False", Atom::ofBool(false));
  Environment &lib = newScope(&reserved, "rasplib");
  lib.set("length", SOpPtr(makeBase(SOp::Kind::Length, "length")), {});
  auto builtin = [&](const char *name, auto fn) {
    auto b = std::make_shared<Builtin>();
    b->name = name;
    b->call = fn;
    lib.set(name, BuiltinPtr(b), {});
  };
  builtin("numerical", [](Interpreter &i, const SourceLocation &loc, std::vector<Value> &args) {
    return annotate(i, loc, args, Annotation::Numerical, "numerical");
  });
  builtin("categorical",
          [](Interpreter &i, const SourceLocation &loc, std::vector<Value> &args) {
            return annotate(i, loc, args, Annotation::Categorical, "categorical");
          });
  builtin("selector_width",
          [](Interpreter &, const SourceLocation &loc, std::vector<Value> &args) -> Value {
            if (args.size() != 1 || !args[0].isSelector())
              throw RaspError(loc, "selector_width(...) takes one selector");
            auto s = std::make_shared<SOp>();
            s->kind = SOp::Kind::SelectorWidth;
            s->id = nextNodeId();
            s->selector = args[0].selector();
            s->loc = loc;
            setGeneratedName(*s, "selector_width(" + s->selector->name + ")");
            return SOpPtr(s);
          });
  // The bundled library runs like a RASP file loaded at start-up. Its syntax tree is
  // immutable, so it is parsed once per process and shared by every interpreter.
  static const ParseResult library = [] {
    auto file = std::make_shared<SourceFile>();
    file->name = "rasplib.rasp";
    file->text = bundledLibrarySource();
    return parseProgram(file);
  }();
  if (!library.program)
    throw RaspError(SourceLocation{}, "the bundled library does not parse:\n" + library.error);
  base = &lib;
  main = &newScope(base, "console");
  run(library.program, nullptr, &lib);
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

/// How deeply containers nest in `v`: 0 for anything but a list or dict.
static int nesting(const Value &v) {
  return v.isList() ? v.list()->depth : v.isDict() ? v.dict()->depth : 0;
}

ListPtr Interpreter::finish(std::shared_ptr<List> list, const SourceLocation &loc) {
  int depth = 0;
  for (const Value &v : list->items)
    depth = std::max(depth, nesting(v));
  list->depth = depth + 1;
  checkSize(list->items.size(), list->depth, loc);
  return list;
}

DictPtr Interpreter::finish(std::shared_ptr<Dict> dict, const SourceLocation &loc) {
  int depth = 0;
  for (const auto &item : dict->items)
    depth = std::max(depth, nesting(item.second));
  dict->depth = depth + 1;
  checkSize(dict->items.size(), dict->depth, loc);
  return dict;
}

void Interpreter::checkSize(size_t items, int depth, const SourceLocation &loc) {
  if (items > kMaxListSize)
    throw RaspError(loc, "list too long (more than " + std::to_string(kMaxListSize) +
                             " elements)");
  if (depth > kMaxNesting)
    throw RaspError(loc, "lists nested more than " + std::to_string(kMaxNesting) + " deep");
  // Building a container costs a step per element, so that the step limit bounds memory too.
  charge(items, loc);
}

void Interpreter::charge(uint64_t n, const SourceLocation &loc) {
  steps += n;
  if (steps > maxSteps)
    throw RaspError(loc, "the program takes more than " + std::to_string(maxSteps) +
                             " evaluation steps; stopping");
}

void Interpreter::step(const SourceLocation &loc) { charge(1, loc); }

void Interpreter::run(std::shared_ptr<const Program> program, StatementObserver *observer,
                      Environment *env) {
  Environment &scope = env ? *env : *main;
  programs.push_back(program);
  // A program read from a file is on the stack of files being loaded while it runs, so that a
  // file that loads itself, directly or not, is reported rather than recursed into.
  bool fromFile = program->file && !program->file->name.empty() && program->file->name[0] != '<';
  if (fromFile)
    loading.push_back(canonicalPath(program->file->name));
  try {
    for (const auto &stmt : program->statements) {
      exec(*stmt, scope, observer);
      if (exitRequested)
        break;
    }
  } catch (...) {
    if (fromFile)
      loading.pop_back();
    throw;
  }
  if (fromFile)
    loading.pop_back();
}

Value Interpreter::evaluate(const Expr &expr) { return eval(expr, *main); }

void Interpreter::execBlock(const std::vector<std::shared_ptr<Stmt>> &body, Environment &env) {
  for (const auto &s : body) {
    exec(*s, env, nullptr);
    if (exitRequested)
      return;
  }
}

void Interpreter::bindLoopVariables(const std::vector<std::string> &names, const Value &item,
                                    Environment &env, const SourceLocation &loc) {
  if (names.size() == 1) {
    env.set(names[0], item, loc);
    return;
  }
  if (!item.isList())
    throw RaspError(loc, "iterating with " + std::to_string(names.size()) +
                             " names needs list items, got " + item.describe());
  const auto &items = item.list()->items;
  if (items.size() != names.size())
    throw RaspError(loc, "iterating with " + std::to_string(names.size()) + " names, but an item has " +
                             std::to_string(items.size()) + " values: " + item.describe());
  for (size_t i = 0; i < names.size(); ++i)
    env.set(names[i], items[i], loc);
}

std::vector<Value> Interpreter::iterate(const Value &v, const SourceLocation &loc,
                                        const char *what) {
  if (v.isList())
    return v.list()->items;
  if (v.isDict()) {
    std::vector<Value> keys;
    for (const auto &[k, _] : v.dict()->items)
      keys.push_back(k);
    return keys;
  }
  throw RaspError(loc, std::string(what) + " iterates over a list or dict, got " +
                           v.aKind() + ": " + v.describe());
}

void Interpreter::exec(const Stmt &stmt, Environment &env, StatementObserver *observer) {
  step(stmt.loc);
  switch (stmt.kind) {
  case StmtKind::Assign: {
    std::vector<Value> values;
    for (const auto &e : stmt.exprs)
      values.push_back(eval(*e, env));
    if (stmt.names.size() > 1 && values.size() == 1) {
      if (!values[0].isList())
        throw RaspError(stmt.loc, "expected " + std::to_string(stmt.names.size()) +
                                      " values to assign, got one " + values[0].kindName());
      values = values[0].list()->items;
    }
    if (values.size() != stmt.names.size()) {
      if (stmt.names.size() == 1) {
        auto list = std::make_shared<List>();
        list->items = values;
        values = {Value(finish(list, stmt.loc))};
      } else {
        throw RaspError(stmt.loc, "expected " + std::to_string(stmt.names.size()) +
                                      " values to assign, got " + std::to_string(values.size()));
      }
    }
    for (size_t i = 0; i < stmt.names.size(); ++i) {
      const Value &v = values[i];
      // Assignment names the node, as RASP does (the name shows in prints and drawings).
      if (v.isSOp()) {
        v.sop()->name = stmt.names[i];
        v.sop()->named = true;
      } else if (v.isSelector()) {
        v.selector()->name = stmt.names[i];
        v.selector()->named = true;
      }
      env.set(stmt.names[i], v, stmt.loc);
      if (observer)
        observer->assigned(stmt.names[i], v, stmt);
    }
    return;
  }
  case StmtKind::Expr: {
    Value v = eval(*stmt.exprs[0], env);
    // `out` holds the last expression's value; it is reserved to programs.
    env.setReserved("out", v);
    if (observer)
      observer->evaluated(v, stmt);
    return;
  }
  case StmtKind::Load:
    load(stmt, env);
    return;
  case StmtKind::Draw: {
    Value v = eval(*stmt.exprs[0], env);
    if (!v.isSOp())
      throw RaspError(stmt.loc, std::string("draw expects an s-op, got ") + v.aKind());
    Value input;
    if (stmt.exprs.size() > 1)
      input = eval(*stmt.exprs[1], env);
    if (observer)
      observer->draw(v.sop(), stmt.exprs.size() > 1 ? &input : nullptr, stmt);
    return;
  }
  case StmtKind::FuncDef: {
    auto fn = std::make_shared<Function>();
    fn->name = stmt.text;
    fn->owner = env.name;
    fn->definition = &stmt;
    fn->closure = &env;
    env.captured = true;
    env.set(stmt.text, FunctionPtr(fn), stmt.loc);
    if (observer)
      observer->defined(fn, stmt);
    return;
  }
  case StmtKind::For: {
    Value iterable = eval(*stmt.exprs[0], env);
    for (const Value &item : iterate(iterable, stmt.loc, "a for loop")) {
      bindLoopVariables(stmt.names, item, env, stmt.loc);
      execBlock(stmt.body, env);
      if (exitRequested)
        return;
    }
    return;
  }
  case StmtKind::Exit:
    exitRequested = true;
    return;
  case StmtKind::SetExample: {
    Value example = eval(*stmt.exprs[0], env);
    if (observer)
      observer->replCommand(stmt, &example);
    return;
  }
  case StmtKind::ShowExample:
  case StmtKind::ToggleExamples:
  case StmtKind::ToggleSeqDisplay:
    if (observer)
      observer->replCommand(stmt, nullptr);
    return;
  }
}

void Interpreter::load(const Stmt &stmt, Environment &env) {
  std::string dir;
  if (stmt.loc.file) {
    const std::string &from = stmt.loc.file->name;
    size_t slash = from.rfind('/');
    if (slash != std::string::npos && from[0] != '<')
      dir = from.substr(0, slash + 1);
  }
  // RASP reads `name.rasp`; a name that already ends in .rasp is taken as it is.
  const std::string &name = stmt.text;
  bool hasSuffix = name.size() > 5 && name.compare(name.size() - 5, 5, ".rasp") == 0;
  std::string path = (!name.empty() && name[0] == '/' ? "" : dir) + name + (hasSuffix ? "" : ".rasp");
  for (const std::string &l : loading)
    if (l == canonicalPath(path))
      throw RaspError(stmt.loc, "load cycle: '" + path + "' is already being loaded");
  std::string reason;
  std::shared_ptr<SourceFile> file = readSourceFile(path, reason);
  if (!file)
    throw RaspError(stmt.loc, "cannot read '" + path + "': " + reason);
  ParseResult parsed = parseProgram(file);
  if (!parsed.program)
    throw RaspError(stmt.loc, "in the file loaded here:\n" + parsed.error);
  // The file runs in its own scope on top of the library, exporting its public names.
  Environment &scope = newScope(base, stmt.text);
  scope.exportTo = &env;
  run(std::shared_ptr<const Program>(std::move(parsed.program)), nullptr, &scope);
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Value Interpreter::eval(const Expr &e, Environment &env) {
  step(e.loc);
  // Expressions nest within expressions and calls within calls; together they must not run
  // out of stack, whatever the program.
  if (evalNesting >= kMaxEvalNesting)
    throw RaspError(e.loc, "expressions and calls nested more than " +
                               std::to_string(kMaxEvalNesting) + " deep");
  struct NestingGuard {
    int &nesting;
    ~NestingGuard() { --nesting; }
  } nestingGuard{++evalNesting};
  auto sub = [&](size_t i) { return eval(*e.operands[i], env); };
  switch (e.kind) {
  case ExprKind::Int:
    return Atom::ofInt(e.intValue);
  case ExprKind::Float:
    return Atom::ofFloat(e.floatValue);
  case ExprKind::String:
    return Atom::ofString(e.text);
  case ExprKind::Name: {
    if (const Value *v = env.lookup(e.text))
      return *v;
    throw RaspError(e.loc, "undefined variable '" + e.text + "'");
  }
  case ExprKind::List: {
    auto list = std::make_shared<List>();
    for (size_t i = 0; i < e.operands.size(); ++i)
      list->items.push_back(sub(i));
    return finish(list, e.loc);
  }
  case ExprKind::Dict: {
    auto dict = std::make_shared<Dict>();
    for (size_t i = 0; i + 1 < e.operands.size(); i += 2) {
      Value key = sub(i);
      if (!key.isAtom())
        throw RaspError(e.operands[i]->loc, std::string("dict keys must be atoms, got ") +
                                                key.aKind());
      dict->insert(key.atom(), sub(i + 1));
    }
    return finish(dict, e.loc);
  }
  case ExprKind::ListComp:
  case ExprKind::DictComp: {
    bool isDict = e.kind == ExprKind::DictComp;
    Value iterable = sub(isDict ? 2 : 1);
    auto list = std::make_shared<List>();
    auto dict = std::make_shared<Dict>();
    for (const Value &item :
         iterate(iterable, e.loc, isDict ? "a dict comprehension" : "a list comprehension")) {
      // The loop variables live in a scope of their own, as in RASP.
      Environment inner(&env, env.name);
      bindLoopVariables(e.names, item, inner, e.loc);
      if (!isDict) {
        if (list->items.size() >= kMaxListSize)
          checkSize(list->items.size() + 1, 0, e.loc);
        list->items.push_back(eval(*e.operands[0], inner));
        continue;
      }
      Value key = eval(*e.operands[0], inner);
      if (!key.isAtom())
        throw RaspError(e.operands[0]->loc,
                        std::string("dict keys must be atoms, got ") + key.aKind());
      dict->insert(key.atom(), eval(*e.operands[1], inner));
    }
    if (isDict)
      return finish(dict, e.loc);
    return finish(list, e.loc);
  }
  case ExprKind::Unary:
    return unary(e.text, sub(0), e.loc);
  case ExprKind::Binary:
    return binary(e.text, sub(0), sub(1), e.loc);
  case ExprKind::Round:
  case ExprKind::Indicator: {
    Value x = sub(0);
    bool isRound = e.kind == ExprKind::Round;
    if (x.isSOp()) {
      auto fn = fnOp(isRound ? ElemFn::Kind::Round : ElemFn::Kind::Indicator, "", {fnArg(0)});
      return makeMap(fn, {x.sop()}, e.loc);
    }
    if (isRound && x.isAtom()) {
      AtomResult r = applyRound(x.atom());
      if (!r)
        throw RaspError(e.loc, r.error);
      return *r.value;
    }
    throw RaspError(e.loc, std::string(isRound ? "round" : "indicator") +
                               " expects an s-op" + (isRound ? " or a number" : "") +
                               ", got " + x.aKind() + ": " + x.describe());
  }
  case ExprKind::Ternary: {
    Value cond = sub(1);
    if (cond.isSelector())
      throw RaspError(e.operands[1]->loc, "a selector cannot be a condition");
    if (!cond.isSOp())
      return truthy(cond, e.operands[1]->loc) ? sub(0) : sub(2);
    // Element-wise: atoms in the branches become constants of the map's function.
    Value yes = sub(0), no = sub(2);
    std::vector<SOpPtr> inputs = {cond.sop()};
    auto operand = [&](const Value &v, const SourceLocation &loc) -> ElemFnPtr {
      if (v.isAtom())
        return fnConst(v.atom());
      inputs.push_back(toSOp(v, loc, "a conditional"));
      return fnArg(static_cast<int>(inputs.size() - 1));
    };
    ElemFnPtr y = operand(yes, e.operands[0]->loc), n = operand(no, e.operands[2]->loc);
    return makeMap(fnOp(ElemFn::Kind::Ternary, "", {fnArg(0), y, n}), inputs, e.loc);
  }
  case ExprKind::Select: {
    SOpPtr keys = toSOp(sub(0), e.operands[0]->loc, "select");
    SOpPtr queries = toSOp(sub(1), e.operands[1]->loc, "select");
    auto s = newSelector(Selector::Kind::Select, e.loc);
    s->keys = keys;
    s->queries = queries;
    s->predicate = e.text;
    s->name = "select(" + s->keys->name + ", " + s->queries->name + ", " + e.text + ")";
    if (s->name.size() > kMaxNameLength)
      s->name = "select";
    return SelectorPtr(s);
  }
  case ExprKind::Aggregate: {
    Value sel = sub(0), values = sub(1);
    if (!sel.isSelector())
      throw RaspError(e.operands[0]->loc, std::string("aggregate expects a selector, got ") +
                                              sel.aKind() + ": " + sel.describe());
    Atom fallback = Atom::ofInt(0);
    if (e.operands.size() > 2) {
      Value d = sub(2);
      if (!d.isAtom())
        throw RaspError(e.operands[2]->loc,
                        std::string("the default of aggregate must be an atom, got ") +
                            d.aKind());
      fallback = d.atom();
    }
    SOpPtr input = toSOp(values, e.operands[1]->loc, "aggregate");
    auto s = std::make_shared<SOp>();
    s->kind = SOp::Kind::Aggregate;
    s->id = nextNodeId();
    s->selector = sel.selector();
    s->inputs = {input};
    s->value = fallback;
    s->loc = e.loc;
    setGeneratedName(*s, "aggregate(" + s->selector->name + ", " + s->inputs[0]->name + ")");
    return SOpPtr(s);
  }
  case ExprKind::Range: {
    if (e.operands.empty() || e.operands.size() > 3)
      throw RaspError(e.loc, "range takes 1 to 3 integers, got " +
                                 std::to_string(e.operands.size()));
    std::vector<int64_t> bounds;
    for (size_t i = 0; i < e.operands.size(); ++i) {
      Value v = sub(i);
      if (!v.isAtom() || !v.atom().isInt())
        throw RaspError(e.operands[i]->loc, "range expects integers, got " + v.describe());
      bounds.push_back(v.atom().getInt());
    }
    int64_t start = bounds.size() > 1 ? bounds[0] : 0;
    int64_t stop = bounds.size() > 1 ? bounds[1] : bounds[0];
    int64_t stepBy = bounds.size() > 2 ? bounds[2] : 1;
    if (stepBy == 0)
      throw RaspError(e.loc, "range step must not be zero");
    auto list = std::make_shared<List>();
    for (int64_t i = start; stepBy > 0 ? i < stop : i > stop; i += stepBy) {
      if (list->items.size() >= kMaxListSize)
        checkSize(list->items.size() + 1, 0, e.loc);
      list->items.push_back(Atom::ofInt(i));
      if ((stepBy > 0 && i > INT64_MAX - stepBy) || (stepBy < 0 && i < INT64_MIN - stepBy))
        break;
    }
    return finish(list, e.loc);
  }
  case ExprKind::Zip: {
    std::vector<ListPtr> lists;
    for (size_t i = 0; i < e.operands.size(); ++i) {
      Value v = sub(i);
      if (!v.isList())
        throw RaspError(e.operands[i]->loc, "zip expects lists, argument " +
                                                std::to_string(i + 1) + " is " + v.aKind());
      if (!lists.empty() && v.list()->items.size() != lists[0]->items.size())
        throw RaspError(e.operands[i]->loc,
                        "zip expects lists of one length: " +
                            std::to_string(lists[0]->items.size()) + " and " +
                            std::to_string(v.list()->items.size()));
      lists.push_back(v.list());
    }
    auto result = std::make_shared<List>();
    for (size_t j = 0; !lists.empty() && j < lists[0]->items.size(); ++j) {
      auto row = std::make_shared<List>();
      for (const ListPtr &l : lists)
        row->items.push_back(l->items[j]);
      result->items.push_back(finish(row, e.loc));
    }
    return finish(result, e.loc);
  }
  case ExprKind::Len: {
    Value v = sub(0);
    if (!v.isList())
      throw RaspError(e.loc, std::string("len expects a list, got ") + v.aKind());
    return Atom::ofInt(static_cast<int64_t>(v.list()->items.size()));
  }
  case ExprKind::Index:
    return index(sub(0), sub(1), e.loc, env);
  case ExprKind::Call: {
    Value callee = sub(0);
    std::vector<Value> args;
    for (size_t i = 1; i < e.operands.size(); ++i)
      args.push_back(sub(i));
    return call(callee, args, e, env);
  }
  case ExprKind::Contains:
    return contains(sub(0), sub(1), e.loc);
  }
  throw RaspError(e.loc, "unsupported expression");
}

Value Interpreter::call(const Value &callee, std::vector<Value> &args, const Expr &site,
                        Environment &env) {
  if (callee.isBuiltin())
    return callee.builtin()->call(*this, site.loc, args);
  if (callee.isFunction()) {
    Value result = callFunction(*callee.function(), args, site.loc);
    // RASP names what a function returns after the call: f(args).
    std::string name = callee.function()->name + "(";
    for (size_t i = 0; i < args.size(); ++i) {
      std::string d = args[i].describe();
      name += (i ? ", " : "") + (d.size() > 20 ? std::string(args[i].kindName()) : d);
    }
    name += ")";
    if (name.size() <= kMaxNameLength) {
      if (result.isSOp() && !result.sop()->named)
        result.sop()->name = name;
      else if (result.isSelector() && !result.selector()->named)
        result.selector()->name = name;
    }
    return result;
  }
  if (callee.isSOp() || callee.isSelector()) {
    // Applying an s-op to an input evaluates it; this needs the evaluator.
    if (args.size() != 1)
      throw RaspError(site.loc, "applying an s-op takes one input, got " +
                                    std::to_string(args.size()));
    return applyToInput(callee, args[0], site.loc);
  }
  throw RaspError(site.loc, std::string("cannot call ") + callee.aKind() + ": " +
                                callee.describe());
}

Value Interpreter::callFunction(const Function &fn, std::vector<Value> &args,
                                const SourceLocation &loc) {
  const Stmt &def = *fn.definition;
  if (args.size() != def.names.size())
    throw RaspError(loc, "wrong number of arguments for " + fn.name + ": expected " +
                             std::to_string(def.names.size()) + ", got " +
                             std::to_string(args.size()));
  if (callDepth >= kMaxCallDepth)
    throw RaspError(loc, "function calls nested more than " + std::to_string(kMaxCallDepth) +
                             " deep (unbounded recursion?)");
  Environment &scope = newScope(fn.closure, fn.closure->name);
  // On return, the call's scope is freed unless a function defined in it (or in a scope
  // made after it) still refers to it; otherwise every call would keep its scope forever.
  struct CallGuard {
    Interpreter &interp;
    Environment *scope;
    ~CallGuard() {
      --interp.callDepth;
      if (!interp.scopes.empty() && interp.scopes.back().get() == scope && !scope->captured)
        interp.scopes.pop_back();
    }
  } guard{*this, &scope};
  ++callDepth;
  for (size_t i = 0; i < args.size(); ++i)
    scope.set(def.names[i], args[i], loc);
  execBlock(def.body, scope);
  std::vector<Value> results;
  for (const auto &r : def.exprs)
    results.push_back(eval(*r, scope));
  if (results.size() == 1)
    return results[0];
  auto list = std::make_shared<List>();
  list->items = std::move(results);
  return finish(list, loc);
}

Value Interpreter::unary(const std::string &op, const Value &x, const SourceLocation &loc) {
  if (x.isSOp()) {
    // RASP's `not` on an s-op is bool(x) == False: a bool either way.
    ElemFnPtr arg = op == "not" ? fnOp(ElemFn::Kind::Bool, "", {fnArg(0)}) : fnArg(0);
    return makeMap(fnOp(ElemFn::Kind::Unary, op, {arg}), {x.sop()}, loc);
  }
  if (x.isSelector()) {
    if (op != "not")
      throw RaspError(loc, "cannot apply " + op + " to a selector");
    auto s = newSelector(Selector::Kind::Not, loc);
    s->lhs = x.selector();
    s->name = "(not " + x.selector()->name + ")";
    if (s->name.size() > kMaxNameLength)
      s->name = "sel";
    return SelectorPtr(s);
  }
  if (op == "not")
    return Atom::ofBool(!truthy(x, loc));
  if (!x.isAtom())
    throw RaspError(loc, "cannot apply " + op + " to " + x.aKind());
  AtomResult r = applyUnary(op, x.atom());
  if (!r)
    throw RaspError(loc, r.error);
  return *r.value;
}

Value Interpreter::binary(const std::string &op, const Value &l, const Value &r,
                          const SourceLocation &loc) {
  bool logic = op == "and" || op == "or";
  if (l.isSelector() || r.isSelector()) {
    if (!logic)
      throw RaspError(loc, "cannot apply " + op + " to selectors");
    if (!(l.isSelector() && r.isSelector()))
      throw RaspError(loc, "cannot apply " + op + " between a selector and " +
                               (l.isSelector() ? r.aKind() : l.aKind()));
    auto s = newSelector(op == "and" ? Selector::Kind::And : Selector::Kind::Or, loc);
    s->lhs = l.selector();
    s->rhs = r.selector();
    s->name = "(" + s->lhs->name + " " + op + " " + s->rhs->name + ")";
    if (s->name.size() > kMaxNameLength)
      s->name = "sel";
    return SelectorPtr(s);
  }
  if (l.isSOp() || r.isSOp()) {
    std::vector<SOpPtr> inputs;
    auto operand = [&](const Value &v) -> ElemFnPtr {
      if (v.isAtom())
        return fnConst(v.atom());
      if (!v.isSOp())
        throw RaspError(loc, "cannot apply " + op + " between an s-op and " +
                                 v.aKind() + ": " + v.describe());
      inputs.push_back(v.sop());
      ElemFnPtr a = fnArg(static_cast<int>(inputs.size() - 1));
      // s-op and/or count truthy values (RASP's tpland/tplor): the result is a bool.
      return logic ? fnOp(ElemFn::Kind::Bool, "", {a}) : a;
    };
    ElemFnPtr a = operand(l), b = operand(r);
    if (logic) {
      // Atom operands of and/or are seen through bool() too.
      if (a->kind == ElemFn::Kind::Const)
        a = fnConst(Atom::ofBool(a->constant.truthy()));
      if (b->kind == ElemFn::Kind::Const)
        b = fnConst(Atom::ofBool(b->constant.truthy()));
    }
    return makeMap(fnOp(ElemFn::Kind::Binary, op, {a, b}), inputs, loc);
  }
  if (logic) {
    // Python: `a and b` is a if a is false, else b (and the reverse for `or`).
    bool lt = truthy(l, loc);
    return op == "and" ? (lt ? r : l) : (lt ? l : r);
  }
  if (l.isList() && r.isList() && op == "+") {
    if (l.list()->items.size() + r.list()->items.size() > kMaxListSize)
      checkSize(l.list()->items.size() + r.list()->items.size(), 0, loc);
    auto list = std::make_shared<List>();
    list->items = l.list()->items;
    list->items.insert(list->items.end(), r.list()->items.begin(), r.list()->items.end());
    return finish(list, loc);
  }
  if (!l.isAtom() || !r.isAtom())
    throw RaspError(loc, "cannot apply " + op + " between " + l.aKind() +
                             " and " + r.aKind());
  AtomResult result = applyBinary(op, l.atom(), r.atom());
  if (!result)
    throw RaspError(loc, result.error);
  return *result.value;
}

Value Interpreter::index(const Value &container, const Value &key, const SourceLocation &loc,
                         Environment &env) {
  if (container.isSOp()) {
    // sop[i] loads position i (negative: from the end): aggregate(select(indices, i, ==), sop).
    if (!key.isAtom() || !key.atom().isInt())
      throw RaspError(loc, "index into an s-op has to be an integer, got " + key.describe());
    int64_t i = key.atom().getInt();
    SOpPtr position;
    if (i >= 0) {
      position = toSOp(key, loc, "indexing");
    } else {
      const Value *length = env.lookup("length");
      if (!length || !length->isSOp())
        throw RaspError(loc, "negative indices need the s-op 'length'");
      position = makeMap(fnOp(ElemFn::Kind::Binary, "+", {fnArg(0), fnConst(key.atom())}),
                         {length->sop()}, loc);
    }
    auto sel = newSelector(Selector::Kind::Select, loc);
    const Value *indices = base->lookup("indices");
    sel->keys = indices->sop();
    sel->queries = position;
    sel->predicate = "==";
    sel->name = "load from " + std::to_string(i);
    auto s = std::make_shared<SOp>();
    s->kind = SOp::Kind::Aggregate;
    s->id = nextNodeId();
    s->selector = sel;
    s->inputs = {container.sop()};
    s->value = Atom::ofInt(0);
    s->loc = loc;
    setGeneratedName(*s, container.sop()->name + "[" + std::to_string(i) + "]");
    return SOpPtr(s);
  }
  if (key.isSOp()) {
    // container[sop]: an element-wise lookup in a constant list, string or dict.
    if (!(container.isList() || container.isDict() ||
          (container.isAtom() && container.atom().isString())))
      throw RaspError(loc, std::string("cannot index ") + container.aKind() +
                               " with an s-op");
    if (container.isList())
      for (const Value &v : container.list()->items)
        if (!v.isAtom())
          throw RaspError(loc, "an element-wise lookup needs a list of atoms, got " +
                                   container.describe());
    if (container.isDict())
      for (const auto &[k, v] : container.dict()->items)
        if (!v.isAtom())
          throw RaspError(loc, "an element-wise lookup needs a dict of atoms, got " +
                                   container.describe());
    auto fn = fnOp(ElemFn::Kind::Lookup, "", {fnArg(0)});
    std::const_pointer_cast<ElemFn>(fn)->container = container;
    return makeMap(fn, {key.sop()}, loc);
  }
  if (container.isDict()) {
    if (!key.isAtom())
      throw RaspError(loc, "index into a dict has to be an atom, got " + key.describe());
    if (const Value *v = container.dict()->find(key.atom()))
      return *v;
    throw RaspError(loc, "key " + key.describe() + " not in dict");
  }
  bool isString = container.isAtom() && container.atom().isString();
  if (container.isList() || isString) {
    const char *what = isString ? "string" : "list";
    if (!key.isAtom() || !(key.atom().isInt() || key.atom().isBool()))
      throw RaspError(loc, std::string("index into a ") + what + " has to be an integer, got " +
                               key.describe());
    int64_t size = isString ? static_cast<int64_t>(container.atom().getString().size())
                            : static_cast<int64_t>(container.list()->items.size());
    int64_t i = key.atom().isBool() ? key.atom().getBool() : key.atom().getInt();
    if (i >= size || -i > size)
      throw RaspError(loc, "index " + std::to_string(i) + " out of range for " + what +
                               " of length " + std::to_string(size));
    if (i < 0)
      i += size;
    if (isString)
      return Atom::ofString(std::string(1, container.atom().getString()[i]));
    return container.list()->items[i];
  }
  throw RaspError(loc, "can only index into a list, dict, string or s-op, got " +
                           container.aKind() + ": " + container.describe());
}

Value Interpreter::contains(const Value &element, const Value &container,
                            const SourceLocation &loc) {
  if (element.isSOp()) {
    if (!container.isList())
      throw RaspError(loc, "\"s-op in X\" expects X to be a list of atoms, got " +
                               container.aKind());
    for (const Value &v : container.list()->items)
      if (!v.isAtom())
        throw RaspError(loc, "\"s-op in X\" expects X to be a list of atoms, got " +
                                 container.describe());
    auto fn = fnOp(ElemFn::Kind::Contains, "", {fnArg(0)});
    std::const_pointer_cast<ElemFn>(fn)->container = container;
    return makeMap(fn, {element.sop()}, loc);
  }
  if (element.isAtom()) {
    const Atom &a = element.atom();
    if (container.isList()) {
      for (const Value &v : container.list()->items)
        if (v.isAtom() && v.atom().equals(a))
          return Atom::ofBool(true);
      return Atom::ofBool(false);
    }
    if (container.isDict())
      return Atom::ofBool(container.dict()->find(a) != nullptr);
    if (container.isAtom() && container.atom().isString() && a.isString())
      return Atom::ofBool(container.atom().getString().find(a.getString()) != std::string::npos);
    if (container.isSOp()) {
      // "a" in tokens: whether any position holds it, broadcast to every position.
      SOpPtr one = toSOp(Atom::ofInt(1), loc, "in");
      auto full = newSelector(Selector::Kind::Select, loc);
      full->keys = one;
      full->queries = full->keys;
      full->predicate = "==";
      full->name = "full_s";
      auto match = makeMap(fnOp(ElemFn::Kind::Indicator, "",
                                {fnOp(ElemFn::Kind::Binary, "==", {fnArg(0), fnConst(a)})}),
                           {container.sop()}, loc);
      auto s = std::make_shared<SOp>();
      s->kind = SOp::Kind::Aggregate;
      s->id = nextNodeId();
      s->selector = full;
      s->inputs = {match};
      s->value = Atom::ofInt(0);
      s->loc = loc;
      setGeneratedName(*s, "frac(" + match->name + ")");
      return makeMap(fnOp(ElemFn::Kind::Binary, ">", {fnArg(0), fnConst(Atom::ofInt(0))}),
                     {SOpPtr(s)}, loc);
    }
    throw RaspError(loc, "\"atom in X\" expects X to be a list, dict, string or s-op, got " +
                             container.aKind());
  }
  throw RaspError(loc, std::string("\"A in X\" expects A to be an s-op or an atom, got ") +
                           element.aKind());
}

} // namespace tfc::rasp

namespace tfc::rasp {

Value Interpreter::applyToInput(const Value &unfinished, const Value &inputValue,
                                const SourceLocation &loc) {
  Evaluator evaluator(exampleToSequence(inputValue, loc));
  Application app;
  app.input = evaluator.rawInput();
  auto list = std::make_shared<List>();
  if (unfinished.isSOp()) {
    app.values = evaluator.sop(unfinished.sop());
    for (const Atom &a : app.values)
      list->items.push_back(a);
  } else {
    app.isSelector = true;
    app.matrix = evaluator.selector(unfinished.selector());
    for (const auto &row : app.matrix) {
      auto r = std::make_shared<List>();
      for (bool b : row)
        r->items.push_back(Atom::ofBool(b));
      list->items.push_back(ListPtr(r));
    }
  }
  app.result = list.get();
  lastApplication = std::move(app);
  return ListPtr(list);
}

} // namespace tfc::rasp
