// RUN: tfc-opt %s --split-input-file --tfc-matmul-to-microkernel --canonicalize --symbol-dce | FileCheck %s

// A constant weight is packed at compile time into 48-column panels (53 columns -> two
// panels, zero-padded): 2 x 4 x 48 = 384 floats, and the call says so (bPacked = 1, ldb 48).
// CHECK: func.func private @tfc_uk_sgemm(i64, !llvm.ptr, i64, i64, !llvm.ptr, i64, i64, i64, !llvm.ptr, i64, i64, i64, i64, i64, i64, !llvm.ptr, i64)
// CHECK-NOT: @w :
// CHECK: memref.global "private" constant @w_packed : memref<384xf32> = dense<"0x0000803F
// CHECK-SAME: alignment = 64
// CHECK-LABEL: func.func @weight
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : i64
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : i64
// CHECK-DAG: %[[C48:.*]] = arith.constant 48 : i64
// CHECK-DAG: %[[C53:.*]] = arith.constant 53 : i64
// CHECK-DAG: %[[PACKED:.*]] = memref.get_global @w_packed
// CHECK: call @tfc_uk_sgemm(%[[C1]], %{{.*}}, %[[C0]], %[[C4]], %{{.*}}, %[[C0]], %[[C48]], %[[C1]], %{{.*}}, %[[C0]], %[[C53]], %[[C3]], %[[C53]], %[[C4]], %[[C0]], %{{.*}}, %[[C0]])
// CHECK-NOT: linalg.matmul
memref.global "private" constant @w : memref<4x53xf32> = dense<1.0>
func.func @weight(%a: memref<3x4xf32>, %c: memref<3x53xf32>) {
  %w = memref.get_global @w : memref<4x53xf32>
  linalg.matmul ins(%a, %w : memref<3x4xf32>, memref<4x53xf32>) outs(%c : memref<3x53xf32>)
  return
}

// -----

// Two activations, batched: no packing, the batch strides are the operands' own.
// CHECK-LABEL: func.func @batched
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : i64
// CHECK-DAG: %[[C5:.*]] = arith.constant 5 : i64
// CHECK-DAG: %[[C6:.*]] = arith.constant 6 : i64
// CHECK-DAG: %[[C7:.*]] = arith.constant 7 : i64
// CHECK-DAG: %[[C35:.*]] = arith.constant 35 : i64
// CHECK-DAG: %[[C42:.*]] = arith.constant 42 : i64
// CHECK-DAG: %[[C30:.*]] = arith.constant 30 : i64
// CHECK: call @tfc_uk_sgemm(%[[C2]], %{{.*}}, %[[C30]], %[[C5]], %{{.*}}, %[[C35]], %[[C7]], %[[C0]], %{{.*}}, %[[C42]], %[[C7]], %[[C6]], %[[C7]], %[[C5]], %[[C0]], %{{.*}}, %[[C0]])
func.func @batched(%a: memref<2x6x5xf32>, %b: memref<2x5x7xf32>, %c: memref<2x6x7xf32>) {
  linalg.batch_matmul ins(%a, %b : memref<2x6x5xf32>, memref<2x5x7xf32>) outs(%c : memref<2x6x7xf32>)
  return
}

// -----

// A view with an offset passes its own first element: the offset (in floats) times 4 bytes is
// added to the aligned base pointer.
// CHECK-LABEL: func.func @view
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : i64
// CHECK-DAG: %[[FOUR:.*]] = arith.constant 4 : index
// CHECK: %[[BASE:.*]], %[[OFFSET:.*]], %{{.*}}:2, %{{.*}}:2 = memref.extract_strided_metadata %arg0
// CHECK: %[[PTR:.*]] = memref.extract_aligned_pointer_as_index %[[BASE]]
// CHECK: %[[BYTES:.*]] = arith.muli %[[OFFSET]], %[[FOUR]] : index
// CHECK: %[[ADDR:.*]] = arith.addi %[[PTR]], %[[BYTES]] : index
// CHECK: %[[ADDR64:.*]] = arith.index_cast %[[ADDR]] : index to i64
// CHECK: %[[A:.*]] = llvm.inttoptr %[[ADDR64]] : i64 to !llvm.ptr
// CHECK: call @tfc_uk_sgemm(%{{.*}}, %[[A]], %{{.*}}, %[[C8]],
func.func @view(%a: memref<3x4xf32, strided<[8, 1], offset: ?>>, %b: memref<4x5xf32>, %c: memref<3x5xf32>) {
  linalg.matmul ins(%a, %b : memref<3x4xf32, strided<[8, 1], offset: ?>>, memref<4x5xf32>) outs(%c : memref<3x5xf32>)
  return
}

