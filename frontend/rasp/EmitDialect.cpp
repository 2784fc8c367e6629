// Emits the rasp dialect from the interpreter's graph: one op per s-op and selector, in
// dependency order, and map bodies from element functions.
#include "frontend/rasp/EmitDialect.h"
#include "dialect/RASP/AtomAttr.h"
#include "dialect/RASP/RASPOps.h"
#include "frontend/rasp/Diagnostics.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

#include <unordered_map>

using namespace mlir;

namespace tfc::rasp {
namespace {

/// Thrown inside the emitter only, caught by emitDialect.
struct EmitFailure {
  SourceLocation loc;
  std::string message;
};

std::optional<BinaryKind> binaryKind(const std::string &op) {
  static const std::unordered_map<std::string, BinaryKind> kinds = {
      {"+", BinaryKind::add},  {"-", BinaryKind::sub},   {"*", BinaryKind::mul},
      {"/", BinaryKind::div},  {"%", BinaryKind::mod},   {"^", BinaryKind::pow},
      {"==", BinaryKind::eq},  {"!=", BinaryKind::ne},   {"<", BinaryKind::lt},
      {"<=", BinaryKind::le},  {">", BinaryKind::gt},    {">=", BinaryKind::ge},
      {"and", BinaryKind::and_}, {"or", BinaryKind::or_}};
  auto it = kinds.find(op);
  if (it == kinds.end())
    return std::nullopt;
  return it->second;
}

std::optional<Comparison> comparison(const std::string &predicate) {
  static const std::unordered_map<std::string, Comparison> kinds = {
      {"==", Comparison::eq}, {"!=", Comparison::ne}, {"<", Comparison::lt},
      {"<=", Comparison::le}, {">", Comparison::gt},  {">=", Comparison::ge}};
  auto it = kinds.find(predicate);
  if (it == kinds.end())
    return std::nullopt;
  return it->second;
}

class Emitter {
public:
  Emitter(MLIRContext &context, OpBuilder &builder) : context(context), builder(builder) {}

  Location loc(const SourceLocation &at) {
    if (!at.file)
      return UnknownLoc::get(&context);
    return FileLineColLoc::get(&context, at.file->name, static_cast<unsigned>(at.line),
                               static_cast<unsigned>(at.column));
  }

  void emitAll(const SOpPtr &output) {
    std::vector<GraphNode> order = topologicalOrder(GraphNode{output.get(), nullptr});
    // The library's base s-ops (tokens_int, indices, ...) have no place in the program: their
    // first use stands in, so that errors about them point into the program.
    for (const GraphNode &node : order) {
      SourceLocation at = node.sop ? node.sop->loc : node.selector->loc;
      auto inherit = [&](const void *operand, int id, const SourceLocation &operandLoc) {
        if (operand && !operandLoc.file && at.file)
          fallback.try_emplace(id, at);
      };
      if (node.sop) {
        for (const SOpPtr &x : node.sop->inputs)
          inherit(x.get(), x->id, x->loc);
        if (const SelectorPtr &x = node.sop->selector)
          inherit(x.get(), x->id, x->loc);
      } else {
        for (const SOpPtr &x : {node.selector->keys, node.selector->queries})
          if (x)
            inherit(x.get(), x->id, x->loc);
      }
    }
    for (const GraphNode &node : order) {
      if (node.selector)
        values[node.selector->id] = emitSelector(*node.selector);
      else
        values[node.sop->id] = emitSOp(*node.sop);
    }
  }

  mlir::Value valueOf(int id) { return values.at(id); }

private:
  Encoding encodingOf(const SOp &s) {
    if (s.encoding == Annotation::Numerical)
      return Encoding::numerical;
    if (s.encoding == Annotation::Categorical)
      return Encoding::categorical;
    // Unannotated aggregates keep their values' encoding (Tracr's rule); the rest are
    // categorical, Tracr's default.
    if (s.kind == SOp::Kind::Aggregate)
      return cast<SOpType>(valueOf(s.inputs[0]->id).getType()).getEncoding();
    return Encoding::categorical;
  }

  StringAttr label(const std::string &name, bool named) {
    return named ? builder.getStringAttr(name) : StringAttr();
  }

  /// The program's `indices`, also used for length's select-everything selector: one op
  /// however many times the graph reaches it.
  mlir::Value sharedIndices(Location at) {
    if (!indices)
      indices = IndicesOp::create(builder, at, SOpType::get(&context, Encoding::categorical),
                                  builder.getStringAttr("indices"), ArrayAttr());
    return indices;
  }

  /// Where a node is: its own location, or its first use's for library nodes.
  Location nodeLoc(int id, const SourceLocation &own) {
    if (own.file)
      return loc(own);
    auto it = fallback.find(id);
    return loc(it == fallback.end() ? own : it->second);
  }

