// With report-near-misses, a rotation that does not become a rotary embedding says why.
// RUN: tfc-opt %s -split-input-file --tfc-raise-rotary=report-near-misses -verify-diagnostics

// The halves of another tensor than the one multiplied by cos.
func.func @other_tensor(%x: tensor<3x5x8xf32>, %z: tensor<3x5x8xf32>, %cos: tensor<5x8xf32>,
                        %sin: tensor<5x8xf32>) -> tensor<3x5x8xf32> {
  %xc = tfc.mul %x, %cos : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  %x1 = tfc.slice %z {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %x2 = tfc.slice %z {offsets = array<i64: 0, 0, 4>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %n = tfc.neg %x2 : tensor<3x5x4xf32>
  %rot = tfc.concat %n, %x1 {axis = 2 : i64} : (tensor<3x5x4xf32>, tensor<3x5x4xf32>) -> tensor<3x5x8xf32>
  %rs = tfc.mul %rot, %sin : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  // expected-remark @+1 {{near miss: rotary_embedding: the rotated halves are not those of the tensor multiplied by cos}}
  %y = tfc.add %xc, %rs : (tensor<3x5x8xf32>, tensor<3x5x8xf32>) -> tensor<3x5x8xf32>
  return %y : tensor<3x5x8xf32>
}

// -----

// One angle per position, stretched over the features: not a table per feature.
func.func @stretched_angles(%x: tensor<3x5x8xf32>, %cos: tensor<5x1xf32>,
                            %sin: tensor<5x8xf32>) -> tensor<3x5x8xf32> {
  %xc = tfc.mul %x, %cos : (tensor<3x5x8xf32>, tensor<5x1xf32>) -> tensor<3x5x8xf32>
  %x1 = tfc.slice %x {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %x2 = tfc.slice %x {offsets = array<i64: 0, 0, 4>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %n = tfc.neg %x2 : tensor<3x5x4xf32>
  %rot = tfc.concat %n, %x1 {axis = 2 : i64} : (tensor<3x5x4xf32>, tensor<3x5x4xf32>) -> tensor<3x5x8xf32>
  %rs = tfc.mul %rot, %sin : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  // expected-remark @+1 {{near miss: rotary_embedding: cos or sin does not broadcast to the input with its last dimension}}
  %y = tfc.add %xc, %rs : (tensor<3x5x8xf32>, tensor<3x5x8xf32>) -> tensor<3x5x8xf32>
  return %y : tensor<3x5x8xf32>
}

// -----

// x * cos is read again.
func.func @product_reused(%x: tensor<3x5x8xf32>, %cos: tensor<5x8xf32>, %sin: tensor<5x8xf32>)
    -> (tensor<3x5x8xf32>, tensor<3x5x8xf32>) {
  %xc = tfc.mul %x, %cos : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  %x1 = tfc.slice %x {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %x2 = tfc.slice %x {offsets = array<i64: 0, 0, 4>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %n = tfc.neg %x2 : tensor<3x5x4xf32>
  %rot = tfc.concat %n, %x1 {axis = 2 : i64} : (tensor<3x5x4xf32>, tensor<3x5x4xf32>) -> tensor<3x5x8xf32>
  %rs = tfc.mul %rot, %sin : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  // expected-remark @+1 {{near miss: rotary_embedding: a product is used elsewhere}}
  %y = tfc.add %xc, %rs : (tensor<3x5x8xf32>, tensor<3x5x8xf32>) -> tensor<3x5x8xf32>
  return %y, %xc : tensor<3x5x8xf32>, tensor<3x5x8xf32>
}

// -----

// Interleaved halves taken with the wrong stride.
func.func @wrong_stride(%x: tensor<3x5x8xf32>, %cos: tensor<5x8xf32>, %sin: tensor<5x8xf32>)
    -> tensor<3x5x8xf32> {
  %xc = tfc.mul %x, %cos : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  %x1 = tfc.slice %x {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %x2 = tfc.slice %x {offsets = array<i64: 0, 0, 4>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %n = tfc.neg %x2 : tensor<3x5x4xf32>
  %a = tfc.unsqueeze %n {axes = array<i64: 3>} : tensor<3x5x4xf32> -> tensor<3x5x4x1xf32>
  %b = tfc.unsqueeze %x1 {axes = array<i64: 3>} : tensor<3x5x4xf32> -> tensor<3x5x4x1xf32>
  %s = tfc.concat %a, %b {axis = 3 : i64} : (tensor<3x5x4x1xf32>, tensor<3x5x4x1xf32>) -> tensor<3x5x4x2xf32>
  %rot = tfc.reshape %s {shape = array<i64: 3, 5, 8>} : tensor<3x5x4x2xf32> -> tensor<3x5x8xf32>
  %rs = tfc.mul %rot, %sin : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  // expected-remark @+1 {{near miss: rotary_embedding: the rotated halves are not those of the tensor multiplied by cos}}
  %y = tfc.add %xc, %rs : (tensor<3x5x8xf32>, tensor<3x5x8xf32>) -> tensor<3x5x8xf32>
  return %y : tensor<3x5x8xf32>
}
