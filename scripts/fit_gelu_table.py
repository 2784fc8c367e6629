#!/usr/bin/env python3
"""Fits the piecewise polynomial that the AVX-512 micro-kernel's GELU epilogue evaluates, and
prints it as the C table in runtime/ukernels/activations.h.

GELU(x) = x Phi(x), and Phi(x) = 1 - Phi(-x), so one function of a = |x| >= 0 serves both
signs: c(a) = Phi(-a) = erfc(a / sqrt(2)) / 2. [0, 8) is cut into 16 intervals of width 1/2
(the 16 entries of one vpermps table); on interval i, c is a polynomial of degree 5 in the
offset u = 2a - i in [0, 1), fitted by least squares at Chebyshev nodes in float64 and rounded
to float. Past 8, c is below 7e-16 and is taken as 0. It also prints the maximum error of the
float32 evaluation over a dense grid, as |error| / max(|GELU(x)|, 1).

Usage: /usr/bin/python3 scripts/fit_gelu_table.py
"""
import math

import numpy as np
from numpy.polynomial import Polynomial
from numpy.polynomial import chebyshev

INTERVALS, WIDTH, DEGREE = 16, 0.5, 5


def phi_minus(a):
    return np.array([0.5 * math.erfc(v / math.sqrt(2.0)) for v in np.ravel(a)]).reshape(np.shape(a))


def fit():
    nodes = 0.5 + 0.5 * np.cos(np.pi * (np.arange(400) + 0.5) / 400)  # in [0, 1]
    table = np.zeros((DEGREE + 1, INTERVALS), np.float32)
    for i in range(INTERVALS):
        series = chebyshev.chebfit(2 * nodes - 1, phi_minus((i + nodes) * WIDTH), DEGREE)
        # From t = 2u - 1 in [-1, 1] to powers of u.
        in_u = Polynomial(chebyshev.cheb2poly(series))(Polynomial([-1.0, 2.0])).coef
        table[:, i] = np.float32(in_u)
    return table


def gelu32(table, x):
    """The kernel's arithmetic in float32 (Horner with separate roundings: the kernel's fused
    multiply-adds round less)."""
    a = np.abs(x)
    t = a * np.float32(1 / WIDTH)
    index = np.floor(t)
    u = (t - index).astype(np.float32)
    index = np.where(a < INTERVALS * WIDTH, index, 0).astype(np.int64)
    c = table[DEGREE][index]
    for j in range(DEGREE - 1, -1, -1):
        c = (c * u + table[j][index]).astype(np.float32)
    c = np.where(a < INTERVALS * WIDTH, c, np.float32(0))
    return (x * np.where(x >= 0, np.float32(1) - c, c)).astype(np.float32)


def main():
    table = fit()
    x = np.concatenate([np.linspace(-12, 12, 480001), -np.logspace(-30, 30, 6001),
                        np.logspace(-30, 30, 6001)]).astype(np.float32)
    exact = x.astype(np.float64) * (1.0 - phi_minus(x.astype(np.float64)))
    reference = exact.astype(np.float32).astype(np.float64)
    error = np.abs(gelu32(table, x) - reference) / np.maximum(np.abs(reference), 1)
    print("// c(a) = Phi(-a) on [%g, %g): row j holds the u^%s coefficients of the %d intervals."
          % (0, INTERVALS * WIDTH, "j", INTERVALS))
    print("// Max error of x Phi(x) in float32: %.2g (scripts/fit_gelu_table.py)." % error.max())
    print("static const float kGeluTable[%d][%d] __attribute__((aligned(64))) = {"
          % (DEGREE + 1, INTERVALS))
    for row in table:
        values = ["%.9gf" % v for v in row]
        lines = [", ".join(values[i:i + 4]) for i in range(0, len(values), 4)]
        print("    {" + ",\n     ".join(lines) + "},")
    print("};")


if __name__ == "__main__":
    main()
