// With report-near-misses, a mean of a square that does not become an RMS norm says why.
// RUN: tfc-opt %s -split-input-file --tfc-raise-rms-norm=report-near-misses -verify-diagnostics

func.func @other_tensor(%x: tensor<4x8xf32>, %z: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %eps = tfc.constant dense<1.0e-5> : tensor<f32>
  %sq = tfc.mul %x, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  // expected-remark @+1 {{near miss: rms_norm: x is not divided by the root mean square}}
  %m = tfc.reduce_mean %sq {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %me = tfc.add %m, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = tfc.sqrt %me : tensor<4x1xf32>
  %n = tfc.div %z, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n : tensor<4x8xf32>
}

// -----

func.func @reused(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x1xf32>) {
  %eps = tfc.constant dense<1.0e-5> : tensor<f32>
  %sq = tfc.mul %x, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  // expected-remark @+1 {{near miss: rms_norm: the square or its mean has another use}}
  %m = tfc.reduce_mean %sq {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %me = tfc.add %m, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = tfc.sqrt %me : tensor<4x1xf32>
  %n = tfc.div %x, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n, %m : tensor<4x8xf32>, tensor<4x1xf32>
}

// -----

// 2 / sqrt is not the reciprocal of the root.
func.func @two_over_root(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %eps = tfc.constant dense<1.0e-5> : tensor<f32>
  %two = tfc.constant dense<2.0> : tensor<f32>
  %sq = tfc.mul %x, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  // expected-remark @+1 {{near miss: rms_norm: x is not divided by the root mean square}}
  %m = tfc.reduce_mean %sq {axes = array<i64: 1>} : tensor<4x8xf32> -> tensor<4x1xf32>
  %me = tfc.add %m, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = tfc.sqrt %me : tensor<4x1xf32>
  %r = tfc.div %two, %s : (tensor<f32>, tensor<4x1xf32>) -> tensor<4x1xf32>
  %n = tfc.mul %x, %r : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n : tensor<4x8xf32>
}
