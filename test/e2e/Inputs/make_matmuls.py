"""Writes a module of f32 matmuls in the shapes that exercise the micro-kernel's edges (row and
column tails, batches, a lhs batch folded into rows, depth past one cache block, packed and
unpacked B) with its inputs and numpy's results: make_matmuls.py OUTDIR [threads]. With
`threads`, the shapes are large enough to run on the thread pool, split by column panels, by
batch, by rows (one panel only) and for a matrix-vector product (large B, one row).

The products whose names end in `g` have a GELU epilogue (tfc.matmul_epilogue): the AVX-512
kernel applies it to a row tile while it computes the next one, spread over that tile's
depth steps (over all of them for depth 100, in the last of 768 + 32, partly after them for
depth 20), and to the last row tile (a full one or a tail) after the panel."""
import math
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)


def dense(array):
    return 'dense<"0x%s">' % array.astype("<f4").tobytes().hex().upper()


def ttype(shape):
    return "tensor<%sxf32>" % "x".join(str(d) for d in shape)


if sys.argv[2:] == ["threads"]:
    inputs = {"x": (200, 600), "p": (4, 130, 300), "q": (4, 300, 200), "r": (1000, 512),
              "s": (512, 40), "t": (1, 768)}
    weights = {"w": (600, 500), "w2": (768, 400)}
    products = [("xw", "x", "w"), ("pq", "p", "q"), ("rs", "r", "s"), ("tw2", "t", "w2"),
                ("xwg", "x", "w"), ("rsg", "r", "s")]
else:
    inputs = {"x": (2, 37, 100), "p": (3, 9, 20), "q": (3, 20, 61), "r": (5, 130),
              "s": (130, 88), "t": (9, 800), "u": (2, 13, 100), "v": (20, 800), "y": (17, 20)}
    weights = {"w": (100, 53), "w2": (800, 50), "wy": (20, 96)}
    products = [("xw", "x", "w"), ("pq", "p", "q"), ("rs", "r", "s"), ("tw2", "t", "w2"),
                ("uwg", "u", "w"), ("vw2g", "v", "w2"), ("ywyg", "y", "wy")]
values = {name: rng.uniform(-1, 1, shape).astype(np.float32)
          for name, shape in {**inputs, **weights}.items()}

args = ", ".join('%%%s: %s {tfc.name = "%s"}' % (n, ttype(s), n) for n, s in inputs.items())
erf = np.vectorize(math.erf, otypes=[np.float64])
results = {}
for name, a, b in products:
    product = values[a].astype(np.float64) @ values[b].astype(np.float64)
    results[name] = 0.5 * product * (1 + erf(product / math.sqrt(2))) if name.endswith(
        "g") else product
lines = ["func.func @main(%s) -> (%s) {" % (args, ", ".join(
    '%s {tfc.name = "%s"}' % (ttype(results[n].shape), n) for n, _, _ in products))]
for name, shape in weights.items():
    lines.append("  %%%s = tfc.constant %s : %s" % (name, dense(values[name]), ttype(shape)))
for name, a, b in products:
    op = 'tfc.matmul_epilogue %%%s, %%%s {activation = "gelu"}' if name.endswith(
        "g") else "tfc.matmul %%%s, %%%s"
    lines.append(("  %%%s = " + op + " : (%s, %s) -> %s") % (
        name, a, b, ttype(values[a].shape), ttype(values[b].shape), ttype(results[name].shape)))
lines.append("  return %s : %s" % (", ".join("%" + n for n, _, _ in products),
                                     ", ".join(ttype(results[n].shape) for n, _, _ in products)))
lines.append("}")
with open(os.path.join(out, "matmuls.mlir"), "w") as f:
    f.write("\n".join(lines) + "\n")
for name in inputs:
    np.save(os.path.join(out, name + ".npy"), values[name])
for name, result in results.items():
    np.save(os.path.join(out, name + ".npy"), result.astype(np.float32))
