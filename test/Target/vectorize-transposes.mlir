// tfc-vectorize-transposes: transposes that move the innermost dimension become 16x16 tiles of
// contiguous vector loads, a register transpose and contiguous vector stores.
// RUN: tfc-opt %s -split-input-file --tfc-vectorize-transposes | FileCheck %s

// An attention's keys turned into K^T (13 tokens, two heads of 32): a parallel loop over the
// batch, the heads and the two row blocks of 16 head dims; 13 loads of token rows (the
// columns of the output) and 16 stores masked to 13 tokens.
// CHECK-LABEL: func.func @keys
// CHECK: scf.parallel (%[[B:.*]], %[[H:.*]], %[[R:.*]]) = ({{.*}}) to (%{{.*}}, %{{.*}}, %{{.*}}) step
// CHECK: %[[D:.*]] = arith.muli %[[R]], %{{.*}} : index
// CHECK: %[[T0:.*]] = vector.load %arg0[%[[B]], %{{.*}}, %[[H]], %[[D]]] : memref<3x13x2x32xf32, strided<[1152, 96, 32, 1], offset: 32>>, vector<16xf32>
// CHECK-COUNT-12: vector.load %arg0
// CHECK-NOT: vector.load
// The 16 x 16 transpose: 32-bit and 64-bit interleaves, then two rounds of 128-bit quarters.
// CHECK: vector.shuffle %[[T0]], %{{.*}} [0, 16, 1, 17, 4, 20, 5, 21, 8, 24, 9, 25, 12, 28, 13, 29] : vector<16xf32>, vector<16xf32>
// CHECK: vector.shuffle %[[T0]], %{{.*}} [2, 18, 3, 19, 6, 22, 7, 23, 10, 26, 11, 27, 14, 30, 15, 31]
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29]
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]
// CHECK: %[[ROW:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27]
// CHECK-NOT: vector.transpose
// CHECK: %[[MASK:.*]] = vector.constant_mask [13] : vector<16xi1>
// CHECK: vector.maskedstore %arg1[%[[B]], %[[H]], %[[D]], %{{.*}}], %[[MASK]], %[[ROW]]
// CHECK-COUNT-15: vector.maskedstore %arg1
// CHECK: scf.reduce
// CHECK-NOT: linalg.transpose
func.func @keys(%in: memref<3x13x2x32xf32, strided<[1152, 96, 32, 1], offset: 32>>, %out: memref<3x2x32x13xf32>) {
  linalg.transpose ins(%in : memref<3x13x2x32xf32, strided<[1152, 96, 32, 1], offset: 32>>) outs(%out : memref<3x2x32x13xf32>) permutation = [0, 2, 3, 1]
  return
}

// -----

// A 37x20 matrix: one whole row block of 16 (a parallel loop of one block) with two whole
// tiles and one of 5 columns, then the last 4 rows with masked loads.
// CHECK-LABEL: func.func @matrix
// CHECK: scf.parallel
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-COUNT-16: vector.load %arg0
// CHECK-COUNT-64: vector.shuffle
// CHECK-COUNT-16: vector.store %{{.*}}, %arg1
// CHECK: }
// CHECK-COUNT-5: vector.load %arg0
// CHECK-COUNT-64: vector.shuffle
// CHECK: %[[FIVE:.*]] = vector.constant_mask [5] : vector<16xi1>
// CHECK-COUNT-16: vector.maskedstore %arg1[%{{.*}}, %{{.*}}], %[[FIVE]]
// CHECK: scf.reduce
// CHECK: scf.for
// CHECK: %[[FOUR:.*]] = vector.constant_mask [4] : vector<16xi1>
// CHECK-COUNT-16: vector.maskedload %arg0[%{{.*}}, %{{.*}}], %[[FOUR]]
// CHECK-COUNT-64: vector.shuffle
// CHECK-COUNT-4: vector.store %{{.*}}, %arg1
// CHECK: }
// CHECK: %[[FOUR2:.*]] = vector.constant_mask [4] : vector<16xi1>
// CHECK-COUNT-5: vector.maskedload %arg0[%{{.*}}, %{{.*}}], %[[FOUR2]]
// CHECK-COUNT-64: vector.shuffle
// CHECK-COUNT-4: vector.maskedstore %arg1
// CHECK-NOT: vector.maskedstore
// CHECK: return
func.func @matrix(%in: memref<37x20xf32>, %out: memref<20x37xf32>) {
  linalg.transpose ins(%in : memref<37x20xf32>) outs(%out : memref<20x37xf32>) permutation = [1, 0]
  return
}

// -----

// Left alone: the innermost dimension stays (a copy of rows, tfc-vectorize-elementwise's), too
// few rows, 16-bit elements, a strided innermost dimension, tensors.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-5: linalg.transpose
// CHECK-NOT: vector.
func.func @left_alone(%a: memref<4x5x32xf32>, %b: memref<5x4x32xf32>, %c: memref<3x40xf32>,
                      %d: memref<40x3xf32>, %e: memref<20x20xf16>, %f: memref<20x20xf16>,
                      %g: memref<20x20xf32, strided<[40, 2]>>, %h: memref<20x20xf32>,
                      %t: tensor<20x20xf32>) -> tensor<20x20xf32> {
  linalg.transpose ins(%a : memref<4x5x32xf32>) outs(%b : memref<5x4x32xf32>) permutation = [1, 0, 2]
  linalg.transpose ins(%c : memref<3x40xf32>) outs(%d : memref<40x3xf32>) permutation = [1, 0]
  linalg.transpose ins(%e : memref<20x20xf16>) outs(%f : memref<20x20xf16>) permutation = [1, 0]
  linalg.transpose ins(%g : memref<20x20xf32, strided<[40, 2]>>) outs(%h : memref<20x20xf32>) permutation = [1, 0]
  %init = tensor.empty() : tensor<20x20xf32>
  %r = linalg.transpose ins(%t : tensor<20x20xf32>) outs(%init : tensor<20x20xf32>) permutation = [1, 0]
  return %r : tensor<20x20xf32>
}
