// With report-near-misses, a partial GELU match that does not fuse says why.
// RUN: tfc-opt %s -split-input-file --tfc-raise-gelu=report-near-misses -verify-diagnostics

func.func @other_use(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %sqrt2 = tfc.constant dense<1.41421354> : tensor<f32>
  %one = tfc.constant dense<1.0> : tensor<f32>
  %half = tfc.constant dense<0.5> : tensor<f32>
  %0 = tfc.div %x, %sqrt2 : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %1 = tfc.erf %0 : tensor<8xf32>
  %2 = tfc.add %1, %one : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %3 = tfc.mul %x, %2 : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  // expected-remark @+1 {{near miss: gelu: an intermediate value has another use}}
  %4 = tfc.mul %3, %half : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  return %4, %1 : tensor<8xf32>, tensor<8xf32>
}

// -----

func.func @wrong_half(%x: tensor<8xf32>) -> tensor<8xf32> {
  %sqrt2 = tfc.constant dense<1.41421354> : tensor<f32>
  %one = tfc.constant dense<1.0> : tensor<f32>
  %third = tfc.constant dense<0.333> : tensor<f32>
  %0 = tfc.div %x, %sqrt2 : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %1 = tfc.erf %0 : tensor<8xf32>
  %2 = tfc.add %1, %one : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %3 = tfc.mul %x, %2 : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  // expected-remark @+1 {{near miss: gelu: the product is not 0.5 * x * (1 + erf(...)) with the same x}}
  %4 = tfc.mul %3, %third : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  return %4 : tensor<8xf32>
}

// -----

func.func @wrong_scale(%x: tensor<8xf32>) -> tensor<8xf32> {
  %two = tfc.constant dense<2.0> : tensor<f32>
  %one = tfc.constant dense<1.0> : tensor<f32>
  %half = tfc.constant dense<0.5> : tensor<f32>
  %0 = tfc.div %x, %two : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %1 = tfc.erf %0 : tensor<8xf32>
  %2 = tfc.add %1, %one : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %3 = tfc.mul %x, %2 : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  // expected-remark @+1 {{near miss: gelu: the argument of erf is not x / sqrt(2) (or has another use)}}
  %4 = tfc.mul %3, %half : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  return %4 : tensor<8xf32>
}
