// Operations of the rasp dialect: the program, s-ops, selectors and the element ops of maps.
#ifndef RASP_OPS_TD
#define RASP_OPS_TD

include "dialect/RASP/RASPDialect.td"
include "mlir/IR/OpBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class RASP_Op<string mnemonic, list<Trait> traits = []>
    : Op<RASP_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// The program
//===----------------------------------------------------------------------===//

def RASP_ProgramOp : RASP_Op<"program", [Symbol, SingleBlock, IsolatedFromAbove]> {
  let summary = "A RASP program: a graph of s-ops and selectors with one output s-op";
  let description = [{
    The body computes the output s-op from `rasp.tokens` and `rasp.indices` and ends in
    `rasp.output`. `vocab` (the token values) and `max_seq_len` (the longest input) are what
    the program is compiled for; value-set inference needs both.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, OptionalAttr<ArrayAttr>:$vocab,
                       OptionalAttr<I64Attr>:$max_seq_len);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

def RASP_OutputOp : RASP_Op<"output", [Terminator, HasParent<"ProgramOp">, Pure]> {
  let summary = "The program's output s-op";
  let arguments = (ins RASP_SOpType:$result);
  let assemblyFormat = "$result attr-dict `:` qualified(type($result))";
}

//===----------------------------------------------------------------------===//
// S-ops. Every s-op may carry `label` (its name in the program) and, after
// rasp-infer-value-sets, `value_set` (the sorted values it can take).
//===----------------------------------------------------------------------===//

class RASP_SOpOp<string mnemonic, list<Trait> traits = []>
    : RASP_Op<mnemonic, traits # [Pure, HasParent<"ProgramOp">]> {
  let results = (outs RASP_SOpType:$result);
  dag sopAttrs = (ins OptionalAttr<StrAttr>:$label, OptionalAttr<ArrayAttr>:$value_set);
}

def RASP_TokensOp : RASP_SOpOp<"tokens"> {
  let summary = "The input tokens, read as strings, ints, floats, bools or as they are";
  let arguments = !con((ins RASP_TokenConversion:$conversion), sopAttrs);
  let assemblyFormat = "$conversion attr-dict `:` qualified(type($result))";
  let hasVerifier = 1;
}

def RASP_IndicesOp : RASP_SOpOp<"indices"> {
  let summary = "The position of every token: 0, 1, ..., length - 1";
  let arguments = sopAttrs;
  let assemblyFormat = "attr-dict `:` qualified(type($result))";
  let hasVerifier = 1;
}

def RASP_FullOp : RASP_SOpOp<"full"> {
  let summary = "The same atom at every position";
  let arguments = !con((ins AnyAttr:$fill), sopAttrs);
  let assemblyFormat = "`(` custom<Atom>($fill) `)` attr-dict `:` qualified(type($result))";
  let hasVerifier = 1;
}

def RASP_MapOp : RASP_SOpOp<"map", [SingleBlock]> {
  let summary = "An element-wise function of one s-op";
  let description = [{
    The body has one `!rasp.atom` argument (the input's value at a position) and yields the
    output's value there. A body that fails (division by zero, an operand of the wrong kind)
    makes the program fail on inputs where that value occurs, as RASP does.
  }];
  let arguments = !con((ins RASP_SOpType:$input), sopAttrs);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$input attr-dict `:` qualified(type($input)) `->` qualified(type($result)) $body";
  let hasVerifier = 1;
}

def RASP_SequenceMapOp : RASP_SOpOp<"sequence_map", [SingleBlock]> {
  let summary = "An element-wise function of several s-ops";
  let description = [{
    Like `rasp.map` over two or more s-ops: the body has one `!rasp.atom` argument per
    input, in order.
  }];
  let arguments = !con((ins Variadic<RASP_SOpType>:$inputs), sopAttrs);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$inputs attr-dict `:` functional-type($inputs, $result) $body";
  let hasVerifier = 1;
}

def RASP_AggregateOp : RASP_SOpOp<"aggregate"> {
  let summary = "The mean of the selected values, for every query position";
  let description = [{
    RASP's aggregate: where a query selects nothing, `default`; where it selects one position,
    that value unchanged; where it selects several, their mean (numbers only). A categorical
    aggregate is compiled as selecting at most one position, as in Tracr.
  }];
  let arguments = !con((ins RASP_SelectorType:$selector, RASP_SOpType:$values,
                            AnyAttr:$default_value), sopAttrs);
  let assemblyFormat = [{
    $selector `,` $values `default` `(` custom<Atom>($default_value) `)` attr-dict `:` qualified(type($values)) `->`
    qualified(type($result))
  }];
  let hasVerifier = 1;
}

def RASP_SelectorWidthOp : RASP_SOpOp<"selector_width"> {
  let summary = "How many key positions each query position selects";
  let arguments = !con((ins RASP_SelectorType:$selector), sopAttrs);
  let assemblyFormat = "$selector attr-dict `:` qualified(type($result))";
}

//===----------------------------------------------------------------------===//
// Selectors
//===----------------------------------------------------------------------===//

class RASP_SelectorOp<string mnemonic, list<Trait> traits = []>
    : RASP_Op<mnemonic, traits # [Pure, HasParent<"ProgramOp">]> {
  let results = (outs RASP_SelectorType:$result);
}

def RASP_SelectOp : RASP_SelectorOp<"select"> {
  let summary = "Selects, for each query position, the keys with `key OP query`";
  let arguments = (ins RASP_SOpType:$keys, RASP_SOpType:$queries,
                       RASP_Comparison:$predicate, OptionalAttr<StrAttr>:$label);
  let assemblyFormat = [{
    $keys `,` $queries `,` $predicate attr-dict `:` qualified(type($keys)) `,` qualified(type($queries))
  }];
}

def RASP_SelectAndOp : RASP_SelectorOp<"select_and", [Commutative]> {
  let summary = "Positions both selectors select";
  let arguments = (ins RASP_SelectorType:$lhs, RASP_SelectorType:$rhs,
                       OptionalAttr<StrAttr>:$label);
  let assemblyFormat = "$lhs `,` $rhs attr-dict";
}

def RASP_SelectOrOp : RASP_SelectorOp<"select_or", [Commutative]> {
  let summary = "Positions either selector selects";
  let arguments = (ins RASP_SelectorType:$lhs, RASP_SelectorType:$rhs,
                       OptionalAttr<StrAttr>:$label);
  let assemblyFormat = "$lhs `,` $rhs attr-dict";
}

def RASP_SelectNotOp : RASP_SelectorOp<"select_not"> {
  let summary = "Positions the selector does not select";
  let arguments = (ins RASP_SelectorType:$input, OptionalAttr<StrAttr>:$label);
  let assemblyFormat = "$input attr-dict";
}

//===----------------------------------------------------------------------===//
// Element ops: the bodies of maps, on !rasp.atom values with Python semantics.
//===----------------------------------------------------------------------===//

class RASP_ElementOp<string mnemonic, list<Trait> traits = []>
    : RASP_Op<mnemonic, traits # [Pure, ParentOneOf<["MapOp", "SequenceMapOp"]>]> {
  let results = (outs RASP_AtomType:$result);
}

