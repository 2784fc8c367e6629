// The tfc dialect: graph-level tensor operations of transformer models.
#ifndef TFC_DIALECT_TD
#define TFC_DIALECT_TD

include "mlir/IR/OpBase.td"

def TFC_Dialect : Dialect {
  let name = "tfc";
  let cppNamespace = "::tfc";
  let summary = "Graph-level tensor operations of transformer models";
  let description = [{
    Both frontends of tfc (the ONNX importer and the RASP compiler) produce this dialect; every
    pass and target consumes it. Values are builtin ranked tensors. Integer element types follow
    ONNX: signless integers are signed, `ui8`..`ui64` are unsigned, `i1` is bool. Broadcasting
    follows numpy. Every op verifies its operands with a message naming the offending operand,
    infers its result type, and folds when its operands are constant.
  }];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 0;
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def TFC_AnyFloat : AnyTypeOf<[F16, BF16, F32, F64]>;
def TFC_AnyInt : AnyTypeOf<[I8, I16, I32, I64, UI8, UI16, UI32, UI64]>;
def TFC_Element : AnyTypeOf<[TFC_AnyFloat, TFC_AnyInt, I1]>;

def TFC_Tensor : RankedTensorOf<[TFC_Element]>;
def TFC_FloatTensor : RankedTensorOf<[TFC_AnyFloat]>;
def TFC_NumericTensor : RankedTensorOf<[TFC_AnyFloat, TFC_AnyInt]>;
// Neg and abs are meaningful on floats and on signed integers only.
def TFC_SignedTensor : RankedTensorOf<[TFC_AnyFloat, I8, I16, I32, I64]>;
def TFC_UnsignedTensor : RankedTensorOf<[UI8, UI16, UI32, UI64]>;
def TFC_BoolTensor : RankedTensorOf<[I1]>;
// Logic ops are bitwise on integers (ONNX's Bitwise*) and logical on bools.
def TFC_LogicTensor : RankedTensorOf<[I1, TFC_AnyInt]>;
def TFC_IndexTensor : RankedTensorOf<[I32, I64]>;
def TFC_ShapeTensor : 1DTensorOf<[I64]>;

#endif // TFC_DIALECT_TD
