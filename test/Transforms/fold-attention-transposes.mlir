// tfc-fold-attention-transposes: attention over [B, S, H, D] tensors transposed to
// [B, H, S, D] reads them in place (sequence_first), and its result's transpose back to
// [B, S, H, Dv] cancels.
// RUN: tfc-opt %s -split-input-file --tfc-fold-attention-transposes --canonicalize | FileCheck %s

// BERT's self-attention: the heads' split, attention with a padding mask, the heads' merge.
// CHECK-LABEL: func.func @self_attention
// CHECK-SAME: (%[[Q:.*]]: tensor<1x5x2x8xf32>, %[[K:.*]]: tensor<1x7x2x8xf32>, %[[V:.*]]: tensor<1x7x2x4xf32>, %[[M:.*]]: tensor<1x1x1x7xf32>)
// CHECK-NOT: tfc.transpose
// CHECK: %[[A:.*]] = tfc.attention %[[Q]], %[[K]], %[[V]], %[[M]] {scale = 1.250000e-01 : f64, sequence_first = true} : (tensor<1x5x2x8xf32>, tensor<1x7x2x8xf32>, tensor<1x7x2x4xf32>, tensor<1x1x1x7xf32>) -> tensor<1x5x2x4xf32>
// CHECK-NOT: tfc.transpose
// CHECK: return %[[A]]
func.func @self_attention(%q: tensor<1x5x2x8xf32>, %k: tensor<1x7x2x8xf32>, %v: tensor<1x7x2x4xf32>, %m: tensor<1x1x1x7xf32>) -> tensor<1x5x2x4xf32> {
  %qt = tfc.transpose %q {perm = array<i64: 0, 2, 1, 3>} : tensor<1x5x2x8xf32> -> tensor<1x2x5x8xf32>
  %kt = tfc.transpose %k {perm = array<i64: 0, 2, 1, 3>} : tensor<1x7x2x8xf32> -> tensor<1x2x7x8xf32>
  %vt = tfc.transpose %v {perm = array<i64: 0, 2, 1, 3>} : tensor<1x7x2x4xf32> -> tensor<1x2x7x4xf32>
  %a = tfc.attention %qt, %kt, %vt, %m {scale = 0.125 : f64} : (tensor<1x2x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>, tensor<1x1x1x7xf32>) -> tensor<1x2x5x4xf32>
  %o = tfc.transpose %a {perm = array<i64: 0, 2, 1, 3>} : tensor<1x2x5x4xf32> -> tensor<1x5x2x4xf32>
  return %o : tensor<1x5x2x4xf32>
}

// -----

// Grouped-query and causal, rank 3 (no batch); the result is read as [H, S, Dv] as well, so
// a transpose back stays for that reader.
// CHECK-LABEL: func.func @grouped_causal
// CHECK: %[[A:.*]] = tfc.attention %arg0, %arg1, %arg2 {causal = true, scale = 1.000000e+00 : f64, sequence_first = true} : (tensor<5x4x8xf32>, tensor<7x2x8xf32>, tensor<7x2x8xf32>) -> tensor<5x4x8xf32>
// CHECK: %[[B:.*]] = tfc.transpose %[[A]] {perm = array<i64: 1, 0, 2>} : tensor<5x4x8xf32> -> tensor<4x5x8xf32>
// CHECK: return %[[A]], %[[B]]
func.func @grouped_causal(%q: tensor<5x4x8xf32>, %k: tensor<7x2x8xf32>, %v: tensor<7x2x8xf32>) -> (tensor<5x4x8xf32>, tensor<4x5x8xf32>) {
  %qt = tfc.transpose %q {perm = array<i64: 1, 0, 2>} : tensor<5x4x8xf32> -> tensor<4x5x8xf32>
  %kt = tfc.transpose %k {perm = array<i64: 1, 0, 2>} : tensor<7x2x8xf32> -> tensor<2x7x8xf32>
  %vt = tfc.transpose %v {perm = array<i64: 1, 0, 2>} : tensor<7x2x8xf32> -> tensor<2x7x8xf32>
  %a = tfc.attention %qt, %kt, %vt {scale = 1.0 : f64, causal = true} : (tensor<4x5x8xf32>, tensor<2x7x8xf32>, tensor<2x7x8xf32>) -> tensor<4x5x8xf32>
  %o = tfc.transpose %a {perm = array<i64: 1, 0, 2>} : tensor<4x5x8xf32> -> tensor<5x4x8xf32>
  return %o, %a : tensor<5x4x8xf32>, tensor<4x5x8xf32>
}

// -----

// A decode step: the key and value are a cache, not transposes. Nothing changes (adding
// transposes would copy the whole cache).
// CHECK-LABEL: func.func @cache
// CHECK: tfc.attention
// CHECK-NOT: sequence_first
func.func @cache(%q: tensor<1x1x2x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x4xf32>) -> tensor<1x2x1x4xf32> {
  %qt = tfc.transpose %q {perm = array<i64: 0, 2, 1, 3>} : tensor<1x1x2x8xf32> -> tensor<1x2x1x8xf32>
  %a = tfc.attention %qt, %k, %v {scale = 1.0 : f64} : (tensor<1x2x1x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>) -> tensor<1x2x1x4xf32>
  return %a : tensor<1x2x1x4xf32>
}

// -----

// Transposes that do not just swap the heads and the sequence stay.
// CHECK-LABEL: func.func @other_permutation
// CHECK: tfc.attention
// CHECK-NOT: sequence_first
func.func @other_permutation(%q: tensor<2x1x5x8xf32>, %k: tensor<2x1x7x8xf32>, %v: tensor<2x1x7x4xf32>) -> tensor<1x2x5x4xf32> {
  %qt = tfc.transpose %q {perm = array<i64: 1, 0, 2, 3>} : tensor<2x1x5x8xf32> -> tensor<1x2x5x8xf32>
  %kt = tfc.transpose %k {perm = array<i64: 1, 0, 2, 3>} : tensor<2x1x7x8xf32> -> tensor<1x2x7x8xf32>
  %vt = tfc.transpose %v {perm = array<i64: 1, 0, 2, 3>} : tensor<2x1x7x4xf32> -> tensor<1x2x7x4xf32>
  %a = tfc.attention %qt, %kt, %vt {scale = 1.0 : f64} : (tensor<1x2x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>) -> tensor<1x2x5x4xf32>
  return %a : tensor<1x2x5x4xf32>
}
