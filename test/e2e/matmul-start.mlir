// The micro-kernel's starts against numpy on every variant: a bias added to a product (C
// starts from the bias row, a different value per column, over a 48-column panel and a
// tail of 3) and a plain product (C starts from zero), both 800 deep (two depth blocks: only
// the first starts, the second accumulates), 37 rows (a tail tile of 5). A bias off by one
// column would be off by 3.
// DEFINE: %{x} = (np.sin(np.arange(29600, dtype=np.float32)).reshape(37, 800))
// DEFINE: %{w} = (np.cos(np.arange(40800, dtype=np.float32)).reshape(800, 51) * 0.1)
// DEFINE: %{v} = (np.cos(np.arange(40800, dtype=np.float32)).reshape(800, 51) * -0.2)
// DEFINE: %{b} = (np.arange(51, dtype=np.float32) * 3 - 70)
// DEFINE: %{io} = --input %t/x.npy --input %t/w.npy --input %t/v.npy --input %t/b.npy \
// DEFINE:   --expect %t/xwb.npy --expect %t/xv.npy --atol 1e-4 --rtol 1e-5
// RUN: rm -rf %t && %python %S/Inputs/make_tensors.py %t "x=%{x}" "w=%{w}" "v=%{v}" \
// RUN:   "b=%{b}" "xwb=(%{x}.astype(np.float64) @ %{w} + %{b}).astype(np.float32)" \
// RUN:   "xv=(%{x}.astype(np.float64) @ %{v}).astype(np.float32)"
// RUN: tfc compile %s --mcpu=x86-64-v4 -o %t/avx512.so
// RUN: tfc compile %s --mcpu=x86-64-v3 -o %t/avx2.so
// RUN: tfc compile %s --mcpu=x86-64 -o %t/baseline.so
// RUN: tfc run %t/avx512.so %{io} | FileCheck %s
// RUN: env TFC_UK_ISA=avx2 tfc run %t/avx2.so %{io} | FileCheck %s
// RUN: env TFC_UK_ISA=generic tfc run %t/baseline.so %{io} | FileCheck %s
// CHECK: output 'xwb' FLOAT [37x51]: {{.*}}: ok
// CHECK: output 'xv' FLOAT [37x51]: {{.*}}: ok
module {
  func.func @main(%x: tensor<37x800xf32> {tfc.name = "x"}, %w: tensor<800x51xf32> {tfc.name = "w"},
                  %v: tensor<800x51xf32> {tfc.name = "v"}, %b: tensor<51xf32> {tfc.name = "b"})
      -> (tensor<37x51xf32> {tfc.name = "xwb"}, tensor<37x51xf32> {tfc.name = "xv"}) {
    %p = tfc.matmul %x, %w : (tensor<37x800xf32>, tensor<800x51xf32>) -> tensor<37x51xf32>
    %pb = tfc.add %p, %b : (tensor<37x51xf32>, tensor<51xf32>) -> tensor<37x51xf32>
    %q = tfc.matmul %x, %v : (tensor<37x800xf32>, tensor<800x51xf32>) -> tensor<37x51xf32>
    return %pb, %q : tensor<37x51xf32>, tensor<37x51xf32>
  }
}
