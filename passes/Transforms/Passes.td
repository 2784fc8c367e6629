// Graph-level transformations of the tfc dialect: raising primitive-op patterns to fused ops.
#ifndef TFC_TRANSFORMS_PASSES_TD
#define TFC_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvToMatmul : Pass<"tfc-conv-to-matmul"> {
  let summary = "Rewrite convolutions as one matmul over their patches (im2col)";
  let description = [{
    A `tfc.conv` with one group becomes patches [N * L, C * K] (L output positions, K kernel
    elements) times the filter reshaped and transposed to [C * K, M], then the bias, reshaped
    and transposed back to [N, M, O...]. Non-overlapping patches (kernel = stride, no padding
    or dilation, as ViT's patch embedding) are a reshape and a transpose of the input; other
    convolutions gather the patches with one strided slice per kernel offset (after a `tfc.pad`
    when padded), up to 64 offsets. The constant filter folds, so on the CPU the product runs
    on the matmul micro-kernel with packed weights. Grouped convolutions and larger kernels
    keep the direct loops.
  }];
}

def FoldCausalMask : Pass<"tfc-fold-causal-mask"> {
  let summary = "Turn a constant causal mask of tfc.attention into its causal flag";
  let description = [{
    A tfc.attention whose mask is a constant hiding exactly the keys after each query's
    position (j > i + T - S, the same for every batch and head) gets `causal` and loses the
    mask: its lowering then skips the key blocks a query cannot see, about half the work of
    a prefill, and never reads the S x T mask. Hidden entries are false (boolean masks), -inf
    or at most -1e30 (Hugging Face fills with the lowest float: any score plus it has a
    probability of exactly 0); visible ones true or 0. A constant mask that hides nothing is
    dropped. Exports whose mask is built from shapes alone (no attention_mask input) fold
    to such constants.
  }];
}

def FoldAttentionTransposes : Pass<"tfc-fold-attention-transposes"> {
  let summary = "Let tfc.attention read and write the sequence-first layout of its projections";
  let description = [{
    Projections produce [..., S, H * D]; models reshape that to [..., S, H, D] and transpose
    it to [..., H, S, D] for attention, and transpose the result back. When query, key and
    value are all such transposes (dimensions rank - 3 and rank - 2 swapped), the attention
    takes their inputs with `sequence_first` and its result is transposed back, which
    cancels the transpose that follows. On the CPU each transpose is a copy of the whole
    tensor; the sequence-first attention instead reads each head's rows in place with a row
    stride of H * D.
  }];
}

def MergeProjections : Pass<"tfc-merge-projections"> {
  let summary = "Merge matmuls of one input by same-shaped constant weights (Q, K, V)";
  let description = [{
    Matmuls whose left operand is the same value and whose right operands are 2-D constants
    of one type (attention's Q, K and V projections), each followed by the add of a 1-D
    constant bias or none of them, become one matmul by the weights side by side (and one
    add of the biases side by side), and a `tfc.slice` per original result. One wide product
    keeps the matmul kernel busier and makes one parallel region instead of three.
  }];
}

def RaiseGelu : Pass<"tfc-raise-gelu"> {
  let summary = "Raise GELU spelled with erf or tanh primitives to tfc.gelu";
  let description = [{
    Matches 0.5 x (1 + erf(x / sqrt 2)) and 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
    in the forms exports produce: the factors of the products in any order and nesting,
    the division by sqrt 2 or the product with 1/sqrt 2, x^3 as Pow(x, 3) or x * x * x, the
    1 added on either side. Every intermediate must have no other use. With
    `report-near-misses`, a partial match that does not fuse is reported as a remark saying
    why.
  }];
  let options = [
    Option<"reportNearMisses", "report-near-misses", "bool", /*default=*/"false",
           "Emit a remark for each partial match that does not fuse">
  ];
}

def RaiseBiasActivation : Pass<"tfc-raise-bias-activation"> {
  let summary = "Raise an activation of a biased value to tfc.bias_activation";
  let description = [{
    `tfc.gelu` (either form), a float `tfc.relu`, and SiLU spelled `x * sigmoid(x)` (the
    factors in either order, the sigmoid read by nothing else) of a `tfc.add` read by
    nothing else become `tfc.bias_activation`: the operand with the sum's shape is the
    input, the other the bias (the constant, when both have the shape). An activation of a
    `tfc.matmul` read by nothing else becomes one without a bias (for
    tfc-raise-matmul-epilogue); others stay as they are. Static shapes only. Runs after
    tfc-raise-gelu. With `report-near-misses`, a sum with another use or with neither
    operand of its shape is reported.
  }];
  let options = [
    Option<"reportNearMisses", "report-near-misses", "bool", /*default=*/"false",
           "Emit a remark for each partial match that does not fuse">
  ];
}

def RaiseMatmulEpilogue : Pass<"tfc-raise-matmul-epilogue"> {
  let summary = "Fuse a bias + activation into the product by a weight before it";
  let description = [{
    A `tfc.bias_activation` of a `tfc.matmul` by a 2-D weight that nothing else reads
    becomes `tfc.matmul_epilogue` (a transformer's feed-forward up-projection with its
    GELU, a RASP MLP's hidden layer with its ReLU, LLaMA's gate projection with its SiLU).
    Runs after tfc-raise-bias-activation. With `report-near-misses`, a product read
    elsewhere or by a batched rhs is reported.
  }];
  let options = [
    Option<"reportNearMisses", "report-near-misses", "bool", /*default=*/"false",
           "Emit a remark for each partial match that does not fuse">
  ];
}

def RaiseLayerNorm : Pass<"tfc-raise-layer-norm"> {
  let summary = "Raise layer normalization spelled with reductions to tfc.layer_norm";
  let description = [{
    Matches (x - mean(x)) / sqrt(mean((x - mean(x))^2) + eps) * gamma + beta over the
    trailing dimensions, with the square as Pow(d, 2) or d * d, the division as a Div or a
    product with Reciprocal, and gamma/beta optional. The centered value may have exactly
    its two uses (the square and the division); every other intermediate one.
  }];
  let options = [
    Option<"reportNearMisses", "report-near-misses", "bool", /*default=*/"false",
           "Emit a remark for each partial match that does not fuse">
  ];
}

def RaiseSkipLayerNorm : Pass<"tfc-raise-skip-layer-norm"> {
  let summary = "Raise the layer norm of a residual sum to tfc.skip_layer_norm";
  let description = [{
    A `tfc.layer_norm` whose input is a `tfc.add` becomes a `tfc.skip_layer_norm` of the
    add's operands: the operand with the sum's shape is the input, the other (the skip) may
    broadcast to it. The add's other uses (a pre-norm model's residual stream) read the fused
    op's second result, the sum; without such uses the sum is never stored. Runs after
    tfc-raise-layer-norm. With `report-near-misses`, a sum neither of whose operands has its
    shape, or one read before the norm whose parameters it cannot reach, is reported.
  }];
  let options = [
    Option<"reportNearMisses", "report-near-misses", "bool", /*default=*/"false",
           "Emit a remark for each partial match that does not fuse">
  ];
}

