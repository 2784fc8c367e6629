// tfc-raise-rms-norm: T5's and LLaMA's norm spelled with reductions becomes tfc.rms_norm.
// RUN: tfc-opt %s -split-input-file --tfc-raise-rms-norm --canonicalize | FileCheck %s

// T5's export: Pow(x, 2), ReduceMean, + eps, Sqrt, Reciprocal, x * r, weight * y.
// CHECK-LABEL: func.func @t5
// CHECK-NEXT: %[[N:.*]] = tfc.rms_norm %arg0, %arg1 {axis = 2 : i64, epsilon = 9.9999999747524271E-7 : f64} : (tensor<2x5x8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
// CHECK-NEXT: return %[[N]]
func.func @t5(%x: tensor<2x5x8xf32>, %w: tensor<8xf32>) -> tensor<2x5x8xf32> {
  %two = tfc.constant dense<2.0> : tensor<f32>
  %eps = tfc.constant dense<1.0e-6> : tensor<f32>
  %sq = tfc.pow %x, %two : (tensor<2x5x8xf32>, tensor<f32>) -> tensor<2x5x8xf32>
  %m = tfc.reduce_mean %sq {axes = array<i64: 2>} : tensor<2x5x8xf32> -> tensor<2x5x1xf32>
  %me = tfc.add %m, %eps : (tensor<2x5x1xf32>, tensor<f32>) -> tensor<2x5x1xf32>
  %s = tfc.sqrt %me : tensor<2x5x1xf32>
  %r = tfc.reciprocal %s : tensor<2x5x1xf32>
  %n = tfc.mul %x, %r : (tensor<2x5x8xf32>, tensor<2x5x1xf32>) -> tensor<2x5x8xf32>
  %y = tfc.mul %w, %n : (tensor<8xf32>, tensor<2x5x8xf32>) -> tensor<2x5x8xf32>
  return %y : tensor<2x5x8xf32>
}

// -----

// LLaMA's PyTorch export: rsqrt as 1 / Sqrt, then x * r and weight * y.
// CHECK-LABEL: func.func @llama_rsqrt
// CHECK-NEXT: %[[N:.*]] = tfc.rms_norm %arg0, %arg1 {axis = 2 : i64
// CHECK-NEXT: return %[[N]]
func.func @llama_rsqrt(%x: tensor<2x5x8xf32>, %w: tensor<8xf32>) -> tensor<2x5x8xf32> {
  %two = tfc.constant dense<2.0> : tensor<f32>
  %eps = tfc.constant dense<1.0e-6> : tensor<f32>
  %one = tfc.constant dense<1.0> : tensor<f32>
  %sq = tfc.pow %x, %two : (tensor<2x5x8xf32>, tensor<f32>) -> tensor<2x5x8xf32>
  %m = tfc.reduce_mean %sq {axes = array<i64: 2>} : tensor<2x5x8xf32> -> tensor<2x5x1xf32>
  %me = tfc.add %m, %eps : (tensor<2x5x1xf32>, tensor<f32>) -> tensor<2x5x1xf32>
  %s = tfc.sqrt %me : tensor<2x5x1xf32>
  %r = tfc.div %one, %s : (tensor<f32>, tensor<2x5x1xf32>) -> tensor<2x5x1xf32>
  %n = tfc.mul %x, %r : (tensor<2x5x8xf32>, tensor<2x5x1xf32>) -> tensor<2x5x8xf32>
  %y = tfc.mul %w, %n : (tensor<8xf32>, tensor<2x5x8xf32>) -> tensor<2x5x8xf32>
  return %y : tensor<2x5x8xf32>
}

// -----

// x * x and a Div, no weight (a weight of ones is made up).
// CHECK-LABEL: func.func @div_no_weight
// CHECK: %[[ONES:.*]] = tfc.constant dense<1.000000e+00> : tensor<8xf32>
// CHECK: tfc.rms_norm %arg0, %[[ONES]] {axis = 1 : i64
func.func @div_no_weight(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %eps = tfc.constant dense<1.0e-5> : tensor<f32>
  %sq = tfc.mul %x, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %m = tfc.reduce_mean %sq {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %me = tfc.add %eps, %m : (tensor<f32>, tensor<4x1xf32>) -> tensor<4x1xf32>
  %s = tfc.sqrt %me : tensor<4x1xf32>
  %n = tfc.div %x, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n : tensor<4x8xf32>
}

// -----

// Must not fuse: a different tensor is divided, or the mean square is used elsewhere.
// CHECK-LABEL: func.func @must_not_fuse
// CHECK-NOT: tfc.rms_norm
func.func @must_not_fuse(%x: tensor<4x8xf32>, %z: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x1xf32>) {
  %eps = tfc.constant dense<1.0e-5> : tensor<f32>
  %sq = tfc.mul %x, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %m = tfc.reduce_mean %sq {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %me = tfc.add %m, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = tfc.sqrt %me : tensor<4x1xf32>
  %n = tfc.div %z, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %sq2 = tfc.mul %z, %z : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %m2 = tfc.reduce_mean %sq2 {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %me2 = tfc.add %m2, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s2 = tfc.sqrt %me2 : tensor<4x1xf32>
  %n2 = tfc.div %z, %s2 : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n, %n2, %m2 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x1xf32>
}
