#!/usr/bin/env python3
"""Peak memory of attention, fused (tfc.attention, online softmax) against unfused
(matmul, softmax, matmul), at growing sequence lengths, in one run.

Each case is a one-head attention over S queries and S keys of width 64, compiled to a
library by `tfc compile`, then run by `tfc run LIB` on random inputs; the peak resident
memory of that run (getrusage of a fresh child) is what is compared. The fused peak grows linearly with S (inputs and
output), the unfused one quadratically (the S x S scores). Prints one line per length and
the ratios. Usage: bench/attention_memory.py [--tfc build/bin/tfc] [LENGTHS...]
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

D = 64


def module(s, fused):
    t = "tensor<1x%dx%dxf32>" % (s, D)
    scores = "tensor<1x%dx%dxf32>" % (s, s)
    head = ('func.func @main(%%q: %s {tfc.name = "q"}, %%k: %s {tfc.name = "k"}, '
            '%%v: %s {tfc.name = "v"}) -> (%s {tfc.name = "o"}) {\n' % (t, t, t, t))
    if fused:
        body = ("  %%o = tfc.attention %%q, %%k, %%v {scale = 0.125 : f64} : (%s, %s, %s) -> %s\n"
                % (t, t, t, t))
    else:
        kt = "tensor<1x%dx%dxf32>" % (D, s)
        body = ("  %%kt = tfc.transpose %%k {perm = array<i64: 0, 2, 1>} : %s -> %s\n"
                "  %%s = tfc.matmul %%q, %%kt : (%s, %s) -> %s\n"
                "  %%p = tfc.softmax %%s {axis = 2 : i64} : %s\n"
                "  %%o = tfc.matmul %%p, %%v : (%s, %s) -> %s\n"
                % (t, kt, t, kt, scores, scores, scores, t, t))
    return head + body + "  return %%o : %s\n}\n" % t




def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tfc", default="build/bin/tfc")
    parser.add_argument("lengths", nargs="*", type=int, default=[1024, 2048, 4096, 8192])
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for s in sorted(args.lengths):
            files = []
            for name in "qkv":
                path = os.path.join(work, "%s%d.npy" % (name, s))
                np.save(path, rng.standard_normal((1, s, D)).astype(np.float32))
                files += ["--input", path]
            kib = {}
            for fused in (False, True):
                name = "attention%d_%s" % (s, "fused" if fused else "unfused")
                src, lib = os.path.join(work, name + ".mlir"), os.path.join(work, name + ".so")
                with open(src, "w") as f:
                    f.write(module(s, fused))
                # --no-fuse: the pipeline would otherwise raise the unfused spelling too.
                subprocess.run([args.tfc, "compile", src, "-o", lib] +
                               ([] if fused else ["--no-fuse"]), check=True)
                # A fresh interpreter per measurement: getrusage reports its children's maximum.
                out = subprocess.run(
                    [sys.executable, "-c",
                     "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
                     "stdout=subprocess.DEVNULL); print(resource.getrusage("
                     "resource.RUSAGE_CHILDREN).ru_maxrss)",
                     args.tfc, "run", lib] + files,
                    check=True, capture_output=True, text=True)
                kib[fused] = int(out.stdout.strip())
            rows.append((s, kib[True], kib[False]))
            print("S=%5d  fused peak %8.1f MiB   unfused peak %8.1f MiB   unfused/fused %.2f" %
                  (s, kib[True] / 1024, kib[False] / 1024, kib[False] / kib[True]), flush=True)
    if len(rows) > 1:
        (s0, f0, u0), (s1, f1, u1) = rows[0], rows[-1]
        print("from S=%d to S=%d (x%.0f): fused memory x%.2f, unfused memory x%.2f" %
              (s0, s1, s1 / s0, f1 / f0, u1 / u0))


if __name__ == "__main__":
    main()
