// tfc-fold-causal-mask: a constant causal mask becomes tfc.attention's causal flag; a
// constant mask that hides nothing goes.
// RUN: tfc-opt %s -split-input-file --tfc-fold-causal-mask | FileCheck %s

// Hugging Face's mask: 0 where key j <= i + T - S (2 cached keys), the lowest float after.
// CHECK-LABEL: func.func @lowest_fill
// CHECK-NOT: tfc.constant
// CHECK: tfc.attention %arg0, %arg1, %arg2 {causal = true, scale = 5.000000e-01 : f64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x4xf32>) -> tensor<2x3x4xf32>
func.func @lowest_fill(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x4xf32>) -> tensor<2x3x4xf32> {
  %m = tfc.constant dense<[[[0.00000000e+00, 0.00000000e+00, 0.00000000e+00, -3.40282347e+38, -3.40282347e+38],
   [0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00, -3.40282347e+38],
   [0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00]]]> : tensor<1x3x5xf32>
  %a = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x4xf32>, tensor<1x3x5xf32>) -> tensor<2x3x4xf32>
  return %a : tensor<2x3x4xf32>
}

// -----

// A boolean mask, true where the key is seen.
// CHECK-LABEL: func.func @boolean
// CHECK: tfc.attention %arg0, %arg1, %arg2 {causal = true
func.func @boolean(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x4xf32>) -> tensor<2x3x4xf32> {
  %m = tfc.constant dense<[[[true, true, true, false, false],
  [true, true, true, true, false],
  [true, true, true, true, true]]]> : tensor<1x3x5xi1>
  %a = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x4xf32>, tensor<1x3x5xi1>) -> tensor<2x3x4xf32>
  return %a : tensor<2x3x4xf32>
}

// -----

// -inf where hidden.
// CHECK-LABEL: func.func @minus_infinity
// CHECK: tfc.attention %arg0, %arg1, %arg2 {causal = true
func.func @minus_infinity(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x4xf32>) -> tensor<2x3x4xf32> {
  %m = tfc.constant dense<[[0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0xFF800000, 0xFF800000],
   [0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0xFF800000],
   [0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00]]> : tensor<3x5xf32>
  %a = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x4xf32>, tensor<3x5xf32>) -> tensor<2x3x4xf32>
  return %a : tensor<2x3x4xf32>
}

// -----

// All zeros: the mask goes, nothing is causal.
// CHECK-LABEL: func.func @hides_nothing
// CHECK: tfc.attention %arg0, %arg1, %arg2 {scale = 5.000000e-01 : f64} :
func.func @hides_nothing(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x4xf32>) -> tensor<2x3x4xf32> {
  %m = tfc.constant dense<0.0> : tensor<1x5xf32>
  %a = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x4xf32>, tensor<1x5xf32>) -> tensor<2x3x4xf32>
  return %a : tensor<2x3x4xf32>
}

// -----

// Must not fold: the first key is hidden from every query too (padding).
// CHECK-LABEL: func.func @padded_key
// CHECK: %[[M:.*]] = tfc.constant
// CHECK: tfc.attention %arg0, %arg1, %arg2, %[[M]] {scale
func.func @padded_key(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x4xf32>) -> tensor<2x3x4xf32> {
  %m = tfc.constant dense<[[[-3.40282347e+38, 0.00000000e+00, 0.00000000e+00, -3.40282347e+38, -3.40282347e+38],
   [-3.40282347e+38, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00, -3.40282347e+38],
   [-3.40282347e+38, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00]]]> : tensor<1x3x5xf32>
  %a = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x4xf32>, tensor<1x3x5xf32>) -> tensor<2x3x4xf32>
  return %a : tensor<2x3x4xf32>
}

// -----

