// A query whose every key is masked with -inf: NaN, as the unfused softmax gives; 0 with
// zero_masked_rows (scaled_dot_product_attention's export zeroes NaN probabilities). The
// other rows are untouched. A boolean mask (true: the key is seen) gives the same as the
// additive one of 0 and -inf.
// RUN: rm -rf %t && %python %S/Inputs/make_tensors.py %t \
// RUN:   "q=np.arange(12, dtype=np.float32).reshape(1, 3, 4) / 10" \
// RUN:   "m=np.array([[0, -np.inf, -np.inf], [-np.inf, -np.inf, -np.inf], [0, 0, -np.inf]], np.float32)" \
// RUN:   "keep=np.array([[1, 0, 0], [0, 0, 0], [1, 1, 0]], bool)"
// RUN: tfc run %s --input %t/q.npy --input %t/m.npy --input %t/keep.npy | FileCheck %s
// CHECK: output 'nan_rows': FLOAT [1x3x4]
// CHECK-NEXT: {{\[\[\[}}0, 0.1, 0.2, 0.3],
// CHECK-NEXT: [{{-?}}nan, {{-?}}nan, {{-?}}nan, {{-?}}nan],
// CHECK: output 'zero_rows': FLOAT [1x3x4]
// CHECK-NEXT: {{\[\[\[}}0, 0.1, 0.2, 0.3],
// CHECK-NEXT: [0, 0, 0, 0],
// CHECK-NEXT: [0.2725415, 0.3725415, 0.4725415, 0.5725415]]]
// CHECK: output 'boolean_mask': FLOAT [1x3x4]
// CHECK-NEXT: {{\[\[\[}}0, 0.1, 0.2, 0.3],
// CHECK-NEXT: [0, 0, 0, 0],
// CHECK-NEXT: [0.2725415, 0.3725415, 0.4725415, 0.5725415]]]
func.func @main(%q: tensor<1x3x4xf32> {tfc.name = "q"}, %m: tensor<3x3xf32> {tfc.name = "m"},
                %keep: tensor<3x3xi1> {tfc.name = "keep"})
    -> (tensor<1x3x4xf32> {tfc.name = "nan_rows"}, tensor<1x3x4xf32> {tfc.name = "zero_rows"},
        tensor<1x3x4xf32> {tfc.name = "boolean_mask"}) {
  %0 = tfc.attention %q, %q, %q, %m {scale = 0.5 : f64} : (tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<3x3xf32>) -> tensor<1x3x4xf32>
  %1 = tfc.attention %q, %q, %q, %m {scale = 0.5 : f64, zero_masked_rows = true} : (tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<3x3xf32>) -> tensor<1x3x4xf32>
  %2 = tfc.attention %q, %q, %q, %keep {scale = 0.5 : f64, zero_masked_rows = true} : (tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<3x3xi1>) -> tensor<1x3x4xf32>
  return %0, %1, %2 : tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>
}
