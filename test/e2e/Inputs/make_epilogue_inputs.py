"""Inputs and float64 references for the activations of matmul epilogues (relu, gelu,
gelu_tanh, silu): the product ones[R, 1] @ grid[1, N] is the grid exactly in every row, so
each output is the activation of a dense grid over [-12, 12], a logarithmic sweep of both
signs up to 1e30, and zeros. Each activation has its own `ones` input, so that no two
products are the same (CSE would merge them, and a product read twice keeps its activation
out of the kernel). make_epilogue_inputs.py OUTDIR."""
import math
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
ROWS = 9  # a full 8-row tile and a one-row tail
dense = np.linspace(-12, 12, 240001, dtype=np.float64)
magnitudes = np.logspace(-30, 30, 6001, dtype=np.float64)
grid = np.concatenate([dense, magnitudes, -magnitudes, [0.0, -0.0]]).astype(np.float32)
x = grid.astype(np.float64)
erf = np.vectorize(math.erf, otypes=[np.float64])
with np.errstate(over="ignore", invalid="ignore"):
    references = {
        "relu": np.maximum(x, 0.0),
        "gelu": 0.5 * x * (1.0 + erf(x / math.sqrt(2.0))),
        "gelu_tanh": 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) *
                                             (x + 0.044715 * x ** 3))),
        # x * sigmoid(x), written to stay finite for large |x|
        "silu": np.where(x >= 0, x / (1.0 + np.exp(-np.abs(x))),
                         x * np.exp(-np.abs(x)) / (1.0 + np.exp(-np.abs(x)))),
    }
n = len(grid)
lhs, rhs, res = "tensor<%dx1xf32>" % ROWS, "tensor<1x%dxf32>" % n, "tensor<%dx%dxf32>" % (ROWS, n)
args = ["%%ones%d: %s {tfc.name = \"ones%d\"}" % (i, lhs, i) for i in range(len(references))]
lines = ["func.func @main(%s, %%grid: %s {tfc.name = \"grid\"}) -> (%s) {"
         % (", ".join(args), rhs, ", ".join("%s {tfc.name = \"%s\"}" % (res, a)
                                            for a in references))]
for i, activation in enumerate(references):
    lines.append("  %%%d = tfc.matmul_epilogue %%ones%d, %%grid {activation = \"%s\"} : "
                 "(%s, %s) -> %s" % (i, i, activation, lhs, rhs, res))
lines.append("  return %s : %s" % (", ".join("%%%d" % i for i in range(len(references))),
                                   ", ".join([res] * len(references))))
lines.append("}")
with open(os.path.join(out, "epilogues.mlir"), "w") as f:
    f.write("\n".join(lines) + "\n")
for i in range(len(references)):
    np.save(os.path.join(out, "ones%d.npy" % i), np.ones((ROWS, 1), np.float32))
np.save(os.path.join(out, "grid.npy"), grid.reshape(1, n))
for activation, reference in references.items():
    np.save(os.path.join(out, activation + ".npy"),
            np.broadcast_to(reference.astype(np.float32), (ROWS, n)).copy())
