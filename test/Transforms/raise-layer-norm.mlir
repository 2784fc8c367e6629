// tfc-raise-layer-norm: layer normalization spelled with reductions becomes tfc.layer_norm.
// RUN: tfc-opt %s -split-input-file --tfc-raise-layer-norm --canonicalize | FileCheck %s

// The form of exports before opset 17: Pow(d, 2), Div by Sqrt, scale and shift.
// CHECK-LABEL: func.func @decomposed
// CHECK-NEXT: %[[N:.*]] = tfc.layer_norm %arg0, %arg1, %arg2 {axis = 2 : i64, epsilon = 9.9999999747524271E-7 : f64} : (tensor<2x5x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
// CHECK-NEXT: return %[[N]]
func.func @decomposed(%x: tensor<2x5x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<2x5x8xf32> {
  %two = tfc.constant dense<2.0> : tensor<f32>
  %eps = tfc.constant dense<1.0e-6> : tensor<f32>
  %m = tfc.reduce_mean %x {axes = array<i64: 2>} : tensor<2x5x8xf32> -> tensor<2x5x1xf32>
  %d = tfc.sub %x, %m : (tensor<2x5x8xf32>, tensor<2x5x1xf32>) -> tensor<2x5x8xf32>
  %sq = tfc.pow %d, %two : (tensor<2x5x8xf32>, tensor<f32>) -> tensor<2x5x8xf32>
  %v = tfc.reduce_mean %sq {axes = array<i64: 2>} : tensor<2x5x8xf32> -> tensor<2x5x1xf32>
  %ve = tfc.add %v, %eps : (tensor<2x5x1xf32>, tensor<f32>) -> tensor<2x5x1xf32>
  %s = tfc.sqrt %ve : tensor<2x5x1xf32>
  %n = tfc.div %d, %s : (tensor<2x5x8xf32>, tensor<2x5x1xf32>) -> tensor<2x5x8xf32>
  %y = tfc.mul %n, %g : (tensor<2x5x8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  %z = tfc.add %y, %b : (tensor<2x5x8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return %z : tensor<2x5x8xf32>
}

// -----

// d * d, a product with Reciprocal, no scale or shift (scale 1 is made up).
// CHECK-LABEL: func.func @reciprocal_no_affine
// CHECK: %[[ONES:.*]] = tfc.constant dense<1.000000e+00> : tensor<8xf32>
// CHECK: %[[N:.*]] = tfc.layer_norm %arg0, %[[ONES]] {axis = 1 : i64, epsilon = 9.9999997473787516E-6 : f64}
// CHECK-NEXT: return %[[N]]
func.func @reciprocal_no_affine(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %eps = tfc.constant dense<1.0e-5> : tensor<f32>
  %m = tfc.reduce_mean %x {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %d = tfc.sub %x, %m : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %sq = tfc.mul %d, %d : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %v = tfc.reduce_mean %sq {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %ve = tfc.add %eps, %v : (tensor<f32>, tensor<4x1xf32>) -> tensor<4x1xf32>
  %s = tfc.sqrt %ve : tensor<4x1xf32>
  %r = tfc.reciprocal %s : tensor<4x1xf32>
  %n = tfc.mul %d, %r : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n : tensor<4x8xf32>
}

// -----

// Must not fuse: the statistics are over a leading axis.
// CHECK-LABEL: func.func @wrong_axis
// CHECK-NOT: tfc.layer_norm
func.func @wrong_axis(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %eps = tfc.constant dense<1.0e-5> : tensor<f32>
  %m = tfc.reduce_mean %x {axes = array<i64: 0>} : tensor<4x8xf32> -> tensor<1x8xf32>
  %d = tfc.sub %x, %m : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  %sq = tfc.mul %d, %d : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %v = tfc.reduce_mean %sq {axes = array<i64: 0>} : tensor<4x8xf32> -> tensor<1x8xf32>
  %ve = tfc.add %v, %eps : (tensor<1x8xf32>, tensor<f32>) -> tensor<1x8xf32>
  %s = tfc.sqrt %ve : tensor<1x8xf32>
  %n = tfc.div %d, %s : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  return %n : tensor<4x8xf32>
}

// -----

// Must not fuse: the variance is used elsewhere.
// CHECK-LABEL: func.func @extra_use
// CHECK-NOT: tfc.layer_norm
func.func @extra_use(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x1xf32>) {
  %eps = tfc.constant dense<1.0e-5> : tensor<f32>
  %m = tfc.reduce_mean %x {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %d = tfc.sub %x, %m : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %sq = tfc.mul %d, %d : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %v = tfc.reduce_mean %sq {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %ve = tfc.add %v, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = tfc.sqrt %ve : tensor<4x1xf32>
  %n = tfc.div %d, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n, %v : tensor<4x8xf32>, tensor<4x1xf32>
}

// -----

// Must not fuse: the scale varies along a dimension that is not normalized; the
// normalization itself still fuses, with the scale applied after it.
// CHECK-LABEL: func.func @scale_mismatch
// CHECK: %[[N:.*]] = tfc.layer_norm %arg0
// CHECK: tfc.mul %[[N]], %arg1
func.func @scale_mismatch(%x: tensor<4x8xf32>, %g: tensor<4x1xf32>) -> tensor<4x8xf32> {
  %eps = tfc.constant dense<1.0e-5> : tensor<f32>
  %m = tfc.reduce_mean %x {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %d = tfc.sub %x, %m : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %sq = tfc.mul %d, %d : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %v = tfc.reduce_mean %sq {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %ve = tfc.add %v, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = tfc.sqrt %ve : tensor<4x1xf32>
  %n = tfc.div %d, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %y = tfc.mul %n, %g : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