def RaiseRMSNorm : Pass<"tfc-raise-rms-norm"> {
  let summary = "Raise RMS normalization spelled with reductions to tfc.rms_norm";
  let description = [{
    Matches x / sqrt(mean(x^2) + eps) * weight over the trailing dimensions (T5's and
    LLaMA's norm), with the square as Pow(x, 2) or x * x, the division as a Div or a product
    with Reciprocal, the weight optional and on either side. Every intermediate must have
    no other use. Runs after tfc-raise-layer-norm, whose centered square it must not take.
  }];
  let options = [
    Option<"reportNearMisses", "report-near-misses", "bool", /*default=*/"false",
           "Emit a remark for each partial match that does not fuse">
  ];
}

def RaiseRotary : Pass<"tfc-raise-rotary"> {
  let summary = "Raise rotary position embeddings to tfc.rotary_embedding";
  let description = [{
    Matches x * cos + rotate(x) * sin, the products in either order and on either side of
    the sum, where rotate(x) is Hugging Face's rotate_half, concat(-x[..., D/2:],
    x[..., :D/2]) (LLaMA, GPT-NeoX, Mistral), or GPT-J's rotate_every_two,
    stack(-x[..., 1::2], x[..., ::2], -1) flattened. The halves may be slices of a larger
    tensor that x is a slice of (partial rotary). cos and sin must broadcast to x with its
    last dimension; both products must have no other use. With `report-near-misses`, a
    rotation whose halves are not those of the tensor multiplied by cos, angle tables that
    do not broadcast, or products used elsewhere are reported.
  }];
  let options = [
    Option<"reportNearMisses", "report-near-misses", "bool", /*default=*/"false",
           "Emit a remark for each partial match that does not fuse">
  ];
}

def RaiseAttention : Pass<"tfc-raise-attention"> {
  let summary = "Raise softmax(q k^T * scale + mask) v to tfc.attention";
  let description = [{
    Anchored at a softmax over the last axis whose only use is the left operand of a
    matmul (probabilities times values). Recognises the scale as a product or division
    by a constant before or after the q k^T matmul, an optional additive mask, and k^T given
    as a transpose (the key is recovered by swapping its last two dimensions back). The
    scores, the scaled scores and the masked scores must have no other use; query, key and
    value must share their leading (batch, head) dimensions.
  }];
  let options = [
    Option<"reportNearMisses", "report-near-misses", "bool", /*default=*/"false",
           "Emit a remark for each partial match that does not fuse">
  ];
}

def RaiseGroupedQuery : Pass<"tfc-raise-grouped-query"> {
  let summary = "Let tfc.attention read grouped key/value heads instead of their repeats";
  let description = [{
    Grouped-query models (LLaMA, Mistral) export each key/value head repeated for its group
    of query heads (Hugging Face's `repeat_kv`): an unsqueeze (or reshape) to
    [..., Hkv, 1, T, D], an expand to [..., Hkv, R, T, D] and a reshape to
    [..., Hkv * R, T, D]. When a `tfc.attention`'s key and value are both such repeats with
    the same Hkv and R, it reads the Hkv heads directly (grouped-query attention: query head
    h reads key/value head h / R), and the R-fold copies disappear. Runs after
    tfc-raise-attention. With `report-near-misses`, a key or value repeated differently (or
    only one of them) is reported as a remark saying why.
  }];
  let options = [
    Option<"reportNearMisses", "report-near-misses", "bool", /*default=*/"false",
           "Emit a remark for each partial match that does not fuse">
  ];
}

#endif // TFC_TRANSFORMS_PASSES_TD
