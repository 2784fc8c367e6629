// With report-near-misses, the layer norm of a sum that does not fuse says why.
// RUN: tfc-opt %s -split-input-file --tfc-raise-skip-layer-norm=report-near-misses -verify-diagnostics | FileCheck %s

// Both operands broadcast: neither is the input the fused op normalizes.
// CHECK-LABEL: func.func @both_broadcast
// CHECK: tfc.add
// CHECK: tfc.layer_norm
func.func @both_broadcast(%a: tensor<2x1x8xf32>, %b: tensor<1x4x8xf32>, %g: tensor<8xf32>) -> tensor<2x4x8xf32> {
  %s = tfc.add %a, %b : (tensor<2x1x8xf32>, tensor<1x4x8xf32>) -> tensor<2x4x8xf32>
  // expected-remark @+1 {{near miss: skip_layer_norm: neither operand of the sum has its shape}}
  %y = tfc.layer_norm %s, %g {axis = 2 : i64} : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
}

// -----

// The sum is read before the norm, and the norm's scale is made after the sum: no place
// sees both.
// CHECK-LABEL: func.func @scale_after_sum
// CHECK: tfc.add
// CHECK: tfc.layer_norm
func.func @scale_after_sum(%x: tensor<4x8xf32>, %r: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %s = tfc.add %x, %r : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %e = tfc.exp %s : tensor<4x8xf32>
  %g = tfc.constant dense<2.0> : tensor<8xf32>
  // expected-remark @+1 {{near miss: skip_layer_norm: the sum is used before the norm, whose parameters come after the sum}}
  %y = tfc.layer_norm %s, %g {axis = 1 : i64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %y, %e : tensor<4x8xf32>, tensor<4x8xf32>
}
