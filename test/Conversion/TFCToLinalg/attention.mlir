// Attention lowers to the tiled online softmax: K is transposed once, then per head (an
// scf.forall: heads are independent, each writes its slice of the result) and query block a loop over key blocks carries the output block, the running maximum and the
// running sum; each key block is a score product, the maximum and rescale, the exponentials
// and their sum, and the product with V. Blocks are 128 queries by 256 keys, the last ones
// partial; no tensor of S x T scores exists.
// RUN: tfc-opt %s --convert-tfc-to-linalg --split-input-file | FileCheck %s

// With one key block (T <= 256) the probabilities are final: they are divided by their sum
// before the product with V, as the unfused softmax and matmul do, and O is not divided.
// Nothing is rescaled: one exponential (the probabilities'), none for a correction.
// CHECK-LABEL: func.func @one_block
// CHECK-NOT: tensor<2x5x7xf32>
// CHECK: linalg.transpose ins({{.*}} : tensor<2x7x8xf32>) outs({{.*}} : tensor<2x8x7xf32>)
// CHECK: scf.forall (%{{.*}}) in (2) shared_outs(%[[OUT:.*]] = %{{.*}}) -> (tensor<2x5x4xf32>)
// CHECK: tensor.extract_slice %[[OUT]]
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<5x4xf32>)
// CHECK: arith.constant -3.40282347E+38 : f32
// CHECK: linalg.matmul ins({{.*}} : tensor<5x8xf32>, tensor<8x7xf32>) outs({{.*}} : tensor<5x7xf32>)
// CHECK: arith.mulf
// CHECK: iterator_types = ["parallel", "reduction"]
// CHECK: arith.maxnumf
// CHECK: math.exp
// CHECK-NOT: math.exp
// CHECK: iterator_types = ["parallel", "reduction"]
// CHECK: arith.addf
// CHECK: arith.divf
// CHECK: linalg.matmul ins({{.*}} : tensor<5x7xf32>, tensor<7x4xf32>) outs({{.*}} : tensor<5x4xf32>)
// CHECK-NOT: arith.divf
// CHECK: tensor.insert_slice {{.*}} : tensor<5x4xf32> into tensor<5x4xf32>
// CHECK: scf.forall.in_parallel
// CHECK: tensor.parallel_insert_slice {{.*}} into %[[OUT]]{{.*}} : tensor<5x4xf32> into tensor<2x5x4xf32>
// CHECK-NOT: tensor<2x5x7xf32>
func.func @one_block(%q: tensor<2x5x8xf32>, %k: tensor<2x7x8xf32>, %v: tensor<2x7x4xf32>) -> tensor<2x5x4xf32> {
  %0 = tfc.attention %q, %k, %v {scale = 0.35 : f64} : (tensor<2x5x8xf32>, tensor<2x7x8xf32>, tensor<2x7x4xf32>) -> tensor<2x5x4xf32>
  return %0 : tensor<2x5x4xf32>
}

// -----

