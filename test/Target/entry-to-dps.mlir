// RUN: tfc-opt %s -split-input-file --tfc-entry-to-dps -verify-diagnostics | FileCheck %s

// Inputs are read through restrict to_tensor, results stored into trailing output memrefs.
// CHECK-LABEL: func.func @tfc_model_impl
// CHECK-SAME: (%[[IN:.*]]: memref<2x3xf32>, %[[OUT:.*]]: memref<2x3xf32>)
// CHECK-NOT: tfc.name
// CHECK: %[[T:.*]] = bufferization.to_tensor %[[IN]] restrict : memref<2x3xf32> to tensor<2x3xf32>
// CHECK: %[[R:.*]] = math.exp %[[T]]
// CHECK: bufferization.materialize_in_destination %[[R]] in restrict writable %[[OUT]] : (tensor<2x3xf32>, memref<2x3xf32>) -> ()
// CHECK: return
func.func @main(%x: tensor<2x3xf32> {tfc.name = "x"}) -> (tensor<2x3xf32> {tfc.name = "y"}) {
  %0 = math.exp %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Tensors without elements pass a placeholder pointer: nothing is read or stored.
// CHECK-LABEL: func.func @tfc_model_impl
// CHECK-SAME: (%{{.*}}: memref<1xi8>, %{{.*}}: memref<3xf32>, %{{.*}}: memref<1xi8>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<0x3xf32>
// CHECK-NOT: materialize_in_destination %[[E]]
func.func @main(%x: tensor<0x3xf32>, %y: tensor<3xf32>) -> tensor<0x3xf32> {
  return %x : tensor<0x3xf32>
}

// -----

// expected-error @+1 {{not supported: entry value of type 'tensor<?xf32>' (needs a static shape)}}
func.func @main(%x: tensor<?xf32>) -> tensor<?xf32> {
  return %x : tensor<?xf32>
}
