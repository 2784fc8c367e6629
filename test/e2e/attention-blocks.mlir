// tfc.attention over several query and key blocks (128 and 256 rows) with partial last
// blocks, against a numpy reference: a mask that differs per query row, and a causal
// decoder step whose 300 queries follow 300 cached keys.
// RUN: rm -rf %t && %python %S/Inputs/make_attention.py %t 1 2 300 600 16 8 1
// RUN: tfc run %s --input %t/q.npy --input %t/k.npy --input %t/v.npy --input %t/m.npy \
// RUN:   --expect %t/masked.npy --expect %t/causal.npy --atol 1e-5 --rtol 0 | FileCheck %s
// CHECK: output 'masked' FLOAT [1x2x300x8]: max abs error {{.*}}: ok
// CHECK: output 'causal' FLOAT [1x2x300x8]: max abs error {{.*}}: ok
func.func @main(%q: tensor<1x2x300x16xf32> {tfc.name = "q"}, %k: tensor<1x2x600x16xf32> {tfc.name = "k"},
                %v: tensor<1x2x600x8xf32> {tfc.name = "v"}, %m: tensor<1x1x300x600xf32> {tfc.name = "m"})
    -> (tensor<1x2x300x8xf32> {tfc.name = "masked"}, tensor<1x2x300x8xf32> {tfc.name = "causal"}) {
  %0 = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<1x2x300x16xf32>, tensor<1x2x600x16xf32>, tensor<1x2x600x8xf32>, tensor<1x1x300x600xf32>) -> tensor<1x2x300x8xf32>
  %1 = tfc.attention %q, %k, %v {scale = 0.5 : f64, causal = true} : (tensor<1x2x300x16xf32>, tensor<1x2x600x16xf32>, tensor<1x2x600x8xf32>) -> tensor<1x2x300x8xf32>
  return %0, %1 : tensor<1x2x300x8xf32>, tensor<1x2x300x8xf32>
}
