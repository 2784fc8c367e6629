// With report-near-misses, an attention whose key or value is repeated but that cannot read
// grouped heads says why.
// RUN: tfc-opt %s -split-input-file --tfc-raise-grouped-query=report-near-misses -verify-diagnostics

// Only the key is repeated.
func.func @key_only(%q: tensor<1x4x5x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x4x7x6xf32>) -> tensor<1x4x5x6xf32> {
  %ku = tfc.unsqueeze %k {axes = array<i64: 2>} : tensor<1x2x7x8xf32> -> tensor<1x2x1x7x8xf32>
  %ke = tfc.expand %ku {shape = array<i64: 1, 2, 2, 7, 8>} : tensor<1x2x1x7x8xf32> -> tensor<1x2x2x7x8xf32>
  %kr = tfc.reshape %ke {shape = array<i64: 1, 4, 7, 8>} : tensor<1x2x2x7x8xf32> -> tensor<1x4x7x8xf32>
  // expected-remark @+1 {{near miss: grouped-query attention: the key and the value are not repeated alike (2x and no repeat)}}
  %a = tfc.attention %q, %kr, %v {scale = 0.125 : f64} : (tensor<1x4x5x8xf32>, tensor<1x4x7x8xf32>, tensor<1x4x7x6xf32>) -> tensor<1x4x5x6xf32>
  return %a : tensor<1x4x5x6xf32>
}

// -----

// Key and value repeated from different head counts.
func.func @different_groups(%q: tensor<1x4x5x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x1x7x6xf32>) -> tensor<1x4x5x6xf32> {
  %ku = tfc.unsqueeze %k {axes = array<i64: 2>} : tensor<1x2x7x8xf32> -> tensor<1x2x1x7x8xf32>
  %ke = tfc.expand %ku {shape = array<i64: 1, 2, 2, 7, 8>} : tensor<1x2x1x7x8xf32> -> tensor<1x2x2x7x8xf32>
  %kr = tfc.reshape %ke {shape = array<i64: 1, 4, 7, 8>} : tensor<1x2x2x7x8xf32> -> tensor<1x4x7x8xf32>
  %vu = tfc.unsqueeze %v {axes = array<i64: 2>} : tensor<1x1x7x6xf32> -> tensor<1x1x1x7x6xf32>
  %ve = tfc.expand %vu {shape = array<i64: 1, 1, 4, 7, 6>} : tensor<1x1x1x7x6xf32> -> tensor<1x1x4x7x6xf32>
  %vr = tfc.reshape %ve {shape = array<i64: 1, 4, 7, 6>} : tensor<1x1x4x7x6xf32> -> tensor<1x4x7x6xf32>
  // expected-remark @+1 {{near miss: grouped-query attention: the key and the value are not repeated alike (2x and 4x)}}
  %a = tfc.attention %q, %kr, %vr {scale = 0.125 : f64} : (tensor<1x4x5x8xf32>, tensor<1x4x7x8xf32>, tensor<1x4x7x6xf32>) -> tensor<1x4x5x6xf32>
  return %a : tensor<1x4x5x6xf32>
}

// -----

// The copies interleave heads along the wrong axis ([..., R, Hkv, ...]): query head h would
// read head h mod Hkv, not h / R.
func.func @wrong_axis(%q: tensor<1x4x5x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x6xf32>) -> tensor<1x4x5x6xf32> {
  %ku = tfc.unsqueeze %k {axes = array<i64: 1>} : tensor<1x2x7x8xf32> -> tensor<1x1x2x7x8xf32>
  %ke = tfc.expand %ku {shape = array<i64: 1, 2, 2, 7, 8>} : tensor<1x1x2x7x8xf32> -> tensor<1x2x2x7x8xf32>
  %kr = tfc.reshape %ke {shape = array<i64: 1, 4, 7, 8>} : tensor<1x2x2x7x8xf32> -> tensor<1x4x7x8xf32>
  %vu = tfc.unsqueeze %v {axes = array<i64: 1>} : tensor<1x2x7x6xf32> -> tensor<1x1x2x7x6xf32>
  %ve = tfc.expand %vu {shape = array<i64: 1, 2, 2, 7, 6>} : tensor<1x1x2x7x6xf32> -> tensor<1x2x2x7x6xf32>
  %vr = tfc.reshape %ve {shape = array<i64: 1, 4, 7, 6>} : tensor<1x2x2x7x6xf32> -> tensor<1x4x7x6xf32>
  // expected-remark @+1 {{near miss: grouped-query attention: key: the expand does not repeat each key/value head along a new axis after the heads}}
  %a = tfc.attention %q, %kr, %vr {scale = 0.125 : f64} : (tensor<1x4x5x8xf32>, tensor<1x4x7x8xf32>, tensor<1x4x7x6xf32>) -> tensor<1x4x5x6xf32>
  return %a : tensor<1x4x5x6xf32>
}

// -----

// The repeated key rows and features swapped on the way (two transposes that do not cancel).
func.func @reordered(%q: tensor<1x4x5x8xf32>, %k: tensor<1x2x8x8xf32>, %v: tensor<1x2x8x6xf32>) -> tensor<1x4x5x6xf32> {
  %ku = tfc.unsqueeze %k {axes = array<i64: 2>} : tensor<1x2x8x8xf32> -> tensor<1x2x1x8x8xf32>
  %ke = tfc.expand %ku {shape = array<i64: 1, 2, 2, 8, 8>} : tensor<1x2x1x8x8xf32> -> tensor<1x2x2x8x8xf32>
  %k3 = tfc.reshape %ke {shape = array<i64: 4, 8, 8>} : tensor<1x2x2x8x8xf32> -> tensor<4x8x8xf32>
  %kt = tfc.transpose %k3 {perm = array<i64: 0, 2, 1>} : tensor<4x8x8xf32> -> tensor<4x8x8xf32>
  %kk = tfc.reshape %kt {shape = array<i64: 1, 4, 8, 8>} : tensor<4x8x8xf32> -> tensor<1x4x8x8xf32>
  %vu = tfc.unsqueeze %v {axes = array<i64: 2>} : tensor<1x2x8x6xf32> -> tensor<1x2x1x8x6xf32>
  %ve = tfc.expand %vu {shape = array<i64: 1, 2, 2, 8, 6>} : tensor<1x2x1x8x6xf32> -> tensor<1x2x2x8x6xf32>
  %vr = tfc.reshape %ve {shape = array<i64: 1, 4, 8, 6>} : tensor<1x2x2x8x6xf32> -> tensor<1x4x8x6xf32>
  // expected-remark @+1 {{near miss: grouped-query attention: key: the repeated heads are reordered on the way to the attention}}
  %a = tfc.attention %q, %kk, %vr {scale = 0.125 : f64} : (tensor<1x4x5x8xf32>, tensor<1x4x8x8xf32>, tensor<1x4x8x6xf32>) -> tensor<1x4x5x6xf32>
  return %a : tensor<1x4x5x6xf32>
}