def RASP_ConstOp : RASP_ElementOp<"const", [ConstantLike]> {
  let summary = "An atom constant: an i64, f64, string or bool attribute";
  let arguments = (ins AnyAttr:$value);
  let assemblyFormat = "custom<Atom>($value) attr-dict";
  let hasVerifier = 1;
}

def RASP_UnaryOp : RASP_ElementOp<"unary"> {
  let summary = "-x, +x, not x, round(x), indicator(x) or bool(x), as Python computes them";
  let arguments = (ins RASP_UnaryKind:$kind, RASP_AtomType:$input);
  let assemblyFormat = "$kind $input attr-dict";
}

def RASP_BinaryOp : RASP_ElementOp<"binary"> {
  let summary = "Arithmetic (`pow` is RASP's ^), comparison, and Python's and/or";
  let description = [{
    `and`/`or` return one of their operands, as in Python (`x and y` is `x` when `x` is
    falsy, else `y`), but fail when either operand failed, as RASP evaluates both.
  }];
  let arguments = (ins RASP_BinaryKind:$kind, RASP_AtomType:$lhs, RASP_AtomType:$rhs);
  let assemblyFormat = "$kind $lhs `,` $rhs attr-dict";
}

def RASP_IfOp : RASP_ElementOp<"if"> {
  let summary = "`then if condition else otherwise`, by the condition's truth";
  let description = [{
    Only the chosen operand needs to succeed, as Python evaluates only the chosen branch.
  }];
  let arguments = (ins RASP_AtomType:$condition, RASP_AtomType:$then_value,
                       RASP_AtomType:$else_value);
  let assemblyFormat = "$condition `,` $then_value `,` $else_value attr-dict";
}

def RASP_LookupOp : RASP_ElementOp<"lookup"> {
  let summary = "Python's `container[x]` on a constant list or dict";
  let description = [{
    Without `keys`, `values` is a list indexed by an int (negative from the end). With
    `keys`, the two lists are a dict's keys and values. A missing key or index fails.
  }];
  let arguments = (ins RASP_AtomType:$input, ArrayAttr:$values, OptionalAttr<ArrayAttr>:$keys);
  let assemblyFormat = "$input `in` $values (`keys` $keys^)? attr-dict";
  let hasVerifier = 1;
}

def RASP_ContainsOp : RASP_ElementOp<"contains"> {
  let summary = "Python's `x in list` on a constant list";
  let arguments = (ins RASP_AtomType:$input, ArrayAttr:$elements);
  let assemblyFormat = "$input `in` $elements attr-dict";
  let hasVerifier = 1;
}

def RASP_YieldOp : RASP_Op<"yield", [Terminator, Pure,
                                     ParentOneOf<["MapOp", "SequenceMapOp"]>]> {
  let summary = "The value a map's body computes";
  let arguments = (ins RASP_AtomType:$value);
  let assemblyFormat = "$value attr-dict";
}

#endif // RASP_OPS_TD
