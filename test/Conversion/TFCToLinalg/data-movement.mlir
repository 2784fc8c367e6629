// Constants and data movement become arith constants and tensor/linalg data movement.
// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @constant_unsigned
// CHECK: arith.constant dense<[1, -1]> : tensor<2xi8>
func.func @constant_unsigned() -> tensor<2xui8> {
  %0 = tfc.constant dense<[1, 255]> : tensor<2xui8>
  return %0 : tensor<2xui8>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<4x2x3xf32>) permutation = [2, 0, 1]
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = tfc.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// Reshapes collapse to 1-D and expand again: both are views once bufferized.
// CHECK-LABEL: func.func @reshapes
// CHECK: %[[F:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [6, 4] : tensor<24xf32> into tensor<6x4xf32>
// CHECK: %[[S:.*]] = tensor.collapse_shape %{{.*}} [] : tensor<1x1xf32> into tensor<f32>
// CHECK: %[[U:.*]] = tensor.expand_shape %[[S]] [] output_shape [1] : tensor<f32> into tensor<1xf32>
func.func @reshapes(%x: tensor<2x3x4xf32>, %y: tensor<1x1xf32>) -> (tensor<6x4xf32>, tensor<1xf32>) {
  %0 = tfc.reshape %x {shape = array<i64: 6, 4>} : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %1 = tfc.squeeze %y {axes = array<i64: 0, 1>} : tensor<1x1xf32> -> tensor<f32>
  %2 = tfc.unsqueeze %1 {axes = array<i64: 0>} : tensor<f32> -> tensor<1xf32>
  return %0, %2 : tensor<6x4xf32>, tensor<1xf32>
}

// -----

// CHECK-LABEL: func.func @concat
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x7xf32>
// CHECK: %[[A:.*]] = tensor.insert_slice %{{.*}} into %[[E]][0, 0] [2, 3] [1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %[[A]][0, 3] [2, 4] [1, 1]
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>, %c: tensor<2x0xf32>) -> tensor<2x7xf32> {
  %0 = tfc.concat %a, %c, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x0xf32>, tensor<2x4xf32>) -> tensor<2x7xf32>
  return %0 : tensor<2x7xf32>
}

// -----

// A negative stride reads the same elements from the other end, then reverses them.
// CHECK-DAG: #[[REV:.*]] = affine_map<(d0, d1) -> (d0, -d1 + 3)>
// CHECK-LABEL: func.func @slice
// CHECK: tensor.extract_slice %{{.*}}[1, 0] [2, 3] [2, 1] : tensor<5x3xf32> to tensor<2x3xf32>
// CHECK: %[[S:.*]] = tensor.extract_slice %{{.*}}[0, 1] [5, 4] [1, 2] : tensor<5x9xf32> to tensor<5x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[REV]], #{{.*}}], {{.*}} ins(%[[S]] : tensor<5x4xf32>)
func.func @slice(%x: tensor<5x3xf32>, %y: tensor<5x9xf32>) -> (tensor<2x3xf32>, tensor<5x4xf32>) {
  %0 = tfc.slice %x {offsets = array<i64: 1, 0>, sizes = array<i64: 2, 3>, strides = array<i64: 2, 1>} : tensor<5x3xf32> -> tensor<2x3xf32>
  %1 = tfc.slice %y {offsets = array<i64: 0, 7>, sizes = array<i64: 5, 4>, strides = array<i64: 1, -2>} : tensor<5x9xf32> -> tensor<5x4xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<5x4xf32>
}

// -----

// Gather normalizes negative indices and clamps into range before reading.
// CHECK-DAG: #[[IDX:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[DATA:.*]]: tensor<4x5x10xf32>, %[[I:.*]]: tensor<3xi64>)
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #{{.*}}], {{.*}} ins(%[[I]] : tensor<3xi64>)
// CHECK: %[[IX:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: arith.cmpi slt, %[[IX]]
// CHECK: arith.maxsi
// CHECK: %[[CL:.*]] = arith.minsi
// CHECK: %[[D0:.*]] = linalg.index 0 : index
// CHECK: %[[D2:.*]] = linalg.index 2 : index
// CHECK: tensor.extract %[[DATA]][%[[D0]], %[[CL]], %[[D2]]] : tensor<4x5x10xf32>
func.func @gather(%x: tensor<4x5x10xf32>, %i: tensor<3xi64>) -> tensor<4x3x10xf32> {
  %0 = tfc.gather %x, %i {axis = 1 : i64} : (tensor<4x5x10xf32>, tensor<3xi64>) -> tensor<4x3x10xf32>
  return %0 : tensor<4x3x10xf32>
}
