// tfc-raise-attention: softmax(q k^T * scale + mask) v becomes tfc.attention.
// RUN: tfc-opt %s -split-input-file --tfc-raise-attention --canonicalize | FileCheck %s

// BERT's export: k^T from a transpose, the scores divided by sqrt(d), an additive mask.
// CHECK-LABEL: func.func @bert
// CHECK: %[[K:.*]] = tfc.transpose %arg1 {perm = array<i64: 0, 2, 1, 3>} : tensor<1x7x2x8xf32> -> tensor<1x2x7x8xf32>
// CHECK: %[[A:.*]] = tfc.attention %arg0, %[[K]], %arg2, %arg3 {scale = 0.3535533{{[0-9]+}} : f64}
// CHECK-NEXT: return %[[A]]
func.func @bert(%q: tensor<1x2x5x8xf32>, %k: tensor<1x7x2x8xf32>, %v: tensor<1x2x7x4xf32>, %m: tensor<1x1x1x7xf32>) -> tensor<1x2x5x4xf32> {
  %c = tfc.constant dense<2.82842708> : tensor<f32>
  %kt = tfc.transpose %k {perm = array<i64: 0, 2, 3, 1>} : tensor<1x7x2x8xf32> -> tensor<1x2x8x7xf32>
  %s = tfc.matmul %q, %kt : (tensor<1x2x5x8xf32>, tensor<1x2x8x7xf32>) -> tensor<1x2x5x7xf32>
  %d = tfc.div %s, %c : (tensor<1x2x5x7xf32>, tensor<f32>) -> tensor<1x2x5x7xf32>
  %a = tfc.add %d, %m : (tensor<1x2x5x7xf32>, tensor<1x1x1x7xf32>) -> tensor<1x2x5x7xf32>
  %p = tfc.softmax %a {axis = 3 : i64} : tensor<1x2x5x7xf32>
  %o = tfc.matmul %p, %v : (tensor<1x2x5x7xf32>, tensor<1x2x7x4xf32>) -> tensor<1x2x5x4xf32>
  return %o : tensor<1x2x5x4xf32>
}

// -----

// The scale applied to q before the matmul and the mask on the left; no transpose in
// sight: k^T is an argument, so k is its transpose.
// CHECK-LABEL: func.func @scaled_query
// CHECK: %[[K:.*]] = tfc.transpose %arg1 {perm = array<i64: 1, 0>}
// CHECK: tfc.attention %arg0, %[[K]], %arg2, %arg3 {scale = 1.250000e-01 : f64}
func.func @scaled_query(%q: tensor<5x8xf32>, %kt: tensor<8x7xf32>, %v: tensor<7x4xf32>, %m: tensor<5x7xf32>) -> tensor<5x4xf32> {
  %c = tfc.constant dense<0.125> : tensor<f32>
  %qs = tfc.mul %q, %c : (tensor<5x8xf32>, tensor<f32>) -> tensor<5x8xf32>
  %s = tfc.matmul %qs, %kt : (tensor<5x8xf32>, tensor<8x7xf32>) -> tensor<5x7xf32>
  %a = tfc.add %m, %s : (tensor<5x7xf32>, tensor<5x7xf32>) -> tensor<5x7xf32>
  %p = tfc.softmax %a {axis = 1 : i64} : tensor<5x7xf32>
  %o = tfc.matmul %p, %v : (tensor<5x7xf32>, tensor<7x4xf32>) -> tensor<5x4xf32>
  return %o : tensor<5x4xf32>
}

// -----

