// With report-near-misses, a softmax that does not become attention says why.
// RUN: tfc-opt %s -split-input-file --tfc-raise-attention=report-near-misses -verify-diagnostics

func.func @scores_used(%q: tensor<5x8xf32>, %kt: tensor<8x7xf32>, %v: tensor<7x4xf32>) -> (tensor<5x4xf32>, tensor<5x7xf32>) {
  %s = tfc.matmul %q, %kt : (tensor<5x8xf32>, tensor<8x7xf32>) -> tensor<5x7xf32>
  // expected-remark @+1 {{near miss: attention: the scores have another use}}
  %p = tfc.softmax %s {axis = 1 : i64} : tensor<5x7xf32>
  %o = tfc.matmul %p, %v : (tensor<5x7xf32>, tensor<7x4xf32>) -> tensor<5x4xf32>
  return %o, %s : tensor<5x4xf32>, tensor<5x7xf32>
}

// -----

// Keys broadcast over the batch (not the heads): not attention over shared leading dimensions.
func.func @broadcast_batch(%q: tensor<2x4x5x8xf32>, %kt: tensor<1x4x8x7xf32>, %v: tensor<1x4x7x4xf32>) -> tensor<2x4x5x4xf32> {
  %s = tfc.matmul %q, %kt : (tensor<2x4x5x8xf32>, tensor<1x4x8x7xf32>) -> tensor<2x4x5x7xf32>
  // expected-remark @+1 {{near miss: attention: query, key and value do not share their leading dimensions (broadcast or grouped heads)}}
  %p = tfc.softmax %s {axis = 3 : i64} : tensor<2x4x5x7xf32>
  %o = tfc.matmul %p, %v : (tensor<2x4x5x7xf32>, tensor<1x4x7x4xf32>) -> tensor<2x4x5x4xf32>
  return %o : tensor<2x4x5x4xf32>
}

// -----

func.func @no_matmul(%x: tensor<5x7xf32>, %v: tensor<7x4xf32>) -> tensor<5x4xf32> {
  // expected-remark @+1 {{near miss: attention: the softmax input is not a (scaled, masked) matmul}}
  %p = tfc.softmax %x {axis = 1 : i64} : tensor<5x7xf32>
  %o = tfc.matmul %p, %v : (tensor<5x7xf32>, tensor<7x4xf32>) -> tensor<5x4xf32>
  return %o : tensor<5x4xf32>
}
