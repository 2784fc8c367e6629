// Float edge cases match numpy: NaN casts to true, max propagates NaN, relu keeps NaN,
// softmax of a row with a huge negative mask entry, and an empty max-reduction gives -inf.
// A NaN makes its whole softmax row NaN, and a NaN score its whole attention row (their
// row maximum skips NaN, as maxnumf; the NaN reaches every output through the sum).
// RUN: rm -rf %t && %python %S/Inputs/make_tensors.py %t \
// RUN:   "x=np.array([np.nan, 0.0, -2.0, 3.0], np.float32)" \
// RUN:   "m=np.array([0.0, 0.0, np.finfo(np.float32).min, 0.0], np.float32)" \
// RUN:   "e=np.zeros((0, 2), np.float32)" \
// RUN:   "a=np.arange(8, dtype=np.float32).reshape(1, 2, 4) / 10" \
// RUN:   "am=np.array([[0, np.nan], [0, 0]], np.float32)"
// RUN: tfc run %s --input %t/x.npy --input %t/m.npy --input %t/e.npy --input %t/a.npy \
// RUN:   --input %t/am.npy | FileCheck %s
// CHECK: output 'to_bool': BOOL [4]
// CHECK-NEXT: [True, False, True, True]
// CHECK: output 'max': FLOAT [scalar]
// CHECK-NEXT: nan
// CHECK: output 'relu': FLOAT [4]
// CHECK-NEXT: [nan, 0, 0, 3]
// CHECK: output 'masked_softmax': FLOAT [4]
// CHECK-NEXT: [0.3333333, 0.3333333, 0, 0.3333333]
// CHECK: output 'empty_max': FLOAT [2]
// CHECK-NEXT: [-inf, -inf]
// CHECK: output 'nan_softmax': FLOAT [4]
// CHECK-NEXT: [nan, nan, nan, nan]
// CHECK: output 'nan_attention': FLOAT [1x2x4]
// CHECK-NEXT: {{\[\[\[}}nan, nan, nan, nan],
// CHECK-NEXT: [0.2{{[0-9]*}}, 0.3{{[0-9]*}}, 0.4{{[0-9]*}}, 0.5{{[0-9]*}}]]]
module {
  func.func @main(%x: tensor<4xf32> {tfc.name = "x"}, %m: tensor<4xf32> {tfc.name = "m"},
                  %e: tensor<0x2xf32> {tfc.name = "e"}, %a: tensor<1x2x4xf32> {tfc.name = "a"},
                  %am: tensor<2x2xf32> {tfc.name = "am"})
      -> (tensor<4xi1> {tfc.name = "to_bool"}, tensor<f32> {tfc.name = "max"},
          tensor<4xf32> {tfc.name = "relu"}, tensor<4xf32> {tfc.name = "masked_softmax"},
          tensor<2xf32> {tfc.name = "empty_max"}, tensor<4xf32> {tfc.name = "nan_softmax"},
          tensor<1x2x4xf32> {tfc.name = "nan_attention"}) {
    %0 = tfc.cast %x {to = i1} : tensor<4xf32> to tensor<4xi1>
    %1 = tfc.reduce_max %x {axes = array<i64: 0>, keepdims = false} : tensor<4xf32> -> tensor<f32>
    %2 = tfc.relu %x : tensor<4xf32>
    %zero = tfc.constant dense<0.0> : tensor<4xf32>
    %s = tfc.softmax %m {axis = 0 : i64} : tensor<4xf32>
    %3 = tfc.add %s, %zero : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %4 = tfc.reduce_max %e {axes = array<i64: 0>, keepdims = false} : tensor<0x2xf32> -> tensor<2xf32>
    %5 = tfc.softmax %x {axis = 0 : i64} : tensor<4xf32>
    %6 = tfc.attention %a, %a, %a, %am {scale = 0.5 : f64} : (tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<2x2xf32>) -> tensor<1x2x4xf32>
    return %0, %1, %2, %3, %4, %5, %6 : tensor<4xi1>, tensor<f32>, tensor<4xf32>, tensor<4xf32>, tensor<2xf32>, tensor<4xf32>, tensor<1x2x4xf32>
  }
}
