#!/usr/bin/env python3
"""Runs RASP programs compiled by tfc (--emit=onnx) in onnxruntime and compares with tfc.

For each program: `tfc compile --emit=onnx`, then the same random token batch through
onnxruntime and through tfc (the ONNX model imported back, `tfc run`). Prints, per program,
whether the logits are identical, the largest difference, and whether the decoded outputs
(argmax) agree. Needs onnxruntime (PyPI; scripts/make-venv.sh installs it). Usage:
  .venv/bin/python bench/rasp_onnxruntime.py [build/bin/tfc]
"""
import os, subprocess, sys, tempfile
import numpy as np
import onnx
import onnxruntime as ort

TFC = sys.argv[1] if len(sys.argv) > 1 else "build/bin/tfc"
PROGRAMS = [
    ("reverse", "1,2,3", "make_reverse(tokens)", 8),
    ("hist", "a,b,c,d", "make_hist()", 8),
    ("sort", "1,2,3,4,5", "make_sort(tokens, tokens_int, 8, 1)", 8),
    ("frac_prevs", "a,b,c,x", "make_frac_prevs(tokens == \"x\")", 8),
    ("shuffle_dyck2", "(,),{,}", "make_shuffle_dyck([\"()\", \"{}\"])", 8),
    ("dyck2_ptf", "(,),{,}", "make_dyck2_ptf()", 16),
    ("sort_freq", "a,b,c,d", "make_sort_freq(64)", 64),
    ("most_freq", "a,b,c,d", "make_sort_by_most_freq(\"-\", 32)", 32),
]
BATCH = 32

failures = 0
rng = np.random.default_rng(0)
with tempfile.TemporaryDirectory() as work:
    for name, vocab, expr, n in PROGRAMS:
        prog = os.path.join(work, name + ".rasp")
        with open(prog, "w") as f:
            f.write("result = %s;\n" % expr)
        model = os.path.join(work, name + ".onnx")
        subprocess.run([TFC, "compile", prog, "--vocab", vocab, "--max-seq-len", str(n),
                        "--emit=onnx", "-o", model], check=True)
        meta = {p.key: p.value for p in onnx.load(model).metadata_props}
        v, bos, pad = len(vocab.split(",")), int(meta["tfc.rasp.bos_id"]), int(meta["tfc.rasp.pad_id"])
        tokens = np.full((BATCH, n + 1), pad, dtype=np.int64)
        tokens[:, 0] = bos
        for row in tokens:
            length = rng.integers(1, n + 1)
            row[1:length + 1] = rng.integers(0, v, length)
        ours = ort.InferenceSession(model).run(None, {"tokens": tokens})[0]
        np.save(os.path.join(work, "tokens.npy"), tokens)
        outdir = os.path.join(work, name + "_out")
        subprocess.run([TFC, "run", model, "--shape", "tokens=%dx%d" % (BATCH, n + 1),
                        "--input", os.path.join(work, "tokens.npy"), "--output-dir", outdir],
                       check=True, stdout=subprocess.DEVNULL)
        out_name = "value" if meta["tfc.rasp.output"] == "numerical" else "logits"
        theirs = np.load(os.path.join(outdir, out_name + ".npy"))
        real = tokens != pad
        real[:, 0] = False
        diff = float(np.abs(ours - theirs).max())
        if out_name == "logits":
            same = bool((ours.argmax(-1) == theirs.argmax(-1))[real].all())
        else:
            same = bool(np.allclose(ours[real], theirs[real], atol=1e-5))
        failures += not same
        print("%-14s onnxruntime vs tfc: max |diff| %.3g, outputs %s" %
              (name, diff, "identical" if same else "DIFFERENT"))
print("%d passed, %d failed" % (len(PROGRAMS) - failures, failures))
sys.exit(1 if failures else 0)
