#!/usr/bin/env python3
"""Checks tfc's RASP library programs against plain-Python definitions of what they compute.

Every program runs in the RASP REPL (`tfc rasp`) on every input up to a length over small
alphabets (empty and length-1 inputs and repeated tokens included), and each output is compared
with the Python definition. Each program is also compiled to the rasp dialect for the same
alphabet and length (`tfc compile --emit=rasp`), and every output value must lie in the value
set inferred for the output s-op. Ends with "N passed, N failed"; exits 1 on any mismatch.
"""
import itertools
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
from fractions import Fraction


def count_prefix(xs, i, t):
    return sum(1 for x in xs[: i + 1] if x == t)


def dyck_ptf(xs, pairs):
    openers = {p[0]: p[1] for p in pairs}
    closers = {p[1] for p in pairs}
    stack, failed, out = [], False, []
    for x in xs:
        if not failed:
            if x in openers:
                stack.append(openers[x])
            elif x in closers:
                if not stack or stack.pop() != x:
                    failed = True
        out.append("F" if failed else ("T" if not stack else "P"))
    return out


def shuffle_dyck(xs, pairs):
    for o, c in pairs:
        balance = 0
        for x in xs:
            balance += (x == o) - (x == c)
            if balance < 0:
                return False
        if balance != 0:
            return False
    return True


def most_freq(xs):
    uniq = sorted(dict.fromkeys(xs), key=lambda t: (-xs.count(t), xs.index(t)))
    return uniq + ["§"] * (len(xs) - len(uniq))


TOKENS = "abc"
# name: (RASP expression, python function of the input list, alphabet, max length)
PROGRAMS = {
    "length": ("make_length()", lambda xs: [len(xs)] * len(xs), TOKENS, 5),
    "builtin_length": ("length", lambda xs: [len(xs)] * len(xs), TOKENS, 5),
    "hist": ("make_hist()", lambda xs: [xs.count(x) for x in xs], TOKENS, 5),
    "double_hist": ("make_double_hist()",
                    lambda xs: [len({t for t in xs if xs.count(t) == xs.count(x)}) for x in xs],
                    TOKENS, 5),
    "reverse": ("make_reverse(tokens)", lambda xs: xs[::-1], TOKENS, 5),
    "sort": ("sort(tokens, tokens)", sorted, TOKENS, 5),
    "sort_freq": ("make_sort_freq(5)", lambda xs: sorted(xs, key=lambda x: -xs.count(x)),
                  TOKENS, 5),
    "most_freq": ("make_sort_by_most_freq(\"§\", 5)", most_freq, TOKENS, 5),
    "frac_prevs": ("make_frac_prevs(tokens == \"a\")",
                   lambda xs: [Fraction(count_prefix(xs, i, "a"), i + 1) for i in range(len(xs))],
                   TOKENS, 5),
    "count": ("count(tokens, \"b\")", lambda xs: [xs.count("b")] * len(xs), TOKENS, 5),
    "contains": ("contains(tokens, \"c\")", lambda xs: ["c" in xs] * len(xs), TOKENS, 5),
    "shift": ("shift(tokens, 2, \"_\")", lambda xs: (["_", "_"] + xs)[: len(xs)], TOKENS, 5),
    "last_a": ("mark_last_instance(tokens, \"a\")",
               lambda xs: [x == "a" and "a" not in xs[i + 1:] for i, x in enumerate(xs)],
               TOKENS, 5),
    "first_a": ("mark_first_instance(tokens, \"a\")",
                lambda xs: [x == "a" and "a" not in xs[:i] for i, x in enumerate(xs)],
                TOKENS, 5),
    "load_1": ("load_from_location(tokens, 1)",
               lambda xs: [xs[1] if len(xs) > 1 else 0] * len(xs), TOKENS, 5),
    "last": ("tokens[-1]", lambda xs: [xs[-1]] * len(xs) if xs else [], TOKENS, 5),
    "pair_balance": ("make_pair_balance(tokens, \"(\", \")\")",
                     lambda xs: [Fraction(count_prefix(xs, i, "(") - count_prefix(xs, i, ")"),
                                          i + 1) for i in range(len(xs))],
                     "()", 7),
    "dyck1_ptf": ("make_dyck1_ptf()", lambda xs: dyck_ptf(xs, ["()"]), "()", 8),
    "dyck2_ptf": ("make_dyck2_ptf()", lambda xs: dyck_ptf(xs, ["()", "{}"]), "(){}", 5),
    "shuffle_dyck2": ("make_shuffle_dyck2()",
                      lambda xs: [shuffle_dyck(xs, ["()", "{}"])] * len(xs), "(){}", 5),
    "shuffle_dyck3": ("make_shuffle_dyck([\"()\", \"{}\", \"[]\"])",
                      lambda xs: [shuffle_dyck(xs, ["()", "{}", "[]"])] * len(xs), "(){}[]", 4),
}


