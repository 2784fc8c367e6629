"""Writes .npy tensors for end-to-end tests: `make_tensors.py DIR name=<python expr> ...`.

Each expression is evaluated with numpy as `np`; the result is saved as DIR/name.npy.
"""
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for spec in sys.argv[2:]:
    name, expr = spec.split("=", 1)
    with np.errstate(all="ignore"):
        np.save(os.path.join(out, name + ".npy"), eval(expr, {"np": np}))
