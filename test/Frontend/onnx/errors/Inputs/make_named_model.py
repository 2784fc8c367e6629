"""Writes a model whose second (named) node has mismatched matmul operands."""
import sys

from onnx import TensorProto, helper

nodes = [
    helper.make_node("Relu", ["A"], ["a"], name="encoder/layer.0/attention/Relu"),
    helper.make_node("MatMul", ["a", "B"], ["Y"], name="encoder/layer.0/attention/MatMul_3"),
]
graph = helper.make_graph(
    nodes, "named",
    [helper.make_tensor_value_info("A", TensorProto.FLOAT, [2, 3]),
     helper.make_tensor_value_info("B", TensorProto.FLOAT, [4, 5])],
    [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [2, 5])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
with open(sys.argv[1], "wb") as f:
    f.write(model.SerializeToString())