// 300 queries: two blocks of 128 in a loop, then 44; 600 keys: two blocks of 256, then 88.
// The causal limit compares global positions, the mask tile follows the query and key
// offsets. Causal: a query block stops at the key block holding its last visible key
// (limit = query offset + 128 + 600 - 300), and the 88-key tail runs only below the limit.
// CHECK-LABEL: func.func @blocks
// CHECK-NOT: tensor<300x600xf32>
// CHECK: %[[QB:.*]] = scf.for %[[QOFF:.*]] = %c0{{.*}} to %c256{{.*}} step %c128
// CHECK: %[[LIMIT:.*]] = arith.addi %[[QOFF]], %c428
// CHECK: %[[BLOCKS:.*]] = arith.ceildivsi %[[LIMIT]], %c256
// CHECK: %[[ROUND:.*]] = arith.muli %[[BLOCKS]], %c256
// CHECK: %[[END:.*]] = arith.minsi %c512{{.*}}, %[[ROUND]]
// CHECK: %[[KB:.*]]:3 = scf.for %[[KOFF:.*]] = %c0{{.*}} to %[[END]] step %c256
// CHECK: tensor.extract_slice %{{.*}}[0, %[[QOFF]], %[[KOFF]]] [1, 128, 256]
// CHECK: linalg.matmul ins({{.*}} : tensor<128x16xf32>, tensor<16x256xf32>) outs({{.*}} : tensor<128x256xf32>)
// CHECK: linalg.index 0
// CHECK: linalg.index 1
// CHECK: arith.cmpi sle
// CHECK: linalg.matmul ins({{.*}} : tensor<128x256xf32>, tensor<256x8xf32>) outs({{.*}} : tensor<128x8xf32>)
// CHECK: %[[TAIL:.*]] = arith.cmpi sgt, %[[LIMIT]], %c512
// CHECK: scf.if %[[TAIL]]
// CHECK: linalg.matmul ins({{.*}} : tensor<128x16xf32>, tensor<16x88xf32>) outs({{.*}} : tensor<128x88xf32>)
// CHECK: linalg.matmul ins({{.*}} : tensor<128x88xf32>, tensor<88x8xf32>) outs({{.*}} : tensor<128x8xf32>)
// CHECK: } else {
// CHECK-NEXT: scf.yield %[[KB]]#0, %[[KB]]#1, %[[KB]]#2
// CHECK: tensor.insert_slice {{.*}} : tensor<128x8xf32> into tensor<300x8xf32>
// CHECK: linalg.matmul ins({{.*}} : tensor<44x16xf32>, tensor<16x256xf32>) outs({{.*}} : tensor<44x256xf32>)
// CHECK: linalg.matmul ins({{.*}} : tensor<44x16xf32>, tensor<16x88xf32>) outs({{.*}} : tensor<44x88xf32>)
// CHECK: tensor.insert_slice {{.*}} : tensor<44x8xf32> into tensor<300x8xf32>
// CHECK-NOT: tensor<300x600xf32>
func.func @blocks(%q: tensor<1x300x16xf32>, %k: tensor<1x600x16xf32>, %v: tensor<1x600x8xf32>, %m: tensor<1x300x600xf32>) -> tensor<1x300x8xf32> {
  %0 = tfc.attention %q, %k, %v, %m {scale = 0.25 : f64, causal = true} : (tensor<1x300x16xf32>, tensor<1x600x16xf32>, tensor<1x600x8xf32>, tensor<1x300x600xf32>) -> tensor<1x300x8xf32>
  return %0 : tensor<1x300x8xf32>
}

// -----

// Without a scale (T5), the mask tile starts the score product's accumulation, as the
// unfused path folds the mask into its matmul: the same rounding, mask + sum.
// CHECK-LABEL: func.func @mask_first
// CHECK: %[[TILE:.*]] = tensor.extract_slice %arg3
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} ins(%[[TILE]] : tensor<5x7xf32>) outs(%{{.*}} : tensor<5x7xf32>)
// CHECK: %[[S:.*]] = linalg.matmul ins({{.*}} : tensor<5x8xf32>, tensor<8x7xf32>) outs(%[[INIT]] : tensor<5x7xf32>)
// CHECK-NEXT: linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel", "parallel"]} outs(%[[S]] : tensor<5x7xf32>)
func.func @mask_first(%q: tensor<2x5x8xf32>, %k: tensor<2x7x8xf32>, %v: tensor<2x7x4xf32>, %m: tensor<5x7xf32>) -> tensor<2x5x4xf32> {
  %0 = tfc.attention %q, %k, %v, %m {scale = 1.0 : f64} : (tensor<2x5x8xf32>, tensor<2x7x8xf32>, tensor<2x7x4xf32>, tensor<5x7xf32>) -> tensor<2x5x4xf32>
  return %0 : tensor<2x5x4xf32>
}

// -----

