// A decoder step's tfc.attention (one query over 600 cached keys, each score a dot product
// with a key row, no K transpose) against numpy, head-first and sequence-first: grouped-query
// (6 query heads over 2), a padding mask and the causal limit.
// RUN: rm -rf %t && %python %S/Inputs/make_attention.py %t/h 2 6 1 600 16 8 0 2
// RUN: %python %S/Inputs/make_attention.py %t/s 2 6 1 600 16 8 0 2 1
// RUN: tfc run %s --input %t/h/q.npy --input %t/h/k.npy --input %t/h/v.npy --input %t/h/m.npy \
// RUN:   --input %t/s/k.npy --input %t/s/v.npy \
// RUN:   --expect %t/h/masked.npy --expect %t/h/causal.npy --expect %t/s/masked.npy \
// RUN:   --atol 1e-5 --rtol 0 | FileCheck %s
// CHECK: output 'masked' FLOAT [2x6x1x8]: max abs error {{.*}}: ok
// CHECK: output 'causal' FLOAT [2x6x1x8]: max abs error {{.*}}: ok
// CHECK: output 'masked_sequence_first' FLOAT [2x1x6x8]: max abs error {{.*}}: ok
func.func @main(%q: tensor<2x6x1x16xf32> {tfc.name = "q"}, %k: tensor<2x2x600x16xf32> {tfc.name = "k"},
                %v: tensor<2x2x600x8xf32> {tfc.name = "v"}, %m: tensor<2x1x1x600xf32> {tfc.name = "m"},
                %ks: tensor<2x600x2x16xf32> {tfc.name = "ks"}, %vs: tensor<2x600x2x8xf32> {tfc.name = "vs"})
    -> (tensor<2x6x1x8xf32> {tfc.name = "masked"}, tensor<2x6x1x8xf32> {tfc.name = "causal"},
        tensor<2x1x6x8xf32> {tfc.name = "masked_sequence_first"}) {
  %0 = tfc.attention %q, %k, %v, %m {scale = 0.5 : f64} : (tensor<2x6x1x16xf32>, tensor<2x2x600x16xf32>, tensor<2x2x600x8xf32>, tensor<2x1x1x600xf32>) -> tensor<2x6x1x8xf32>
  %1 = tfc.attention %q, %k, %v {scale = 0.5 : f64, causal = true} : (tensor<2x6x1x16xf32>, tensor<2x2x600x16xf32>, tensor<2x2x600x8xf32>) -> tensor<2x6x1x8xf32>
  // With one query, [B, 1, H, D] holds the same data as [B, H, 1, D].
  %qs = tfc.reshape %q {shape = array<i64: 2, 1, 6, 16>} : tensor<2x6x1x16xf32> -> tensor<2x1x6x16xf32>
  %2 = tfc.attention %qs, %ks, %vs, %m {scale = 0.5 : f64, sequence_first = true} : (tensor<2x1x6x16xf32>, tensor<2x600x2x16xf32>, tensor<2x600x2x8xf32>, tensor<2x1x1x600xf32>) -> tensor<2x1x6x8xf32>
  return %0, %1, %2 : tensor<2x6x1x8xf32>, tensor<2x6x1x8xf32>, tensor<2x1x6x8xf32>
}
