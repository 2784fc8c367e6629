// RUN: tfc-opt %s --tfc-entry-to-dps --tfc-bufferize | FileCheck %s

// Returning an input needs a copy; it is a linalg.copy (lowered to loops), never memref.copy,
// whose strided form would call into MLIR's runner library.
// CHECK-LABEL: func.func @tfc_model_impl
// CHECK-SAME: (%[[IN:.*]]: memref<2x3xf32>, %[[OUT:.*]]: memref<2x3xf32>)
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%[[IN]] : memref<2x3xf32>) outs(%[[OUT]] : memref<2x3xf32>)
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}
