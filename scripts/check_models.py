#!/usr/bin/env python3
"""Runs model folders made by scripts/make_models.py through `tfc run` and compares every
output with onnxruntime's reference: the maximum absolute error, and for the sentence
embeddings of all-MiniLM-L6-v2 the cosine similarity of each sentence's vector.

Usage: scripts/check_models.py [--tfc build/bin/tfc] [--atol 1e-4] FOLDER...
The last line is "N passed, N failed" (a folder passes when every output is within --atol
and every sentence embedding has cosine similarity >= 0.9999).
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile

import numpy as np


def check(tfc, folder, atol):
    with tempfile.TemporaryDirectory() as out:
        cmd = [tfc, "run", os.path.join(folder, "model.onnx"), "--output-dir", out]
        with open(os.path.join(folder, "shapes.txt")) as f:
            cmd += f.read().split()
        for path in sorted(glob.glob(os.path.join(folder, "inputs", "*.npy"))):
            cmd += ["--input", path]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            print("%s: tfc failed: %s" % (folder, proc.stderr.strip().splitlines()[:1]))
            return False
        ok = True
        for path in sorted(glob.glob(os.path.join(folder, "expected", "*.npy"))):
            name = os.path.basename(path)[3:-4]  # strip the "NN_" order prefix
            want, got = np.load(path), np.load(os.path.join(out, name + ".npy"))
            err = float(np.max(np.abs(want - got))) if want.size else 0.0
            line = "%s: %s %s max abs error %.3g" % (os.path.basename(os.path.normpath(folder)), name,
                                                     list(want.shape), err)
            good = err <= atol
            if name == "sentence_embedding":
                cos = np.sum(want * got, 1) / (np.linalg.norm(want, axis=1) *
                                               np.linalg.norm(got, axis=1))
                line += ", cosine similarity min %.7f over %d sentences" % (cos.min(), len(cos))
                good = good and cos.min() >= 0.9999
            print(line + (": ok" if good else ": FAIL"))
            ok = ok and good
        return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tfc", default="build/bin/tfc")
    parser.add_argument("--atol", type=float, default=1e-4)
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()
    results = [check(args.tfc, f, args.atol) for f in args.folders]
    print("%d passed, %d failed" % (sum(results), len(results) - sum(results)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
