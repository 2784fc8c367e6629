"""Writes GroupNormalization models at opsets 18 (scale/bias per group) and 21 (per channel)
with inputs and numpy reference outputs. Usage: make_group_norm.py DIR."""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
rng = np.random.default_rng(0)
x = rng.standard_normal((2, 6, 3, 4)).astype(np.float32)
np.save(os.path.join(out, "x.npy"), x)
groups, eps = 3, 1e-5
g = x.reshape(2, groups, -1)
normalized = ((g - g.mean(-1, keepdims=True)) / np.sqrt(g.var(-1, keepdims=True) + eps))
for opset, count in ((18, groups), (21, 6)):
    scale = rng.standard_normal(count).astype(np.float32)
    bias = rng.standard_normal(count).astype(np.float32)
    if count == groups:
        y = (normalized * scale[None, :, None] + bias[None, :, None]).reshape(x.shape)
    else:
        y = normalized.reshape(x.shape) * scale[None, :, None, None] + bias[None, :, None, None]
    np.save(os.path.join(out, "y%d.npy" % opset), y.astype(np.float32))
    node = helper.make_node("GroupNormalization", ["x", "scale", "bias"], ["y"],
                            num_groups=groups, epsilon=eps)
    graph = helper.make_graph(
        [node], "group_norm", [helper.make_tensor_value_info("x", TensorProto.FLOAT, x.shape)],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, x.shape)],
        [numpy_helper.from_array(scale, "scale"), numpy_helper.from_array(bias, "bias")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    with open(os.path.join(out, "group_norm_%d.onnx" % opset), "wb") as f:
        f.write(model.SerializeToString())
