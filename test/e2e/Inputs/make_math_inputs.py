"""Inputs and float64 references for the f32 exp/erf/tanh approximations: a dense grid over
each function's active range, a logarithmic sweep over the whole float range of both signs,
and the special values (zeros, infinities, NaN). make_math_inputs.py OUTDIR."""
import math
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def sweep(low, high):
    dense = np.linspace(low, high, 400001, dtype=np.float64)
    magnitudes = np.logspace(-45, 38.5, 100001, dtype=np.float64)
    special = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 88.72, -87.33, -103.9, 89.0])
    return np.concatenate([dense, magnitudes, -magnitudes, special]).astype(np.float32)


cases = {"exp": (sweep(-104, 89), np.exp),
         "erf": (sweep(-5, 5), np.vectorize(math.erf, otypes=[np.float64])),
         "tanh": (sweep(-10, 10), np.tanh)}
for name, (x, fn) in cases.items():
    with np.errstate(over="ignore"):
        reference = fn(x.astype(np.float64))
        reference32 = reference.astype(np.float32)
    t = "tensor<%dxf32>" % len(x)
    with open(os.path.join(out, name + ".mlir"), "w") as f:
        f.write("func.func @main(%%x: %s {tfc.name = \"x\"}) -> (%s {tfc.name = \"%s\"}) {\n"
                "  %%0 = tfc.%s %%x : %s\n  return %%0 : %s\n}\n" % (t, t, name, name, t, t))
    np.save(os.path.join(out, name + "_in.npy"), x)
    np.save(os.path.join(out, name + ".npy"), reference32)
