"""Runs `tfc run ARGS --repeat 1` and `--repeat N` and prints how much more memory (peak
resident set) the longer run needed: a model that leaks per call grows with N. Usage:
rss_growth.py N LIMIT_MB TFC ARGS..."""
import resource
import subprocess
import sys

n, limit_mb, tfc = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
args = sys.argv[4:]


def peak_kb(repeat):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([tfc, "run"] + args + ["--repeat", str(repeat)], check=True,
                   stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of them so far: run the short one first.
    return max(before, after)


short = peak_kb(1)
long = peak_kb(n)
growth = (long - short) / 1024.0
print("growth over %d calls: %.1f MB (limit %.1f): %s" %
      (n, growth, limit_mb, "ok" if growth <= limit_mb else "LEAK"))
