// tfc-bufferize gives every use of a shared tensor.empty or fill its own copy, right before
// the user, before empty tensors are eliminated, so that each output's chain is built in its
// own output buffer. Shared, both products were built in the first output's buffer and the
// store of the first output then overwrote the second before it was copied out. Copied where
// the shared op was, every copy's buffer was allocated and filled at the top of the
// function, alive from there: the memory plan could not reuse them, and the matmul kernel
// did not see the fill that starts its product.
// RUN: tfc-opt %s -split-input-file --tfc-entry-to-dps --tfc-bufferize | FileCheck %s

// CHECK-LABEL: func.func @tfc_model_impl
// CHECK-SAME: %[[OUT0:[^:]*]]: memref<4x3xf32>, %[[OUT1:[^:]*]]: memref<4x3xf32>)
// CHECK-NOT: memref.alloc
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[OUT0]] : memref<4x3xf32>)
// CHECK-NEXT: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x2xf32>, memref<2x3xf32>) outs(%[[OUT0]] : memref<4x3xf32>)
// CHECK-NEXT: linalg.fill ins(%{{.*}} : f32) outs(%[[OUT1]] : memref<4x3xf32>)
// CHECK-NEXT: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x2xf32>, memref<2x3xf32>) outs(%[[OUT1]] : memref<4x3xf32>)
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

// -----

// Intermediate results: each product's buffer is allocated and filled right before it (so
// its lifetime starts there, and the matmul kernel takes the fill as its zero start), not
// all of them at the top of the function.
// CHECK-LABEL: func.func @tfc_model_impl
// CHECK: %[[A:.*]] = memref.alloc() {{.*}} : memref<4x3xf32>
// CHECK-NEXT: linalg.fill ins(%{{.*}} : f32) outs(%[[A]] : memref<4x3xf32>)
// CHECK-NEXT: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x2xf32>, memref<2x3xf32>) outs(%[[A]] : memref<4x3xf32>)
// CHECK-NEXT: %[[B:.*]] = memref.alloc() {{.*}} : memref<4x3xf32>
// CHECK-NEXT: linalg.fill ins(%{{.*}} : f32) outs(%[[B]] : memref<4x3xf32>)
// CHECK-NEXT: linalg.matmul ins(%[[A]], %{{.*}} : memref<4x3xf32>, memref<3x3xf32>) outs(%[[B]] : memref<4x3xf32>)
// CHECK-NEXT: linalg.fill ins(%{{.*}} : f32) outs(%[[C:.*]] : memref<4x3xf32>)
// CHECK-NEXT: linalg.matmul ins(%[[B]], %{{.*}} : memref<4x3xf32>, memref<3x3xf32>) outs(%[[C]] : memref<4x3xf32>)
func.func @main(%a: tensor<4x2xf32>, %w: tensor<2x3xf32>, %v: tensor<3x3xf32>) -> tensor<4x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x3xf32>) -> tensor<4x3xf32>
  %p = linalg.matmul ins(%a, %w : tensor<4x2xf32>, tensor<2x3xf32>) outs(%f : tensor<4x3xf32>) -> tensor<4x3xf32>
  %q = linalg.matmul ins(%p, %v : tensor<4x3xf32>, tensor<3x3xf32>) outs(%f : tensor<4x3xf32>) -> tensor<4x3xf32>
  %r = linalg.matmul ins(%q, %v : tensor<4x3xf32>, tensor<3x3xf32>) outs(%f : tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}
