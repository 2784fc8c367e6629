// tfc-merge-projections: matmuls of one input by same-shaped constant weights (with constant
// biases) become one matmul, one add and a slice per original result.
// RUN: tfc-opt %s --tfc-merge-projections --split-input-file | FileCheck %s

// Q, K and V with biases: weights and biases side by side, column blocks in order.
// CHECK-LABEL: func.func @qkv
// CHECK: %[[W:.*]] = tfc.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 5.000000e+00, 6.000000e+00, 9.000000e+00, 1.000000e+01], [3.000000e+00, 4.000000e+00, 7.000000e+00, 8.000000e+00, 1.100000e+01, 1.200000e+01]]> : tensor<2x6xf32>
// CHECK: %[[M:.*]] = tfc.matmul %arg0, %[[W]] : (tensor<3x4x2xf32>, tensor<2x6xf32>) -> tensor<3x4x6xf32>
// CHECK: %[[B:.*]] = tfc.constant dense<[1.000000e-01, 2.000000e-01, 3.000000e-01, 4.000000e-01, 5.000000e-01, 6.000000e-01]> : tensor<6xf32>
// CHECK: %[[A:.*]] = tfc.add %[[M]], %[[B]] : (tensor<3x4x6xf32>, tensor<6xf32>) -> tensor<3x4x6xf32>
// CHECK: %[[Q:.*]] = tfc.slice %[[A]] {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 3, 4, 2>, strides = array<i64: 1, 1, 1>}
// CHECK: %[[K:.*]] = tfc.slice %[[A]] {offsets = array<i64: 0, 0, 2>, sizes = array<i64: 3, 4, 2>
// CHECK: %[[V:.*]] = tfc.slice %[[A]] {offsets = array<i64: 0, 0, 4>, sizes = array<i64: 3, 4, 2>
// CHECK-NOT: tfc.matmul
// CHECK: return %[[Q]], %[[K]], %[[V]]
func.func @qkv(%x: tensor<3x4x2xf32>) -> (tensor<3x4x2xf32>, tensor<3x4x2xf32>, tensor<3x4x2xf32>) {
  %wq = tfc.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %wk = tfc.constant dense<[[5.0, 6.0], [7.0, 8.0]]> : tensor<2x2xf32>
  %wv = tfc.constant dense<[[9.0, 10.0], [11.0, 12.0]]> : tensor<2x2xf32>
  %bq = tfc.constant dense<[0.1, 0.2]> : tensor<2xf32>
  %bk = tfc.constant dense<[0.3, 0.4]> : tensor<2xf32>
  %bv = tfc.constant dense<[0.5, 0.6]> : tensor<2xf32>
  %q0 = tfc.matmul %x, %wq : (tensor<3x4x2xf32>, tensor<2x2xf32>) -> tensor<3x4x2xf32>
  %q = tfc.add %q0, %bq : (tensor<3x4x2xf32>, tensor<2xf32>) -> tensor<3x4x2xf32>
  %k0 = tfc.matmul %x, %wk : (tensor<3x4x2xf32>, tensor<2x2xf32>) -> tensor<3x4x2xf32>
  %k = tfc.add %bk, %k0 : (tensor<2xf32>, tensor<3x4x2xf32>) -> tensor<3x4x2xf32>
  %v0 = tfc.matmul %x, %wv : (tensor<3x4x2xf32>, tensor<2x2xf32>) -> tensor<3x4x2xf32>
  %v = tfc.add %v0, %bv : (tensor<3x4x2xf32>, tensor<2xf32>) -> tensor<3x4x2xf32>
  return %q, %k, %v : tensor<3x4x2xf32>, tensor<3x4x2xf32>, tensor<3x4x2xf32>
}

// -----

// Not merged: different inputs, different weight shapes, one projection with a bias and one
// without, a weight that is not a constant.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-7: tfc.matmul
// CHECK-NOT: tfc.slice
func.func @left_alone(%x: tensor<4x2xf32>, %y: tensor<4x2xf32>, %w: tensor<2x2xf32>)
    -> (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x3xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>) {
  %a = tfc.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %c = tfc.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %b = tfc.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %0 = tfc.matmul %x, %a : (tensor<4x2xf32>, tensor<2x2xf32>) -> tensor<4x2xf32>
  %1 = tfc.matmul %y, %a : (tensor<4x2xf32>, tensor<2x2xf32>) -> tensor<4x2xf32>
  %2 = tfc.matmul %x, %c : (tensor<4x2xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %3 = tfc.matmul %y, %c : (tensor<4x2xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %4 = tfc.add %3, %3 : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %5 = tfc.matmul %x, %w : (tensor<4x2xf32>, tensor<2x2xf32>) -> tensor<4x2xf32>
  %z = tfc.add %x, %x : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  %6 = tfc.matmul %z, %a : (tensor<4x2xf32>, tensor<2x2xf32>) -> tensor<4x2xf32>
  %7 = tfc.add %6, %b : (tensor<4x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %8 = tfc.matmul %z, %a : (tensor<4x2xf32>, tensor<2x2xf32>) -> tensor<4x2xf32>
  %s = tfc.add %7, %8 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  return %0, %1, %2, %5, %s, %z : tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x3xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>
}
