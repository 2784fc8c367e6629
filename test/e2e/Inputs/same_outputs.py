"""Checks that two `tfc run --output-dir` folders hold bit-identical arrays:
same_outputs.py DIR1 DIR2. Prints one line per array, exits 1 on any difference."""
import os
import sys

import numpy as np

first, second = sys.argv[1:3]
names = sorted(f for f in os.listdir(first) if f.endswith(".npy"))
if not names or names != sorted(f for f in os.listdir(second) if f.endswith(".npy")):
    sys.exit("different or no outputs: %s vs %s" % (os.listdir(first), os.listdir(second)))
failed = False
for name in names:
    a, b = np.load(os.path.join(first, name)), np.load(os.path.join(second, name))
    same = a.shape == b.shape and a.tobytes() == b.tobytes()
    failed |= not same
    print("%s: %s" % (name, "identical" if same else "DIFFERENT"))
sys.exit(1 if failed else 0)
