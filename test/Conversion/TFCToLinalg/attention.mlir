// Attention lowers to the online softmax: loops over the query rows, one pass over the keys
// carrying the running maximum, the running sum and the output row; no tensor of S x T
// scores exists.
// RUN: tfc-opt %s --convert-tfc-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @attention
// CHECK-NOT: tensor<2x5x7xf32>
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (f32, f32, tensor<4xf32>)
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (f32)
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: math.exp
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<4xf32>) outs(%{{.*}} : tensor<4xf32>)
// CHECK: arith.divf
// CHECK: tensor.insert_slice
// CHECK-NOT: tensor<2x5x7xf32>
func.func @attention(%q: tensor<2x5x8xf32>, %k: tensor<2x7x8xf32>, %v: tensor<2x7x4xf32>) -> tensor<2x5x4xf32> {
  %0 = tfc.attention %q, %k, %v {scale = 0.35 : f64} : (tensor<2x5x8xf32>, tensor<2x7x8xf32>, tensor<2x7x4xf32>) -> tensor<2x5x4xf32>
  return %0 : tensor<2x5x4xf32>
}
