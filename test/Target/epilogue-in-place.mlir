// tfc-epilogue-in-place: a matmul's marked activation rewrites the product in place when
// nothing else reads the product.
// RUN: tfc-opt %s --tfc-epilogue-in-place --split-input-file | FileCheck %s

// A marked epilogue of a product read by nothing else rewrites the product in place.
// CHECK-LABEL: func.func @epilogue_in_place
// CHECK: %[[P:.*]] = linalg.matmul
// CHECK: %[[E:.*]] = linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel", "parallel"]} outs(%[[P]] : tensor<4x3xf32>) attrs = {tfc.epilogue = "relu"}
// CHECK-NEXT: ^bb0(%[[OUT:.*]]: f32):
// CHECK-NEXT: arith.maximumf %[[OUT]]
// CHECK: return %[[E]]
func.func @epilogue_in_place(%a: tensor<4x2xf32>, %w: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x3xf32>) -> tensor<4x3xf32>
  %p = linalg.matmul ins(%a, %w : tensor<4x2xf32>, tensor<2x3xf32>) outs(%f : tensor<4x3xf32>) -> tensor<4x3xf32>
  %o = tensor.empty() : tensor<4x3xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%p : tensor<4x3xf32>) outs(%o : tensor<4x3xf32>) attrs = {tfc.epilogue = "relu"} {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

// The product is read twice (as CSE leaves identical products): the epilogue keeps its own
// tensor.
// CHECK-LABEL: func.func @epilogue_shared_product
// CHECK: %[[P:.*]] = linalg.matmul
// CHECK: linalg.generic {{.*}} ins(%[[P]] : tensor<4x3xf32>) outs(%{{.*}} : tensor<4x3xf32>) attrs = {tfc.epilogue = "relu"}
func.func @epilogue_shared_product(%a: tensor<4x2xf32>, %w: tensor<2x3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x3xf32>) -> tensor<4x3xf32>
  %p = linalg.matmul ins(%a, %w : tensor<4x2xf32>, tensor<2x3xf32>) outs(%f : tensor<4x3xf32>) -> tensor<4x3xf32>
  %o = tensor.empty() : tensor<4x3xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%p : tensor<4x3xf32>) outs(%o : tensor<4x3xf32>) attrs = {tfc.epilogue = "relu"} {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<4x3xf32>
  return %r, %p : tensor<4x3xf32>, tensor<4x3xf32>
}
