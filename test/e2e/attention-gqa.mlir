// Grouped-query tfc.attention (6 query heads over 2 key/value heads, 2 batch rows) across
// query and key blocks, against a numpy reference that repeats each key/value head for its
// 3 query heads: a padding mask and a causal decoder step.
// RUN: rm -rf %t && %python %S/Inputs/make_attention.py %t 2 6 130 300 16 8 0 2
// RUN: tfc run %s --input %t/q.npy --input %t/k.npy --input %t/v.npy --input %t/m.npy \
// RUN:   --expect %t/masked.npy --expect %t/causal.npy --atol 1e-5 --rtol 0 | FileCheck %s
// CHECK: output 'masked' FLOAT [2x6x130x8]: max abs error {{.*}}: ok
// CHECK: output 'causal' FLOAT [2x6x130x8]: max abs error {{.*}}: ok
func.func @main(%q: tensor<2x6x130x16xf32> {tfc.name = "q"}, %k: tensor<2x2x300x16xf32> {tfc.name = "k"},
                %v: tensor<2x2x300x8xf32> {tfc.name = "v"}, %m: tensor<2x1x1x300xf32> {tfc.name = "m"})
    -> (tensor<2x6x130x8xf32> {tfc.name = "masked"}, tensor<2x6x130x8xf32> {tfc.name = "causal"}) {
  %0 = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x6x130x16xf32>, tensor<2x2x300x16xf32>, tensor<2x2x300x8xf32>, tensor<2x1x1x300xf32>) -> tensor<2x6x130x8xf32>
  %1 = tfc.attention %q, %k, %v {scale = 0.5 : f64, causal = true} : (tensor<2x6x130x16xf32>, tensor<2x2x300x16xf32>, tensor<2x2x300x8xf32>) -> tensor<2x6x130x8xf32>
  return %0, %1 : tensor<2x6x130x8xf32>, tensor<2x6x130x8xf32>
}