// Sequence-first operands ([B, S, H, D], grouped-query: 4 query heads over 2): the key is
// transposed once to [B, Hkv, D, T]; each head reads its query and value rows in place (a
// rank-reducing slice with the heads' dimension in the middle) and writes its rows of the
// [B, S, H, Dv] result the same way.
// CHECK-LABEL: func.func @sequence_first
// CHECK: linalg.transpose ins(%arg1 : tensor<1x7x2x8xf32>) outs({{.*}} : tensor<1x2x8x7xf32>) permutation = [0, 2, 3, 1]
// CHECK: scf.forall (%[[B:.*]], %[[H:.*]]) in (1, 4) shared_outs(%[[OUT:.*]] = %{{.*}}) -> (tensor<1x5x4x6xf32>)
// CHECK: %[[KVH:.*]] = arith.divui %[[H]], %{{.*}}
// CHECK: tensor.extract_slice %arg0[%[[B]], %{{.*}}, %[[H]], 0] [1, 5, 1, 8] [1, 1, 1, 1] : tensor<1x5x4x8xf32> to tensor<5x8xf32>
// CHECK: tensor.extract_slice %{{.*}}[%[[B]], %[[KVH]], 0, %{{.*}}] [1, 1, 8, 7] [1, 1, 1, 1] : tensor<1x2x8x7xf32> to tensor<8x7xf32>
// CHECK: tensor.extract_slice %arg2[%[[B]], %{{.*}}, %[[KVH]], 0] [1, 7, 1, 6] [1, 1, 1, 1] : tensor<1x7x2x6xf32> to tensor<7x6xf32>
// CHECK: tensor.parallel_insert_slice %{{.*}} into %[[OUT]][%[[B]], 0, %[[H]], 0] [1, 5, 1, 6] [1, 1, 1, 1] : tensor<5x6xf32> into tensor<1x5x4x6xf32>
func.func @sequence_first(%q: tensor<1x5x4x8xf32>, %k: tensor<1x7x2x8xf32>, %v: tensor<1x7x2x6xf32>) -> tensor<1x5x4x6xf32> {
  %0 = tfc.attention %q, %k, %v {scale = 1.0 : f64, sequence_first = true} : (tensor<1x5x4x8xf32>, tensor<1x7x2x8xf32>, tensor<1x7x2x6xf32>) -> tensor<1x5x4x6xf32>
  return %0 : tensor<1x5x4x6xf32>
}

// -----

// One query (a decoder step over a cache): no K transpose; each score is the query's dot
// product with a key row of the head's [T, D] slice, reduced along D, then the softmax and
// the product with V as above.
// CHECK-LABEL: func.func @single_query
// CHECK-NOT: linalg.transpose
// CHECK: scf.forall (%[[B:.*]], %[[H:.*]]) in (1, 4)
// CHECK: %[[KVH:.*]] = arith.divui %[[H]], %{{.*}}
// CHECK: %[[Q:.*]] = tensor.extract_slice %arg0[%[[B]], %[[H]], %{{.*}}, 0] [1, 1, 1, 8] [1, 1, 1, 1] : tensor<1x4x1x8xf32> to tensor<1x8xf32>
// CHECK: %[[K:.*]] = tensor.extract_slice %arg1[%[[B]], %[[KVH]], %{{.*}}, 0] [1, 1, 300, 8] [1, 1, 1, 1] : tensor<1x2x300x8xf32> to tensor<300x8xf32>
// CHECK: linalg.generic {{{.*}}iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[Q]], %[[K]] : tensor<1x8xf32>, tensor<300x8xf32>) outs(%{{.*}} : tensor<1x300xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: math.exp
// CHECK: linalg.matmul ins({{.*}} : tensor<1x300xf32>, tensor<300x6xf32>) outs({{.*}} : tensor<1x6xf32>)
// CHECK-NOT: linalg.transpose
func.func @single_query(%q: tensor<1x4x1x8xf32>, %k: tensor<1x2x300x8xf32>, %v: tensor<1x2x300x6xf32>) -> tensor<1x4x1x6xf32> {
  %0 = tfc.attention %q, %k, %v {scale = 0.125 : f64} : (tensor<1x4x1x8xf32>, tensor<1x2x300x8xf32>, tensor<1x2x300x6xf32>) -> tensor<1x4x1x6xf32>
  return %0 : tensor<1x4x1x6xf32>
}