  mlir::Value emitSOp(const SOp &s) {
    Location at = nodeLoc(s.id, s.loc);
    Type type = SOpType::get(&context, encodingOf(s));
    StringAttr name = label(s.name, s.named);
    switch (s.kind) {
    case SOp::Kind::Tokens: {
      TokenConversion conversion = s.tokensAs == "int"     ? TokenConversion::int_
                                   : s.tokensAs == "float" ? TokenConversion::float_
                                   : s.tokensAs == "bool"  ? TokenConversion::bool_
                                   : s.tokensAs == "asis"  ? TokenConversion::asis
                                                           : TokenConversion::str;
      return TokensOp::create(builder, at, type, conversion, name, ArrayAttr());
    }
    case SOp::Kind::Indices: {
      // The library's one unannotated `indices` (whatever the program renamed it to) is the
      // op length's selector also reads; annotated copies are ops of their own.
      if (s.encoding != Annotation::Unspecified)
        return IndicesOp::create(builder, at, type, name, ArrayAttr());
      mlir::Value shared = sharedIndices(at);
      shared.getDefiningOp()->setAttr("label", builder.getStringAttr(s.name));
      return shared;
    }
    case SOp::Kind::Length: {
      // RASP's length is the width of the selector that selects everything.
      mlir::Value all = sharedIndices(at);
      auto everything = SelectOp::create(builder, at, SelectorType::get(&context), all, all,
                                         Comparison::always, StringAttr());
      return SelectorWidthOp::create(builder, at, type, everything, name, ArrayAttr());
    }
    case SOp::Kind::Full:
      return FullOp::create(builder, at, type, atomToAttr(&context, s.value), name, ArrayAttr());
    case SOp::Kind::Map:
      return emitMap(s, at, type, name);
    case SOp::Kind::Aggregate:
      return AggregateOp::create(builder, at, type, valueOf(s.selector->id),
                                 valueOf(s.inputs[0]->id), atomToAttr(&context, s.value), name,
                                 ArrayAttr());
    case SOp::Kind::SelectorWidth:
      return SelectorWidthOp::create(builder, at, type, valueOf(s.selector->id), name,
                                     ArrayAttr());
    }
    throw EmitFailure{s.loc, "unknown s-op"};
  }

  mlir::Value emitSelector(const Selector &s) {
    Location at = nodeLoc(s.id, s.loc);
    Type type = SelectorType::get(&context);
    StringAttr name = label(s.name, s.named);
    switch (s.kind) {
    case Selector::Kind::Select: {
      std::optional<Comparison> predicate = comparison(s.predicate);
      if (!predicate)
        throw EmitFailure{s.loc, "not supported: the select predicate '" + s.predicate + "'"};
      return SelectOp::create(builder, at, type, valueOf(s.keys->id), valueOf(s.queries->id),
                              *predicate, name);
    }
    case Selector::Kind::And:
      return SelectAndOp::create(builder, at, type, valueOf(s.lhs->id), valueOf(s.rhs->id),
                                 name);
    case Selector::Kind::Or:
      return SelectOrOp::create(builder, at, type, valueOf(s.lhs->id), valueOf(s.rhs->id),
                                name);
    case Selector::Kind::Not:
      return SelectNotOp::create(builder, at, type, valueOf(s.lhs->id), name);
    }
    throw EmitFailure{s.loc, "unknown selector"};
  }

  mlir::Value emitMap(const SOp &s, Location at, Type type, StringAttr name) {
    if (s.inputs.empty())
      throw EmitFailure{s.loc, "not supported: a map without inputs"};
    SmallVector<mlir::Value> inputs;
    for (const SOpPtr &in : s.inputs)
      inputs.push_back(valueOf(in->id));
    Operation *op;
    Region *body;
    if (inputs.size() == 1) {
      auto map = MapOp::create(builder, at, type, inputs[0], name, ArrayAttr());
      op = map;
      body = &map.getBody();
    } else {
      auto map = SequenceMapOp::create(builder, at, type, inputs, name, ArrayAttr());
      op = map;
      body = &map.getBody();
    }
    Block *block = builder.createBlock(body);
    Type atom = AtomType::get(&context);
    for (size_t i = 0; i < inputs.size(); ++i)
      block->addArgument(atom, at);
    mlir::Value result = emitFn(*s.fn, block->getArguments(), s.loc, at);
    YieldOp::create(builder, at, result);
    builder.setInsertionPointAfter(op);
    return op->getResult(0);
  }

