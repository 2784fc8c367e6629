// tfc-vectorize-elementwise: linalg ops on buffers, parallel (or reducing) along contiguous
// innermost elements, become loops over 16-lane vectors with a masked remainder.
// RUN: tfc-opt %s -split-input-file --tfc-vectorize-elementwise | FileCheck %s

// A layer norm's normalisation: rows in parallel, 40 columns as two whole vectors and one
// masked vector of 8; the row's mean is loaded once per vector and broadcast where used.
// CHECK-LABEL: func.func @normalize
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[MASK:.*]] = vector.constant_mask [8] : vector<16xi1>
// CHECK: scf.parallel (%[[I:.*]]) = (%[[C0]]) to (%[[C4]]) step (%[[C1]])
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK: %[[X:.*]] = vector.load %arg0[%[[I]], %[[J]]] : memref<4x40xf32>, vector<16xf32>
// CHECK: %[[M:.*]] = memref.load %arg1[%[[I]]] : memref<4xf32>
// CHECK: %[[G:.*]] = vector.load %arg2[%[[J]]] : memref<40xf32>, vector<16xf32>
// CHECK: %[[MV:.*]] = vector.broadcast %[[M]] : f32 to vector<16xf32>
// CHECK: %[[D:.*]] = arith.subf %[[X]], %[[MV]] : vector<16xf32>
// CHECK: %[[P:.*]] = arith.mulf %[[D]], %[[G]] fastmath<contract> : vector<16xf32>
// CHECK: vector.store %[[P]], %arg3[%[[I]], %[[J]]] : memref<4x40xf32>, vector<16xf32>
// CHECK: }
// CHECK: %[[C32:.*]] = arith.constant 32 : index
// CHECK: %[[XT:.*]] = vector.maskedload %arg0[%[[I]], %[[C32]]], %[[MASK]]
// CHECK: vector.maskedstore %arg3[%[[I]], %[[C32]]], %[[MASK]]
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
#in = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @normalize(%x: memref<4x40xf32>, %mean: memref<4xf32>, %gamma: memref<40xf32>, %out: memref<4x40xf32>) {
  linalg.generic {indexing_maps = [#in, #row, #col, #in], iterator_types = ["parallel", "parallel"]} ins(%x, %mean, %gamma : memref<4x40xf32>, memref<4xf32>, memref<40xf32>) outs(%out : memref<4x40xf32>) {
  ^bb0(%a: f32, %m: f32, %g: f32, %o: f32):
    %d = arith.subf %a, %m : f32
    %p = arith.mulf %d, %g fastmath<contract> : f32
    linalg.yield %p : f32
  }
  return
}

// -----

