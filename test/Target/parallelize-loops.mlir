// tfc-parallelize-loops: top-level scf.parallel loops with enough work move into a function
// over a range of their first dimension, called through a dispatcher.
// RUN: tfc-opt %s --tfc-parallelize-loops --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @elementwise
// CHECK-SAME: (%[[X:.*]]: memref<256x512xf32>, %[[Y:.*]]: memref<256x512xf32>, %[[S:.*]]: f32)
// CHECK: %[[N:.*]] = arith.constant 127 : index
// CHECK: call @__tfc_parallel_0_dispatch(%[[N]], %[[X]], %[[S]], %[[Y]]) : (index, memref<256x512xf32>, f32, memref<256x512xf32>) -> ()
// CHECK-NOT: scf.parallel
// CHECK: return
// The task: iterations [begin, end) of the first dimension (lower bound 2, step 2), with the
// constants rebuilt inside.
// CHECK-LABEL: func.func private @__tfc_parallel_0(
// CHECK-SAME: %[[BEGIN:[^:]*]]: index, %[[END:[^:]*]]: index, %{{.*}}: memref<256x512xf32>, %{{.*}}: f32, %{{.*}}: memref<256x512xf32>)
// CHECK: %[[LO:.*]] = arith.muli %[[BEGIN]], %c2
// CHECK: %[[FIRST:.*]] = arith.addi %[[LO]], %c2
// CHECK: %[[HI:.*]] = arith.muli %[[END]], %c2
// CHECK: %[[LAST:.*]] = arith.addi %[[HI]], %c2
// CHECK: %[[STOP:.*]] = arith.minsi %[[LAST]], %c256
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%[[FIRST]], %{{.*}}) to (%[[STOP]], %{{.*}}) step (%c2{{.*}}, %c1{{.*}})
// CHECK: func.func private @__tfc_parallel_0_dispatch(index, memref<256x512xf32>, f32, memref<256x512xf32>) attributes {tfc.parallel_task = @__tfc_parallel_0}
func.func @elementwise(%x: memref<256x512xf32>, %y: memref<256x512xf32>, %s: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c256 = arith.constant 256 : index
  %c512 = arith.constant 512 : index
  scf.parallel (%i, %j) = (%c2, %c0) to (%c256, %c512) step (%c2, %c1) {
    %v = memref.load %x[%i, %j] : memref<256x512xf32>
    %w = arith.mulf %v, %s : f32
    memref.store %w, %y[%i, %j] : memref<256x512xf32>
  }
  return
}

// -----

// Left alone: too little work, a reduction, a captured strided view, a nested loop.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: call
// CHECK-COUNT-3: scf.parallel
// CHECK-NOT: __tfc_parallel
func.func @left_alone(%x: memref<8x8xf32>, %big: memref<512x512xf32>, %out: memref<512xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c256 = arith.constant 256 : index
  %c512 = arith.constant 512 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c8) step (%c1, %c1) {
    memref.store %zero, %x[%i, %j] : memref<8x8xf32>
  }
  %sum = scf.parallel (%i, %j) = (%c0, %c0) to (%c512, %c512) step (%c1, %c1) init (%zero) -> f32 {
    %v = memref.load %big[%i, %j] : memref<512x512xf32>
    scf.reduce(%v : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  memref.store %sum, %out[%c0] : memref<512xf32>
  %view = memref.subview %big[0, 0] [512, 256] [1, 2] : memref<512x512xf32> to memref<512x256xf32, strided<[512, 2]>>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c512, %c256) step (%c1, %c1) {
    memref.store %zero, %view[%i, %j] : memref<512x256xf32, strided<[512, 2]>>
  }
  return
}
