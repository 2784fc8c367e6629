// Convolutions through tfc-conv-to-matmul against a direct numpy convolution: padded,
// strided and dilated with bias (patches gathered by slices), and 1-D into non-overlapping
// patches (a reshape and a transpose).
// RUN: rm -rf %t && %python %S/Inputs/make_convs.py %t
// RUN: tfc run %s --input %t/x.npy --input %t/w.npy --input %t/b.npy --input %t/s.npy \
// RUN:   --input %t/v.npy --expect %t/y.npy --expect %t/p.npy --atol 1e-5 --rtol 0 | FileCheck %s
// CHECK: output 'y' FLOAT [2x5x4x4]: max abs error {{.*}}: ok
// CHECK: output 'p' FLOAT [1x4x3]: max abs error {{.*}}: ok
func.func @main(%x: tensor<2x3x9x10xf32> {tfc.name = "x"}, %w: tensor<5x3x3x2xf32> {tfc.name = "w"},
                %b: tensor<5xf32> {tfc.name = "b"}, %s: tensor<1x2x12xf32> {tfc.name = "s"},
                %v: tensor<4x2x4xf32> {tfc.name = "v"})
    -> (tensor<2x5x4x4xf32> {tfc.name = "y"}, tensor<1x4x3xf32> {tfc.name = "p"}) {
  %y = tfc.conv %x, %w, %b {dilations = array<i64: 2, 1>, pads = array<i64: 1, 0, 2, 1>, strides = array<i64: 2, 3>} : (tensor<2x3x9x10xf32>, tensor<5x3x3x2xf32>, tensor<5xf32>) -> tensor<2x5x4x4xf32>
  %p = tfc.conv %s, %v {dilations = array<i64: 1>, pads = array<i64: 0, 0>, strides = array<i64: 4>} : (tensor<1x2x12xf32>, tensor<4x2x4xf32>) -> tensor<1x4x3xf32>
  return %y, %p : tensor<2x5x4x4xf32>, tensor<1x4x3xf32>
}
