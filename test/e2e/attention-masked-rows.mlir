// A query whose every key is masked with -inf: NaN, as the unfused softmax gives; 0 with
// zero_masked_rows (scaled_dot_product_attention's export zeroes NaN probabilities). The
// other rows are untouched.
// RUN: rm -rf %t && %python %S/Inputs/make_tensors.py %t \
// RUN:   "q=np.arange(12, dtype=np.float32).reshape(1, 3, 4) / 10" \
// RUN:   "m=np.array([[0, -np.inf, -np.inf], [-np.inf, -np.inf, -np.inf], [0, 0, -np.inf]], np.float32)"
// RUN: tfc run %s --input %t/q.npy --input %t/m.npy | FileCheck %s
// CHECK: output 'nan_rows': FLOAT [1x3x4]
// CHECK-NEXT: {{\[\[\[}}0, 0.1, 0.2, 0.3],
// CHECK-NEXT: [{{-?}}nan, {{-?}}nan, {{-?}}nan, {{-?}}nan],
// CHECK: output 'zero_rows': FLOAT [1x3x4]
// CHECK-NEXT: {{\[\[\[}}0, 0.1, 0.2, 0.3],
// CHECK-NEXT: [0, 0, 0, 0],
// CHECK-NEXT: [0.2{{[0-9]*}}, 0.3{{[0-9]*}}, 0.4{{[0-9]*}}, 0.5{{[0-9]*}}]]]
func.func @main(%q: tensor<1x3x4xf32> {tfc.name = "q"}, %m: tensor<3x3xf32> {tfc.name = "m"})
    -> (tensor<1x3x4xf32> {tfc.name = "nan_rows"}, tensor<1x3x4xf32> {tfc.name = "zero_rows"}) {
  %0 = tfc.attention %q, %q, %q, %m {scale = 0.5 : f64} : (tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<3x3xf32>) -> tensor<1x3x4xf32>
  %1 = tfc.attention %q, %q, %q, %m {scale = 0.5 : f64, zero_masked_rows = true} : (tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<3x3xf32>) -> tensor<1x3x4xf32>
  return %0, %1 : tensor<1x3x4xf32>, tensor<1x3x4xf32>
}
