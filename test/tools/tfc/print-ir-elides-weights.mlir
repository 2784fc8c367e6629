// --print-ir-after-all prints every pass's module with large constants elided (a model's
// weights would otherwise be printed in full after every pass); small ones stay readable.
// RUN: tfc compile %s --print-ir-after-all -o %t.so 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=1.250000e-01
// CHECK-LABEL: IR Dump After
// CHECK: tfc.constant dense_resource<__elided__> : tensor<4x8xf32>
// CHECK: tfc.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00]> : tensor<8xf32>
// CHECK: llvm.mlir.global private constant @__constant_4x8xf32_packed(dense_resource<__elided__> : tensor<192xf32>)
// CHECK: IR Dump After EmitModelABI
func.func @main(%x: tensor<2x4xf32>) -> tensor<2x8xf32> {
  %w = tfc.constant dense<[[0.125, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0], [16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0], [24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0]]> : tensor<4x8xf32>
  %b = tfc.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]> : tensor<8xf32>
  %p = tfc.matmul %x, %w : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32>
  %y = tfc.add %p, %b : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}
