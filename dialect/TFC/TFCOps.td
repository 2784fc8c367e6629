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
def TFC_FloorOp : TFC_UnaryOp<"floor", TFC_FloatTensor, "Element-wise rounding down">;
def TFC_CeilOp : TFC_UnaryOp<"ceil", TFC_FloatTensor, "Element-wise rounding up">;
def TFC_RoundOp : TFC_UnaryOp<"round", TFC_FloatTensor,
                              "Element-wise rounding to nearest, halves to even">;
def TFC_SinOp : TFC_UnaryOp<"sin", TFC_FloatTensor, "Element-wise sine">;
def TFC_CosOp : TFC_UnaryOp<"cos", TFC_FloatTensor, "Element-wise cosine">;
def TFC_TanOp : TFC_UnaryOp<"tan", TFC_FloatTensor, "Element-wise tangent">;
def TFC_AsinOp : TFC_UnaryOp<"asin", TFC_FloatTensor, "Element-wise arcsine">;
def TFC_AcosOp : TFC_UnaryOp<"acos", TFC_FloatTensor, "Element-wise arccosine">;
def TFC_AtanOp : TFC_UnaryOp<"atan", TFC_FloatTensor, "Element-wise arctangent">;
def TFC_SinhOp : TFC_UnaryOp<"sinh", TFC_FloatTensor, "Element-wise hyperbolic sine">;
def TFC_CoshOp : TFC_UnaryOp<"cosh", TFC_FloatTensor, "Element-wise hyperbolic cosine">;
def TFC_AsinhOp : TFC_UnaryOp<"asinh", TFC_FloatTensor, "Element-wise inverse hyperbolic sine">;
def TFC_AcoshOp : TFC_UnaryOp<"acosh", TFC_FloatTensor,
                              "Element-wise inverse hyperbolic cosine">;
def TFC_AtanhOp : TFC_UnaryOp<"atanh", TFC_FloatTensor,
                              "Element-wise inverse hyperbolic tangent">;
def TFC_GeluOp : TFC_SameTypeOp<"gelu"> {
  let summary = "Gaussian error linear unit (a fused op raised from its primitives)";
  let description = [{
    `approximate = "none"`: 0.5 x (1 + erf(x / sqrt 2)); `"tanh"`:
    0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))).
  }];
  let arguments = (ins TFC_FloatTensor:$input,
                       DefaultValuedStrAttr<StrAttr, "none">:$approximate);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}
def TFC_BiasActivationOp : TFC_Op<"bias_activation",
    [AllElementTypesMatch<["input", "output"]>]> {
  let summary = "An activation of input + bias (a fused op raised from its primitives)";
  let description = [{
    `activation(input + bias)`, element-wise; `activation` is "gelu" (the erf form),
    "gelu_tanh", "relu" or "silu" (x * sigmoid(x)). The optional `bias` broadcasts to the
    input's shape.
  }];
  let arguments = (ins TFC_FloatTensor:$input, Optional<TFC_FloatTensor>:$bias,
                       StrAttr:$activation);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat = "$input (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
}

def TFC_NotOp : TFC_UnaryOp<"not", TFC_LogicTensor,
                            "Element-wise logical (bools) or bitwise (integers) negation">;

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

def TFC_MinOp : TFC_BinaryOp<"min", TFC_NumericTensor, TFC_NumericTensor,
                             "Element-wise minimum (a NaN operand gives NaN)">;
def TFC_MaxOp : TFC_BinaryOp<"max", TFC_NumericTensor, TFC_NumericTensor,
                             "Element-wise maximum (a NaN operand gives NaN)">;
def TFC_AndOp : TFC_BinaryOp<"and", TFC_LogicTensor, TFC_LogicTensor,
                             "Element-wise and (logical on bools, bitwise on integers)">;
def TFC_OrOp : TFC_BinaryOp<"or", TFC_LogicTensor, TFC_LogicTensor,
                            "Element-wise or (logical on bools, bitwise on integers)">;
def TFC_XorOp : TFC_BinaryOp<"xor", TFC_LogicTensor, TFC_LogicTensor,
                             "Element-wise exclusive or (logical on bools, bitwise on integers)">;

