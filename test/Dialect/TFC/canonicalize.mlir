// Folding of every tfc op: constant evaluation and algebraic identities.
// RUN: tfc-opt %s -split-input-file -canonicalize | FileCheck %s

// CHECK-LABEL: func.func @unary_float
// CHECK-DAG: tfc.constant dense<[1.000000e+00, 2.71828175]> : tensor<2xf32>
// CHECK-DAG: tfc.constant dense<[0.000000e+00, 1.000000e+00]> : tensor<2xf32>
// CHECK-DAG: tfc.constant dense<[5.000000e-01, 0.731058597]> : tensor<2xf32>
// CHECK-DAG: tfc.constant dense<[0.000000e+00, 0.842700779]> : tensor<2xf32>
// CHECK-DAG: tfc.constant dense<[0.000000e+00, 0.761594176]> : tensor<2xf32>
// CHECK-DAG: tfc.constant dense<[0x7F800000, 1.000000e+00]> : tensor<2xf32>
// CHECK-DAG: tfc.constant dense<[0xFF800000, 0.000000e+00]> : tensor<2xf32>
// CHECK-NOT: tfc.exp
func.func @unary_float() -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>,
                             tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %x = tfc.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %0 = tfc.exp %x : tensor<2xf32>
  %1 = tfc.sqrt %x : tensor<2xf32>
  %2 = tfc.sigmoid %x : tensor<2xf32>
  %3 = tfc.erf %x : tensor<2xf32>
  %4 = tfc.tanh %x : tensor<2xf32>
  %5 = tfc.reciprocal %x : tensor<2xf32>
  %6 = tfc.log %x : tensor<2xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @unary_int
// CHECK-DAG: tfc.constant dense<[0, 5]> : tensor<2xi8>
// CHECK-DAG: tfc.constant dense<[-128, 5]> : tensor<2xi8>
// CHECK-DAG: tfc.constant dense<[-128, -5]> : tensor<2xi8>
// CHECK-DAG: tfc.constant dense<[0.000000e+00, 5.000000e+00]> : tensor<2xf16>
func.func @unary_int() -> (tensor<2xi8>, tensor<2xi8>, tensor<2xi8>, tensor<2xf16>) {
  %x = tfc.constant dense<[-128, 5]> : tensor<2xi8>
  %h = tfc.constant dense<[-1.0, 5.0]> : tensor<2xf16>
  %0 = tfc.relu %x : tensor<2xi8>
  %1 = tfc.abs %x : tensor<2xi8>
  %2 = tfc.neg %x : tensor<2xi8>
  %3 = tfc.relu %h : tensor<2xf16>
  return %0, %1, %2, %3 : tensor<2xi8>, tensor<2xi8>, tensor<2xi8>, tensor<2xf16>
}

// -----

// CHECK-LABEL: func.func @neg_neg_and_abs_unsigned
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>, %[[U:.*]]: tensor<3xui8>)
// CHECK-NEXT: return %[[X]], %[[U]]
func.func @neg_neg_and_abs_unsigned(%x: tensor<3xf32>, %u: tensor<3xui8>) -> (tensor<3xf32>, tensor<3xui8>) {
  %0 = tfc.neg %x : tensor<3xf32>
  %1 = tfc.neg %0 : tensor<3xf32>
  %2 = tfc.abs %u : tensor<3xui8>
  return %1, %2 : tensor<3xf32>, tensor<3xui8>
}

// -----

// CHECK-LABEL: func.func @binary_broadcast
// CHECK-DAG: tfc.constant dense<{{\[}}[1.100000e+01, 2.200000e+01], [1.300000e+01, 2.400000e+01]]> : tensor<2x2xf32>
// CHECK-DAG: tfc.constant dense<{{\[}}[-9.000000e+00, -1.800000e+01], [-7.000000e+00, -1.600000e+01]]> : tensor<2x2xf32>
// CHECK-DAG: tfc.constant dense<{{\[}}[1.000000e+01, 4.000000e+01], [3.000000e+01, 8.000000e+01]]> : tensor<2x2xf32>
// CHECK-DAG: tfc.constant dense<{{\[}}[1.000000e-01, 1.000000e-01], [3.000000e-01, 2.000000e-01]]> : tensor<2x2xf32>
// CHECK-DAG: tfc.constant dense<{{\[}}[1.000000e+00, 8.000000e+00], [9.000000e+00, 6.400000e+01]]> : tensor<2x2xf32>
func.func @binary_broadcast() -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  %a = tfc.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = tfc.constant dense<[10.0, 20.0]> : tensor<2xf32>
  %0 = tfc.add %a, %b : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %1 = tfc.sub %a, %b : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %2 = tfc.mul %a, %b : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %3 = tfc.div %a, %b : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %e = tfc.constant dense<[2.0, 3.0]> : tensor<2xf32>
  %4 = tfc.pow %a, %e : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %0, %1, %2, %3, %4 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func.func @integer_arith
