// tfc-raise-bias-activation: an activation of a biased value (or of a product) becomes
// tfc.bias_activation.
// RUN: tfc-opt %s -split-input-file --tfc-raise-bias-activation | FileCheck %s

// GELU (tanh form) of b + x: the operand with the sum's shape is the input, the vector the bias.
// CHECK-LABEL: func.func @gelu_bias
// CHECK-NEXT: %[[A:.*]] = tfc.bias_activation %arg0, %arg1 {activation = "gelu_tanh"} : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
// CHECK-NEXT: return %[[A]]
func.func @gelu_bias(%x: tensor<2x4x8xf32>, %b: tensor<8xf32>) -> tensor<2x4x8xf32> {
  %s = tfc.add %b, %x : (tensor<8xf32>, tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  %g = tfc.gelu %s {approximate = "tanh"} : tensor<2x4x8xf32>
  return %g : tensor<2x4x8xf32>
}

// -----

// GPT-2's Conv1D: the tokens flattened for the product and bias, restored before the GELU.
// The activation goes before the reshape, on the flat sum.
// CHECK-LABEL: func.func @gelu_after_reshape
// CHECK-NEXT: %[[P:.*]] = tfc.matmul %arg0, %arg1
// CHECK-NEXT: %[[A:.*]] = tfc.bias_activation %[[P]], %arg2 {activation = "gelu_tanh"} : (tensor<8x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: %[[R:.*]] = tfc.reshape %[[A]] {shape = array<i64: 2, 4, 16>} : tensor<8x16xf32> -> tensor<2x4x16xf32>
// CHECK-NEXT: return %[[R]]
func.func @gelu_after_reshape(%x: tensor<8x4xf32>, %w: tensor<4x16xf32>, %b: tensor<16xf32>)
    -> tensor<2x4x16xf32> {
  %p = tfc.matmul %x, %w : (tensor<8x4xf32>, tensor<4x16xf32>) -> tensor<8x16xf32>
  %s = tfc.add %p, %b : (tensor<8x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %r = tfc.reshape %s {shape = array<i64: 2, 4, 16>} : tensor<8x16xf32> -> tensor<2x4x16xf32>
  %g = tfc.gelu %r {approximate = "tanh"} : tensor<2x4x16xf32>
  return %g : tensor<2x4x16xf32>
}

// -----

// Must not fuse: the reshaped sum is read elsewhere too.
// CHECK-LABEL: func.func @reshape_reused
// CHECK-NOT: tfc.bias_activation
func.func @reshape_reused(%x: tensor<8x16xf32>, %b: tensor<16xf32>)
    -> (tensor<2x4x16xf32>, tensor<2x4x16xf32>) {
  %s = tfc.add %x, %b : (tensor<8x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %r = tfc.reshape %s {shape = array<i64: 2, 4, 16>} : tensor<8x16xf32> -> tensor<2x4x16xf32>
  %g = tfc.gelu %r : tensor<2x4x16xf32>
  return %g, %r : tensor<2x4x16xf32>, tensor<2x4x16xf32>
}

// -----

// ReLU of a sum of two full tensors: the constant is the bias.
// CHECK-LABEL: func.func @relu_constant_bias
// CHECK: %[[C:.*]] = tfc.constant
// CHECK-NEXT: %[[A:.*]] = tfc.bias_activation %arg0, %[[C]] {activation = "relu"}
// CHECK-NEXT: return %[[A]]
func.func @relu_constant_bias(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %c = tfc.constant dense<0.5> : tensor<4x8xf32>
  %s = tfc.add %c, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %r = tfc.relu %s : tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// -----

// SiLU spelled x * sigmoid(x), the factors either way round, x a biased product.
// CHECK-LABEL: func.func @silu
// CHECK-NEXT: %[[A:.*]] = tfc.bias_activation %arg0, %arg1 {activation = "silu"}
// CHECK-NEXT: return %[[A]]
func.func @silu(%x: tensor<4x8xf32>, %b: tensor<1x8xf32>) -> tensor<4x8xf32> {
  %s = tfc.add %x, %b : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  %g = tfc.sigmoid %s : tensor<4x8xf32>
  %y = tfc.mul %g, %s : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// No bias, but a product the activation can follow into a matmul epilogue.
// CHECK-LABEL: func.func @product
// CHECK-NEXT: %[[P:.*]] = tfc.matmul %arg0, %arg1
// CHECK-NEXT: %[[A:.*]] = tfc.bias_activation %[[P]] {activation = "gelu"}
// CHECK-NEXT: return %[[A]]
func.func @product(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %p = tfc.matmul %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %g = tfc.gelu %p : tensor<4x16xf32>
  return %g : tensor<4x16xf32>
}

// -----

// Must not fuse: an activation of anything else (no bias to take, no product to follow),
// an integer ReLU, a sigmoid times another value.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: tfc.bias_activation
// CHECK: tfc.relu %arg0 : tensor<4x8xf32>
// CHECK: tfc.relu %arg1 : tensor<4x8xi32>
// CHECK: tfc.sigmoid
// CHECK: tfc.mul
func.func @left_alone(%x: tensor<4x8xf32>, %i: tensor<4x8xi32>, %y: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xi32>, tensor<4x8xf32>) {
  %r = tfc.relu %x : tensor<4x8xf32>
  %ri = tfc.relu %i : tensor<4x8xi32>
  %g = tfc.sigmoid %x : tensor<4x8xf32>
  %m = tfc.mul %g, %y : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %r, %ri, %m : tensor<4x8xf32>, tensor<4x8xi32>, tensor<4x8xf32>
}

// -----

// A sigmoid read by nothing is not a SiLU (and reading its first user must not crash).
// CHECK-LABEL: func.func @dead_sigmoid
// CHECK-NOT: tfc.bias_activation
// CHECK: tfc.sigmoid
func.func @dead_sigmoid(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %g = tfc.sigmoid %x : tensor<4x8xf32>
  return %x : tensor<4x8xf32>
}
