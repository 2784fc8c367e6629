// The rasp dialect: RASP programs as SSA graphs of s-ops and selectors; its types and enums.
#ifndef RASP_DIALECT_TD
#define RASP_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def RASP_Dialect : Dialect {
  let name = "rasp";
  let cppNamespace = "::tfc::rasp";
  let summary = "RASP programs: s-ops and selectors as SSA values";
  let description = [{
    A RASP program ("Thinking Like Transformers") as the compiler sees it: one `rasp.program`
    holding a graph of s-ops (sequence operations: `tokens`, `indices`, `full`, `map`,
    `sequence_map`, `aggregate`, `selector_width`) and selectors (`select` and its boolean
    combinations), ending in `rasp.output`. Each s-op's type carries its encoding
    (categorical or numerical, as Tracr's annotations); the `rasp-infer-value-sets` pass adds
    the set of values every s-op can take for the program's vocabulary and maximum length.

    The element-wise functions of maps are regions over `!rasp.atom` values built from a few
    element ops with Python's semantics (RASP's lambdas are Python), so the compiler can
    evaluate a map on every value of its input's value set.
  }];
  let useDefaultTypePrinterParser = 1;
}

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def RASP_Categorical : I32EnumAttrCase<"categorical", 0>;
def RASP_Numerical : I32EnumAttrCase<"numerical", 1>;
def RASP_Encoding : I32EnumAttr<"Encoding", "how an s-op is held in the residual stream",
                                [RASP_Categorical, RASP_Numerical]> {
  let cppNamespace = "::tfc::rasp";
}

// Key OP query, as in RASP: `lt` selects the keys smaller than the query. `true` selects
// everything (length is the width of such a selector), `false` nothing.
def RASP_Comparison : I32EnumAttr<"Comparison", "a select predicate: key OP query", [
    I32EnumAttrCase<"eq", 0>, I32EnumAttrCase<"ne", 1>, I32EnumAttrCase<"lt", 2>,
    I32EnumAttrCase<"le", 3>, I32EnumAttrCase<"gt", 4>, I32EnumAttrCase<"ge", 5>,
    I32EnumAttrCase<"always", 6, "true">, I32EnumAttrCase<"never", 7, "false">]> {
  let cppNamespace = "::tfc::rasp";
}

// How the input tokens are read (RASP's tokens_str, tokens_int, ...; `asis` keeps them).
def RASP_TokenConversion : I32EnumAttr<"TokenConversion", "how tokens are read", [
    I32EnumAttrCase<"str", 0>, I32EnumAttrCase<"int_", 1, "int">,
    I32EnumAttrCase<"float_", 2, "float">, I32EnumAttrCase<"bool_", 3, "bool">,
    I32EnumAttrCase<"asis", 4>]> {
  let cppNamespace = "::tfc::rasp";
}

def RASP_UnaryKind : I32EnumAttr<"UnaryKind", "a unary element operator", [
    I32EnumAttrCase<"neg", 0>, I32EnumAttrCase<"pos", 1>, I32EnumAttrCase<"not_", 2, "not">,
    I32EnumAttrCase<"round", 3>, I32EnumAttrCase<"indicator", 4>, I32EnumAttrCase<"truth", 5>]> {
  let cppNamespace = "::tfc::rasp";
}

def RASP_BinaryKind : I32EnumAttr<"BinaryKind", "a binary element operator", [
    I32EnumAttrCase<"add", 0>, I32EnumAttrCase<"sub", 1>, I32EnumAttrCase<"mul", 2>,
    I32EnumAttrCase<"div", 3>, I32EnumAttrCase<"mod", 4>, I32EnumAttrCase<"pow", 5>,
    I32EnumAttrCase<"eq", 6>, I32EnumAttrCase<"ne", 7>, I32EnumAttrCase<"lt", 8>,
    I32EnumAttrCase<"le", 9>, I32EnumAttrCase<"gt", 10>, I32EnumAttrCase<"ge", 11>,
    I32EnumAttrCase<"and_", 12, "and">, I32EnumAttrCase<"or_", 13, "or">]> {
  let cppNamespace = "::tfc::rasp";
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

class RASP_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<RASP_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def RASP_SOpType : RASP_Type<"SOp", "sop"> {
  let summary = "A sequence operation: one value per input position";
  let parameters = (ins EnumParameter<RASP_Encoding>:$encoding);
  let assemblyFormat = "`<` $encoding `>`";
}

def RASP_SelectorType : RASP_Type<"Selector", "selector"> {
  let summary = "A selector: which key positions each query position attends to";
}

def RASP_AtomType : RASP_Type<"Atom", "atom"> {
  let summary = "One element value inside a map body: an int, float, string or bool";
}

#endif // RASP_DIALECT_TD
