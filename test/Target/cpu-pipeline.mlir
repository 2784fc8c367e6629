// The whole CPU pipeline on a tfc module: only LLVM IR with the model ABI comes out, and the
// generated code calls no runtime support library (libm and libc only).
// RUN: tfc compile %s --emit=llvm -o - | FileCheck %s
// f32 erf is an inline polynomial (tfc-approximate-math), not a libm call.
// RUN: tfc compile %s --emit=llvm -o - | FileCheck %s --check-prefix=INLINE
// INLINE-NOT: erff
// The entry is internal (here inlined into the run function): only the ABI is exported.
// CHECK-NOT: define {{.*}}@tfc_model_impl
// CHECK-DAG: define {{.*}}ptr @tfc_compiled_signature()
// CHECK-DAG: define {{.*}}i32 @tfc_compiled_run(ptr {{.*}}, ptr {{.*}})
// Buffers are allocated by the functions of runtime/ukernels/alloc.c, linked in: nothing
// from MLIR's runtime libraries is left to resolve.
// RUN: tfc compile %s --emit=llvm -o - | FileCheck %s --check-prefix=SELF
// SELF-NOT: memrefCopy
// SELF-NOT: declare {{.*}}@_mlir_
module {
  func.func @main(%x: tensor<2x3xf32> {tfc.name = "x"}, %b: tensor<3xf32> {tfc.name = "b"}) -> (tensor<2x3xf32> {tfc.name = "y"}) {
    %0 = tfc.add %x, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    %1 = tfc.erf %0 : tensor<2x3xf32>
    %2 = tfc.transpose %1 {perm = array<i64: 0, 1>} : tensor<2x3xf32> -> tensor<2x3xf32>
    %3 = tfc.slice %2 {offsets = array<i64: 0, 2>, sizes = array<i64: 2, 3>, strides = array<i64: 1, -1>} : tensor<2x3xf32> -> tensor<2x3xf32>
    return %3 : tensor<2x3xf32>
  }
}
