"""Runs a model folder made by scripts/make_models.py through `tfc run`: the --shape pins of
shapes.txt, inputs/*.npy in input order, expected/*.npy in output order, and the tolerance
given. Usage: run_model_dir.py TFC FOLDER ATOL [extra tfc arguments]."""
import glob
import os
import subprocess
import sys

tfc, folder, atol = sys.argv[1:4]
cmd = [tfc, "run", os.path.join(folder, "model.onnx")]
with open(os.path.join(folder, "shapes.txt")) as f:
    cmd += f.read().split()
cmd += [a for f in sorted(glob.glob(os.path.join(folder, "inputs", "*.npy"))) for a in ("--input", f)]
cmd += [a for f in sorted(glob.glob(os.path.join(folder, "expected", "*.npy")))
        for a in ("--expect", f)]
cmd += ["--atol", atol, "--rtol", "0"] + sys.argv[4:]
sys.exit(subprocess.call(cmd))
