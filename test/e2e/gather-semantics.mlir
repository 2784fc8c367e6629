// Gather counts negative indices from the end and clamps indices that are out of range
// (ONNX leaves those undefined; tfc never reads outside the tensor).
// RUN: rm -rf %t && %python %S/Inputs/make_tensors.py %t \
// RUN:   "x=np.arange(12, dtype=np.float32).reshape(4, 3)" "i=np.array([[-1, 0], [7, -9]], np.int64)"
// RUN: tfc run %s --input %t/x.npy --input %t/i.npy | FileCheck %s
// CHECK: output 'y': FLOAT [2x2x3]
// CHECK-NEXT: {{\[}}{{\[}}[9, 10, 11],
// CHECK-NEXT:   [0, 1, 2]],
// CHECK-NEXT:  {{\[}}[9, 10, 11],
// CHECK-NEXT:   [0, 1, 2]]]
module {
  func.func @main(%x: tensor<4x3xf32> {tfc.name = "x"}, %i: tensor<2x2xi64> {tfc.name = "i"})
      -> (tensor<2x2x3xf32> {tfc.name = "y"}) {
    %0 = tfc.gather %x, %i {axis = 0 : i64} : (tensor<4x3xf32>, tensor<2x2xi64>) -> tensor<2x2x3xf32>
    return %0 : tensor<2x2x3xf32>
  }
}