// -----

// Left to the loop lowering: integers, non-unit inner strides, tensors.
// CHECK-LABEL: func.func @not_kernel
// CHECK-NOT: call @tfc_uk_sgemm
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<3x4xi32>, memref<4x5xi32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<3x4xf32, strided<[1, 3]>>, memref<4x5xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<3x4xf32>, tensor<4x5xf32>)
func.func @not_kernel(%ai: memref<3x4xi32>, %bi: memref<4x5xi32>, %ci: memref<3x5xi32>,
                      %at: memref<3x4xf32, strided<[1, 3]>>, %b: memref<4x5xf32>, %c: memref<3x5xf32>,
                      %x: tensor<3x4xf32>, %y: tensor<4x5xf32>, %z: tensor<3x5xf32>) -> tensor<3x5xf32> {
  linalg.matmul ins(%ai, %bi : memref<3x4xi32>, memref<4x5xi32>) outs(%ci : memref<3x5xi32>)
  linalg.matmul ins(%at, %b : memref<3x4xf32, strided<[1, 3]>>, memref<4x5xf32>) outs(%c : memref<3x5xf32>)
  %r = linalg.matmul ins(%x, %y : tensor<3x4xf32>, tensor<4x5xf32>) outs(%z : tensor<3x5xf32>) -> tensor<3x5xf32>
  return %r : tensor<3x5xf32>
}

// -----

// An activation marked as the product's epilogue that rewrites its result next (through a
// view) is applied by the kernel: code 2 (GELU, erf form), and the loop is gone.
// CHECK-LABEL: func.func @epilogue
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : i64
// CHECK: call @tfc_uk_sgemm(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[C2]])
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @epilogue(%a: memref<6x4xf32>, %b: memref<4x5xf32>, %c: memref<2x3x5xf32>) {
  %flat = memref.collapse_shape %c [[0, 1], [2]] : memref<2x3x5xf32> into memref<6x5xf32>
  linalg.matmul ins(%a, %b : memref<6x4xf32>, memref<4x5xf32>) outs(%flat : memref<6x5xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%c : memref<2x3x5xf32>) attrs = {tfc.epilogue = "gelu"} {
  ^bb0(%out: f32):
    %e = math.erf %out : f32
    linalg.yield %e : f32
  }
  return
}

// -----

