// tfc-plan-memory: buffers allocated and freed at a function's top level, or in a loop
// body, become views into one arena (per call, per iteration); buffers whose lifetimes
// (allocation to last use, through any alias) are disjoint share offsets.
// RUN: tfc-opt %s --tfc-plan-memory --split-input-file | FileCheck %s

// a dies when c is allocated: c takes a's place; b overlaps both.
// CHECK-LABEL: func.func @chain
// CHECK: %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2048xi8>
// CHECK: %[[O0:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[ARENA]][%[[O0]]][] : memref<2048xi8> to memref<16x16xf32>
// CHECK: %[[O1:.*]] = arith.constant 1024 : index
// CHECK: memref.view %[[ARENA]][%[[O1]]][] : memref<2048xi8> to memref<16x16xf32>
// CHECK: %[[O2:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[ARENA]][%[[O2]]][] : memref<2048xi8> to memref<16x16xf32>
// CHECK-NOT: memref.alloc
// CHECK: memref.dealloc %[[ARENA]] : memref<2048xi8>
// CHECK-NEXT: return
func.func @chain(%in: memref<16x16xf32>, %out: memref<16x16xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
  memref.copy %in, %a : memref<16x16xf32> to memref<16x16xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
  memref.copy %a, %b : memref<16x16xf32> to memref<16x16xf32>
  %c = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
  memref.copy %b, %c : memref<16x16xf32> to memref<16x16xf32>
  memref.copy %c, %out : memref<16x16xf32> to memref<16x16xf32>
  memref.dealloc %a : memref<16x16xf32>
  memref.dealloc %b : memref<16x16xf32>
  memref.dealloc %c : memref<16x16xf32>
  return
}

// -----

// a is read through a subview inside a loop after b is allocated, so they may not share;
// larger buffers are placed first (b at 0), and offsets stay 64-byte aligned.
// CHECK-LABEL: func.func @alias_in_loop
// CHECK: %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1088xi8>
// CHECK: arith.constant 1024 : index
// CHECK: memref.view {{.*}} : memref<1088xi8> to memref<3x5xf32>
// CHECK: arith.constant 0 : index
// CHECK: memref.view {{.*}} : memref<1088xi8> to memref<16x16xf32>
func.func @alias_in_loop(%in: memref<3x5xf32>, %big: memref<16x16xf32>, %out: memref<2x2xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<3x5xf32>
  memref.copy %in, %a : memref<3x5xf32> to memref<3x5xf32>
  %s = memref.subview %a[0, 0] [2, 2] [1, 1] : memref<3x5xf32> to memref<2x2xf32, strided<[5, 1]>>
  %b = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
  memref.copy %big, %b : memref<16x16xf32> to memref<16x16xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  scf.for %i = %c0 to %c2 step %c1 {
    %x = memref.load %s[%i, %i] : memref<2x2xf32, strided<[5, 1]>>
    memref.store %x, %out[%i, %i] : memref<2x2xf32>
  }
  memref.dealloc %a : memref<3x5xf32>
  memref.dealloc %b : memref<16x16xf32>
  return
}

// -----

// Left alone: a returned buffer (no deallocation), a dynamic shape; one plannable buffer
// alone gets no arena, at the top level or in a loop.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: memref.view
// CHECK: memref.alloc() : memref<4xf32>
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
// CHECK: memref.alloc() : memref<8xf32>
// CHECK: scf.for
// CHECK: memref.alloc() : memref<2xf32>
// CHECK-NOT: memref.view
func.func @left_alone(%n: index) -> memref<4xf32> {
  %r = memref.alloc() : memref<4xf32>
  %d = memref.alloc(%n) : memref<?xf32>
  %one = memref.alloc() : memref<8xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    %t = memref.alloc() : memref<2xf32>
    memref.dealloc %t : memref<2xf32>
  }
  memref.dealloc %d : memref<?xf32>
  memref.dealloc %one : memref<8xf32>
  return %r : memref<4xf32>
}

// -----

// An attention head's buffers, allocated and freed in each iteration of a parallel loop: one
// arena per iteration, freed before the terminator. The tile (1024 bytes) and the row (64)
// are alive together, so they do not share.
// CHECK-LABEL: func.func @loop_body
// CHECK: scf.forall
// CHECK-NEXT: %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1088xi8>
// CHECK: memref.view %[[ARENA]]{{.*}} : memref<1088xi8> to memref<16xf32>
// CHECK: memref.view %[[ARENA]]{{.*}} : memref<1088xi8> to memref<16x16xf32>
// CHECK-NOT: memref.alloc
// CHECK: memref.dealloc %[[ARENA]] : memref<1088xi8>
// CHECK-NEXT: }
func.func @loop_body(%in: memref<4x16x16xf32>, %out: memref<4x16xf32>) {
  scf.forall (%h) in (4) {
    %row = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
    %tile = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
    %s = memref.subview %in[%h, 0, 0] [1, 16, 16] [1, 1, 1]
        : memref<4x16x16xf32> to memref<16x16xf32, strided<[16, 1], offset: ?>>
    memref.copy %s, %tile : memref<16x16xf32, strided<[16, 1], offset: ?>> to memref<16x16xf32>
    %c0 = arith.constant 0 : index
    %x = memref.load %tile[%c0, %c0] : memref<16x16xf32>
    memref.store %x, %row[%c0] : memref<16xf32>
    %o = memref.subview %out[%h, 0] [1, 16] [1, 1]
        : memref<4x16xf32> to memref<16xf32, strided<[1], offset: ?>>
    memref.copy %row, %o : memref<16xf32> to memref<16xf32, strided<[1], offset: ?>>
    memref.dealloc %row : memref<16xf32>
    memref.dealloc %tile : memref<16x16xf32>
  }
  return
}
