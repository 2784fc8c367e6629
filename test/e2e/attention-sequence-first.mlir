// Sequence-first tfc.attention ([B, S, H, D] operands and result, read and written in place
// by each head) against numpy: grouped-query (6 query heads over 2), several query and key
// blocks (130 queries, 300 keys), a padding mask and a causal decoder step.
// RUN: rm -rf %t && %python %S/Inputs/make_attention.py %t 2 6 130 300 16 8 0 2 1
// RUN: tfc run %s --input %t/q.npy --input %t/k.npy --input %t/v.npy --input %t/m.npy \
// RUN:   --expect %t/masked.npy --expect %t/causal.npy --atol 1e-5 --rtol 0 | FileCheck %s
// CHECK: output 'masked' FLOAT [2x130x6x8]: max abs error {{.*}}: ok
// CHECK: output 'causal' FLOAT [2x130x6x8]: max abs error {{.*}}: ok
func.func @main(%q: tensor<2x130x6x16xf32> {tfc.name = "q"}, %k: tensor<2x300x2x16xf32> {tfc.name = "k"},
                %v: tensor<2x300x2x8xf32> {tfc.name = "v"}, %m: tensor<2x1x1x300xf32> {tfc.name = "m"})
    -> (tensor<2x130x6x8xf32> {tfc.name = "masked"}, tensor<2x130x6x8xf32> {tfc.name = "causal"}) {
  %0 = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64, sequence_first = true} : (tensor<2x130x6x16xf32>, tensor<2x300x2x16xf32>, tensor<2x300x2x8xf32>, tensor<2x1x1x300xf32>) -> tensor<2x130x6x8xf32>
  %1 = tfc.attention %q, %k, %v {scale = 0.5 : f64, causal = true, sequence_first = true} : (tensor<2x130x6x16xf32>, tensor<2x300x2x16xf32>, tensor<2x300x2x8xf32>) -> tensor<2x130x6x8xf32>
  return %0, %1 : tensor<2x130x6x8xf32>, tensor<2x130x6x8xf32>
}
