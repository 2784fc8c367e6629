"""Inputs and numpy results for parallel-loops.test: a softmax and a layer norm over
[300, 700] and a 4-head attention, large enough to run on the thread pool.
Usage: make_parallel_inputs.py DIR."""
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(11)
x = rng.standard_normal((300, 700)).astype(np.float32)
g = rng.standard_normal(700).astype(np.float32)
q, k, v = (rng.standard_normal((1, 4, 200, 32)).astype(np.float32) for _ in range(3))
for name, a in dict(x=x, g=g, q=q, k=k, v=v).items():
    np.save(os.path.join(out, name + ".npy"), a)
x64 = x.astype(np.float64)
e = np.exp(x64 - x64.max(1, keepdims=True))
np.save(os.path.join(out, "sm.npy"), (e / e.sum(1, keepdims=True)).astype(np.float32))
centered = x64 - x64.mean(1, keepdims=True)
norm = centered / np.sqrt((centered ** 2).mean(1, keepdims=True) + 1e-5) * g
np.save(os.path.join(out, "ln.npy"), norm.astype(np.float32))
s = q.astype(np.float64) @ k.transpose(0, 1, 3, 2) * 0.125
p = np.exp(s - s.max(-1, keepdims=True))
np.save(os.path.join(out, "at.npy"), (p / p.sum(-1, keepdims=True) @ v).astype(np.float32))
