// tfc.attention (online softmax) against a numpy reference: an additive padding mask, and a
// causal decoder step whose 5 queries see the 2 cached keys and the keys up to their own.
// RUN: rm -rf %t && %python %S/Inputs/make_attention.py %t
// RUN: tfc run %s --input %t/q.npy --input %t/k.npy --input %t/v.npy --input %t/m.npy \
// RUN:   --expect %t/masked.npy --expect %t/causal.npy --atol 1e-5 --rtol 0 | FileCheck %s
// CHECK: output 'masked' FLOAT [2x3x5x6]: max abs error {{.*}}: ok
// CHECK: output 'causal' FLOAT [2x3x5x6]: max abs error {{.*}}: ok
func.func @main(%q: tensor<2x3x5x4xf32> {tfc.name = "q"}, %k: tensor<2x3x7x4xf32> {tfc.name = "k"},
                %v: tensor<2x3x7x6xf32> {tfc.name = "v"}, %m: tensor<2x1x1x7xf32> {tfc.name = "m"})
    -> (tensor<2x3x5x6xf32> {tfc.name = "masked"}, tensor<2x3x5x6xf32> {tfc.name = "causal"}) {
  %0 = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x3x5x4xf32>, tensor<2x3x7x4xf32>, tensor<2x3x7x6xf32>, tensor<2x1x1x7xf32>) -> tensor<2x3x5x6xf32>
  %1 = tfc.attention %q, %k, %v {scale = 0.5 : f64, causal = true} : (tensor<2x3x5x4xf32>, tensor<2x3x7x4xf32>, tensor<2x3x7x6xf32>) -> tensor<2x3x5x6xf32>
  return %0, %1 : tensor<2x3x5x6xf32>, tensor<2x3x5x6xf32>
}
