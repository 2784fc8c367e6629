"""Inputs and numpy references for attention.mlir: a padding mask and a causal decoder step
(5 queries over 7 keys, 2 of them cached). Usage: make_attention.py DIR."""
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(0)
q = rng.standard_normal((2, 3, 5, 4)).astype(np.float32)
k = rng.standard_normal((2, 3, 7, 4)).astype(np.float32)
v = rng.standard_normal((2, 3, 7, 6)).astype(np.float32)
m = np.zeros((2, 1, 1, 7), np.float32)
m[1, ..., 5:] = np.finfo(np.float32).min  # the second batch row has 2 padded keys
for name, a in dict(q=q, k=k, v=v, m=m).items():
    np.save(os.path.join(out, name + ".npy"), a)


def attention(mask):
    s = q @ k.transpose(0, 1, 3, 2) * 0.5 + mask
    p = np.exp(s - s.max(-1, keepdims=True))
    return (p / p.sum(-1, keepdims=True) @ v).astype(np.float32)


np.save(os.path.join(out, "masked.npy"), attention(m))
causal = np.where(np.arange(7)[None, :] <= np.arange(5)[:, None] + 2, 0, -np.inf)
np.save(os.path.join(out, "causal.npy"), attention(causal.astype(np.float32)))
