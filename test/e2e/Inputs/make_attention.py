"""Inputs and numpy references for the attention tests: an additive mask and a causal
decoder step (S queries after T - S cached keys). Usage: make_attention.py DIR [B H S T D DV
ROWMASK [KVH [SEQFIRST]]]: the default is 5 queries over 7 keys whose mask pads 2 keys of the second
batch row; with ROWMASK=1 the mask is [1, 1, S, T], different for every query row, -inf where
masked (row 1 sees only the last key). KVH < H gives keys and values KVH heads
(grouped-query attention: query head i reads key/value head i / (H / KVH)). With SEQFIRST=1
q, k, v and the outputs are saved sequence-first, [B, S, H, D] (the mask stays [.., H, S, T])."""
import os
import sys

import numpy as np

out = sys.argv[1]
args = [int(a) for a in (sys.argv[2:] or [2, 3, 5, 7, 4, 6, 0])]
b, h, s, t, d, dv, rowmask = args[:7]
kvh = args[7] if len(args) > 7 else h
seqfirst = len(args) > 8 and args[8] == 1
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(0)
q = rng.standard_normal((b, h, s, d)).astype(np.float32)
k = rng.standard_normal((b, kvh, t, d)).astype(np.float32)
v = rng.standard_normal((b, kvh, t, dv)).astype(np.float32)
if rowmask:
    m = rng.standard_normal((1, 1, s, t)).astype(np.float32)
    m[rng.random((1, 1, s, t)) < 0.3] = -np.inf
    m[..., 0] = 0  # every row keeps a key
    m[..., 1, :t - 1] = -np.inf  # row 1 sees only the last key: whole key blocks masked
else:
    m = np.zeros((b, 1, 1, t), np.float32)
    m[-1, ..., t - 2:] = np.finfo(np.float32).min  # the last batch row has 2 padded keys


def layout(a):
    return a.transpose(0, 2, 1, 3) if seqfirst and a.ndim == 4 else a


for name, a in dict(q=q, k=k, v=v).items():
    np.save(os.path.join(out, name + ".npy"), layout(a))
np.save(os.path.join(out, "m.npy"), m)


def attention(mask):
    kr, vr = (np.repeat(a, h // kvh, axis=1) for a in (k, v))
    scores = q.astype(np.float64) @ kr.transpose(0, 1, 3, 2) * 0.5 + mask
    p = np.exp(scores - scores.max(-1, keepdims=True))
    return (p / p.sum(-1, keepdims=True) @ vr).astype(np.float32)


np.save(os.path.join(out, "masked.npy"), layout(attention(m)))
causal = np.where(np.arange(t)[None, :] <= np.arange(s)[:, None] + t - s, 0, -np.inf)
np.save(os.path.join(out, "causal.npy"), layout(attention(causal)))
