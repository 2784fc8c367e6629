// RUN: tfc-opt %s -split-input-file | FileCheck %s
// Round trip of every rasp op: printing what was parsed and parsing it again gives the same.
// RUN: tfc-opt %s -split-input-file | tfc-opt -split-input-file | FileCheck %s

// CHECK-LABEL: rasp.program @reverse attributes {max_seq_len = 5 : i64, vocab = ["a", "b"]}
rasp.program @reverse attributes {vocab = ["a", "b"], max_seq_len = 5} {
  // CHECK: %[[T:.*]] = rasp.tokens str {label = "tokens"} : !rasp.sop<categorical>
  %tokens = rasp.tokens str {label = "tokens"} : !rasp.sop<categorical>
  // CHECK: %[[I:.*]] = rasp.indices : !rasp.sop<categorical>
  %indices = rasp.indices : !rasp.sop<categorical>
  // CHECK: %[[ALL:.*]] = rasp.select %[[T]], %[[T]], true : !rasp.sop<categorical>, !rasp.sop<categorical>
  %all = rasp.select %tokens, %tokens, true : !rasp.sop<categorical>, !rasp.sop<categorical>
  // CHECK: %[[LEN:.*]] = rasp.selector_width %[[ALL]] {label = "length"} : !rasp.sop<categorical>
  %length = rasp.selector_width %all {label = "length"} : !rasp.sop<categorical>
  // CHECK: %[[OPP:.*]] = rasp.sequence_map %[[LEN]], %[[I]] : (!rasp.sop<categorical>, !rasp.sop<categorical>) -> !rasp.sop<categorical> {
  // CHECK-NEXT: ^bb0(%[[L:.*]]: !rasp.atom, %[[X:.*]]: !rasp.atom):
  // CHECK-NEXT:   %[[D:.*]] = rasp.binary sub %[[L]], %[[X]]
  // CHECK-NEXT:   %[[ONE:.*]] = rasp.const 1
  // CHECK-NEXT:   %[[R:.*]] = rasp.binary sub %[[D]], %[[ONE]]
  // CHECK-NEXT:   rasp.yield %[[R]]
  // CHECK-NEXT: }
  %opp = rasp.sequence_map %length, %indices : (!rasp.sop<categorical>, !rasp.sop<categorical>) -> !rasp.sop<categorical> {
  ^bb0(%l: !rasp.atom, %i: !rasp.atom):
    %d = rasp.binary sub %l, %i
    %one = rasp.const 1
    %r = rasp.binary sub %d, %one
    rasp.yield %r
  }
  // CHECK: %[[FLIP:.*]] = rasp.select %[[I]], %[[OPP]], eq {label = "flip"}
  %flip = rasp.select %indices, %opp, eq {label = "flip"} : !rasp.sop<categorical>, !rasp.sop<categorical>
  // CHECK: %[[REV:.*]] = rasp.aggregate %[[FLIP]], %[[T]] default(0) : !rasp.sop<categorical> -> !rasp.sop<categorical>
  %reverse = rasp.aggregate %flip, %tokens default(0) : !rasp.sop<categorical> -> !rasp.sop<categorical>
  // CHECK: rasp.output %[[REV]] : !rasp.sop<categorical>
  rasp.output %reverse : !rasp.sop<categorical>
}

// -----

// CHECK-LABEL: rasp.program @elements
rasp.program @elements {
  %tokens = rasp.tokens int : !rasp.sop<categorical>
  %half = rasp.full(5.000000e-01) : !rasp.sop<numerical>
  // CHECK: rasp.map %{{.*}} : !rasp.sop<categorical> -> !rasp.sop<numerical> {
  // CHECK: rasp.unary neg
  // CHECK: rasp.unary round
  // CHECK: rasp.unary indicator
  // CHECK: rasp.unary not
  // CHECK: rasp.unary truth
  // CHECK: rasp.binary pow
  // CHECK: rasp.binary and
  // CHECK: rasp.if
  // CHECK: rasp.lookup %{{.*}} in [10, 20, 30]
  // CHECK: rasp.lookup %{{.*}} in ["x", "y"] keys [1, 2]
  // CHECK: rasp.contains %{{.*}} in [1, "a", true, 2.500000e+00]
  %m = rasp.map %tokens : !rasp.sop<categorical> -> !rasp.sop<numerical> {
  ^bb0(%x: !rasp.atom):
    %n = rasp.unary neg %x
    %r = rasp.unary round %n
    %i = rasp.unary indicator %r
    %no = rasp.unary not %i
    %t = rasp.unary truth %no
    %p = rasp.binary pow %x, %x
    %a = rasp.binary and %t, %p
    %c = rasp.if %a, %x, %p
    %l = rasp.lookup %c in [10, 20, 30]
    %d = rasp.lookup %l in ["x", "y"] keys [1, 2]
    %in = rasp.contains %d in [1, "a", true, 2.5]
    rasp.yield %in
  }
  // CHECK: rasp.sequence_map
  %s = rasp.sequence_map %m, %half : (!rasp.sop<numerical>, !rasp.sop<numerical>) -> !rasp.sop<numerical> {
  ^bb0(%x: !rasp.atom, %y: !rasp.atom):
    %z = rasp.binary mul %x, %y
    rasp.yield %z
  }
  // CHECK: %[[S1:.*]] = rasp.select %{{.*}}, %{{.*}}, lt
  // CHECK: %[[S2:.*]] = rasp.select %{{.*}}, %{{.*}}, ge
  // CHECK: %[[AND:.*]] = rasp.select_and %[[S1]], %[[S2]]
  // CHECK: %[[OR:.*]] = rasp.select_or %[[AND]], %[[S1]]
  // CHECK: %[[NOT:.*]] = rasp.select_not %[[OR]]
  // CHECK: rasp.aggregate %[[NOT]], %{{.*}} default("none")
  %s1 = rasp.select %tokens, %tokens, lt : !rasp.sop<categorical>, !rasp.sop<categorical>
  %s2 = rasp.select %tokens, %tokens, ge : !rasp.sop<categorical>, !rasp.sop<categorical>
  %and = rasp.select_and %s1, %s2
  %or = rasp.select_or %and, %s1
  %not = rasp.select_not %or
  %agg = rasp.aggregate %not, %s default("none") : !rasp.sop<numerical> -> !rasp.sop<numerical>
  rasp.output %agg : !rasp.sop<numerical>
}
