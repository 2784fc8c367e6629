// Transposes that move the innermost dimension (tfc-vectorize-transposes' 16x16 register
// tiles) match numpy exactly: partial tiles on both sides of a matrix, and an attention's
// keys (tokens x heads x dims to heads x dims x tokens) with 13 tokens under two loops.
// DEFINE: %{x} = (np.arange(740, dtype=np.float32).reshape(37, 20) * 0.5 - 100)
// DEFINE: %{k} = (np.arange(2496, dtype=np.int32).reshape(3, 13, 2, 32) * 3 - 7)
// RUN: rm -rf %t && %python %S/Inputs/make_tensors.py %t "x=%{x}" "k=%{k}" \
// RUN:   "xt=np.ascontiguousarray(%{x}.T)" \
// RUN:   "kt=np.ascontiguousarray(%{k}.transpose(0, 2, 3, 1))"
// RUN: tfc run %s --input %t/x.npy --input %t/k.npy --expect %t/xt.npy --expect %t/kt.npy \
// RUN:   --atol 0 --rtol 0 | FileCheck %s
// RUN: tfc run %s --threads 2 --input %t/x.npy --input %t/k.npy --expect %t/xt.npy \
// RUN:   --expect %t/kt.npy --atol 0 --rtol 0 | FileCheck %s
// The same shuffles split into ymm (AVX2) and xmm (baseline) registers.
// RUN: tfc run %s --mcpu=x86-64-v3 --input %t/x.npy --input %t/k.npy --expect %t/xt.npy \
// RUN:   --expect %t/kt.npy --atol 0 --rtol 0 | FileCheck %s
// RUN: tfc run %s --mcpu=x86-64 --input %t/x.npy --input %t/k.npy --expect %t/xt.npy \
// RUN:   --expect %t/kt.npy --atol 0 --rtol 0 | FileCheck %s
// RUN: tfc compile %s --emit=llvm -o - | FileCheck %s --check-prefix=IR
// CHECK: output 'xt' FLOAT [20x37]: max abs error 0, max rel error 0: ok
// CHECK: output 'kt' INT32 [3x2x32x13]: {{.*}}ok
// Both are register transposes: lane shuffles, no scatters.
// IR-NOT: scatter
// IR: shufflevector <16 x float>
// IR: shufflevector <16 x i32>
// IR-NOT: scatter
module {
  func.func @main(%x: tensor<37x20xf32> {tfc.name = "x"}, %k: tensor<3x13x2x32xi32> {tfc.name = "k"})
      -> (tensor<20x37xf32> {tfc.name = "xt"}, tensor<3x2x32x13xi32> {tfc.name = "kt"}) {
    %xt = tfc.transpose %x {perm = array<i64: 1, 0>} : tensor<37x20xf32> -> tensor<20x37xf32>
    %kt = tfc.transpose %k {perm = array<i64: 0, 2, 3, 1>} : tensor<3x13x2x32xi32> -> tensor<3x2x32x13xi32>
    return %xt, %kt : tensor<20x37xf32>, tensor<3x2x32x13xi32>
  }
}
