// With report-near-misses, an activation of a sum that cannot take the bias says why.
// RUN: tfc-opt %s -split-input-file --tfc-raise-bias-activation=report-near-misses -verify-diagnostics | FileCheck %s

// The sum is read elsewhere too: fusing would compute it twice.
// CHECK-LABEL: func.func @sum_reused
// CHECK-NOT: tfc.bias_activation
func.func @sum_reused(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %s = tfc.add %x, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  // expected-remark @+1 {{near miss: bias_activation: the sum has another use}}
  %g = tfc.gelu %s : tensor<4x8xf32>
  return %g, %s : tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// Both operands broadcast: neither is the input.
// CHECK-LABEL: func.func @both_broadcast
// CHECK-NOT: tfc.bias_activation
func.func @both_broadcast(%a: tensor<4x1xf32>, %b: tensor<1x8xf32>) -> tensor<4x8xf32> {
  %s = tfc.add %a, %b : (tensor<4x1xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  // expected-remark @+1 {{near miss: bias_activation: neither operand of the sum has its shape}}
  %r = tfc.relu %s : tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}