// PyTorch's export of scaled_dot_product_attention: sqrt(scale) on q and on k^T, a boolean
// mask made additive with Where(mask, 0, -inf), and NaN probabilities (rows whose keys are
// all masked) zeroed with Where(IsNaN(p), 0, p): the scales multiply, the guard becomes
// zero_masked_rows; the attention reads the boolean mask itself.
// CHECK-LABEL: func.func @sdpa_export
// CHECK-NOT: tfc.where
// CHECK: %[[A:.*]] = tfc.attention %arg0, %{{.*}}, %arg2, %arg3 {scale = 2.500000e-01 : f64, zero_masked_rows = true} : (tensor<2x5x16xf32>, tensor<2x5x16xf32>, tensor<2x5x16xf32>, tensor<5x5xi1>) -> tensor<2x5x16xf32>
// CHECK-NEXT: return %[[A]]
func.func @sdpa_export(%q: tensor<2x5x16xf32>, %kt: tensor<2x16x5xf32>, %v: tensor<2x5x16xf32>,
                       %keep: tensor<5x5xi1>) -> tensor<2x5x16xf32> {
  %c = tfc.constant dense<0.5> : tensor<f32>
  %zero = tfc.constant dense<0.0> : tensor<1xf32>
  %ninf = tfc.constant dense<0xFF800000> : tensor<1xf32>
  %qs = tfc.mul %q, %c : (tensor<2x5x16xf32>, tensor<f32>) -> tensor<2x5x16xf32>
  %ks = tfc.mul %kt, %c : (tensor<2x16x5xf32>, tensor<f32>) -> tensor<2x16x5xf32>
  %s = tfc.matmul %qs, %ks : (tensor<2x5x16xf32>, tensor<2x16x5xf32>) -> tensor<2x5x5xf32>
  %m = tfc.where %keep, %zero, %ninf : (tensor<5x5xi1>, tensor<1xf32>, tensor<1xf32>) -> tensor<5x5xf32>
  %sm = tfc.add %s, %m : (tensor<2x5x5xf32>, tensor<5x5xf32>) -> tensor<2x5x5xf32>
  %p = tfc.softmax %sm {axis = 2 : i64} : tensor<2x5x5xf32>
  %eq = tfc.equal %p, %p : (tensor<2x5x5xf32>, tensor<2x5x5xf32>) -> tensor<2x5x5xi1>
  %nan = tfc.not %eq : tensor<2x5x5xi1>
  %pz = tfc.where %nan, %zero, %p : (tensor<2x5x5xi1>, tensor<1xf32>, tensor<2x5x5xf32>) -> tensor<2x5x5xf32>
  %o = tfc.matmul %pz, %v : (tensor<2x5x5xf32>, tensor<2x5x16xf32>) -> tensor<2x5x16xf32>
  return %o : tensor<2x5x16xf32>
}

// -----

// A finite fill (Hugging Face's eager masks use the lowest float) is not -inf: a row masked
// everywhere would then average its values, so the float mask stays.
// CHECK-LABEL: func.func @finite_fill
// CHECK: %[[M:.*]] = tfc.where %arg3
// CHECK: tfc.attention %arg0, %{{.*}}, %arg2, %[[M]]
func.func @finite_fill(%q: tensor<2x5x16xf32>, %kt: tensor<2x16x5xf32>, %v: tensor<2x5x16xf32>,
                       %keep: tensor<5x5xi1>) -> tensor<2x5x16xf32> {
  %zero = tfc.constant dense<0.0> : tensor<1xf32>
  %low = tfc.constant dense<-3.40282347E+38> : tensor<1xf32>
  %s = tfc.matmul %q, %kt : (tensor<2x5x16xf32>, tensor<2x16x5xf32>) -> tensor<2x5x5xf32>
  %m = tfc.where %keep, %zero, %low : (tensor<5x5xi1>, tensor<1xf32>, tensor<1xf32>) -> tensor<5x5xf32>
  %sm = tfc.add %s, %m : (tensor<2x5x5xf32>, tensor<5x5xf32>) -> tensor<2x5x5xf32>
  %p = tfc.softmax %sm {axis = 2 : i64} : tensor<2x5x5xf32>
  %o = tfc.matmul %p, %v : (tensor<2x5x5xf32>, tensor<2x5x16xf32>) -> tensor<2x5x16xf32>
  return %o : tensor<2x5x16xf32>
}

// -----

