// tfc-fold-bias-into-matmul: an add of a zero-initialised matmul's result becomes the
// matmul's initial value.
// RUN: tfc-opt %s --tfc-fold-bias-into-matmul --split-input-file | FileCheck %s

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#row = affine_map<(d0, d1, d2) -> (d2)>

// A batch folded into rows: the bias is broadcast to [1, 4, 6], collapsed like the product,
// and the product starts from it.
// CHECK-LABEL: func.func @folded_batch
// CHECK-SAME: (%[[X:.*]]: tensor<4x5xf32>, %[[W:.*]]: tensor<5x6xf32>, %[[B:.*]]: tensor<6xf32>)
// CHECK: %[[START:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<6xf32>) outs(%{{.*}} : tensor<1x4x6xf32>)
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[START]] {{\[}}[0, 1], [2]] : tensor<1x4x6xf32> into tensor<4x6xf32>
// CHECK: %[[P:.*]] = linalg.matmul ins(%[[X]], %[[W]] : tensor<4x5xf32>, tensor<5x6xf32>) outs(%[[FLAT]] : tensor<4x6xf32>)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[P]] {{\[}}[0, 1], [2]] output_shape [1, 4, 6]
// CHECK-NOT: linalg.fill
// CHECK-NOT: arith.addf
// CHECK: return %[[R]]
func.func @folded_batch(%x: tensor<4x5xf32>, %w: tensor<5x6xf32>, %b: tensor<6xf32>) -> tensor<1x4x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x6xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %m = linalg.matmul ins(%x, %w : tensor<4x5xf32>, tensor<5x6xf32>) outs(%f : tensor<4x6xf32>) -> tensor<4x6xf32>
  %m3 = tensor.expand_shape %m [[0, 1], [2]] output_shape [1, 4, 6] : tensor<4x6xf32> into tensor<1x4x6xf32>
  %o = tensor.empty() : tensor<1x4x6xf32>
  %r = linalg.generic {indexing_maps = [#row, #id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%b, %m3 : tensor<6xf32>, tensor<1x4x6xf32>) outs(%o : tensor<1x4x6xf32>) {
  ^bb0(%bi: f32, %mi: f32, %out: f32):
    %s = arith.addf %mi, %bi : f32
    linalg.yield %s : f32
  } -> tensor<1x4x6xf32>
  return %r : tensor<1x4x6xf32>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>

// A full-shape addend (a residual) folds the same way.
// CHECK-LABEL: func.func @residual
// CHECK: %[[START:.*]] = linalg.generic {{.*}} ins(%arg2 : tensor<4x6xf32>)
// CHECK: linalg.matmul ins(%arg0, %arg1 : tensor<4x5xf32>, tensor<5x6xf32>) outs(%[[START]] : tensor<4x6xf32>)
// CHECK-NOT: arith.addf
func.func @residual(%x: tensor<4x5xf32>, %w: tensor<5x6xf32>, %res: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x6xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %m = linalg.matmul ins(%x, %w : tensor<4x5xf32>, tensor<5x6xf32>) outs(%f : tensor<4x6xf32>) -> tensor<4x6xf32>
  %r = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%m, %res : tensor<4x6xf32>, tensor<4x6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%a: f32, %c: f32, %out: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>

// Left alone: the product used twice, a product not starting from zero, a subtraction.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-3: linalg.matmul ins({{.*}}) outs(%{{.*}} : tensor<4x6xf32>)
// CHECK-COUNT-3: linalg.generic
// CHECK-NOT: linalg.generic
func.func @left_alone(%x: tensor<4x5xf32>, %w: tensor<5x6xf32>, %b: tensor<6xf32>) -> (tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<4x6xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %f1 = linalg.fill ins(%one : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %m = linalg.matmul ins(%x, %w : tensor<4x5xf32>, tensor<5x6xf32>) outs(%f : tensor<4x6xf32>) -> tensor<4x6xf32>
  %m1 = linalg.matmul ins(%x, %w : tensor<4x5xf32>, tensor<5x6xf32>) outs(%f1 : tensor<4x6xf32>) -> tensor<4x6xf32>
  %m2 = linalg.matmul ins(%x, %w : tensor<4x5xf32>, tensor<5x6xf32>) outs(%f : tensor<4x6xf32>) -> tensor<4x6xf32>
  %r = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%m, %b : tensor<4x6xf32>, tensor<6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%a: f32, %c: f32, %out: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<4x6xf32>
  %r1 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%m1, %b : tensor<4x6xf32>, tensor<6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%a: f32, %c: f32, %out: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<4x6xf32>
  %r2 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%m2, %b : tensor<4x6xf32>, tensor<6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%a: f32, %c: f32, %out: f32):
    %s = arith.subf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<4x6xf32>
  return %r, %r1, %r2, %m : tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>
}