// CHECK: %[[Z:.*]] = tfc.constant dense<0> : tensor<2xi32>
// CHECK-DAG: tfc.constant dense<[-126, 1]> : tensor<2xi8>
// CHECK-DAG: tfc.constant dense<[-3, 1]> : tensor<2xi32>
// CHECK-DAG: tfc.constant dense<[127, 1]> : tensor<2xui8>
// CHECK-DAG: tfc.constant dense<[8, 9]> : tensor<2xi64>
// CHECK: tfc.div %{{.*}}, %[[Z]]
func.func @integer_arith() -> (tensor<2xi8>, tensor<2xi32>, tensor<2xui8>, tensor<2xi64>, tensor<2xi32>) {
  %a = tfc.constant dense<[127, -128]> : tensor<2xi8>
  %b = tfc.constant dense<[3, -127]> : tensor<2xi8>
  %0 = tfc.add %a, %b : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi8>
  %c = tfc.constant dense<[-7, 7]> : tensor<2xi32>
  %d = tfc.constant dense<[2, 4]> : tensor<2xi32>
  %1 = tfc.div %c, %d : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %e = tfc.constant dense<[255, 9]> : tensor<2xui8>
  %f = tfc.constant dense<[2, 5]> : tensor<2xui8>
  %2 = tfc.div %e, %f : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xui8>
  %g = tfc.constant dense<[2, 3]> : tensor<2xi64>
  %h = tfc.constant dense<[3, 2]> : tensor<2xi64>
  %3 = tfc.pow %g, %h : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  %z = tfc.constant dense<0> : tensor<2xi32>
  %4 = tfc.div %c, %z : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0, %1, %2, %3, %4 : tensor<2xi8>, tensor<2xi32>, tensor<2xui8>, tensor<2xi64>, tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @identities
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>, %[[I:.*]]: tensor<3xi32>)
// CHECK: %[[ADD:.*]] = tfc.add %[[X]]
// CHECK: return %[[X]], %[[X]], %[[X]], %[[X]], %[[I]], %[[ADD]]
func.func @identities(%x: tensor<3xf32>, %i: tensor<3xi32>)
    -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xi32>, tensor<3xf32>) {
  %one = tfc.constant dense<1.0> : tensor<f32>
  %zero = tfc.constant dense<0.0> : tensor<f32>
  %izero = tfc.constant dense<0> : tensor<3xi32>
  %0 = tfc.mul %x, %one : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %1 = tfc.div %x, %one : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %2 = tfc.sub %x, %zero : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %3 = tfc.pow %x, %one : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %4 = tfc.add %izero, %i : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  // x + 0.0 is not x for floats (-0.0 + 0.0 is +0.0): it must stay.
  %5 = tfc.add %x, %zero : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xi32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @broadcast_identity_keeps_shape
// CHECK: tfc.mul
func.func @broadcast_identity_keeps_shape(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %one = tfc.constant dense<1.0> : tensor<2x3xf32>
  %0 = tfc.mul %x, %one : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @compare
// CHECK-DAG: tfc.constant dense<[false, true, false]> : tensor<3xi1>
// CHECK-DAG: tfc.constant dense<[true, false, false]> : tensor<3xi1>
// CHECK-DAG: tfc.constant dense<[false, false, true]> : tensor<3xi1>
// CHECK-DAG: tfc.constant dense<[false, true]> : tensor<2xi1>
func.func @compare() -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<2xi1>) {
  %a = tfc.constant dense<[1, 2, 3]> : tensor<3xi64>
  %b = tfc.constant dense<2> : tensor<i64>
  %0 = tfc.equal %a, %b : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
  %1 = tfc.less %a, %b : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
  %2 = tfc.greater %a, %b : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
  // 200 is above 100 as ui8 even though its bit pattern is negative as i8.
  %u = tfc.constant dense<[50, 200]> : tensor<2xui8>
  %v = tfc.constant dense<100> : tensor<ui8>
  %3 = tfc.greater %u, %v : (tensor<2xui8>, tensor<ui8>) -> tensor<2xi1>
  return %0, %1, %2, %3 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<2xi1>
}

// -----

// CHECK-LABEL: func.func @where
// CHECK-SAME: (%[[A:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK: %[[C:.*]] = tfc.constant dense<[1.000000e+00, 2.000000e+01, 3.000000e+00]>
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @where(%a: tensor<3xf32>, %b: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %t = tfc.constant dense<true> : tensor<i1>
  %f = tfc.constant dense<false> : tensor<3xi1>
  %0 = tfc.where %t, %a, %b : (tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = tfc.where %f, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %c = tfc.constant dense<[true, false, true]> : tensor<3xi1>
  %x = tfc.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %y = tfc.constant dense<[10.0, 20.0, 30.0]> : tensor<3xf32>
  %2 = tfc.where %c, %x, %y : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1, %2 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @cast
// CHECK-DAG: tfc.constant dense<[-2, 2, 0]> : tensor<3xi32>
// CHECK-DAG: tfc.constant dense<[true, true, false]> : tensor<3xi1>
// CHECK-DAG: tfc.constant dense<[255, 1]> : tensor<2xui8>
// CHECK-DAG: tfc.constant dense<[2.550000e+02, 1.000000e+00]> : tensor<2xf64>
// CHECK: %[[BIG:.*]] = tfc.cast %{{.*}} {to = i8}
// CHECK: return {{.*}}, %[[BIG]]
func.func @cast() -> (tensor<3xi32>, tensor<3xi1>, tensor<2xui8>, tensor<2xf64>, tensor<1xi8>) {
  %x = tfc.constant dense<[-2.7, 2.7, 0.0]> : tensor<3xf32>
  %0 = tfc.cast %x {to = i32} : tensor<3xf32> to tensor<3xi32>
  %1 = tfc.cast %x {to = i1} : tensor<3xf32> to tensor<3xi1>
  %i = tfc.constant dense<[-1, 257]> : tensor<2xi32>
  %2 = tfc.cast %i {to = ui8} : tensor<2xi32> to tensor<2xui8>
  %3 = tfc.cast %2 {to = f64} : tensor<2xui8> to tensor<2xf64>
  // Out of range for i8: undefined in ONNX, so it is not folded.
  %big = tfc.constant dense<300.0> : tensor<1xf32>
  %4 = tfc.cast %big {to = i8} : tensor<1xf32> to tensor<1xi8>
  return %0, %1, %2, %3, %4 : tensor<3xi32>, tensor<3xi1>, tensor<2xui8>, tensor<2xf64>, tensor<1xi8>
}

// -----

// CHECK-LABEL: func.func @cast_same_type
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @cast_same_type(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = tfc.cast %x {to = f32} : tensor<3xf32> to tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @matmul
// CHECK-DAG: tfc.constant dense<{{\[}}[1.900000e+01, 2.200000e+01], [4.300000e+01, 5.000000e+01]]> : tensor<2x2xf32>
// CHECK-DAG: tfc.constant dense<[1.700000e+01, 3.900000e+01]> : tensor<2xf32>
// CHECK-DAG: tfc.constant dense<{{\[}}[3, 4], [6, 8]]> : tensor<2x2xi32>
func.func @matmul() -> (tensor<2x2xf32>, tensor<2xf32>, tensor<2x2xi32>) {
  %a = tfc.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = tfc.constant dense<[[5.0, 6.0], [7.0, 8.0]]> : tensor<2x2xf32>
  %v = tfc.constant dense<[5.0, 6.0]> : tensor<2xf32>
  %0 = tfc.matmul %a, %b : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %1 = tfc.matmul %a, %v : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %c = tfc.constant dense<[[1], [2]]> : tensor<2x1xi32>
  %d = tfc.constant dense<[[3, 4]]> : tensor<1x2xi32>
  %2 = tfc.matmul %c, %d : (tensor<2x1xi32>, tensor<1x2xi32>) -> tensor<2x2xi32>
  return %0, %1, %2 : tensor<2x2xf32>, tensor<2xf32>, tensor<2x2xi32>
}

// -----

// CHECK-LABEL: func.func @batched_matmul
// CHECK: tfc.constant dense<{{\[}}{{\[}}[1.000000e+00, 2.000000e+00]], {{\[}}[6.000000e+00, 8.000000e+00]]]> : tensor<2x1x2xf32>
func.func @batched_matmul() -> tensor<2x1x2xf32> {
  %a = tfc.constant dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32>
  %b = tfc.constant dense<[[[1.0, 2.0]], [[3.0, 4.0]]]> : tensor<2x1x2xf32>
  %0 = tfc.matmul %a, %b : (tensor<2x1x1xf32>, tensor<2x1x2xf32>) -> tensor<2x1x2xf32>
  return %0 : tensor<2x1x2xf32>
}

// -----

// CHECK-LABEL: func.func @reductions
// CHECK-DAG: tfc.constant dense<{{\[}}[4.000000e+00, 6.000000e+00]]> : tensor<1x2xf32>
// CHECK-DAG: tfc.constant dense<[1.500000e+00, 3.500000e+00]> : tensor<2xf32>
// CHECK-DAG: tfc.constant dense<4> : tensor<i64>
func.func @reductions() -> (tensor<1x2xf32>, tensor<2xf32>, tensor<i64>) {
  %a = tfc.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %0 = tfc.reduce_sum %a {axes = array<i64: 0>} : tensor<2x2xf32> -> tensor<1x2xf32>
  %1 = tfc.reduce_mean %a {axes = array<i64: 1>, keepdims = false} : tensor<2x2xf32> -> tensor<2xf32>
  %i = tfc.constant dense<[[1, 4], [3, 2]]> : tensor<2x2xi64>
  %2 = tfc.reduce_max %i {axes = array<i64: 0, 1>, keepdims = false} : tensor<2x2xi64> -> tensor<i64>
  return %0, %1, %2 : tensor<1x2xf32>, tensor<2xf32>, tensor<i64>
}

// -----

// CHECK-LABEL: func.func @normalisations
// CHECK-DAG: tfc.constant dense<{{\[}}[0.268941432, 0.731058597], [5.000000e-01, 5.000000e-01]]> : tensor<2x2xf32>
// CHECK-DAG: tfc.constant dense<{{\[}}[-1.000000e+00, 3.000000e+00], [-1.000000e+00, 3.000000e+00]]> : tensor<2x2xf32>
func.func @normalisations() -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %a = tfc.constant dense<[[1.0, 2.0], [3.0, 3.0]]> : tensor<2x2xf32>
  %0 = tfc.softmax %a {axis = 1 : i64} : tensor<2x2xf32>
  %x = tfc.constant dense<[[1.0, 3.0], [5.0, 7.0]]> : tensor<2x2xf32>
  %g = tfc.constant dense<2.0> : tensor<2xf32>
  %b = tfc.constant dense<1.0> : tensor<2xf32>
  %1 = tfc.layer_norm %x, %g, %b {axis = 1 : i64, epsilon = 0.0 : f64} : (tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func.func @data_movement
// CHECK-DAG: tfc.constant dense<{{\[}}[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi32>
// CHECK-DAG: tfc.constant dense<[1, 2, 3, 4, 5, 6]> : tensor<6xi32>
// CHECK-DAG: tfc.constant dense<{{\[}}[1, 2, 3], [1, 2, 3]]> : tensor<2x3xi32>
// CHECK-DAG: tfc.constant dense<{{\[}}[1, 2, 3, 7], [4, 5, 6, 8]]> : tensor<2x4xi32>
// CHECK-DAG: tfc.constant dense<{{\[}}[6, 4]]> : tensor<1x2xi32>
// CHECK-DAG: tfc.constant dense<{{\[}}{{\[}}[4, 5, 6], [1, 2, 3]], {{\[}}[4, 5, 6], [4, 5, 6]]]> : tensor<2x2x3xi32>
// CHECK-DAG: tfc.constant dense<[2, 3]> : tensor<2xi64>
func.func @data_movement() -> (tensor<3x2xi32>, tensor<6xi32>, tensor<2x3xi32>, tensor<2x4xi32>,
                               tensor<1x2xi32>, tensor<2x2x3xi32>, tensor<2xi64>) {
  %a = tfc.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %0 = tfc.transpose %a {perm = array<i64: 1, 0>} : tensor<2x3xi32> -> tensor<3x2xi32>
  %1 = tfc.reshape %a {shape = array<i64: 6>} : tensor<2x3xi32> -> tensor<6xi32>
  %r = tfc.constant dense<[1, 2, 3]> : tensor<3xi32>
  %u = tfc.unsqueeze %r {axes = array<i64: 0>} : tensor<3xi32> -> tensor<1x3xi32>
  %2 = tfc.expand %u {shape = array<i64: 2, 1>} : tensor<1x3xi32> -> tensor<2x3xi32>
  %c = tfc.constant dense<[[7], [8]]> : tensor<2x1xi32>
  %3 = tfc.concat %a, %c {axis = 1 : i64} : (tensor<2x3xi32>, tensor<2x1xi32>) -> tensor<2x4xi32>
  %4 = tfc.slice %a {offsets = array<i64: 1, 2>, sizes = array<i64: 1, 2>, strides = array<i64: 1, -2>} : tensor<2x3xi32> -> tensor<1x2xi32>
  %idx = tfc.constant dense<[[1, 0], [-1, 1]]> : tensor<2x2xi64>
  %5 = tfc.gather %a, %idx {axis = 0 : i64} : (tensor<2x3xi32>, tensor<2x2xi64>) -> tensor<2x2x3xi32>
  %6 = tfc.shape %a : tensor<2x3xi32> -> tensor<2xi64>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<3x2xi32>, tensor<6xi32>, tensor<2x3xi32>, tensor<2x4xi32>, tensor<1x2xi32>, tensor<2x2x3xi32>, tensor<2xi64>
}

// -----

// CHECK-LABEL: func.func @splat_data_movement
// CHECK-DAG: tfc.constant dense<1.000000e+00> : tensor<3x2xf32>
// CHECK-DAG: tfc.constant dense<1.000000e+00> : tensor<4x2x3xf32>
func.func @splat_data_movement() -> (tensor<3x2xf32>, tensor<4x2x3xf32>) {
  %a = tfc.constant dense<1.0> : tensor<2x3xf32>
  %0 = tfc.transpose %a {perm = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  %1 = tfc.expand %a {shape = array<i64: 4, 1, 1>} : tensor<2x3xf32> -> tensor<4x2x3xf32>
  return %0, %1 : tensor<3x2xf32>, tensor<4x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @gather_out_of_range_not_folded
// CHECK: tfc.gather
func.func @gather_out_of_range_not_folded() -> tensor<1xi32> {
  %a = tfc.constant dense<[1, 2, 3]> : tensor<3xi32>
  %i = tfc.constant dense<[3]> : tensor<1xi64>
  %0 = tfc.gather %a, %i {axis = 0 : i64} : (tensor<3xi32>, tensor<1xi64>) -> tensor<1xi32>
  return %0 : tensor<1xi32>
}

// -----

// CHECK-LABEL: func.func @chains
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[T:.*]] = tfc.transpose %[[X]] {perm = array<i64: 2, 0, 1>}
// CHECK-NEXT: %[[R:.*]] = tfc.reshape %[[X]] {shape = array<i64: 24>}
// CHECK-NEXT: return %[[T]], %[[R]], %[[X]], %[[X]], %[[X]], %[[X]], %[[X]]
func.func @chains(%x: tensor<2x3x4xf32>)
    -> (tensor<4x2x3xf32>, tensor<24xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
        tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %0 = tfc.transpose %x {perm = array<i64: 1, 0, 2>} : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  %1 = tfc.transpose %0 {perm = array<i64: 2, 1, 0>} : tensor<3x2x4xf32> -> tensor<4x2x3xf32>
  %2 = tfc.unsqueeze %x {axes = array<i64: 0>} : tensor<2x3x4xf32> -> tensor<1x2x3x4xf32>
  %3 = tfc.reshape %2 {shape = array<i64: 24>} : tensor<1x2x3x4xf32> -> tensor<24xf32>
  %4 = tfc.transpose %x {perm = array<i64: 0, 1, 2>} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  %5 = tfc.reshape %x {shape = array<i64: 2, 3, 4>} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  %6 = tfc.expand %x {shape = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  %7 = tfc.concat %x {axis = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %8 = tfc.slice %x {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 2, 3, 4>, strides = array<i64: 1, 1, 1>} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return %1, %3, %4, %5, %6, %7, %8 : tensor<4x2x3xf32>, tensor<24xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// -----

// Transposes of constants move raw elements, whatever their width; i1 (bit-packed) takes the
// element-wise path.
// CHECK-LABEL: func.func @transpose_widths
// CHECK-DAG: tfc.constant dense<{{\[}}[1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]> : tensor<2x2xf16>
// CHECK-DAG: tfc.constant dense<{{\[}}{{\[}}[1, 4]], {{\[}}[2, 5]], {{\[}}[3, 6]]]> : tensor<3x1x2xi8>
// CHECK-DAG: tfc.constant dense<{{\[}}[true, false], [true, true]]> : tensor<2x2xi1>
// CHECK-NOT: tfc.transpose
func.func @transpose_widths() -> (tensor<2x2xf16>, tensor<3x1x2xi8>, tensor<2x2xi1>) {
  %h = tfc.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf16>
  %0 = tfc.transpose %h {perm = array<i64: 1, 0>} : tensor<2x2xf16> -> tensor<2x2xf16>
  %b = tfc.constant dense<[[[1, 2, 3]], [[4, 5, 6]]]> : tensor<2x1x3xi8>
  %1 = tfc.transpose %b {perm = array<i64: 2, 1, 0>} : tensor<2x1x3xi8> -> tensor<3x1x2xi8>
  %p = tfc.constant dense<[[true, true], [false, true]]> : tensor<2x2xi1>
  %2 = tfc.transpose %p {perm = array<i64: 1, 0>} : tensor<2x2xi1> -> tensor<2x2xi1>
  return %0, %1, %2 : tensor<2x2xf16>, tensor<3x1x2xi8>, tensor<2x2xi1>
}

// -----

// CumSum of a constant (Hugging Face's packed-sequence check runs one over a row of ones):
// plain, exclusive and reversed along the rows; f32 sums round at every step as the loop's
// do (2^24 + 1 + 1 stays 2^24, all three 0x4B800000); f16 is left to the loop.
// CHECK-LABEL: func.func @cumsum
// CHECK-DAG: tfc.constant dense<{{\[}}[1, 2, 3, 4], [2, 4, 6, 8]]> : tensor<2x4xi64>
// CHECK-DAG: tfc.constant dense<{{\[}}[3, 2, 1, 0], [6, 4, 2, 0]]> : tensor<2x4xi64>
// CHECK-DAG: tfc.constant dense<0x4B800000> : tensor<3xf32>
// CHECK: tfc.cumsum %{{.*}} : tensor<2xf16>
// CHECK-NOT: tfc.cumsum
func.func @cumsum() -> (tensor<2x4xi64>, tensor<2x4xi64>, tensor<3xf32>, tensor<2xf16>) {
  %c = tfc.constant dense<[[1, 1, 1, 1], [2, 2, 2, 2]]> : tensor<2x4xi64>
  %0 = tfc.cumsum %c {axis = 1 : i64} : tensor<2x4xi64>
  %1 = tfc.cumsum %c {axis = 1 : i64, exclusive = true, reverse = true} : tensor<2x4xi64>
  %f = tfc.constant dense<[1.6777216E+7, 1.0, 1.0]> : tensor<3xf32>
  %2 = tfc.cumsum %f {axis = 0 : i64} : tensor<3xf32>
  %h = tfc.constant dense<[1.0, 2.0]> : tensor<2xf16>
  %3 = tfc.cumsum %h {axis = 0 : i64} : tensor<2xf16>
  return %0, %1, %2, %3 : tensor<2x4xi64>, tensor<2x4xi64>, tensor<3xf32>, tensor<2xf16>
}
