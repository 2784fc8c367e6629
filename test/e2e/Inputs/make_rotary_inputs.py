"""Inputs and numpy references for tfc.rotary_embedding: a [B, H, S, D] tensor, per-position
cos/sin tables [S, D] built as Hugging Face builds them, and the rotated tensor in both
pairings, computed as the models' Python code does (LLaMA's rotate_half, GPT-J's
rotate_every_two). Usage: make_rotary_inputs.py DIR."""
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
b, h, s, d = 2, 3, 7, 16
rng = np.random.default_rng(0)
x = rng.standard_normal((b, h, s, d)).astype(np.float32)
inv_freq = 1.0 / 10000.0 ** (np.arange(0, d, 2) / d)
angles = np.arange(s)[:, None] * inv_freq[None, :]  # [S, D/2]


def rotate_half(v):
    return np.concatenate([-v[..., d // 2:], v[..., :d // 2]], axis=-1)


def rotate_every_two(v):
    return np.stack([-v[..., 1::2], v[..., ::2]], axis=-1).reshape(v.shape)


def rotated(cos, sin, rotate):
    x64 = x.astype(np.float64)
    return (x64 * cos + rotate(x64) * sin).astype(np.float32)


# LLaMA repeats each frequency over the two halves; GPT-J repeats each one twice in a row.
half = np.concatenate([angles, angles], axis=-1)
pairs = np.repeat(angles, 2, axis=-1)
tables = {"cos_half": np.cos(half), "sin_half": np.sin(half),
          "cos_pairs": np.cos(pairs), "sin_pairs": np.sin(pairs)}
for name, table in tables.items():
    np.save(os.path.join(out, name + ".npy"), table.astype(np.float32))
np.save(os.path.join(out, "x.npy"), x)
f32 = {k: v.astype(np.float32).astype(np.float64) for k, v in tables.items()}
np.save(os.path.join(out, "half.npy"), rotated(f32["cos_half"], f32["sin_half"], rotate_half))
np.save(os.path.join(out, "interleaved.npy"),
        rotated(f32["cos_pairs"], f32["sin_pairs"], rotate_every_two))
