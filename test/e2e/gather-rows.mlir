// Gathered rows of half a vector or more are read as vectors (tfc-vectorize-elementwise): 20
// f32 columns are a whole vector and a masked one, 100 i64 columns six and a masked one. The
// indices are negative and out of range, clamped as in gather-semantics.mlir: [-1, 0, 7] and
// [2, -9, 4] read the rows [4, 0, 4] and [2, 0, 4] of a 5-row table.
// RUN: rm -rf %t && %python %S/Inputs/make_tensors.py %t \
// RUN:   "x=np.arange(100, dtype=np.float32).reshape(5, 20)" \
// RUN:   "n=np.arange(500, dtype=np.int64).reshape(5, 100) - 250" \
// RUN:   "i=np.array([[-1, 0, 7], [2, -9, 4]], np.int64)" \
// RUN:   "y=np.arange(100, dtype=np.float32).reshape(5, 20)[[[4, 0, 4], [2, 0, 4]]]" \
// RUN:   "z=(np.arange(500, dtype=np.int64).reshape(5, 100) - 250)[[[4, 0, 4], [2, 0, 4]]]"
// RUN: tfc run %s --input %t/x.npy --input %t/n.npy --input %t/i.npy --expect %t/y.npy \
// RUN:   --expect %t/z.npy --atol 0 | FileCheck %s
// RUN: tfc compile %s --emit=llvm -o - | FileCheck %s --check-prefix=LLVM
// CHECK: output 'y' FLOAT [2x3x20]: max abs error 0{{.*}}: ok
// CHECK: output 'z' INT64 [2x3x100]: max abs error 0{{.*}}: ok
// LLVM: load <16 x float>
// LLVM: load <16 x i64>
module {
  func.func @main(%x: tensor<5x20xf32> {tfc.name = "x"}, %n: tensor<5x100xi64> {tfc.name = "n"},
                  %i: tensor<2x3xi64> {tfc.name = "i"})
      -> (tensor<2x3x20xf32> {tfc.name = "y"}, tensor<2x3x100xi64> {tfc.name = "z"}) {
    %0 = tfc.gather %x, %i {axis = 0 : i64} : (tensor<5x20xf32>, tensor<2x3xi64>) -> tensor<2x3x20xf32>
    %1 = tfc.gather %n, %i {axis = 0 : i64} : (tensor<5x100xi64>, tensor<2x3xi64>) -> tensor<2x3x100xi64>
    return %0, %1 : tensor<2x3x20xf32>, tensor<2x3x100xi64>
  }
}
