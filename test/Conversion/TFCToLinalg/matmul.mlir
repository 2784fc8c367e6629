// tfc.matmul: linalg.matmul for matrices, a broadcasting generic for everything else.
// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @matrix
// CHECK: %[[Z:.*]] = linalg.fill
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x5xf32>) outs(%[[Z]] : tensor<4x5xf32>)
func.func @matrix(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %0 = tfc.matmul %a, %b : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// Loops (batch..., m, n, k); the lhs batch dimension of size 1 broadcasts, the rhs has none.
// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG: #[[RHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @batched
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @batched(%a: tensor<2x1x4x8xf32>, %b: tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32> {
  %0 = tfc.matmul %a, %b : (tensor<2x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// A vector operand is promoted to a matrix and the unit dimension removed again.
// CHECK-LABEL: func.func @matrix_vector
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [8, 1] : tensor<8xi32> into tensor<8x1xi32>
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xi32>, tensor<8x1xi32>)
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<4x1xi32> into tensor<4xi32>
func.func @matrix_vector(%a: tensor<4x8xi32>, %v: tensor<8xi32>) -> tensor<4xi32> {
  %0 = tfc.matmul %a, %v : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// matmul_epilogue: the product by the weight with the batch folded into rows, the bias as a
// plain add, the activation as an element-wise generic marked as the product's epilogue.
// CHECK-LABEL: func.func @matmul_epilogue
// CHECK: %[[P:.*]] = linalg.matmul ins(%{{.*}}, %arg1 : tensor<8x16xf32>, tensor<16x32xf32>)
// CHECK: tensor.collapse_shape %[[P]]
// CHECK: %[[X:.*]] = tensor.expand_shape
// CHECK: %[[S:.*]] = linalg.generic {{.*}} ins(%[[X]], %arg2 : tensor<2x4x32xf32>, tensor<32xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}} ins(%[[S]] : tensor<2x4x32xf32>) {{.*}} attrs = {tfc.epilogue = "gelu_tanh"}
// CHECK: math.tanh
func.func @matmul_epilogue(%x: tensor<2x4x16xf32>, %w: tensor<16x32xf32>, %b: tensor<32xf32>) -> tensor<2x4x32xf32> {
  %0 = tfc.matmul_epilogue %x, %w, %b {activation = "gelu_tanh"} : (tensor<2x4x16xf32>, tensor<16x32xf32>, tensor<32xf32>) -> tensor<2x4x32xf32>
  return %0 : tensor<2x4x32xf32>
}

// -----

// bias_activation: one element-wise pass, the bias added before the activation.
// CHECK-LABEL: func.func @bias_activation
// CHECK: linalg.generic {{.*}} ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<8xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[X]], %[[B]]
// CHECK-NEXT: %[[N:.*]] = arith.negf %[[S]]
// CHECK-NEXT: %[[E:.*]] = math.exp %[[N]]
// CHECK: %[[D:.*]] = arith.addf %{{.*}}, %[[E]]
// CHECK-NEXT: arith.divf %[[S]], %[[D]]
func.func @bias_activation(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = tfc.bias_activation %x, %b {activation = "silu"} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