// Not an epilogue: something reads the product before the activation (it must see the
// product itself), or the generic is not marked; both loops stay and the kernel gets 0.
// CHECK-LABEL: func.func @not_epilogue
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : i64
// CHECK: call @tfc_uk_sgemm({{.*}}, %[[C0]])
// CHECK: memref.copy
// CHECK: linalg.generic
// CHECK: call @tfc_uk_sgemm({{.*}}, %[[C0]])
// CHECK: linalg.generic
func.func @not_epilogue(%a: memref<6x4xf32>, %b: memref<4x5xf32>, %c: memref<6x5xf32>, %d: memref<6x5xf32>, %e: memref<6x5xf32>) {
  linalg.matmul ins(%a, %b : memref<6x4xf32>, memref<4x5xf32>) outs(%c : memref<6x5xf32>)
  memref.copy %c, %d : memref<6x5xf32> to memref<6x5xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%c : memref<6x5xf32>) attrs = {tfc.epilogue = "relu"} {
  ^bb0(%out: f32):
    %z = arith.constant 0.0 : f32
    %r = arith.maximumf %out, %z : f32
    linalg.yield %r : f32
  }
  linalg.matmul ins(%a, %b : memref<6x4xf32>, memref<4x5xf32>) outs(%e : memref<6x5xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%e : memref<6x5xf32>) {
  ^bb0(%out: f32):
    %z = arith.constant 0.0 : f32
    %r = arith.maximumf %out, %z : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// The bias broadcast into C just before the product (through a view) becomes the kernel's
// start: code 2 with the bias's first element, and the copy loop is gone; a zero fill
// becomes code 1 with a null bias.
// CHECK-LABEL: func.func @start
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : i64
// CHECK-DAG: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK: %[[BIASBUF:.*]], %{{.*}}, %{{.*}}, %{{.*}} = memref.extract_strided_metadata %arg2
// CHECK: %[[BIASBASE:.*]] = memref.extract_aligned_pointer_as_index %[[BIASBUF]]
// CHECK: %[[BIAS64:.*]] = arith.index_cast %[[BIASBASE]] : index to i64
// CHECK: %[[BIAS:.*]] = llvm.inttoptr %[[BIAS64]] : i64 to !llvm.ptr
// CHECK: call @tfc_uk_sgemm({{.*}}, %[[C2]], %[[BIAS]], %{{.*}})
// CHECK: call @tfc_uk_sgemm({{.*}}, %[[C1]], %[[NULL]], %{{.*}})
// CHECK-NOT: linalg.
// CHECK: return
func.func @start(%a: memref<6x4xf32>, %b: memref<4x5xf32>, %bias: memref<5xf32>, %c: memref<2x3x5xf32>, %d: memref<6x5xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%bias : memref<5xf32>) outs(%c : memref<2x3x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  %flat = memref.collapse_shape %c [[0, 1], [2]] : memref<2x3x5xf32> into memref<6x5xf32>
  linalg.matmul ins(%a, %b : memref<6x4xf32>, memref<4x5xf32>) outs(%flat : memref<6x5xf32>)
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%d : memref<6x5xf32>)
  linalg.matmul ins(%a, %b : memref<6x4xf32>, memref<4x5xf32>) outs(%d : memref<6x5xf32>)
  return
}

// -----

// Not a start: a fill with another value, a fill that something reads before the product,
// a broadcast along the columns; C is accumulated into (code 0) and the loops stay.
// CHECK-LABEL: func.func @not_start
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : i64
// CHECK: linalg.fill
// CHECK: call @tfc_uk_sgemm({{.*}}, %[[C0]], %{{.*}}, %[[C0]])
// CHECK: linalg.fill
// CHECK: memref.copy
// CHECK: call @tfc_uk_sgemm({{.*}}, %[[C0]], %{{.*}}, %[[C0]])
// CHECK: linalg.generic
// CHECK: call @tfc_uk_sgemm({{.*}}, %[[C0]], %{{.*}}, %[[C0]])
func.func @not_start(%a: memref<5x4xf32>, %b: memref<4x5xf32>, %rowbias: memref<5xf32>, %c: memref<5x5xf32>, %d: memref<5x5xf32>, %e: memref<5x5xf32>, %f: memref<5x5xf32>) {
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%c : memref<5x5xf32>)
  linalg.matmul ins(%a, %b : memref<5x4xf32>, memref<4x5xf32>) outs(%c : memref<5x5xf32>)
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%d : memref<5x5xf32>)
  memref.copy %d, %e : memref<5x5xf32> to memref<5x5xf32>
  linalg.matmul ins(%a, %b : memref<5x4xf32>, memref<4x5xf32>) outs(%d : memref<5x5xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%rowbias : memref<5xf32>) outs(%f : memref<5x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  linalg.matmul ins(%a, %b : memref<5x4xf32>, memref<4x5xf32>) outs(%f : memref<5x5xf32>)
  return
}
