// tfc-raise-matmul-epilogue: a bias + activation of a product by a weight becomes
// tfc.matmul_epilogue.
// RUN: tfc-opt %s -split-input-file --tfc-raise-bias-activation --tfc-raise-matmul-epilogue | FileCheck %s

// A feed-forward up-projection: [batch, tokens, width] times a weight, bias, GELU.
// CHECK-LABEL: func.func @up_projection
// CHECK-NEXT: %[[E:.*]] = tfc.matmul_epilogue %arg0, %arg1, %arg2 {activation = "gelu"} : (tensor<2x4x8xf32>, tensor<8x32xf32>, tensor<32xf32>) -> tensor<2x4x32xf32>
// CHECK-NEXT: return %[[E]]
func.func @up_projection(%x: tensor<2x4x8xf32>, %w: tensor<8x32xf32>, %b: tensor<32xf32>) -> tensor<2x4x32xf32> {
  %p = tfc.matmul %x, %w : (tensor<2x4x8xf32>, tensor<8x32xf32>) -> tensor<2x4x32xf32>
  %s = tfc.add %p, %b : (tensor<2x4x32xf32>, tensor<32xf32>) -> tensor<2x4x32xf32>
  %g = tfc.gelu %s : tensor<2x4x32xf32>
  return %g : tensor<2x4x32xf32>
}

// -----

// No bias (T5's ReLU feed-forward, LLaMA's SiLU gate).
// CHECK-LABEL: func.func @no_bias
// CHECK-NEXT: %[[R:.*]] = tfc.matmul_epilogue %arg0, %arg1 {activation = "relu"}
// CHECK-NEXT: %[[S:.*]] = tfc.matmul_epilogue %arg0, %arg1 {activation = "silu"}
// CHECK-NEXT: return %[[R]], %[[S]]
func.func @no_bias(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>) {
  %p = tfc.matmul %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %r = tfc.relu %p : tensor<4x16xf32>
  %q = tfc.matmul %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %g = tfc.sigmoid %q : tensor<4x16xf32>
  %y = tfc.mul %q, %g : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
  return %r, %y : tensor<4x16xf32>, tensor<4x16xf32>
}
