#!/usr/bin/env python3
"""Runs ONNX's backend node tests through `tfc run` and checks them against an expected-failure list.

Each test directory holds model.onnx and test_data_set_0/{input,output}_N.pb. A test passes when
`tfc run` reproduces every output within the ONNX backend tolerances (rtol 1e-3, atol 1e-7).
Tests listed in the expected-failure file must fail cleanly (an error message and exit status 1
or 2); a crash, a timeout, an unlisted failure or a listed test that now passes fails the run, so
that both regressions and new passes are noticed. The last line is "N passed, N failed".
"""
import argparse
import concurrent.futures
import onnx
import os
import re
import signal
import subprocess
import sys
import time

PASS, FAIL, UNSUPPORTED, ERROR, CRASH = "pass", "wrong-result", "unsupported", "error", "crash"


def graph_inputs(model_path):
    """Names of the model's inputs that take test data (initializers excluded), in order."""
    graph = onnx.load(model_path, load_external_data=False).graph
    initializers = {i.name for i in graph.initializer}
    return [i.name for i in graph.input if i.name not in initializers]


def run_test(tfc, test_dir, timeout, frozen):
    data = os.path.join(test_dir, "test_data_set_0")
    inputs = sorted((f for f in os.listdir(data) if f.startswith("input_")),
                    key=lambda f: int(re.findall(r"\d+", f)[0]))
    outputs = sorted((f for f in os.listdir(data) if f.startswith("output_")),
                     key=lambda f: int(re.findall(r"\d+", f)[0]))
    model = os.path.join(test_dir, "model.onnx")
    cmd = [tfc, "run", model, "--atol", "1e-7", "--rtol", "1e-3"]
    names = graph_inputs(model) if frozen else []
    for i, f in enumerate(inputs):
        if i < len(names) and names[i] in frozen:
            cmd += ["--freeze-input", "%s=%s" % (names[i], os.path.join(data, f))]
        else:
            cmd += ["--input", os.path.join(data, f)]
    for f in outputs:
        cmd += ["--expect", os.path.join(data, f)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return CRASH, "timed out after %ds" % timeout
    text = (proc.stderr.strip() or proc.stdout.strip()).splitlines()
    first = text[0] if text else ""
    if proc.returncode == 0:
        return PASS, ""
    if proc.returncode == 2:
        bad = [l for l in proc.stdout.splitlines() if "FAIL" in l]
        return FAIL, bad[0] if bad else first
    if proc.returncode == 1 and first:
        return (UNSUPPORTED if "not supported" in first else ERROR), first
    if proc.returncode < 0:
        return CRASH, "killed by %s" % signal.Signals(-proc.returncode).name
    return CRASH, "exit status %d: %s" % (proc.returncode, first)


def read_frozen(path):
    frozen = {}
    with open(path) as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if words:
                frozen[words[0]] = set(words[1:])
    return frozen


def is_generated(line):
    """Whether an expected-failure line holds a reason this script wrote (tfc's message)."""
    reason = line.split("#", 1)[1] if "#" in line else ""
    return "error: " in reason


def read_xfail(path):
    """Maps each listed test to (reason category, its line as written)."""
    expected = {}
    with open(path) as f:
        for line in f:
            entry = line.split("#", 1)[0].strip()
            if entry:
                name, _, category = entry.partition(" ")
                expected[name] = (category.strip(), line.rstrip("\n"))
    return expected


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tfc", required=True, help="path of the tfc binary")
    parser.add_argument("--data", default="/usr/share/libonnx-testdata/data/node")
    parser.add_argument("--xfail", required=True, help="expected-failure list")
    parser.add_argument("--frozen", help="tests whose listed inputs are passed with --freeze-input")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--filter", default="", help="only tests whose name matches this regex")
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("--write-xfail", action="store_true",
                        help="rewrite the expected-failure list from this run's results")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every test")
    args = parser.parse_args()

    if not os.path.isdir(args.data):
        print("ONNX node test data not found at %s (Debian package libonnx-testdata)" % args.data)
        return 1
    tests = sorted(t for t in os.listdir(args.data) if re.search(args.filter, t))
    expected = read_xfail(args.xfail)
    frozen = read_frozen(args.frozen) if args.frozen else {}
    start = time.time()
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run_test, args.tfc, os.path.join(args.data, t), args.timeout,
                               frozen.get(t, set())): t
                   for t in tests}
        for future in concurrent.futures.as_completed(futures):
            results[futures[future]] = future.result()

    counts = {k: 0 for k in (PASS, FAIL, UNSUPPORTED, ERROR, CRASH)}
    unexpected = []
    for name in tests:
        outcome, detail = results[name]
        counts[outcome] += 1
        listed = name in expected
        if outcome == CRASH:
            unexpected.append("CRASH    %s: %s" % (name, detail))
        elif outcome == PASS and listed:
            unexpected.append("XPASS    %s: passes now; remove it from %s" % (name, args.xfail))
        elif outcome != PASS and not listed:
            unexpected.append("FAIL     %s (%s): %s" % (name, outcome, detail))
        if args.verbose:
            print("%-12s %s %s" % (outcome, name, detail))
    if args.filter == "":
        for name in sorted(set(expected) - set(tests)):
            unexpected.append("STALE    %s is listed in %s but is not a test" % (name, args.xfail))

    if args.write_xfail:
        with open(args.xfail, "w") as f:
            f.write("# ONNX node tests that tfc does not pass yet, with the reason category.\n"
                    "# Maintained by test/onnx-node/run_node_tests.py --write-xfail; a test that\n"
                    "# starts passing must be removed (the run reports it as XPASS).\n")
            for name in tests:
                outcome, detail = results[name]
                if outcome in (PASS, CRASH):
                    continue
                if (name in expected and expected[name][0] == outcome and
                        not is_generated(expected[name][1])):
                    f.write(expected[name][1] + "\n")  # keeps a hand-written reason
                    continue
                detail = detail.replace(os.path.join(args.data, name, "model.onnx") + ": ", "")
                f.write("%s %s  # %s\n" % (name, outcome, detail.replace(args.data + "/", "")[:200]))
        print("wrote %s" % args.xfail)

    for line in unexpected:
        print(line)
    failed = len(tests) - counts[PASS]
    print("onnx node tests: %d run in %.0fs: %d passed, %d wrong results, %d not supported, "
          "%d other errors, %d crashed; %d unexpected" %
          (len(tests), time.time() - start, counts[PASS], counts[FAIL], counts[UNSUPPORTED],
           counts[ERROR], counts[CRASH], len(unexpected)))
    print("%d passed, %d failed" % (counts[PASS], failed))
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
