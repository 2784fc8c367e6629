// Operations of the tfc dialect: the primitive ops of transformer graphs.
#ifndef TFC_OPS_TD
#define TFC_OPS_TD

include "dialect/TFC/TFCDialect.td"
include "mlir/IR/OpBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class TFC_Op<string mnemonic, list<Trait> traits = []>
    : Op<TFC_Dialect, mnemonic,
         traits # [Pure, InferTypeOpAdaptorWithIsCompatible]>;

// Ops whose result type is their operand's: ODS derives the inference from the trait.
class TFC_SameTypeOp<string mnemonic, list<Trait> traits = []>
    : Op<TFC_Dialect, mnemonic,
         traits # [Pure, SameOperandsAndResultType, InferTypeOpInterface]>;

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def TFC_ConstantOp : TFC_Op<"constant", [ConstantLike]> {
  let summary = "A tensor constant (weights, initializers, folded values)";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Element-wise unary ops: the result has the operand's type.
//===----------------------------------------------------------------------===//

class TFC_UnaryOp<string mnemonic, Type operandType, string desc>
    : TFC_SameTypeOp<mnemonic> {
  let summary = desc;
  let arguments = (ins operandType:$input);
  let results = (outs operandType:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasFolder = 1;
}

def TFC_ExpOp : TFC_UnaryOp<"exp", TFC_FloatTensor, "Element-wise e^x">;
def TFC_LogOp : TFC_UnaryOp<"log", TFC_FloatTensor, "Element-wise natural logarithm">;
def TFC_SqrtOp : TFC_UnaryOp<"sqrt", TFC_FloatTensor, "Element-wise square root">;
def TFC_ReciprocalOp : TFC_UnaryOp<"reciprocal", TFC_FloatTensor, "Element-wise 1/x">;
def TFC_TanhOp : TFC_UnaryOp<"tanh", TFC_FloatTensor, "Element-wise hyperbolic tangent">;
def TFC_ErfOp : TFC_UnaryOp<"erf", TFC_FloatTensor, "Element-wise error function">;
def TFC_SigmoidOp : TFC_UnaryOp<"sigmoid", TFC_FloatTensor, "Element-wise 1/(1+e^-x)">;
def TFC_ReluOp : TFC_UnaryOp<"relu", TFC_SignedTensor, "Element-wise max(x, 0)">;
def TFC_NegOp : TFC_UnaryOp<"neg", TFC_SignedTensor, "Element-wise -x">;
def TFC_AbsOp : TFC_UnaryOp<"abs", TFC_NumericTensor, "Element-wise |x|">;

//===----------------------------------------------------------------------===//
// Element-wise binary ops with numpy broadcasting.
//===----------------------------------------------------------------------===//

class TFC_BinaryOp<string mnemonic, Type operandType, Type resultType, string desc>
    : TFC_Op<mnemonic, [AllElementTypesMatch<["lhs", "rhs"]>]> {
  let summary = desc;
  let description = [{
    Operands have the same element type; their shapes broadcast as in numpy
    (trailing dimensions aligned, a dimension of size 1 stretches).
  }];
  let arguments = (ins operandType:$lhs, operandType:$rhs);
  let results = (outs resultType:$output);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def TFC_AddOp : TFC_BinaryOp<"add", TFC_NumericTensor, TFC_NumericTensor,
                             "Element-wise sum">;
def TFC_SubOp : TFC_BinaryOp<"sub", TFC_NumericTensor, TFC_NumericTensor,
                             "Element-wise difference">;
def TFC_MulOp : TFC_BinaryOp<"mul", TFC_NumericTensor, TFC_NumericTensor,
                             "Element-wise product">;
def TFC_DivOp : TFC_BinaryOp<"div", TFC_NumericTensor, TFC_NumericTensor,
                             "Element-wise quotient (integers truncate toward zero)">;
def TFC_PowOp : TFC_BinaryOp<"pow", TFC_NumericTensor, TFC_NumericTensor,
                             "Element-wise lhs raised to rhs">;

def TFC_EqualOp : TFC_BinaryOp<"equal", TFC_Tensor, TFC_BoolTensor,
                               "Element-wise lhs == rhs">;
def TFC_LessOp : TFC_BinaryOp<"less", TFC_NumericTensor, TFC_BoolTensor,
                              "Element-wise lhs < rhs">;
def TFC_GreaterOp : TFC_BinaryOp<"greater", TFC_NumericTensor, TFC_BoolTensor,
                                 "Element-wise lhs > rhs">;

def TFC_WhereOp : TFC_Op<"where", [AllElementTypesMatch<["lhs", "rhs", "output"]>]> {
  let summary = "Element-wise select: condition ? lhs : rhs, with broadcasting";
  let arguments = (ins TFC_BoolTensor:$condition, TFC_Tensor:$lhs, TFC_Tensor:$rhs);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat =
      "$condition `,` $lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def TFC_CastOp : TFC_Op<"cast"> {
  let summary = "Element-wise conversion to another element type";
  let description = [{
    Float to integer truncates toward zero; any value to `i1` is `x != 0`; `i1` to a number
    is 0 or 1. The target element type is the attribute `to`.
  }];
  let arguments = (ins TFC_Tensor:$input, TypeAttr:$to);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($output)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Contractions, reductions and normalisations
//===----------------------------------------------------------------------===//

def TFC_MatMulOp : TFC_Op<"matmul", [AllElementTypesMatch<["lhs", "rhs", "output"]>]> {
  let summary = "Matrix product with numpy semantics (batched, broadcasting)";
  let description = [{
    The last two dimensions are multiplied; leading (batch) dimensions broadcast. A 1-D lhs is
    a row vector and a 1-D rhs a column vector; the added dimension is removed from the result.
  }];
  let arguments = (ins TFC_NumericTensor:$lhs, TFC_NumericTensor:$rhs);
  let results = (outs TFC_NumericTensor:$output);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

class TFC_ReduceOp<string mnemonic, string desc> : TFC_Op<mnemonic> {
  let summary = desc;
  let description = [{
    Reduces over `axes` (sorted, unique, in range). With `keepdims` the reduced dimensions stay
    as size 1, otherwise they are removed.
  }];
  let arguments = (ins TFC_NumericTensor:$input, DenseI64ArrayAttr:$axes,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims);
  let results = (outs TFC_NumericTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def TFC_ReduceSumOp : TFC_ReduceOp<"reduce_sum", "Sum over axes">;
def TFC_ReduceMeanOp : TFC_ReduceOp<"reduce_mean", "Arithmetic mean over axes">;
def TFC_ReduceMaxOp : TFC_ReduceOp<"reduce_max", "Maximum over axes">;

def TFC_SoftmaxOp : TFC_Op<"softmax"> {
  let summary = "exp(x - max) / sum(exp(x - max)) along one axis";
  let arguments = (ins TFC_FloatTensor:$input, I64Attr:$axis);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasFolder = 1;
}

def TFC_LayerNormOp : TFC_Op<"layer_norm", [AllElementTypesMatch<["input", "scale", "output"]>]> {
  let summary = "Layer normalisation over the dimensions from `axis` to the last";
  let description = [{
    `(x - mean) / sqrt(var + epsilon) * scale + bias`, with mean and (biased) variance taken
    over dimensions `axis..rank-1`. `scale` and the optional `bias` broadcast to those
    dimensions.
  }];
  let arguments = (ins TFC_FloatTensor:$input, TFC_FloatTensor:$scale,
                       Optional<TFC_FloatTensor>:$bias, I64Attr:$axis,
                       DefaultValuedAttr<F64Attr, "1.0e-5">:$epsilon);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat =
      "$input `,` $scale (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def TFC_TransposeOp : TFC_Op<"transpose"> {
  let summary = "Permutes dimensions: output dim i is input dim perm[i]";
  let arguments = (ins TFC_Tensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def TFC_ReshapeOp : TFC_Op<"reshape"> {
  let summary = "Reinterprets the row-major elements with a new static shape";
  let arguments = (ins TFC_Tensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def TFC_SqueezeOp : TFC_Op<"squeeze"> {
  let summary = "Removes the listed dimensions, each of size 1";
  let arguments = (ins TFC_Tensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def TFC_UnsqueezeOp : TFC_Op<"unsqueeze"> {
  let summary = "Inserts dimensions of size 1 at the listed positions of the result";
  let arguments = (ins TFC_Tensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def TFC_ExpandOp : TFC_Op<"expand"> {
  let summary = "Broadcasts the input against `shape` (numpy rules, as ONNX Expand)";
  let arguments = (ins TFC_Tensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def TFC_ConcatOp : TFC_Op<"concat", [SameOperandsElementType]> {
  let summary = "Joins tensors along one axis";
  let arguments = (ins Variadic<TFC_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def TFC_SliceOp : TFC_Op<"slice"> {
  let summary = "Strided window: result[i] = input[offsets + i * strides] per dimension";
  let description = [{
    One entry per dimension in `offsets`, `sizes` and `strides`. Strides are non-zero and may
    be negative (walking backwards from the offset); every addressed index must be in range.
  }];
  let arguments = (ins TFC_Tensor:$input, DenseI64ArrayAttr:$offsets,
                       DenseI64ArrayAttr:$sizes, DenseI64ArrayAttr:$strides);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def TFC_GatherOp : TFC_Op<"gather", [AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Takes slices of `input` along `axis` at `indices` (negative counts from the end)";
  let description = [{
    The result shape is `input.shape[:axis] + indices.shape + input.shape[axis+1:]`. An index
    out of range reads an unspecified element of that axis; it never reads outside the tensor.
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_IndexTensor:$indices, I64Attr:$axis);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat =
      "$input `,` $indices attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def TFC_ShapeOp : TFC_Op<"shape"> {
  let summary = "The dimensions start..end-1 of the input, as a 1-D i64 tensor";
  let arguments = (ins TFC_Tensor:$input, DefaultValuedAttr<I64Attr, "0">:$start,
                       OptionalAttr<I64Attr>:$end);
  let results = (outs TFC_ShapeTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

#endif // TFC_OPS_TD