def parse(printed):
    """'[a, b] (strings)' or '[x]*3 (ints)' -> the element strings."""
    body = printed.rsplit(" (", 1)[0]
    if "]*" in body:
        value, times = body[1:].split("]*")
        return [value] * int(times)
    body = body[1:-1]
    return body.split(", ") if body else []


def matches(printed, expected):
    if isinstance(expected, bool):
        return printed == ("T" if expected else "F")
    if isinstance(expected, (int, Fraction)):
        try:
            return abs(float(printed) - float(expected)) <= 5e-4
        except ValueError:
            return False
    return printed == str(expected)


def output_value_set(tfc, name, expression, alphabet, max_len):
    """The value set `tfc compile --emit=rasp` infers for the program's output s-op."""
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "program.rasp")
        with open(path, "w") as f:
            f.write("p_%s = %s;\n" % (name, expression))
        result = subprocess.run([tfc, "compile", path, "--emit=rasp", "--vocab",
                                 ",".join(alphabet), "--max-seq-len", str(max_len)],
                                capture_output=True, text=True)
    if result.returncode != 0:
        return None, result.stderr.strip()
    output = re.search(r"rasp.output (%\w+)", result.stdout).group(1)
    line = re.search(re.escape(output) + r" = [^\n]*value_set = \[([^\]]*)\]", result.stdout)
    values = []
    for item in re.findall(r'"[^"]*"|[^,\s]+', line.group(1)):
        if item.startswith('"'):
            # MLIR prints bytes outside printable ASCII as \XX.
            text = re.sub(r"\\([0-9A-F]{2})", lambda m: "%%%s" % m.group(1), item[1:-1])
            values.append(urllib.parse.unquote(text))
        elif item in ("true", "false"):
            values.append(item == "true")
        else:
            values.append(float(item))
    return values, ""


def in_value_set(printed, values):
    for v in values:
        if isinstance(v, bool):
            if printed == ("T" if v else "F"):
                return True
        elif isinstance(v, float):
            try:
                if abs(float(printed) - v) <= 5e-4:
                    return True
            except ValueError:
                pass
        elif printed == v:
            return True
    return False


def run(tfc, program, inputs):
    names = list(program)
    script = ["examples off"] + ["p_%s = %s;" % (n, program[n][0]) for n in names]
    script.append("examples on")
    for xs in inputs:
        script.append('set example "%s"' % "".join(xs))
        script += ["p_%s;" % n for n in names]
    out = subprocess.run([tfc, "rasp"], input="\n".join(script) + "\n", capture_output=True,
                         text=True).stdout
    results = [line.split(") = ", 1)[1] for line in out.splitlines()
               if "Example: out(" in line]
    return names, results


def main():
    tfc = sys.argv[1]
    passed = failed = 0
    groups = {}
    for name, spec in PROGRAMS.items():
        groups.setdefault((spec[2], spec[3]), {})[name] = spec
    for (alphabet, max_len), programs in groups.items():
        inputs = [list(p) for n in range(max_len + 1) for p in itertools.product(alphabet, repeat=n)]
        names, results = run(tfc, programs, inputs)
        if len(results) != len(names) * len(inputs):
            print("FAIL: expected %d results for alphabet %r, got %d" %
                  (len(names) * len(inputs), alphabet, len(results)))
            failed += 1
            continue
        value_sets = {}
        for n in names:
            value_sets[n], error = output_value_set(tfc, n, programs[n][0], alphabet, max_len)
            if value_sets[n] is None:
                failed += 1
                print("FAIL %s: tfc compile --emit=rasp failed: %s" % (n, error))
        it = iter(results)
        for xs in inputs:
            for n in names:
                got = parse(next(it))
                want = programs[n][1](xs)
                if len(got) == len(want) and all(matches(g, w) for g, w in zip(got, want)):
                    passed += 1
                else:
                    failed += 1
                    if failed <= 10:
                        print("FAIL %s(%r): got %s, expected %s" % (n, "".join(xs), got, want))
                outside = [g for g in got
                           if value_sets[n] is not None and not in_value_set(g, value_sets[n])]
                if outside:
                    failed += 1
                    if failed <= 10:
                        print("FAIL %s(%r): %s not in the inferred value set %s"
                              % (n, "".join(xs), outside, value_sets[n]))
                elif value_sets[n] is not None:
                    passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
