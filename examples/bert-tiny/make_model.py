#!/usr/bin/env python3
"""Builds the bundled BERT-shaped encoder and its reference outputs (fixed seeds).

2 layers, hidden size 64, 4 heads, intermediate size 256, vocabulary 100, sequence length 16.
The graph follows what a Hugging Face BERT export contains at opset 17: embedding Gathers,
position ids sliced from a buffer, an additive mask built from the int64 attention mask, head
split/merge through Shape/Gather/Concat-computed Reshapes and Transposes, erf GELU, layer norms
and a tanh pooler. Reference outputs come from onnxruntime (PyPI).

Run: $(scripts/make-venv.sh) examples/bert-tiny/make_model.py
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
LAYERS, HIDDEN, HEADS, FFN, VOCAB, MAX_POS, SEQ = 2, 64, 4, 256, 100, 32, 16
HEAD = HIDDEN // HEADS


class Graph:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.nodes, self.inits, self.count = [], [], 0

    def weight(self, name, shape, scale=0.08):
        self.inits.append(numpy_helper.from_array(
            (self.rng.standard_normal(shape) * scale).astype(np.float32), name))
        return name

    def const(self, name, array):
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def op(self, op_type, inputs, name=None, **attrs):
        self.count += 1
        name = name or "%s_%d" % (op_type, self.count)
        out = name + "_out"
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=name, **attrs))
        return out

    def layer_norm(self, x, prefix):
        gamma = self.const(prefix + ".weight",
                           (1.0 + 0.1 * self.rng.standard_normal(HIDDEN)).astype(np.float32))
        beta = self.const(prefix + ".bias", (0.1 * self.rng.standard_normal(HIDDEN)).astype(np.float32))
        return self.op("LayerNormalization", [x, gamma, beta], name=prefix, axis=-1, epsilon=1e-12)

    def linear(self, x, prefix, n_in, n_out):
        w = self.weight(prefix + ".weight", (n_in, n_out))
        b = self.weight(prefix + ".bias", (n_out,), 0.02)
        return self.op("Add", [self.op("MatMul", [x, w], name=prefix + "/MatMul"), b],
                       name=prefix + "/Add")

    def split_heads(self, x, prefix, perm):
        # As exported: the target shape is computed from Shape(x) at run time.
        shape = self.op("Shape", [x], name=prefix + "/Shape")
        batch = self.op("Gather", [shape, self.const(prefix + ".i0", np.array(0, np.int64))],
                        name=prefix + "/Gather_0", axis=0)
        seq = self.op("Gather", [shape, self.const(prefix + ".i1", np.array(1, np.int64))],
                      name=prefix + "/Gather_1", axis=0)
        axes = self.const(prefix + ".axes", np.array([0], np.int64))
        dims = self.op("Concat", [self.op("Unsqueeze", [batch, axes], name=prefix + "/Unsqueeze_0"),
                                  self.op("Unsqueeze", [seq, axes], name=prefix + "/Unsqueeze_1"),
                                  self.const(prefix + ".heads", np.array([HEADS, HEAD], np.int64))],
                       name=prefix + "/Concat", axis=0)
        return self.op("Transpose", [self.op("Reshape", [x, dims], name=prefix + "/Reshape")],
                       name=prefix + "/Transpose", perm=perm)


def build():
    g = Graph(seed=0)
    ids, mask, types = "input_ids", "attention_mask", "token_type_ids"
    pos_buffer = g.const("embeddings.position_ids", np.arange(MAX_POS, dtype=np.int64)[None, :])
    pos = g.op("Slice", [pos_buffer, g.const("pos.start", np.array([0], np.int64)),
                         g.const("pos.end", np.array([SEQ], np.int64)),
                         g.const("pos.axes", np.array([1], np.int64))], name="embeddings/Slice")
    emb = g.op("Add", [g.op("Gather", [g.weight("embeddings.word", (VOCAB, HIDDEN)), ids],
                            name="embeddings/word/Gather"),
                       g.op("Gather", [g.weight("embeddings.token_type", (2, HIDDEN)), types],
                            name="embeddings/token_type/Gather")], name="embeddings/Add")
    emb = g.op("Add", [emb, g.op("Gather", [g.weight("embeddings.position", (MAX_POS, HIDDEN)), pos],
                                 name="embeddings/position/Gather")], name="embeddings/Add_1")
    h = g.layer_norm(emb, "embeddings/LayerNorm")

    # Additive mask: 0 where attended, the most negative float where padded.
    ext = g.op("Unsqueeze", [mask, g.const("mask.axes", np.array([1, 2], np.int64))], name="mask/Unsqueeze")
    ext = g.op("Cast", [ext], name="mask/Cast", to=TensorProto.FLOAT)
    inv = g.op("Sub", [g.const("mask.one", np.array(1.0, np.float32)), ext], name="mask/Sub")
    additive = g.op("Mul", [inv, g.const("mask.min", np.array(np.finfo(np.float32).min, np.float32))],
                    name="mask/Mul")

    for i in range(LAYERS):
        p = "encoder/layer.%d" % i
        q = g.split_heads(g.linear(h, p + "/attention/query", HIDDEN, HIDDEN), p + "/q", [0, 2, 1, 3])
        k = g.split_heads(g.linear(h, p + "/attention/key", HIDDEN, HIDDEN), p + "/k", [0, 2, 3, 1])
        v = g.split_heads(g.linear(h, p + "/attention/value", HIDDEN, HIDDEN), p + "/v", [0, 2, 1, 3])
        scores = g.op("MatMul", [q, k], name=p + "/attention/MatMul")
        scores = g.op("Div", [scores, g.const(p + ".scale", np.array(np.sqrt(HEAD), np.float32))],
                      name=p + "/attention/Div")
        scores = g.op("Add", [scores, additive], name=p + "/attention/Add")
        probs = g.op("Softmax", [scores], name=p + "/attention/Softmax", axis=-1)
        ctx = g.op("MatMul", [probs, v], name=p + "/attention/MatMul_1")
        ctx = g.op("Transpose", [ctx], name=p + "/attention/Transpose", perm=[0, 2, 1, 3])
        ctx = g.op("Reshape", [ctx, g.const(p + ".merge", np.array([1, SEQ, HIDDEN], np.int64))],
                   name=p + "/attention/Reshape")
        attn = g.linear(ctx, p + "/attention/output", HIDDEN, HIDDEN)
        h1 = g.layer_norm(g.op("Add", [attn, h], name=p + "/attention/residual"),
                          p + "/attention/LayerNorm")
        x = g.linear(h1, p + "/intermediate", HIDDEN, FFN)
        # GELU, erf form: x * 0.5 * (1 + erf(x / sqrt(2))).
        e = g.op("Erf", [g.op("Div", [x, g.const(p + ".sqrt2", np.array(np.sqrt(2.0), np.float32))],
                              name=p + "/gelu/Div")], name=p + "/gelu/Erf")
        e = g.op("Add", [e, g.const(p + ".one", np.array(1.0, np.float32))], name=p + "/gelu/Add")
        x = g.op("Mul", [g.op("Mul", [x, e], name=p + "/gelu/Mul"),
                         g.const(p + ".half", np.array(0.5, np.float32))], name=p + "/gelu/Mul_1")
        out = g.linear(x, p + "/output", FFN, HIDDEN)
        h = g.layer_norm(g.op("Add", [out, h1], name=p + "/output/residual"), p + "/output/LayerNorm")

    g.nodes.append(helper.make_node("Identity", [h], ["last_hidden_state"], name="output/Identity"))
    first = g.op("Gather", [h, g.const("pooler.index", np.array(0, np.int64))], name="pooler/Gather", axis=1)
    pooled = g.op("Tanh", [g.linear(first, "pooler/dense", HIDDEN, HIDDEN)], name="pooler/Tanh")
    g.nodes.append(helper.make_node("Identity", [pooled], ["pooler_output"], name="pooler/Identity"))

    int_input = lambda name: helper.make_tensor_value_info(name, TensorProto.INT64, [1, SEQ])
    graph = helper.make_graph(
        g.nodes, "bert_tiny", [int_input(ids), int_input(mask), int_input(types)],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, [1, SEQ, HIDDEN]),
         helper.make_tensor_value_info("pooler_output", TensorProto.FLOAT, [1, HIDDEN])],
        g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="tfc examples/bert-tiny/make_model.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main():
    import onnxruntime as ort

    model = build()
    rng = np.random.default_rng(1)
    inputs = {
        "input_ids": rng.integers(1, VOCAB, size=(1, SEQ), dtype=np.int64),
        "attention_mask": np.array([[1] * (SEQ - 3) + [0] * 3], np.int64),  # 3 padding tokens
        "token_type_ids": np.array([[0] * (SEQ // 2) + [1] * (SEQ // 2)], np.int64),
    }
    path = os.path.join(HERE, "model.onnx")
    onnx.save(model, path)
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    outputs = session.run(None, inputs)
    os.makedirs(os.path.join(HERE, "inputs"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    for name, value in inputs.items():
        np.save(os.path.join(HERE, "inputs", name + ".npy"), value)
    for info, value in zip(session.get_outputs(), outputs):
        np.save(os.path.join(HERE, "expected", info.name + ".npy"), value)
        print("%s %s mean %.6f std %.6f" % (info.name, value.shape, value.mean(), value.std()))
    print("wrote %s (%d nodes, %d initializers), onnxruntime %s" %
          (path, len(model.graph.node), len(model.graph.initializer), ort.__version__))


if __name__ == "__main__":
    main()
