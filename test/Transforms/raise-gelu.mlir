// tfc-raise-gelu: GELU spelled with primitives becomes tfc.gelu, in the orders exports
// produce; partial matches stay as they are.
// RUN: tfc-opt %s -split-input-file --tfc-raise-gelu --canonicalize | FileCheck %s

// BERT's erf form: (x * (1 + erf(x / sqrt 2))) * 0.5.
// CHECK-LABEL: func.func @erf_form
// CHECK-NEXT: %[[G:.*]] = tfc.gelu %arg0 : tensor<2x8xf32>
// CHECK-NEXT: return %[[G]]
func.func @erf_form(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %sqrt2 = tfc.constant dense<1.41421354> : tensor<f32>
  %one = tfc.constant dense<1.0> : tensor<f32>
  %half = tfc.constant dense<0.5> : tensor<f32>
  %0 = tfc.div %x, %sqrt2 : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %1 = tfc.erf %0 : tensor<2x8xf32>
  %2 = tfc.add %1, %one : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %3 = tfc.mul %x, %2 : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %4 = tfc.mul %3, %half : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  return %4 : tensor<2x8xf32>
}

// -----

// Factors in another order, x times 1/sqrt 2, and 1 added on the left.
// CHECK-LABEL: func.func @erf_reordered
// CHECK-NEXT: %[[G:.*]] = tfc.gelu %arg0 : tensor<8xf32>
// CHECK-NEXT: return %[[G]]
func.func @erf_reordered(%x: tensor<8xf32>) -> tensor<8xf32> {
  %c = tfc.constant dense<0.707106769> : tensor<f32>
  %one = tfc.constant dense<1.0> : tensor<f32>
  %half = tfc.constant dense<0.5> : tensor<f32>
  %0 = tfc.mul %c, %x : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %1 = tfc.erf %0 : tensor<8xf32>
  %2 = tfc.add %one, %1 : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %3 = tfc.mul %half, %x : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %4 = tfc.mul %2, %3 : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %4 : tensor<8xf32>
}

// -----

// GPT-2's tanh form with Pow(x, 3).
// CHECK-LABEL: func.func @tanh_form
// CHECK-NEXT: %[[G:.*]] = tfc.gelu %arg0 {approximate = "tanh"} : tensor<4xf32>
// CHECK-NEXT: return %[[G]]
func.func @tanh_form(%x: tensor<4xf32>) -> tensor<4xf32> {
  %three = tfc.constant dense<3.0> : tensor<f32>
  %k = tfc.constant dense<0.044715> : tensor<f32>
  %s = tfc.constant dense<0.797884583> : tensor<f32>
  %one = tfc.constant dense<1.0> : tensor<f32>
  %half = tfc.constant dense<0.5> : tensor<f32>
  %0 = tfc.pow %x, %three : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = tfc.mul %0, %k : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %2 = tfc.add %x, %1 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = tfc.mul %2, %s : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %4 = tfc.tanh %3 : tensor<4xf32>
  %5 = tfc.mul %x, %half : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %6 = tfc.add %4, %one : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %7 = tfc.mul %5, %6 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %7 : tensor<4xf32>
}

// -----

// x^3 as x * x * x.
// CHECK-LABEL: func.func @tanh_cube_as_products
// CHECK: tfc.gelu %arg0 {approximate = "tanh"}
// CHECK-NOT: tfc.tanh
func.func @tanh_cube_as_products(%x: tensor<4xf32>) -> tensor<4xf32> {
  %k = tfc.constant dense<0.044715> : tensor<f32>
  %s = tfc.constant dense<0.797884583> : tensor<f32>
  %one = tfc.constant dense<1.0> : tensor<f32>
  %half = tfc.constant dense<0.5> : tensor<f32>
  %sq = tfc.mul %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %0 = tfc.mul %sq, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = tfc.mul %k, %0 : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = tfc.add %1, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = tfc.mul %s, %2 : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = tfc.tanh %3 : tensor<4xf32>
  %6 = tfc.add %4, %one : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %7 = tfc.mul %x, %6 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %8 = tfc.mul %7, %half : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %8 : tensor<4xf32>
}

// -----

// Must not fuse: the erf result has another use.
// CHECK-LABEL: func.func @extra_use
// CHECK-NOT: tfc.gelu
// CHECK: tfc.erf
func.func @extra_use(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %sqrt2 = tfc.constant dense<1.41421354> : tensor<f32>
  %one = tfc.constant dense<1.0> : tensor<f32>
  %half = tfc.constant dense<0.5> : tensor<f32>
  %0 = tfc.div %x, %sqrt2 : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %1 = tfc.erf %0 : tensor<8xf32>
  %2 = tfc.add %1, %one : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %3 = tfc.mul %x, %2 : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %4 = tfc.mul %3, %half : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  return %4, %1 : tensor<8xf32>, tensor<8xf32>
}

// -----

// Must not fuse: the constant is not 1/2, or x differs from erf's argument.
// CHECK-LABEL: func.func @wrong_constant_or_operand
// CHECK-NOT: tfc.gelu
func.func @wrong_constant_or_operand(%x: tensor<8xf32>, %y: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %sqrt2 = tfc.constant dense<1.41421354> : tensor<f32>
  %one = tfc.constant dense<1.0> : tensor<f32>
  %third = tfc.constant dense<0.333> : tensor<f32>
  %half = tfc.constant dense<0.5> : tensor<f32>
  %0 = tfc.div %x, %sqrt2 : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %1 = tfc.erf %0 : tensor<8xf32>
  %2 = tfc.add %1, %one : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %3 = tfc.mul %x, %2 : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %4 = tfc.mul %3, %third : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %5 = tfc.div %x, %sqrt2 : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %6 = tfc.erf %5 : tensor<8xf32>
  %7 = tfc.add %6, %one : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %8 = tfc.mul %y, %7 : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %9 = tfc.mul %8, %half : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  return %4, %9 : tensor<8xf32>, tensor<8xf32>
}

// -----

// Gemma's gated GELU (GeGLU): gelu_tanh(gate) * up spells one product of 0.5, gate,
// 1 + tanh(...) and up. The GELU fuses; up multiplies it.
// CHECK-LABEL: func.func @gated
// CHECK: %[[G:.*]] = tfc.gelu %arg0 {approximate = "tanh"} : tensor<2x8xf32>
// CHECK-NEXT: %[[Y:.*]] = tfc.mul %[[G]], %arg1
// CHECK-NEXT: return %[[Y]]
func.func @gated(%x: tensor<2x8xf32>, %up: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %half = tfc.constant dense<0.5> : tensor<f32>
  %one = tfc.constant dense<1.0> : tensor<f32>
  %c = tfc.constant dense<0.044715> : tensor<f32>
  %k = tfc.constant dense<0.797884583> : tensor<f32>
  %three = tfc.constant dense<3.0> : tensor<f32>
  %cube = tfc.pow %x, %three : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %t = tfc.mul %c, %cube : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %in = tfc.add %x, %t : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %arg = tfc.mul %k, %in : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %th = tfc.tanh %arg : tensor<2x8xf32>
  %s = tfc.add %one, %th : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %xs = tfc.mul %x, %s : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %h = tfc.mul %half, %xs : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %y = tfc.mul %h, %up : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}