  ArrayAttr atoms(const std::vector<Value> &items, const SourceLocation &where) {
    SmallVector<Attribute> attrs;
    for (const Value &v : items) {
      if (!v.isAtom())
        throw EmitFailure{where, "not supported: a lookup in a list holding " + v.aKind() +
                                     " (only atoms can be sequence values)"};
      attrs.push_back(atomToAttr(&context, v.atom()));
    }
    return builder.getArrayAttr(attrs);
  }

  mlir::Value emitFn(const ElemFn &fn, ArrayRef<BlockArgument> args, const SourceLocation &where,
                     Location at) {
    auto operand = [&](size_t i) { return emitFn(*fn.operands[i], args, where, at); };
    Type atom = AtomType::get(&context);
    auto unary = [&](UnaryKind kind) {
      return UnaryOp::create(builder, at, atom, kind, operand(0));
    };
    switch (fn.kind) {
    case ElemFn::Kind::Arg:
      return args[fn.arg];
    case ElemFn::Kind::Const:
      return ConstOp::create(builder, at, atom, atomToAttr(&context, fn.constant));
    case ElemFn::Kind::Unary:
      return unary(fn.op == "-" ? UnaryKind::neg : fn.op == "+" ? UnaryKind::pos : UnaryKind::not_);
    case ElemFn::Kind::Round:
      return unary(UnaryKind::round);
    case ElemFn::Kind::Indicator:
      return unary(UnaryKind::indicator);
    case ElemFn::Kind::Bool:
      return unary(UnaryKind::truth);
    case ElemFn::Kind::Binary: {
      std::optional<BinaryKind> kind = binaryKind(fn.op);
      if (!kind)
        throw EmitFailure{where, "not supported: the operator '" + fn.op + "' in a map"};
      mlir::Value lhs = operand(0), rhs = operand(1);
      return BinaryOp::create(builder, at, atom, *kind, lhs, rhs);
    }
    case ElemFn::Kind::Ternary: {
      mlir::Value c = operand(0), t = operand(1), e = operand(2);
      return IfOp::create(builder, at, atom, c, t, e);
    }
    case ElemFn::Kind::Lookup: {
      mlir::Value x = operand(0);
      const Value &c = fn.container;
      if (c.isDict()) {
        SmallVector<Attribute> keys;
        std::vector<Value> values;
        for (const auto &[k, v] : c.dict()->items) {
          keys.push_back(atomToAttr(&context, k));
          values.push_back(v);
        }
        return LookupOp::create(builder, at, atom, x, atoms(values, where), builder.getArrayAttr(keys));
      }
      if (c.isList())
        return LookupOp::create(builder, at, atom, x, atoms(c.list()->items, where), ArrayAttr());
      // A string indexes to its characters.
      std::vector<Value> chars;
      for (char ch : c.atom().getString())
        chars.push_back(Atom::ofString(std::string(1, ch)));
      return LookupOp::create(builder, at, atom, x, atoms(chars, where), ArrayAttr());
    }
    case ElemFn::Kind::Contains: {
      mlir::Value x = operand(0);
      return ContainsOp::create(builder, at, atom, x, atoms(fn.container.list()->items, where));
    }
    }
    throw EmitFailure{where, "unknown element function"};
  }

  MLIRContext &context;
  OpBuilder &builder;
  std::unordered_map<int, mlir::Value> values;
  std::unordered_map<int, SourceLocation> fallback;
  mlir::Value indices;
};

} // namespace

OwningOpRef<ModuleOp> emitDialect(MLIRContext &context, const SOpPtr &output,
                                  const EmitOptions &options, std::string &error) {
  context.getOrLoadDialect<RASPDialect>();
  OpBuilder builder(&context);
  Location at = output->loc.file
                    ? Location(FileLineColLoc::get(&context, output->loc.file->name, 1, 1))
                    : Location(UnknownLoc::get(&context));
  OwningOpRef<ModuleOp> module = ModuleOp::create(at);
  builder.setInsertionPointToEnd(module->getBody());
  ArrayAttr vocab;
  if (!options.vocab.empty()) {
    SmallVector<Attribute> attrs;
    for (const Atom &a : options.vocab)
      attrs.push_back(atomToAttr(&context, a));
    vocab = builder.getArrayAttr(attrs);
  }
  IntegerAttr maxSeqLen;
  if (options.maxSeqLen)
    maxSeqLen = builder.getI64IntegerAttr(*options.maxSeqLen);
  auto program = ProgramOp::create(builder, at, options.programName, vocab, maxSeqLen);
  builder.createBlock(&program.getBody());
  Emitter emitter(context, builder);
  try {
    emitter.emitAll(output);
  } catch (const EmitFailure &failure) {
    error = formatError(failure.loc, failure.message);
    return nullptr;
  }
  OutputOp::create(builder, emitter.loc(output->loc), emitter.valueOf(output->id));
  return module;
}

} // namespace tfc::rasp
