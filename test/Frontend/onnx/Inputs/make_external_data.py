"""Writes models whose weight W (float[4] = 1, 2, 3, 4) is stored as ONNX external data.

Usage: make_external_data.py DIR. In DIR/model: inside.onnx (W in weights.bin at offset 8),
escape.onnx (location ../outside/w.bin), absolute.onnx (an absolute location) and link.onnx
(a symbolic link inside the folder that points outside it).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

root = sys.argv[1]
model_dir = os.path.join(root, "model")
outside = os.path.join(root, "outside")
os.makedirs(model_dir, exist_ok=True)
os.makedirs(outside, exist_ok=True)
weights = np.array([1, 2, 3, 4], dtype=np.float32).tobytes()
with open(os.path.join(model_dir, "weights.bin"), "wb") as f:
    f.write(b"\0" * 8 + weights)
with open(os.path.join(outside, "w.bin"), "wb") as f:
    f.write(weights)
os.symlink(os.path.join(outside, "w.bin"), os.path.join(model_dir, "link.bin"))


def write(name, location, offset=None):
    w = TensorProto()
    w.name = "W"
    w.data_type = TensorProto.FLOAT
    w.dims.append(4)
    w.data_location = TensorProto.EXTERNAL
    entries = [("location", location), ("length", str(len(weights)))]
    if offset is not None:
        entries.append(("offset", str(offset)))
    for key, value in entries:
        entry = w.external_data.add()
        entry.key, entry.value = key, value
    graph = helper.make_graph(
        [helper.make_node("Add", ["X", "W"], ["Y"])], "external",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [4])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [4])], initializer=[w])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    with open(os.path.join(model_dir, name), "wb") as f:
        f.write(model.SerializeToString())


write("inside.onnx", "weights.bin", offset=8)
write("escape.onnx", "../outside/w.bin")
write("absolute.onnx", os.path.join(outside, "w.bin"))
write("link.onnx", "link.bin")
