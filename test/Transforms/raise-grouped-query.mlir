// tfc-raise-grouped-query: an attention whose key and value repeat each of Hkv heads R times
// (Hugging Face's repeat_kv) reads the Hkv heads directly.
// RUN: tfc-opt %s -split-input-file --tfc-raise-grouped-query --canonicalize | FileCheck %s

// LLaMA's export: unsqueeze, expand, reshape; 2 key/value heads for 4 query heads.
// CHECK-LABEL: func.func @repeat_kv
// CHECK-NOT: tfc.expand
// CHECK: %[[A:.*]] = tfc.attention %arg0, %arg1, %arg2 {scale = 1.250000e-01 : f64} : (tensor<1x4x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x6xf32>) -> tensor<1x4x5x6xf32>
// CHECK-NEXT: return %[[A]]
func.func @repeat_kv(%q: tensor<1x4x5x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x6xf32>) -> tensor<1x4x5x6xf32> {
  %ku = tfc.unsqueeze %k {axes = array<i64: 2>} : tensor<1x2x7x8xf32> -> tensor<1x2x1x7x8xf32>
  %ke = tfc.expand %ku {shape = array<i64: 1, 2, 2, 7, 8>} : tensor<1x2x1x7x8xf32> -> tensor<1x2x2x7x8xf32>
  %kr = tfc.reshape %ke {shape = array<i64: 1, 4, 7, 8>} : tensor<1x2x2x7x8xf32> -> tensor<1x4x7x8xf32>
  %vu = tfc.unsqueeze %v {axes = array<i64: 2>} : tensor<1x2x7x6xf32> -> tensor<1x2x1x7x6xf32>
  %ve = tfc.expand %vu {shape = array<i64: 1, 2, 2, 7, 6>} : tensor<1x2x1x7x6xf32> -> tensor<1x2x2x7x6xf32>
  %vr = tfc.reshape %ve {shape = array<i64: 1, 4, 7, 6>} : tensor<1x2x2x7x6xf32> -> tensor<1x4x7x6xf32>
  %a = tfc.attention %q, %kr, %vr {scale = 0.125 : f64} : (tensor<1x4x5x8xf32>, tensor<1x4x7x8xf32>, tensor<1x4x7x6xf32>) -> tensor<1x4x5x6xf32>
  return %a : tensor<1x4x5x6xf32>
}

// -----

// PyTorch's dynamo exporter: the repeated key reaches the attention as reshape to merged
// heads, transpose, reshape back and the attention's own transpose, which cancel.
// CHECK-LABEL: func.func @dynamo_key
// CHECK-NOT: tfc.expand
// CHECK: tfc.attention %arg0, %arg1, %arg2 {scale = 1.250000e-01 : f64} : (tensor<1x4x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x6xf32>) -> tensor<1x4x5x6xf32>
func.func @dynamo_key(%q: tensor<1x4x5x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x6xf32>) -> tensor<1x4x5x6xf32> {
  %ku = tfc.unsqueeze %k {axes = array<i64: 2>} : tensor<1x2x7x8xf32> -> tensor<1x2x1x7x8xf32>
  %ke = tfc.expand %ku {shape = array<i64: 1, 2, 2, 7, 8>} : tensor<1x2x1x7x8xf32> -> tensor<1x2x2x7x8xf32>
  %k3 = tfc.reshape %ke {shape = array<i64: 4, 7, 8>} : tensor<1x2x2x7x8xf32> -> tensor<4x7x8xf32>
  %kt = tfc.transpose %k3 {perm = array<i64: 0, 2, 1>} : tensor<4x7x8xf32> -> tensor<4x8x7xf32>
  %kt4 = tfc.reshape %kt {shape = array<i64: 1, 4, 8, 7>} : tensor<4x8x7xf32> -> tensor<1x4x8x7xf32>
  %kk = tfc.transpose %kt4 {perm = array<i64: 0, 1, 3, 2>} : tensor<1x4x8x7xf32> -> tensor<1x4x7x8xf32>
  %vu = tfc.unsqueeze %v {axes = array<i64: 2>} : tensor<1x2x7x6xf32> -> tensor<1x2x1x7x6xf32>
  %ve = tfc.expand %vu {shape = array<i64: 1, 2, 2, 7, 6>} : tensor<1x2x1x7x6xf32> -> tensor<1x2x2x7x6xf32>
  %vr = tfc.reshape %ve {shape = array<i64: 1, 4, 7, 6>} : tensor<1x2x2x7x6xf32> -> tensor<1x4x7x6xf32>
  %a = tfc.attention %q, %kk, %vr {scale = 0.125 : f64} : (tensor<1x4x5x8xf32>, tensor<1x4x7x8xf32>, tensor<1x4x7x6xf32>) -> tensor<1x4x5x6xf32>
  return %a : tensor<1x4x5x6xf32>
}

// -----

// The group axis inserted by a slice-like producer that is not an unsqueeze: a reshape of
// the expand's input recovers the heads. 3 query heads per key/value head, causal, masked.
// CHECK-LABEL: func.func @repeat_from_reshape
// CHECK: %[[K:.*]] = tfc.reshape %arg1 {shape = array<i64: 2, 1, 9, 4>} : tensor<2x9x4xf32> -> tensor<2x1x9x4xf32>
// CHECK: %[[V:.*]] = tfc.reshape %arg2 {shape = array<i64: 2, 1, 9, 4>}
// CHECK: tfc.attention %arg0, %[[K]], %[[V]], %arg3 {causal = true, scale = 5.000000e-01 : f64} : (tensor<2x3x5x4xf32>, tensor<2x1x9x4xf32>, tensor<2x1x9x4xf32>, tensor<2x1x1x9xf32>) -> tensor<2x3x5x4xf32>
func.func @repeat_from_reshape(%q: tensor<2x3x5x4xf32>, %k: tensor<2x9x4xf32>, %v: tensor<2x9x4xf32>, %m: tensor<2x1x1x9xf32>) -> tensor<2x3x5x4xf32> {
  %ku = tfc.reshape %k {shape = array<i64: 2, 1, 1, 9, 4>} : tensor<2x9x4xf32> -> tensor<2x1x1x9x4xf32>
  %ke = tfc.expand %ku {shape = array<i64: 2, 1, 3, 9, 4>} : tensor<2x1x1x9x4xf32> -> tensor<2x1x3x9x4xf32>
  %kr = tfc.reshape %ke {shape = array<i64: 2, 3, 9, 4>} : tensor<2x1x3x9x4xf32> -> tensor<2x3x9x4xf32>
  %vu = tfc.reshape %v {shape = array<i64: 2, 1, 1, 9, 4>} : tensor<2x9x4xf32> -> tensor<2x1x1x9x4xf32>
  %ve = tfc.expand %vu {shape = array<i64: 2, 1, 3, 9, 4>} : tensor<2x1x1x9x4xf32> -> tensor<2x1x3x9x4xf32>
  %vr = tfc.reshape %ve {shape = array<i64: 2, 3, 9, 4>} : tensor<2x1x3x9x4xf32> -> tensor<2x3x9x4xf32>
  %a = tfc.attention %q, %kr, %vr, %m {scale = 0.5 : f64, causal = true} : (tensor<2x3x5x4xf32>, tensor<2x3x9x4xf32>, tensor<2x3x9x4xf32>, tensor<2x1x1x9xf32>) -> tensor<2x3x5x4xf32>
  return %a : tensor<2x3x5x4xf32>
}
