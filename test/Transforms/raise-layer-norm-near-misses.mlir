// With report-near-misses, a centering x - mean(x) that does not become a layer norm says why.
// RUN: tfc-opt %s -split-input-file --tfc-raise-layer-norm=report-near-misses -verify-diagnostics

func.func @variance_reused(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x1xf32>) {
  %eps = tfc.constant dense<1.0e-5> : tensor<f32>
  %m = tfc.reduce_mean %x {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  // expected-remark @+1 {{near miss: layer_norm: the variance is not followed by + epsilon}}
  %d = tfc.sub %x, %m : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %sq = tfc.mul %d, %d : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %v = tfc.reduce_mean %sq {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %ve = tfc.add %v, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = tfc.sqrt %ve : tensor<4x1xf32>
  %n = tfc.div %d, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n, %v : tensor<4x8xf32>, tensor<4x1xf32>
}

// -----

func.func @leading_axis(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %m = tfc.reduce_mean %x {axes = array<i64: 0>} : tensor<4x8xf32> -> tensor<1x8xf32>
  // expected-remark @+1 {{near miss: layer_norm: the mean is not over the trailing dimensions}}
  %d = tfc.sub %x, %m : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  return %d : tensor<4x8xf32>
}

// -----

// The square is read by nothing: there is no variance to find (and no crash looking for it).
func.func @dead_square(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %m = tfc.reduce_mean %x {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  // expected-remark @+1 {{near miss: layer_norm: the square is not averaged over the same axes}}
  %d = tfc.sub %x, %m : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %sq = tfc.mul %d, %d : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %n = tfc.div %d, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %n : tensor<4x8xf32>
}
