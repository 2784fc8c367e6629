// RUN: tfc-opt %s -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(rasp.program(rasp-infer-value-sets))' | FileCheck %s

// The base s-ops and a sequence map: tokens are the vocabulary, indices 0..N-1, widths 0..N,
// and a map's set is its body's image.
// CHECK-LABEL: rasp.program @reverse
rasp.program @reverse attributes {vocab = ["b", "a"], max_seq_len = 3} {
  // CHECK: rasp.tokens str {value_set = ["a", "b"]}
  %t = rasp.tokens str : !rasp.sop<categorical>
  // CHECK: rasp.indices {value_set = [0, 1, 2]}
  %i = rasp.indices : !rasp.sop<categorical>
  %all = rasp.select %t, %t, true : !rasp.sop<categorical>, !rasp.sop<categorical>
  // CHECK: rasp.selector_width %{{.*}} {label = "length", value_set = [0, 1, 2, 3]}
  %n = rasp.selector_width %all {label = "length"} : !rasp.sop<categorical>
  // CHECK: rasp.sequence_map {{.*}} {value_set = [-3, -2, -1, 0, 1, 2]}
  %opp = rasp.sequence_map %n, %i : (!rasp.sop<categorical>, !rasp.sop<categorical>) -> !rasp.sop<categorical> {
  ^bb0(%l: !rasp.atom, %x: !rasp.atom):
    %d = rasp.binary sub %l, %x
    %one = rasp.const 1
    %r = rasp.binary sub %d, %one
    rasp.yield %r
  }
  %flip = rasp.select %i, %opp, eq : !rasp.sop<categorical>, !rasp.sop<categorical>
  // A categorical aggregate: the values and the default.
  // CHECK: rasp.aggregate {{.*}} {value_set = [0, "a", "b"]}
  %rev = rasp.aggregate %flip, %t default(0) : !rasp.sop<categorical> -> !rasp.sop<categorical>
  rasp.output %rev : !rasp.sop<categorical>
}

// -----

// A numerical aggregate of 0/1 values: every mean of up to N of them.
// CHECK-LABEL: rasp.program @frac_prevs
rasp.program @frac_prevs attributes {vocab = ["x", "y"], max_seq_len = 3} {
  %t = rasp.tokens str : !rasp.sop<categorical>
  %i = rasp.indices : !rasp.sop<categorical>
  // CHECK: rasp.map {{.*}} {value_set = [0, 1]}
  %is_x = rasp.map %t : !rasp.sop<categorical> -> !rasp.sop<numerical> {
  ^bb0(%a: !rasp.atom):
    %x = rasp.const "x"
    %e = rasp.binary eq %a, %x
    %r = rasp.unary indicator %e
    rasp.yield %r
  }
  %prevs = rasp.select %i, %i, le : !rasp.sop<categorical>, !rasp.sop<categorical>
  // CHECK: rasp.aggregate {{.*}} {value_set = [0, 0.33333333333333331, 5.000000e-01, 0.66666666666666663, 1]}
  %frac = rasp.aggregate %prevs, %is_x default(0) : !rasp.sop<numerical> -> !rasp.sop<numerical>
  rasp.output %frac : !rasp.sop<numerical>
}

// -----

// Non-binary numerical values average too, and a map that fails on some values (1/x at 0)
// leaves those out, unless an `if` avoids the failing branch.
// CHECK-LABEL: rasp.program @means
rasp.program @means attributes {vocab = ["0", "2", "4"], max_seq_len = 2} {
  // CHECK: rasp.tokens int {value_set = [0, 2, 4]}
  %t = rasp.tokens int : !rasp.sop<numerical>
  // CHECK: rasp.map {{.*}} {value_set = [2.500000e-01, 5.000000e-01]}
  %inv = rasp.map %t : !rasp.sop<numerical> -> !rasp.sop<numerical> {
  ^bb0(%x: !rasp.atom):
    %one = rasp.const 1
    %r = rasp.binary div %one, %x
    rasp.yield %r
  }
  // CHECK: rasp.map {{.*}} {value_set = [0, 2.500000e-01, 5.000000e-01]}
  %safe = rasp.map %t : !rasp.sop<numerical> -> !rasp.sop<numerical> {
  ^bb0(%x: !rasp.atom):
    %zero = rasp.const 0
    %nz = rasp.binary ne %x, %zero
    %one = rasp.const 1
    %r = rasp.binary div %one, %x
    %y = rasp.if %nz, %r, %zero
    rasp.yield %y
  }
  %all = rasp.select %t, %t, true : !rasp.sop<numerical>, !rasp.sop<numerical>
  // Python divides to floats: (0 + 2) / 2 is 1.0.
  // CHECK: rasp.aggregate {{.*}} {value_set = [0, 1.000000e+00, 2, 3.000000e+00, 4]}
  %mean = rasp.aggregate %all, %t default(0) : !rasp.sop<numerical> -> !rasp.sop<numerical>
  // Strings never average: the values and the default only.
  %s = rasp.tokens str : !rasp.sop<categorical>
  // CHECK: rasp.aggregate {{.*}} {value_set = [-1, "0", "2", "4"]}
  %first = rasp.aggregate %all, %s default(-1) : !rasp.sop<categorical> -> !rasp.sop<numerical>
  rasp.output %mean : !rasp.sop<numerical>
}

// -----

rasp.program @bad_tokens attributes {vocab = ["1", "a"], max_seq_len = 2} {
  // expected-error @+1 {{the vocabulary value "a" cannot be read as int: invalid literal for int(): 'a'}}
  %t = rasp.tokens int : !rasp.sop<categorical>
  rasp.output %t : !rasp.sop<categorical>
}

// -----

// expected-error @+1 {{value-set inference needs the program's vocab and max_seq_len}}
rasp.program @no_vocab {
  %t = rasp.tokens str : !rasp.sop<categorical>
  rasp.output %t : !rasp.sop<categorical>
}

// -----

rasp.program @overflowing_means attributes {vocab = ["a"], max_seq_len = 2} {
  %big = rasp.full(9223372036854775807) : !rasp.sop<numerical>
  %t = rasp.tokens str : !rasp.sop<categorical>
  %all = rasp.select %t, %t, true : !rasp.sop<categorical>, !rasp.sop<categorical>
  // expected-error @+1 {{cannot enumerate the means of 1 values over up to 2 positions (the sums overflow 64 bits); annotate the aggregate categorical if it selects at most one position}}
  %mean = rasp.aggregate %all, %big default(0) : !rasp.sop<numerical> -> !rasp.sop<numerical>
  rasp.output %mean : !rasp.sop<numerical>
}
