"""Inputs and numpy results for conv-matmul.mlir: a padded, strided, dilated 2-D convolution
with bias over a batch of 2, and a 1-D convolution into non-overlapping patches.
Usage: make_convs.py DIR."""
import itertools
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(3)


def conv(x, w, b, strides, dilations, pads):
    """Direct convolution, one output element at a time (float64)."""
    k = len(strides)
    x = np.pad(x.astype(np.float64), [(0, 0), (0, 0)] + [(pads[d], pads[k + d]) for d in range(k)])
    kernel = w.shape[2:]
    spans = [(kernel[d] - 1) * dilations[d] + 1 for d in range(k)]
    outs = [(x.shape[2 + d] - spans[d]) // strides[d] + 1 for d in range(k)]
    y = np.zeros((x.shape[0], w.shape[0], *outs))
    for pos in itertools.product(*(range(o) for o in outs)):
        window = x[(slice(None), slice(None)) + tuple(
            slice(pos[d] * strides[d], pos[d] * strides[d] + spans[d], dilations[d])
            for d in range(k))]
        y[(slice(None), slice(None)) + pos] = np.tensordot(
            window, w, axes=(list(range(1, k + 2)), list(range(1, k + 2))))
    return (y + (0 if b is None else b.reshape(-1, *[1] * k))).astype(np.float32)


x = rng.standard_normal((2, 3, 9, 10)).astype(np.float32)
w = rng.standard_normal((5, 3, 3, 2)).astype(np.float32)
b = rng.standard_normal(5).astype(np.float32)
s = rng.standard_normal((1, 2, 12)).astype(np.float32)
v = rng.standard_normal((4, 2, 4)).astype(np.float32)
for name, a in dict(x=x, w=w, b=b, s=s, v=v).items():
    np.save(os.path.join(out, name + ".npy"), a)
np.save(os.path.join(out, "y.npy"), conv(x, w, b, [2, 3], [2, 1], [1, 0, 2, 1]))
np.save(os.path.join(out, "p.npy"), conv(s, v, None, [4], [1], [0, 0]))
