// A compiled model frees what it allocates on every call: with one query block (S <= 128)
// the attention's per-head tiles live directly in an scf.forall body, whose buffers the
// deallocation pipeline only frees with the SCF deallocation interfaces registered (without
// them each call leaked ~1 MB here, a 128 x 128 score tile and four rows per head, and
// BERT-base ~10 MB). 60 calls may not need more memory than one.
// RUN: rm -rf %t && %python %S/Inputs/make_tensors.py %t \
// RUN:   "q=np.ones((16, 128, 32), np.float32)" "m=np.zeros((128, 128), np.float32)"
// RUN: tfc compile %s -o %t/model.so
// RUN: %python %S/Inputs/rss_growth.py 60 20 %tfc_bin %t/model.so --threads 1 \
// RUN:   --input %t/q.npy --input %t/m.npy | FileCheck %s
// CHECK: growth over 60 calls: {{.*}}: ok
func.func @main(%q: tensor<16x128x32xf32> {tfc.name = "q"}, %m: tensor<128x128xf32> {tfc.name = "m"})
    -> (tensor<16x128x32xf32> {tfc.name = "o"}) {
  %0 = tfc.attention %q, %q, %q, %m {scale = 0.125 : f64} : (tensor<16x128x32xf32>, tensor<16x128x32xf32>, tensor<16x128x32xf32>, tensor<128x128xf32>) -> tensor<16x128x32xf32>
  return %0 : tensor<16x128x32xf32>
}
