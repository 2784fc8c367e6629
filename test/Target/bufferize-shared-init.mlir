// tfc-bufferize gives every use of a shared tensor.empty or fill its own copy before empty
// tensors are eliminated, so that each output's chain is built in its own output buffer.
// Shared, both products were built in the first output's buffer and the store of the first
// output then overwrote the second before it was copied out.
// RUN: tfc-opt %s --tfc-entry-to-dps --tfc-bufferize | FileCheck %s

// CHECK-LABEL: func.func @tfc_model_impl
// CHECK-SAME: %[[OUT0:[^:]*]]: memref<4x3xf32>, %[[OUT1:[^:]*]]: memref<4x3xf32>)
// CHECK-NOT: memref.alloc
// CHECK-DAG: linalg.fill ins(%{{.*}} : f32) outs(%[[OUT0]] : memref<4x3xf32>)
// CHECK-DAG: linalg.fill ins(%{{.*}} : f32) outs(%[[OUT1]] : memref<4x3xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x2xf32>, memref<2x3xf32>) outs(%[[OUT0]] : memref<4x3xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x2xf32>, memref<2x3xf32>) outs(%[[OUT1]] : memref<4x3xf32>)
// CHECK-NOT: memref.alloc
// CHECK: return
func.func @main(%a: tensor<4x2xf32>, %b: tensor<4x2xf32>, %w: tensor<2x3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x3xf32>) -> tensor<4x3xf32>
  %p = linalg.matmul ins(%a, %w : tensor<4x2xf32>, tensor<2x3xf32>) outs(%f : tensor<4x3xf32>) -> tensor<4x3xf32>
  %q = linalg.matmul ins(%b, %w : tensor<4x2xf32>, tensor<2x3xf32>) outs(%f : tensor<4x3xf32>) -> tensor<4x3xf32>
  return %p, %q : tensor<4x3xf32>, tensor<4x3xf32>
}