def TFC_ModOp : TFC_Op<"mod", [AllElementTypesMatch<["lhs", "rhs", "output"]>]> {
  let summary = "Element-wise remainder with broadcasting";
  let description = [{
    With `fmod` the remainder has the sign of the dividend (C's fmod, truncated division);
    without it, the sign of the divisor (Python's %, floored division; integers only). An
    integer remainder by zero is 0 rather than a trap.
  }];
  let arguments = (ins TFC_NumericTensor:$lhs, TFC_NumericTensor:$rhs,
                       DefaultValuedAttr<BoolAttr, "false">:$fmod);
  let results = (outs TFC_NumericTensor:$output);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def TFC_BitShiftOp : TFC_Op<"bit_shift", [AllElementTypesMatch<["lhs", "rhs", "output"]>]> {
  let summary = "Element-wise shift of unsigned integers, left or right, with broadcasting";
  let description = [{
    Shifting by the element width or more gives 0.
  }];
  let arguments = (ins TFC_UnsignedTensor:$lhs, TFC_UnsignedTensor:$rhs, BoolAttr:$left);
  let results = (outs TFC_UnsignedTensor:$output);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

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

def TFC_MatMulEpilogueOp : TFC_Op<"matmul_epilogue",
    [AllElementTypesMatch<["lhs", "rhs", "output"]>]> {
  let summary = "activation(lhs @ weight + bias): a matmul with a fused epilogue";
  let description = [{
    `lhs` is [..., M, K], `rhs` a [K, N] weight, the result [..., M, N]; the optional `bias`
    broadcasts to the result and `activation` is one of `tfc.bias_activation`'s. On the CPU
    the bias is where the product's accumulation starts and the activation is applied by the
    matmul micro-kernel to each block of the result it finishes, so the result is written
    once.
  }];
  let arguments = (ins TFC_FloatTensor:$lhs, TFC_FloatTensor:$rhs,
                       Optional<TFC_FloatTensor>:$bias, StrAttr:$activation);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs (`,` $bias^)? attr-dict `:` "
                       "functional-type(operands, results)";
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
def TFC_ReduceMinOp : TFC_ReduceOp<"reduce_min", "Minimum over axes">;
def TFC_ReduceProdOp : TFC_ReduceOp<"reduce_prod", "Product over axes">;

class TFC_ArgOp<string mnemonic, string desc> : TFC_Op<mnemonic> {
  let summary = desc;
  let description = [{
    The index along `axis` of the extreme element (i64); ties go to the first index, or to
    the last with `select_last_index`. With `keepdims` the axis stays as size 1.
  }];
  let arguments = (ins TFC_NumericTensor:$input, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims,
                       DefaultValuedAttr<BoolAttr, "false">:$select_last_index);
  let results = (outs RankedTensorOf<[I64]>:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}
def TFC_ArgMaxOp : TFC_ArgOp<"argmax", "Index of the maximum along an axis">;
def TFC_ArgMinOp : TFC_ArgOp<"argmin", "Index of the minimum along an axis">;

def TFC_CumSumOp : TFC_SameTypeOp<"cumsum"> {
  let summary = "Running sum along an axis";
  let description = [{
    Element i is the sum of elements 0..i (`exclusive`: 0..i-1); with `reverse` the sum runs
    from the end of the axis instead.
  }];
  let arguments = (ins TFC_NumericTensor:$input, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "false">:$exclusive,
                       DefaultValuedAttr<BoolAttr, "false">:$reverse);
  let results = (outs TFC_NumericTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

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

def TFC_SkipLayerNormOp : TFC_Op<"skip_layer_norm",
    [AllElementTypesMatch<["input", "skip", "scale", "output", "sum"]>]> {
  let summary = "Layer normalisation of a residual sum, which it also returns";
  let description = [{
    `sum = input + skip` (`skip` broadcasts to the input's shape, as a position embedding
    over a batch), `output = layer_norm(sum)` as `tfc.layer_norm` with
    the same `scale`, `bias`, `axis` and `epsilon`. The sum is the residual stream of a
    transformer layer: pre-norm models (GPT-2, ViT) read it again, post-norm models (BERT)
    do not, and the lowering then never writes it to memory.
  }];
  let arguments = (ins TFC_FloatTensor:$input, TFC_FloatTensor:$skip, TFC_FloatTensor:$scale,
                       Optional<TFC_FloatTensor>:$bias, I64Attr:$axis,
                       DefaultValuedAttr<F64Attr, "1.0e-5">:$epsilon);
  let results = (outs TFC_FloatTensor:$output, TFC_FloatTensor:$sum);
  let assemblyFormat = "$input `,` $skip `,` $scale (`,` $bias^)? attr-dict `:` "
                       "functional-type(operands, results)";
}

def TFC_AttentionOp : TFC_Op<"attention",
    [AllElementTypesMatch<["query", "key", "value", "output"]>]> {
  let summary = "softmax(query key^T * scale + mask) value, without the score matrix";
  let description = [{
    `query` is [..., S, D], `key` [..., T, D], `value` [..., T, Dv] with the same leading
    (batch, head) dimensions; the result is [..., S, Dv]. Grouped-query attention: key and
    value may have Hkv heads (dimension rank - 3) where the query has H, a multiple of Hkv;
    query head h then reads key/value head h / (H / Hkv). The optional `mask` broadcasts to
    the scores [..., S, T]: a float mask (the query's element type) is added to them, a
    boolean one keeps the scores where it is true and makes them -inf elsewhere. With `causal`, query s sees keys up to
    s + T - S (a decoder step with a cache of T - S earlier keys). A query whose every
    score is -inf has NaN probabilities and output; with `zero_masked_rows` its output is 0
    instead (PyTorch's scaled_dot_product_attention, whose ONNX export replaces NaN
    probabilities by 0). With `sequence_first` (rank at least 3) query, key, value and
    output have their sequence before their heads, [..., S, H, D], the layout in which the
    projections produce them, so no transpose copies them into place; the mask still
    broadcasts to [..., H, S, T]. The lowering runs the tiled online softmax of
    FlashAttention (blocks of queries against blocks of keys), never building the S x T
    scores.
  }];
  let arguments = (ins TFC_FloatTensor:$query, TFC_FloatTensor:$key, TFC_FloatTensor:$value,
                       Optional<TFC_Tensor>:$mask, F64Attr:$scale,
                       DefaultValuedAttr<BoolAttr, "false">:$causal,
                       DefaultValuedAttr<BoolAttr, "false">:$zero_masked_rows,
                       DefaultValuedAttr<BoolAttr, "false">:$sequence_first);
  let results = (outs TFC_FloatTensor:$output);
  let extraClassDeclaration = [{
    /// The dimension of the sequence (S or T) and of the heads in query, key, value and
    /// output: rank - 2 and rank - 3, swapped with `sequence_first`.
    int64_t getSequenceDim() {
      return getQuery().getType().getRank() - (getSequenceFirst() ? 3 : 2);
    }
    int64_t getHeadDim() { return getQuery().getType().getRank() - (getSequenceFirst() ? 2 : 3); }
  }];
  let assemblyFormat = "$query `,` $key `,` $value (`,` $mask^)? attr-dict `:` "
                       "functional-type(operands, results)";
}

def TFC_RMSNormOp : TFC_Op<"rms_norm", [AllElementTypesMatch<["input", "scale", "output"]>]> {
  let summary = "Root-mean-square normalisation over the dimensions from `axis` to the last";
  let description = [{
    `x / sqrt(mean(x^2) + epsilon) * scale` (T5, LLaMA), the mean over dimensions
    `axis..rank-1`; `scale` broadcasts to those dimensions.
  }];
  let arguments = (ins TFC_FloatTensor:$input, TFC_FloatTensor:$scale, I64Attr:$axis,
                       DefaultValuedAttr<F64Attr, "1.0e-6">:$epsilon);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat =
      "$input `,` $scale attr-dict `:` functional-type(operands, results)";
}

def TFC_RotaryEmbeddingOp : TFC_Op<"rotary_embedding",
    [AllElementTypesMatch<["input", "cos", "sin", "output"]>]> {
  let summary = "Rotates pairs of features by position-dependent angles (RoPE)";
  let description = [{
    `input * cos + rotate(input) * sin` over the last dimension D, which is even. Without
    `interleaved` (LLaMA, GPT-NeoX: Hugging Face's rotate_half) feature i pairs with
    i + D/2: rotate(x) = concat(-x[D/2:], x[:D/2]). With `interleaved` (GPT-J's
    rotate_every_two) feature 2j pairs with 2j + 1: rotate(x)[2j] = -x[2j + 1],
    rotate(x)[2j + 1] = x[2j]. `cos` and `sin` broadcast to the input's shape without
    stretching its last dimension: they hold one angle per feature (Hugging Face repeats
    each frequency, cat(freqs, freqs)), usually per position, shared by the heads.
  }];
  let arguments = (ins TFC_FloatTensor:$input, TFC_FloatTensor:$cos, TFC_FloatTensor:$sin,
                       DefaultValuedAttr<BoolAttr, "false">:$interleaved);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat = "$input `,` $cos `,` $sin attr-dict `:` "
                       "functional-type(operands, results)";
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

def TFC_GatherElementsOp
    : TFC_Op<"gather_elements", [AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Element-wise gather along an axis: out[i] = input[i with i[axis] = indices[i]]";
  let description = [{
    The result has the shape of `indices`, whose rank equals the input's. Negative indices
    count from the end; an index still out of range is clamped, never read outside.
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_IndexTensor:$indices, I64Attr:$axis);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat =
      "$input `,` $indices attr-dict `:` functional-type(operands, results)";
}

class TFC_ScatterOp<string mnemonic, string desc>
    : TFC_Op<mnemonic, [AllElementTypesMatch<["input", "updates", "output"]>]> {
  let summary = desc;
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat =
      "$input `,` $indices `,` $updates attr-dict `:` functional-type(operands, results)";
}

def TFC_ScatterElementsOp : TFC_ScatterOp<"scatter_elements",
    "Copy of the input with elements replaced (or combined) at indices along an axis"> {
  let description = [{
    For every position i of `indices` (whose shape `updates` shares, with the input's rank),
    the output element at i with i[axis] = indices[i] becomes updates[i], or is combined with
    it by `reduction` (add, mul, max, min). Negative indices count from the end; indices out of
    range are clamped. Updates apply in row-major order, so with `none` the last duplicate wins.
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_IndexTensor:$indices, TFC_Tensor:$updates,
                       I64Attr:$axis, DefaultValuedStrAttr<StrAttr, "none">:$reduction);
}

def TFC_ScatterNDOp : TFC_ScatterOp<"scatter_nd",
    "Copy of the input with slices replaced (or combined) at k-dimensional indices"> {
  let description = [{
    `indices` is [..., k]; each index vector addresses a slice input[i_0, ..., i_k-1, :...]
    that takes the matching slice of `updates` (shape indices.shape[:-1] + input.shape[k:]),
    or is combined with it by `reduction`. Negative indices count from the end; indices out
    of range are clamped. Updates apply in row-major order.
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_IndexTensor:$indices, TFC_Tensor:$updates,
                       DefaultValuedStrAttr<StrAttr, "none">:$reduction);
}

def TFC_PadOp : TFC_Op<"pad", [AllElementTypesMatch<["input", "value", "output"]>]> {
  let summary = "Pads each dimension before and after (constant, reflect or edge mode)";
  let description = [{
    `pads` holds the amounts before every dimension, then after every dimension, all
    non-negative. `constant` fills with the rank-0 `value`; `reflect` mirrors the input
    without repeating the edge; `edge` repeats the edge element.
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_Tensor:$value, DenseI64ArrayAttr:$pads,
                       DefaultValuedStrAttr<StrAttr, "constant">:$mode);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat =
      "$input `,` $value attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Convolution and pooling (NCHW: batch, channels, then the spatial dimensions)
//===----------------------------------------------------------------------===//

def TFC_ConvOp : TFC_Op<"conv", [AllElementTypesMatch<["input", "filter", "output"]>]> {
  let summary = "Grouped, strided, dilated convolution over N spatial dimensions";
  let description = [{
    `input` is [N, C, D1..Dk], `filter` [M, C/groups, K1..Kk], the optional `bias` [M].
    `pads` holds the zero padding before every spatial dimension, then after every one.
  }];
  let arguments = (ins TFC_FloatTensor:$input, TFC_FloatTensor:$filter,
                       Optional<TFC_FloatTensor>:$bias, DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations, DenseI64ArrayAttr:$pads,
                       DefaultValuedAttr<I64Attr, "1">:$groups);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat =
      "$input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
}

class TFC_PoolOp<string mnemonic, string desc> : TFC_Op<mnemonic> {
  let summary = desc;
  let description = [{
    Windows of `kernel` elements per spatial dimension of [N, C, D1..Dk], moved by `strides`,
    spread by `dilations`; `pads` (before every spatial dimension, then after) adds elements
    that never win a maximum and, for the average, count only with `count_include_pad`.
  }];
  let arguments = (ins TFC_FloatTensor:$input, DenseI64ArrayAttr:$kernel,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads,
                       DefaultValuedAttr<BoolAttr, "false">:$count_include_pad);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}
def TFC_MaxPoolOp : TFC_PoolOp<"max_pool", "Maximum over sliding windows">;
def TFC_AveragePoolOp : TFC_PoolOp<"average_pool", "Mean over sliding windows">;

def TFC_ShapeOp : TFC_Op<"shape"> {
  let summary = "The dimensions start..end-1 of the input, as a 1-D i64 tensor";
  let arguments = (ins TFC_Tensor:$input, DefaultValuedAttr<I64Attr, "0">:$start,
                       OptionalAttr<I64Attr>:$end);
  let results = (outs TFC_ShapeTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

#endif // TFC_OPS_TD
