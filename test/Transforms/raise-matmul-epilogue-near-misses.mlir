// With report-near-misses, a bias + activation of a product that cannot become its
// epilogue says why.
// RUN: tfc-opt %s -split-input-file --tfc-raise-bias-activation --tfc-raise-matmul-epilogue=report-near-misses -verify-diagnostics | FileCheck %s

// The product is read elsewhere too: it must be stored before the activation.
// CHECK-LABEL: func.func @product_reused
// CHECK: tfc.matmul %
// CHECK: tfc.bias_activation
func.func @product_reused(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>) {
  %p = tfc.matmul %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %s = tfc.add %p, %b : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  // expected-remark @+1 {{near miss: matmul_epilogue: the product has another use}}
  %r = tfc.relu %s : tensor<4x16xf32>
  %e = tfc.exp %p : tensor<4x16xf32>
  return %r, %e : tensor<4x16xf32>, tensor<4x16xf32>
}

// -----

// A batched product (per-head), not one by a weight.
// CHECK-LABEL: func.func @batched
// CHECK: tfc.matmul %
// CHECK: tfc.bias_activation
func.func @batched(%x: tensor<2x4x8xf32>, %y: tensor<2x8x16xf32>, %b: tensor<16xf32>) -> tensor<2x4x16xf32> {
  %p = tfc.matmul %x, %y : (tensor<2x4x8xf32>, tensor<2x8x16xf32>) -> tensor<2x4x16xf32>
  %s = tfc.add %p, %b : (tensor<2x4x16xf32>, tensor<16xf32>) -> tensor<2x4x16xf32>
  // expected-remark @+1 {{near miss: matmul_epilogue: the product is not by a 2-D weight}}
  %g = tfc.gelu %s : tensor<2x4x16xf32>
  return %g : tensor<2x4x16xf32>
}
