"""A grouped-query attention block as LLaMA exports it (Hugging Face's repeat_kv: Unsqueeze,
Expand, Reshape of each key/value head; a causal mask added to the scaled scores), its inputs
and a numpy reference. Usage: make_gqa_model.py DIR [B H KVH S D]."""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
b, h, kvh, s, d = (int(a) for a in (sys.argv[2:] or [1, 8, 2, 40, 16]))
r = h // kvh
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(0)
q = rng.standard_normal((b, h, s, d)).astype(np.float32)
k = rng.standard_normal((b, kvh, s, d)).astype(np.float32)
v = rng.standard_normal((b, kvh, s, d)).astype(np.float32)
mask = np.triu(np.full((s, s), np.finfo(np.float32).min, np.float32), 1)[None, None]

consts = {
    "axis2": np.array([2], np.int64),
    "expanded": np.array([b, kvh, r, s, d], np.int64),
    "merged": np.array([b, h, s, d], np.int64),
    "sqrt_d": np.array(np.sqrt(d), np.float32),
    "mask": mask,
}
nodes = []
for name in ("k", "v"):
    nodes += [
        helper.make_node("Unsqueeze", [name, "axis2"], [name + "_u"], name=name + "_unsqueeze"),
        helper.make_node("Expand", [name + "_u", "expanded"], [name + "_e"], name=name + "_expand"),
        helper.make_node("Reshape", [name + "_e", "merged"], [name + "_r"], name=name + "_reshape"),
    ]
nodes += [
    helper.make_node("Transpose", ["k_r"], ["kt"], perm=[0, 1, 3, 2], name="k_transpose"),
    helper.make_node("MatMul", ["q", "kt"], ["scores"], name="qk"),
    helper.make_node("Div", ["scores", "sqrt_d"], ["scaled"], name="scale"),
    helper.make_node("Add", ["scaled", "mask"], ["masked"], name="add_mask"),
    helper.make_node("Softmax", ["masked"], ["probs"], axis=-1, name="softmax"),
    helper.make_node("MatMul", ["probs", "v_r"], ["out"], name="pv"),
]
graph = helper.make_graph(
    nodes, "gqa",
    [helper.make_tensor_value_info("q", TensorProto.FLOAT, q.shape),
     helper.make_tensor_value_info("k", TensorProto.FLOAT, k.shape),
     helper.make_tensor_value_info("v", TensorProto.FLOAT, v.shape)],
    [helper.make_tensor_value_info("out", TensorProto.FLOAT, (b, h, s, d))],
    [numpy_helper.from_array(a, n) for n, a in consts.items()])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
onnx.checker.check_model(model)
onnx.save(model, os.path.join(out, "model.onnx"))

kr, vr = (np.repeat(a, r, axis=1).astype(np.float64) for a in (k, v))
scores = q @ kr.transpose(0, 1, 3, 2) / np.sqrt(d) + mask
p = np.exp(scores - scores.max(-1, keepdims=True))
expected = (p / p.sum(-1, keepdims=True) @ vr).astype(np.float32)
for name, a in dict(q=q, k=k, v=v, out=expected).items():
    np.save(os.path.join(out, name + ".npy"), a)