// Split reduction partials (the layer norm's sum): the 16 lanes stay in a register across the
// reduction loop, loaded before it and stored after it.
// CHECK-LABEL: func.func @partials
// CHECK: scf.parallel (%[[I:.*]]) =
// CHECK: %[[START:.*]] = vector.load %arg1[%[[I]], %{{.*}}] : memref<4x16xf32>, vector<16xf32>
// CHECK: %[[SUM:.*]] = scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[START]]) -> (vector<16xf32>) {
// CHECK: %[[X:.*]] = vector.load %arg0[%[[I]], %[[K]], %{{.*}}] : memref<4x3x16xf32>, vector<16xf32>
// CHECK: %[[S:.*]] = arith.addf %[[ACC]], %[[X]] : vector<16xf32>
// CHECK: scf.yield %[[S]] : vector<16xf32>
// CHECK: vector.store %[[SUM]], %arg1[%[[I]], %{{.*}}] : memref<4x16xf32>, vector<16xf32>
#in3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#out3 = affine_map<(d0, d1, d2) -> (d0, d2)>
func.func @partials(%x: memref<4x3x16xf32>, %out: memref<4x16xf32>) {
  linalg.generic {indexing_maps = [#in3, #out3], iterator_types = ["parallel", "reduction", "parallel"]} ins(%x : memref<4x3x16xf32>) outs(%out : memref<4x16xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// An innermost sum over 37: 16 partial sums (the masked lanes add 0), summed in a tree, then
// added to the output's initial value.
// CHECK-LABEL: func.func @row_sum
// CHECK-DAG: %[[MASK:.*]] = vector.constant_mask [5] : vector<16xi1>
// CHECK: scf.parallel (%[[I:.*]]) =
// CHECK: %[[ZEROS:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK: %[[P:.*]] = scf.for %{{.*}} iter_args(%[[ACC:.*]] = %[[ZEROS]]) -> (vector<16xf32>) {
// CHECK: arith.addf %[[ACC]], %{{.*}} : vector<16xf32>
// CHECK: %[[T:.*]] = vector.maskedload %arg0[%[[I]], %{{.*}}], %[[MASK]]
// CHECK: %[[TI:.*]] = arith.select %[[MASK]], %[[T]], %{{.*}} : vector<16xi1>, vector<16xf32>
// CHECK: %[[ALL:.*]] = arith.addf %[[P]], %[[TI]] : vector<16xf32>
// CHECK: %[[R:.*]] = vector.reduction <add>, %[[ALL]] fastmath<reassoc> : vector<16xf32> into f32
// CHECK: %[[O:.*]] = memref.load %arg1[%[[I]]] : memref<3xf32>
// CHECK: %[[N:.*]] = arith.addf %[[O]], %[[R]] : f32
// CHECK: memref.store %[[N]], %arg1[%[[I]]] : memref<3xf32>
#in = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @row_sum(%x: memref<3x37xf32>, %out: memref<3xf32>) {
  linalg.generic {indexing_maps = [#in, #row], iterator_types = ["parallel", "reduction"]} ins(%x : memref<3x37xf32>) outs(%out : memref<3xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A row maximum (combiner operands in the other order): partials start at -inf, masked lanes
// are -inf, and the combine is exact (no reassociation flag).
// CHECK-LABEL: func.func @row_max
// CHECK: arith.constant dense<0xFF800000> : vector<16xf32>
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK: %[[R:.*]] = vector.reduction <maximumf>, %{{.*}} : vector<16xf32> into f32
// CHECK: %[[O:.*]] = memref.load %arg1[%{{.*}}] : memref<2xf32>
// CHECK: arith.maximumf %[[R]], %[[O]] : f32
#in = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @row_max(%x: memref<2x21xf32>, %out: memref<2xf32>) {
  linalg.generic {indexing_maps = [#in, #row], iterator_types = ["parallel", "reduction"]} ins(%x : memref<2x21xf32>) outs(%out : memref<2xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %m = arith.maximumf %a, %acc : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// A softmax's row maximum (maxnumf): the 16 partials are combined by halves with vector
// maxnumf, not by vector.reduction, which LLVM expands one lane at a time.
// CHECK-LABEL: func.func @row_maxnum
// CHECK: arith.maxnumf %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK-NOT: vector.reduction
// CHECK: vector.shuffle {{.*}} [8, 9, 10, 11, 12, 13, 14, 15] : vector<16xf32>, vector<16xf32>
// CHECK: arith.maxnumf %{{.*}}, %{{.*}} : vector<8xf32>
// CHECK: arith.maxnumf %{{.*}}, %{{.*}} : vector<4xf32>
// CHECK: arith.maxnumf %{{.*}}, %{{.*}} : vector<2xf32>
// CHECK: arith.maxnumf %{{.*}}, %{{.*}} : vector<1xf32>
// CHECK: %[[R:.*]] = vector.extract %{{.*}}[0] : f32 from vector<1xf32>
// CHECK: %[[O:.*]] = memref.load %arg1[%{{.*}}] : memref<2xf32>
// CHECK: arith.maxnumf %[[O]], %[[R]] : f32
#in = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @row_maxnum(%x: memref<2x40xf32>, %out: memref<2xf32>) {
  linalg.generic {indexing_maps = [#in, #row], iterator_types = ["parallel", "reduction"]} ins(%x : memref<2x40xf32>) outs(%out : memref<2xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %m = arith.maxnumf %acc, %a : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// 13 keys (a short sequence's softmax): no whole vector, one masked vector per row.
// CHECK-LABEL: func.func @short_rows
// CHECK: %[[MASK:.*]] = vector.constant_mask [13] : vector<16xi1>
// CHECK: scf.parallel (%[[I:.*]]) =
// CHECK-NOT: scf.for
// CHECK: %[[X:.*]] = vector.maskedload %arg0[%[[I]], %{{.*}}], %[[MASK]]
// CHECK: %[[E:.*]] = math.exp %[[X]] : vector<16xf32>
// CHECK: vector.maskedstore %arg1[%[[I]], %{{.*}}], %[[MASK]], %[[E]]
#in = affine_map<(d0, d1) -> (d0, d1)>
func.func @short_rows(%x: memref<6x13xf32>, %out: memref<6x13xf32>) {
  linalg.generic {indexing_maps = [#in, #in], iterator_types = ["parallel", "parallel"]} ins(%x : memref<6x13xf32>) outs(%out : memref<6x13xf32>) {
  ^bb0(%a: f32, %o: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  }
  return
}

// -----

// One loop: the parallel loop is over whole vectors (the thread pool splits it), the
// remainder of 4 after it; the position in the innermost loop is j + [0, 1, ..., 15].
// CHECK-LABEL: func.func @positions
// CHECK: %[[MASK:.*]] = vector.constant_mask [4] : vector<16xi1>
// CHECK: scf.parallel (%[[J:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK: %[[B:.*]] = vector.broadcast %[[J]] : index to vector<16xindex>
// CHECK: %[[S:.*]] = vector.step : vector<16xindex>
// CHECK: %[[P:.*]] = arith.addi %[[B]], %[[S]] : vector<16xindex>
// CHECK: arith.index_cast %[[P]] : vector<16xindex> to vector<16xi64>
// CHECK: vector.store
// CHECK: scf.reduce
// CHECK: vector.maskedstore %arg0[%{{.*}}], %[[MASK]]
#id = affine_map<(d0) -> (d0)>
func.func @positions(%out: memref<36xi64>) {
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel"]} outs(%out : memref<36xi64>) {
  ^bb0(%o: i64):
    %i = linalg.index 0 : index
    %v = arith.index_cast %i : index to i64
    linalg.yield %v : i64
  }
  return
}

// -----

// A head transpose that keeps the innermost dimension ([S, H, D] -> [H, S, D]) copies whole
// vectors; a copy too.
// CHECK-LABEL: func.func @copies
// CHECK: scf.parallel (%[[H:.*]], %[[S:.*]]) =
// CHECK: %[[V:.*]] = vector.load %arg0[%[[S]], %[[H]], %{{.*}}] : memref<5x2x32xf32>, vector<16xf32>
// CHECK: vector.store %[[V]], %arg1[%[[H]], %[[S]], %{{.*}}] : memref<2x5x32xf32>, vector<16xf32>
// CHECK: scf.parallel
// CHECK: vector.load %arg1
// CHECK: vector.store %{{.*}}, %arg2
// CHECK-NOT: linalg.
func.func @copies(%x: memref<5x2x32xf32>, %t: memref<2x5x32xf32>, %c: memref<2x5x32xf32>) {
  linalg.transpose ins(%x : memref<5x2x32xf32>) outs(%t : memref<2x5x32xf32>) permutation = [1, 0, 2]
  linalg.copy ins(%t : memref<2x5x32xf32>) outs(%c : memref<2x5x32xf32>)
  return
}

// -----

// Left alone: a transpose of the innermost dimension, an innermost loop shorter than 8, an
// integer division with a masked remainder, a bool buffer (one byte per element in memory,
// one bit per lane), a body that loads, a reduction whose accumulator is read twice.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: vector.
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK-NOT: vector.
#in = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @left_alone(%x: memref<32x32xf32>, %y: memref<32x32xf32>, %s: memref<4x7xf32>, %t: memref<4x7xf32>,
                      %i: memref<2x20xi32>, %j: memref<2x20xi32>, %b: memref<2x32xi1>, %c: memref<2x32xi1>,
                      %table: memref<64xf32>, %r: memref<32xf32>) {
  linalg.generic {indexing_maps = [#tr, #in], iterator_types = ["parallel", "parallel"]} ins(%x : memref<32x32xf32>) outs(%y : memref<32x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  linalg.generic {indexing_maps = [#in, #in], iterator_types = ["parallel", "parallel"]} ins(%s : memref<4x7xf32>) outs(%t : memref<4x7xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  }
  linalg.generic {indexing_maps = [#in, #in], iterator_types = ["parallel", "parallel"]} ins(%i : memref<2x20xi32>) outs(%j : memref<2x20xi32>) {
  ^bb0(%a: i32, %o: i32):
    %q = arith.divsi %o, %a : i32
    linalg.yield %q : i32
  }
  linalg.generic {indexing_maps = [#in, #in], iterator_types = ["parallel", "parallel"]} ins(%b : memref<2x32xi1>) outs(%c : memref<2x32xi1>) {
  ^bb0(%a: i1, %o: i1):
    linalg.yield %a : i1
  }
  linalg.generic {indexing_maps = [#in, #in], iterator_types = ["parallel", "parallel"]} ins(%x : memref<32x32xf32>) outs(%y : memref<32x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    %k = arith.fptosi %a : f32 to i32
    %idx = arith.index_cast %k : i32 to index
    %v = memref.load %table[%idx] : memref<64xf32>
    linalg.yield %v : f32
  }
  linalg.generic {indexing_maps = [#in, #row], iterator_types = ["parallel", "reduction"]} ins(%x : memref<32x32xf32>) outs(%r : memref<32xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %sq = arith.mulf %acc, %acc : f32
    %sum = arith.addf %sq, %a : f32
    linalg.yield %sum : f32
  }
  return
}

// -----

// A fill (here a reduction's 16 partials per row, set to -inf) stores whole vectors of its
// value along each row: left to LLVM, it became scatters across the rows.
// CHECK-LABEL: func.func @fill
// CHECK-DAG: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: scf.parallel (%[[I:.*]]) =
// CHECK: %[[V:.*]] = vector.broadcast %[[NEGINF]] : f32 to vector<16xf32>
// CHECK: vector.store %[[V]], %arg0[%[[I]], %{{.*}}] : memref<128x16xf32>, vector<16xf32>
// CHECK-NOT: linalg.fill
func.func @fill(%partials: memref<128x16xf32>) {
  %cst = arith.constant 0xFF800000 : f32
  linalg.fill ins(%cst : f32) outs(%partials : memref<128x16xf32>)
  return
}

// -----

// A gather of rows (an embedding lookup): the row index is uniform along the innermost loop
// (it comes from an operand that loop does not index), so it is computed once per vector as
// a scalar, and the row is read with vector loads; 20 columns are a whole vector and a
// masked one.
// CHECK-LABEL: func.func @gather_rows
// CHECK: scf.parallel (%[[I:.*]]) =
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK: %[[ID:.*]] = memref.load %arg0[%[[I]]] : memref<6xi64>
// CHECK: %[[ROW:.*]] = arith.index_cast %[[ID]] : i64 to index
// CHECK: %[[CLAMPED:.*]] = arith.minsi %[[ROW]], %{{.*}} : index
// CHECK: %[[V:.*]] = vector.load %arg1[%[[CLAMPED]], %[[J]]] : memref<50x20xf32>, vector<16xf32>
// CHECK: vector.store %[[V]], %arg2[%[[I]], %[[J]]] : memref<6x20xf32>, vector<16xf32>
// CHECK: }
// CHECK: %[[LASTROW:.*]] = arith.minsi
// CHECK: vector.maskedload %arg1[%[[LASTROW]], %{{.*}}], %{{.*}}, %{{.*}} : memref<50x20xf32>
// CHECK: vector.maskedstore %arg2[%[[I]], %{{.*}}]
// CHECK-NOT: linalg.generic
#ids = affine_map<(d0, d1) -> (d0)>
#out = affine_map<(d0, d1) -> (d0, d1)>
func.func @gather_rows(%ids: memref<6xi64>, %table: memref<50x20xf32>, %out: memref<6x20xf32>) {
  %c49 = arith.constant 49 : index
  linalg.generic {indexing_maps = [#ids, #out], iterator_types = ["parallel", "parallel"]} ins(%ids : memref<6xi64>) outs(%out : memref<6x20xf32>) {
  ^bb0(%id: i64, %o: f32):
    %row = arith.index_cast %id : i64 to index
    %clamped = arith.minsi %row, %c49 : index
    %col = linalg.index 1 : index
    %v = memref.load %table[%clamped, %col] : memref<50x20xf32>
    linalg.yield %v : f32
  }
  return
}

// -----

// A uniform value that a vector operation uses is broadcast: the row's scale, read with a
// scalar load at the uniform index, multiplies the gathered row.
// CHECK-LABEL: func.func @uniform_operand
// CHECK: scf.for %[[J:.*]] =
// CHECK: %[[ROW:.*]] = arith.index_cast
// CHECK: %[[V:.*]] = vector.load %arg1[%[[ROW]], %[[J]]] : memref<8x32xf32>, vector<16xf32>
// CHECK: %[[S:.*]] = memref.load %arg2[%[[ROW]]] : memref<8xf32>
// CHECK: %[[SV:.*]] = vector.broadcast %[[S]] : f32 to vector<16xf32>
// CHECK: arith.mulf %[[V]], %[[SV]] : vector<16xf32>
#ids = affine_map<(d0, d1) -> (d0)>
#out = affine_map<(d0, d1) -> (d0, d1)>
func.func @uniform_operand(%ids: memref<4xi32>, %table: memref<8x32xf32>, %scale: memref<8xf32>, %out: memref<4x32xf32>) {
  linalg.generic {indexing_maps = [#ids, #out], iterator_types = ["parallel", "parallel"]} ins(%ids : memref<4xi32>) outs(%out : memref<4x32xf32>) {
  ^bb0(%id: i32, %o: f32):
    %row = arith.index_cast %id : i32 to index
    %col = linalg.index 1 : index
    %v = memref.load %table[%row, %col] : memref<8x32xf32>
    %s = memref.load %scale[%row] : memref<8xf32>
    %p = arith.mulf %v, %s : f32
    linalg.yield %p : f32
  }
  return
}

// -----

// Loads that are not a uniform row stay scalar: a column read across rows (the innermost loop
// indexes the table's first dimension), and a read of the op's own output.
// CHECK-LABEL: func.func @loads_left_alone
// CHECK-NOT: vector.
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK-NOT: vector.
#ids = affine_map<(d0, d1) -> (d0)>
#out = affine_map<(d0, d1) -> (d0, d1)>
func.func @loads_left_alone(%ids: memref<4xi32>, %table: memref<32x8xf32>, %out: memref<4x32xf32>) {
  linalg.generic {indexing_maps = [#ids, #out], iterator_types = ["parallel", "parallel"]} ins(%ids : memref<4xi32>) outs(%out : memref<4x32xf32>) {
  ^bb0(%id: i32, %o: f32):
    %row = arith.index_cast %id : i32 to index
    %col = linalg.index 1 : index
    %v = memref.load %table[%col, %row] : memref<32x8xf32>
    linalg.yield %v : f32
  }
  linalg.generic {indexing_maps = [#ids, #out], iterator_types = ["parallel", "parallel"]} ins(%ids : memref<4xi32>) outs(%out : memref<4x32xf32>) {
  ^bb0(%id: i32, %o: f32):
    %row = arith.index_cast %id : i32 to index
    %col = linalg.index 1 : index
    %v = memref.load %out[%row, %col] : memref<4x32xf32>
    linalg.yield %v : f32
  }
  return
}