// Must not fuse: NaN probabilities replaced by 1 (not the guard of an export); the
// probabilities are not (only) multiplied by the values.
// CHECK-LABEL: func.func @nan_to_one
// CHECK-NOT: tfc.attention
// CHECK: tfc.softmax
func.func @nan_to_one(%q: tensor<2x5x16xf32>, %kt: tensor<2x16x5xf32>, %v: tensor<2x5x16xf32>)
    -> tensor<2x5x16xf32> {
  %one = tfc.constant dense<1.0> : tensor<1xf32>
  %s = tfc.matmul %q, %kt : (tensor<2x5x16xf32>, tensor<2x16x5xf32>) -> tensor<2x5x5xf32>
  %p = tfc.softmax %s {axis = 2 : i64} : tensor<2x5x5xf32>
  %eq = tfc.equal %p, %p : (tensor<2x5x5xf32>, tensor<2x5x5xf32>) -> tensor<2x5x5xi1>
  %nan = tfc.not %eq : tensor<2x5x5xi1>
  %pz = tfc.where %nan, %one, %p : (tensor<2x5x5xi1>, tensor<1xf32>, tensor<2x5x5xf32>) -> tensor<2x5x5xf32>
  %o = tfc.matmul %pz, %v : (tensor<2x5x5xf32>, tensor<2x5x16xf32>) -> tensor<2x5x16xf32>
  return %o : tensor<2x5x16xf32>
}

// -----

// Must not fuse: the probabilities are also returned (attention weights as an output).
// CHECK-LABEL: func.func @probabilities_used
// CHECK-NOT: tfc.attention
// CHECK: tfc.softmax
func.func @probabilities_used(%q: tensor<5x8xf32>, %kt: tensor<8x7xf32>, %v: tensor<7x4xf32>) -> (tensor<5x4xf32>, tensor<5x7xf32>) {
  %s = tfc.matmul %q, %kt : (tensor<5x8xf32>, tensor<8x7xf32>) -> tensor<5x7xf32>
  %p = tfc.softmax %s {axis = 1 : i64} : tensor<5x7xf32>
  %o = tfc.matmul %p, %v : (tensor<5x7xf32>, tensor<7x4xf32>) -> tensor<5x4xf32>
  return %o, %p : tensor<5x4xf32>, tensor<5x7xf32>
}

// -----

// Must not fuse: softmax over another axis, or keys and values broadcast over the batch
// (only a broadcast over the heads is multi-query attention).
// CHECK-LABEL: func.func @wrong_axis_or_heads
// CHECK-NOT: tfc.attention
func.func @wrong_axis_or_heads(%q: tensor<5x8xf32>, %kt: tensor<8x7xf32>, %v: tensor<7x4xf32>,
                               %q4: tensor<2x4x5x8xf32>, %kt1: tensor<1x4x8x7xf32>, %v1: tensor<1x4x7x4xf32>)
    -> (tensor<5x4xf32>, tensor<2x4x5x4xf32>) {
  %s = tfc.matmul %q, %kt : (tensor<5x8xf32>, tensor<8x7xf32>) -> tensor<5x7xf32>
  %p = tfc.softmax %s {axis = 0 : i64} : tensor<5x7xf32>
  %o = tfc.matmul %p, %v : (tensor<5x7xf32>, tensor<7x4xf32>) -> tensor<5x4xf32>
  %s2 = tfc.matmul %q4, %kt1 : (tensor<2x4x5x8xf32>, tensor<1x4x8x7xf32>) -> tensor<2x4x5x7xf32>
  %p2 = tfc.softmax %s2 {axis = 3 : i64} : tensor<2x4x5x7xf32>
  %o2 = tfc.matmul %p2, %v1 : (tensor<2x4x5x7xf32>, tensor<1x4x7x4xf32>) -> tensor<2x4x5x4xf32>
  return %o, %o2 : tensor<5x4xf32>, tensor<2x4x5x4xf32>
}

// -----

// Multi-query attention: one key/value head broadcast by the matmuls to the 4 query heads.
// CHECK-LABEL: func.func @multi_query
// CHECK: tfc.attention %arg0, %{{.*}}, %arg2 {scale = 1.000000e+00 : f64} : (tensor<4x5x8xf32>, tensor<1x7x8xf32>, tensor<1x7x4xf32>) -> tensor<4x5x4xf32>
func.func @multi_query(%q: tensor<4x5x8xf32>, %kt: tensor<1x8x7xf32>, %v: tensor<1x7x4xf32>) -> tensor<4x5x4xf32> {
  %s = tfc.matmul %q, %kt : (tensor<4x5x8xf32>, tensor<1x8x7xf32>) -> tensor<4x5x7xf32>
  %p = tfc.softmax %s {axis = 2 : i64} : tensor<4x5x7xf32>
  %o = tfc.matmul %p, %v : (tensor<4x5x7xf32>, tensor<1x7x4xf32>) -> tensor<4x5x4xf32>
  return %o : tensor<4x5x4xf32>
}
