// Element-wise, row-reduction and attention loops on the thread pool (tfc-parallelize-loops),
// against numpy, and bit for bit the same at 1, 2 and 3 threads.
// RUN: rm -rf %t && %python %S/Inputs/make_parallel_inputs.py %t
// RUN: tfc compile %s -o %t/m.so
// RUN: tfc compile %s --emit=llvm -o - | FileCheck %s --check-prefix=IR
// DEFINE: %{io} = --input %t/x.npy --input %t/g.npy --input %t/q.npy --input %t/k.npy \
// DEFINE:   --input %t/v.npy --expect %t/sm.npy --expect %t/ln.npy --expect %t/at.npy \
// DEFINE:   --atol 1e-5 --rtol 0
// RUN: tfc run %t/m.so %{io} --threads 1 --output-dir %t/one | FileCheck %s
// RUN: tfc run %t/m.so %{io} --threads 2 --output-dir %t/two | FileCheck %s
// RUN: tfc run %t/m.so %{io} --threads 3 --output-dir %t/three | FileCheck %s
// RUN: %python %S/Inputs/same_outputs.py %t/one %t/two | FileCheck %s --check-prefix=SAME
// RUN: %python %S/Inputs/same_outputs.py %t/one %t/three | FileCheck %s --check-prefix=SAME
// IR: define internal void @__tfc_parallel_{{[0-9]+}}_entry(ptr
// CHECK: output 'sm' FLOAT [300x700]: max abs error {{.*}}: ok
// CHECK: output 'ln' FLOAT [300x700]: max abs error {{.*}}: ok
// CHECK: output 'at' FLOAT [1x4x200x32]: max abs error {{.*}}: ok
// SAME: at.npy: identical
// SAME: ln.npy: identical
// SAME: sm.npy: identical
func.func @main(%x: tensor<300x700xf32> {tfc.name = "x"}, %g: tensor<700xf32> {tfc.name = "g"},
                %q: tensor<1x4x200x32xf32> {tfc.name = "q"}, %k: tensor<1x4x200x32xf32> {tfc.name = "k"},
                %v: tensor<1x4x200x32xf32> {tfc.name = "v"})
    -> (tensor<300x700xf32> {tfc.name = "sm"}, tensor<300x700xf32> {tfc.name = "ln"},
        tensor<1x4x200x32xf32> {tfc.name = "at"}) {
  %sm = tfc.softmax %x {axis = 1 : i64} : tensor<300x700xf32>
  %ln = tfc.layer_norm %x, %g {axis = 1 : i64, epsilon = 1.0e-5 : f64} : (tensor<300x700xf32>, tensor<700xf32>) -> tensor<300x700xf32>
  %at = tfc.attention %q, %k, %v {scale = 0.125 : f64} : (tensor<1x4x200x32xf32>, tensor<1x4x200x32xf32>, tensor<1x4x200x32xf32>) -> tensor<1x4x200x32xf32>
  return %sm, %ln, %at : tensor<300x700xf32>, tensor<300x700xf32>, tensor<1x4x200x32xf32>
}
