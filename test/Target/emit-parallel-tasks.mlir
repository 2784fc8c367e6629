// tfc-emit-parallel-tasks: a dispatcher stores its arguments in 8-byte stack slots and hands
// the pool an entry that loads them back and calls the task over [begin, end).
// RUN: tfc-opt %s --tfc-emit-parallel-tasks | FileCheck %s

// CHECK: llvm.func internal @__tfc_parallel_0(
// CHECK-LABEL: llvm.func internal @__tfc_parallel_0_dispatch(
// CHECK-SAME: %[[N:.*]]: i64, %[[P:.*]]: !llvm.ptr, %[[S:.*]]: f32)
// CHECK: %[[TWO:.*]] = llvm.mlir.constant(2 : i64) : i64
// CHECK: %[[SLOTS:.*]] = llvm.alloca %[[TWO]] x i64
// CHECK: %[[AT0:.*]] = llvm.getelementptr %[[SLOTS]][0]
// CHECK: llvm.store %[[P]], %[[AT0]] : !llvm.ptr, !llvm.ptr
// CHECK: %[[AT1:.*]] = llvm.getelementptr %[[SLOTS]][1]
// CHECK: llvm.store %[[S]], %[[AT1]] : f32, !llvm.ptr
// CHECK: %[[ENTRY:.*]] = llvm.mlir.addressof @__tfc_parallel_0_entry
// CHECK: llvm.call @tfc_uk_parallel(%[[N]], %[[ENTRY]], %[[SLOTS]])
// CHECK-LABEL: llvm.func internal @__tfc_parallel_0_entry(
// CHECK-SAME: %[[CTX:.*]]: !llvm.ptr, %[[BEGIN:.*]]: i64, %[[END:.*]]: i64)
// CHECK: %[[LP:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK: %[[LS:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f32
// CHECK: llvm.call @__tfc_parallel_0(%[[BEGIN]], %[[END]], %[[LP]], %[[LS]])
// CHECK: llvm.func @tfc_uk_parallel(i64, !llvm.ptr, !llvm.ptr)
// CHECK-NOT: tfc.parallel_task
llvm.func @__tfc_parallel_0(%b: i64, %e: i64, %p: !llvm.ptr, %s: f32) {
  llvm.return
}
llvm.func @__tfc_parallel_0_dispatch(i64, !llvm.ptr, f32) attributes {tfc.parallel_task = @__tfc_parallel_0}