// Must not fold: -100 does not zero a probability whatever the scores.
// CHECK-LABEL: func.func @weak_fill
// CHECK: %[[M:.*]] = tfc.constant
// CHECK: tfc.attention %arg0, %arg1, %arg2, %[[M]] {scale
func.func @weak_fill(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x4xf32>) -> tensor<2x3x4xf32> {
  %m = tfc.constant dense<[[[0.00000000e+00, 0.00000000e+00, 0.00000000e+00, -1.00000000e+02, -1.00000000e+02],
   [0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00, -1.00000000e+02],
   [0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00, 0.00000000e+00]]]> : tensor<1x3x5xf32>
  %a = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x4xf32>, tensor<1x3x5xf32>) -> tensor<2x3x4xf32>
  return %a : tensor<2x3x4xf32>
}

// -----

// Must not fold: with 5 queries over 3 keys the triangle is not one of a causal step.
// CHECK-LABEL: func.func @more_queries_than_keys
// CHECK: %[[M:.*]] = tfc.constant
// CHECK: tfc.attention %arg0, %arg1, %arg2, %[[M]] {scale
func.func @more_queries_than_keys(%q: tensor<2x5x8xf32>, %k: tensor<2x3x8xf32>, %v: tensor<2x3x4xf32>) -> tensor<2x5x4xf32> {
  %m = tfc.constant dense<[[0.00000000e+00, -3.40282347e+38, -3.40282347e+38],
 [0.00000000e+00, 0.00000000e+00, -3.40282347e+38],
 [0.00000000e+00, 0.00000000e+00, 0.00000000e+00],
 [0.00000000e+00, 0.00000000e+00, 0.00000000e+00],
 [0.00000000e+00, 0.00000000e+00, 0.00000000e+00]]> : tensor<5x3xf32>
  %a = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x5x8xf32>, tensor<2x3x8xf32>, tensor<2x3x4xf32>, tensor<5x3xf32>) -> tensor<2x5x4xf32>
  return %a : tensor<2x5x4xf32>
}

// -----

// Hugging Face's SDPA mask with an attention_mask input: the constant triangle and-ed with
// the padding of each batch row. The triangle becomes the flag; the padding stays the mask.
// CHECK-LABEL: func.func @triangle_and_padding
// CHECK-NOT: tfc.and
// CHECK: tfc.attention %arg0, %arg1, %arg2, %arg3 {causal = true, scale = 5.000000e-01 : f64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x4xf32>, tensor<2x1x5xi1>)
func.func @triangle_and_padding(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x4xf32>, %pad: tensor<2x1x5xi1>) -> tensor<2x3x4xf32> {
  %c = tfc.constant dense<[[[true, true, true, false, false], [true, true, true, true, false], [true, true, true, true, true]]]> : tensor<1x3x5xi1>
  %m = tfc.and %c, %pad : (tensor<1x3x5xi1>, tensor<2x1x5xi1>) -> tensor<2x3x5xi1>
  %a = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x4xf32>, tensor<2x3x5xi1>) -> tensor<2x3x4xf32>
  return %a : tensor<2x3x4xf32>
}

// -----

// Must not fold: the constant and-ed with the padding is not the causal triangle.
// CHECK-LABEL: func.func @other_and
// CHECK: %[[M:.*]] = tfc.and
// CHECK: tfc.attention %arg0, %arg1, %arg2, %[[M]] {scale
func.func @other_and(%q: tensor<2x3x8xf32>, %k: tensor<2x5x8xf32>, %v: tensor<2x5x4xf32>, %pad: tensor<2x1x5xi1>) -> tensor<2x3x4xf32> {
  %c = tfc.constant dense<[[[true, true, false, false, false], [true, true, true, true, false], [true, true, true, true, true]]]> : tensor<1x3x5xi1>
  %m = tfc.and %c, %pad : (tensor<1x3x5xi1>, tensor<2x1x5xi1>) -> tensor<2x3x5xi1>
  %a = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x3x8xf32>, tensor<2x5x8xf32>, tensor<2x5x4xf32>, tensor<2x3x5xi1>) -> tensor<2x3x4xf32>
  return %a : tensor<2x3x4xf32>
}
