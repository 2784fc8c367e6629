"""Runs a model folder made by scripts/make_models.py through `tfc run`: the --shape pins of
shapes.txt, inputs/*.npy in input order, expected/*.npy in output order, and the tolerance
given. Usage: run_model_dir.py TFC FOLDER ATOL [--expected-from=DIR] [extra tfc arguments].
With --expected-from, each output is compared with DIR/<output name>.npy instead (a folder
written by `tfc run --output-dir`, e.g. of the unfused model)."""
import glob
import os
import subprocess
import sys

tfc, folder, atol = sys.argv[1:4]
extra = sys.argv[4:]
expected_from = [a.split("=", 1)[1] for a in extra if a.startswith("--expected-from=")]
extra = [a for a in extra if not a.startswith("--expected-from=")]
cmd = [tfc, "run", os.path.join(folder, "model.onnx")]
with open(os.path.join(folder, "shapes.txt")) as f:
    cmd += f.read().split()
cmd += [a for f in sorted(glob.glob(os.path.join(folder, "inputs", "*.npy"))) for a in ("--input", f)]
for f in sorted(glob.glob(os.path.join(folder, "expected", "*.npy"))):
    if expected_from:  # expected/NN_<name>.npy names the output
        f = os.path.join(expected_from[0], os.path.basename(f).split("_", 1)[1])
    cmd += ["--expect", f]
cmd += ["--atol", atol, "--rtol", "0"] + extra
sys.exit(subprocess.call(cmd))
