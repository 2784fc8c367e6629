// Reductions, softmax and layer norm become reduction and element-wise generics.
// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg | FileCheck %s

// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @reduce_sum_keepdims
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "reduction", "parallel"]} ins(%{{.*}} : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<2x4xf32>)
// CHECK: arith.addf
// CHECK: tensor.expand_shape {{.*}} : tensor<8xf32> into tensor<2x1x4xf32>
func.func @reduce_sum_keepdims(%x: tensor<2x3x4xf32>) -> tensor<2x1x4xf32> {
  %0 = tfc.reduce_sum %x {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x1x4xf32>
  return %0 : tensor<2x1x4xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_mean_int
// CHECK: arith.addi
// CHECK: %[[N:.*]] = arith.constant 12 : i32
// CHECK: arith.divsi %{{.*}}, %[[N]] : i32
func.func @reduce_mean_int(%x: tensor<3x4xi32>) -> tensor<i32> {
  %0 = tfc.reduce_mean %x {axes = array<i64: 0, 1>, keepdims = false} : tensor<3x4xi32> -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// The maximum starts at -inf for floats, at the type's minimum for signed integers and at 0
// for unsigned ones.
// CHECK-LABEL: func.func @reduce_max
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: arith.maximumf
// CHECK: arith.constant -128 : i8
// CHECK: arith.maxsi
// CHECK: arith.constant 0 : i8
// CHECK: arith.maxui
func.func @reduce_max(%f: tensor<5xf32>, %i: tensor<5xi8>, %u: tensor<5xui8>) -> (tensor<f32>, tensor<i8>, tensor<ui8>) {
  %0 = tfc.reduce_max %f {axes = array<i64: 0>, keepdims = false} : tensor<5xf32> -> tensor<f32>
  %1 = tfc.reduce_max %i {axes = array<i64: 0>, keepdims = false} : tensor<5xi8> -> tensor<i8>
  %2 = tfc.reduce_max %u {axes = array<i64: 0>, keepdims = false} : tensor<5xui8> -> tensor<ui8>
  return %0, %1, %2 : tensor<f32>, tensor<i8>, tensor<ui8>
}

// -----

// softmax: max (maxnumf: a NaN makes the row NaN through the sum anyway), exp(x - max), sum,
// divide; the row statistics are read back along the axis.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax
// CHECK: %[[MAX:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK: arith.maxnumf
// CHECK: %[[EXP:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], {{.*}} ins(%{{.*}}, %[[MAX]] :
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}} ins(%[[EXP]]
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], {{.*}} ins(%[[EXP]], %[[SUM]] :
// CHECK: arith.divf
func.func @softmax(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = tfc.softmax %x {axis = 1 : i64} : tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// layer_norm: the mean and the variance are reductions that read x (the centred values and
// their squares are never stored), then one element-wise pass.
// CHECK-LABEL: func.func @layer_norm
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%arg0 : tensor<2x4xf32>)
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK: arith.constant 4.000000e+00 : f32
// CHECK: arith.divf
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%arg0, %[[MEAN]] : tensor<2x4xf32>, tensor<2xf32>)
// CHECK: %[[D:.*]] = arith.subf
// CHECK: %[[SQ:.*]] = arith.mulf %[[D]], %[[D]]
// CHECK: arith.addf %{{.*}}, %[[SQ]]
// CHECK: %[[EPS:.*]] = arith.constant 9.99999974E-6 : f32
// CHECK: arith.addf %{{.*}}, %[[EPS]] : f32
// CHECK: math.sqrt
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]} ins(%arg0, %[[MEAN]], %{{.*}}, %arg1, %arg2 : {{.*}}) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
func.func @layer_norm(%x: tensor<2x4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = tfc.layer_norm %x, %g, %b {axis = 1 : i64} : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// skip_layer_norm whose sum is not read: every pass adds x and skip, nothing stores the sum.
// CHECK-LABEL: func.func @skip_layer_norm
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%arg0, %arg1 : tensor<2x4xf32>, tensor<2x4xf32>)
// CHECK-NEXT: ^bb0
// CHECK-NEXT: %[[V:.*]] = arith.addf %in, %in_{{.*}}
// CHECK-NEXT: arith.addf %out, %[[V]]
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%arg0, %arg1, %{{.*}} : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>)
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]} ins(%arg0, %arg1, {{.*}}) outs(%{{[^,]*}} : tensor<2x4xf32>)
// CHECK: linalg.yield %{{[^,]*}} : f32
func.func @skip_layer_norm(%x: tensor<2x4xf32>, %s: tensor<2x4xf32>, %g: tensor<4xf32>) -> tensor<2x4xf32> {
  %0, %1 = tfc.skip_layer_norm %x, %s, %g {axis = 1 : i64} : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>)
  return %0 : tensor<2x4xf32>
}

// -----

// A sum that is read comes out of the last pass; a skip of shape 1x4 broadcasts over rows.
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @skip_layer_norm_sum
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[ROW]], #{{.*}}], iterator_types = ["parallel", "reduction"]}
// CHECK: %[[OUT:.*]]:2 = linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]} ins(%arg0, %arg1, {{.*}}) outs(%{{.*}}, %{{.*}} : tensor<2x4xf32>, tensor<2x4xf32>)
// CHECK: %[[V:.*]] = arith.addf %in, %in_
// CHECK: linalg.yield %{{.*}}, %[[V]] : f32, f32
// CHECK: return %[[OUT]]#0, %[[OUT]]#1
func.func @skip_layer_norm_sum(%x: tensor<2x4xf32>, %s: tensor<1x4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %0, %1 = tfc.skip_layer_norm %x, %s, %g, %b {axis = 1 : i64} : (tensor<2x4xf32>, tensor<1x4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>)
  return %0, %1 : tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// RMS norm: the sum of squares (not stored), 1 / sqrt(mean + eps), then x * that * scale.
// CHECK-LABEL: func.func @rms_norm
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%arg0 : tensor<4x8xf32>)
// CHECK: %[[SQ:.*]] = arith.mulf %in, %in
// CHECK: arith.addf %out, %[[SQ]]
// CHECK: arith.divf
// CHECK: math.sqrt
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK: arith.mulf
func.func @rms_norm(%x: tensor<4x8xf32>, %w: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = tfc.rms_norm %x, %w {axis = 1 : i64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
