// Element-wise tfc ops become broadcasting linalg.generic ops.
// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @broadcast_add
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3xf32>, %[[C:.*]]: tensor<2x1xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3xf32>) outs(%[[E]] : tensor<2x3xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[COL]], #[[ID]], #[[ID]]]
// CHECK: arith.subf
func.func @broadcast_add(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<2x1xf32>) -> tensor<2x3xf32> {
  %0 = tfc.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = tfc.sub %c, %0 : (tensor<2x1xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// Unsigned types become signless, in signatures too; their signedness picks divui/cmpi ult.
// CHECK-LABEL: func.func @unsigned
// CHECK-SAME: (%{{.*}}: tensor<4xi8>, %{{.*}}: tensor<4xi8>) -> (tensor<4xi8>, tensor<4xi1>)
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK: %[[ONE:.*]] = arith.constant 1 : i8
// CHECK: %[[BAD:.*]] = arith.cmpi eq, %[[Y:.*]], %[[ZERO]] : i8
// CHECK: %[[SAFE:.*]] = arith.select %[[BAD]], %[[ONE]], %[[Y]] : i8
// CHECK: arith.divui %{{.*}}, %[[SAFE]] : i8
// CHECK: arith.cmpi ult
func.func @unsigned(%a: tensor<4xui8>, %b: tensor<4xui8>) -> (tensor<4xui8>, tensor<4xi1>) {
  %0 = tfc.div %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %1 = tfc.less %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xi1>
  return %0, %1 : tensor<4xui8>, tensor<4xi1>
}

// -----

// Signed division guards both x/0 and INT_MIN/-1, which trap on x86.
// CHECK-LABEL: func.func @signed_div
// CHECK: %[[Z:.*]] = arith.cmpi eq, %[[Y:.*]], %{{.*}} : i32
// CHECK-DAG: %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK-DAG: %[[M1:.*]] = arith.constant -1 : i32
// CHECK: %[[XMIN:.*]] = arith.cmpi eq, %[[X:.*]], %[[MIN]] : i32
// CHECK: %[[YM1:.*]] = arith.cmpi eq, %[[Y]], %[[M1]] : i32
// CHECK: %[[OV:.*]] = arith.andi %[[XMIN]], %[[YM1]] : i1
// CHECK: %[[BAD:.*]] = arith.ori %[[Z]], %[[OV]] : i1
// CHECK: %[[D:.*]] = arith.select %[[BAD]], %{{.*}}, %[[Y]] : i32
// CHECK: arith.divsi %[[X]], %[[D]] : i32
func.func @signed_div(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = tfc.div %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// CHECK-LABEL: func.func @casts
// CHECK: arith.fptoui %{{.*}} : f32 to i8
// CHECK: arith.uitofp %{{.*}} : i8 to f64
// CHECK: arith.cmpf une, %{{.*}}, %{{.*}} : f32
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK: arith.extsi %{{.*}} : i32 to i64
// CHECK: arith.truncf %{{.*}} : f32 to f16
func.func @casts(%f: tensor<3xf32>) -> (tensor<3xf64>, tensor<3xi64>, tensor<3xf16>) {
  %0 = tfc.cast %f {to = ui8} : tensor<3xf32> to tensor<3xui8>
  %1 = tfc.cast %0 {to = f64} : tensor<3xui8> to tensor<3xf64>
  %2 = tfc.cast %f {to = i1} : tensor<3xf32> to tensor<3xi1>
  %3 = tfc.cast %2 {to = i32} : tensor<3xi1> to tensor<3xi32>
  %4 = tfc.cast %3 {to = i64} : tensor<3xi32> to tensor<3xi64>
  %5 = tfc.cast %f {to = f16} : tensor<3xf32> to tensor<3xf16>
  return %1, %4, %5 : tensor<3xf64>, tensor<3xi64>, tensor<3xf16>
}

// -----

// Transcendental functions of halves are computed in f32.
// CHECK-LABEL: func.func @half_exp
// CHECK: %[[W:.*]] = arith.extf %{{.*}} : f16 to f32
// CHECK: %[[E:.*]] = math.exp %[[W]] : f32
// CHECK: arith.truncf %[[E]] : f32 to f16
func.func @half_exp(%x: tensor<3xf16>) -> tensor<3xf16> {
  %0 = tfc.exp %x : tensor<3xf16>
  return %0 : tensor<3xf16>
}

// -----

// CHECK-LABEL: func.func @integer_ops
// CHECK: arith.maxsi
// CHECK: arith.subi
// CHECK: math.absi
// CHECK: math.ipowi
func.func @integer_ops(%x: tensor<3xi64>) -> (tensor<3xi64>, tensor<3xi64>, tensor<3xi64>, tensor<3xi64>) {
  %0 = tfc.relu %x : tensor<3xi64>
  %1 = tfc.neg %x : tensor<3xi64>
  %2 = tfc.abs %x : tensor<3xi64>
  %3 = tfc.pow %x, %x : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %0, %1, %2, %3 : tensor<3xi64>, tensor<3xi64>, tensor<3xi64>, tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @unsigned_abs_and_pow
// CHECK-NOT: math.absi
// CHECK: arith.extui %{{.*}} : i8 to i64
// CHECK: math.ipowi %{{.*}}, %{{.*}} : i64
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @unsigned_abs_and_pow(%x: tensor<3xui8>) -> (tensor<3xui8>, tensor<3xui8>) {
  %0 = tfc.abs %x : tensor<3xui8>
  %1 = tfc.pow %x, %x : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
  return %0, %1 : tensor<3xui8>, tensor<3xui8>
}

// -----

// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (0, d2)>
// CHECK-LABEL: func.func @where_expand
// CHECK: arith.select
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%{{.*}} : tensor<1x3xf32>)
// CHECK-NEXT: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[V]] : f32
func.func @where_expand(%c: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<1x3xf32>) -> (tensor<3xf32>, tensor<2x4x3xf32>) {
  %0 = tfc.where %c, %a, %a : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = tfc.expand %b {shape = array<i64: 2, 4, 1>} : tensor<1x3xf32> -> tensor<2x4x3xf32>
  return %0, %1 : tensor<3xf32>, tensor<2x4x3xf32>
}

// -----

// GELU is one element-wise body: 0.5 x (1 + erf(x / sqrt 2)), or the tanh approximation.
// CHECK-LABEL: func.func @gelu
// CHECK: linalg.generic
// CHECK: math.erf
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK: math.tanh
func.func @gelu(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = tfc.gelu %x : tensor<4xf32>
  %1 = tfc.gelu %x {approximate = "tanh"} : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// A rotary embedding views the features as [2, D/2] (interleaved: [D/2, 2]) and reads each
// element's partner at index 1 - p of the pair dimension p, negated when p = 0.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[HALF:.*]] = affine_map<(d0, d1, d2) -> (d0, -d1 + 1, d2)>
// CHECK-DAG: #[[PAIR:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, -d2 + 1)>
// CHECK-LABEL: func.func @rotary
// CHECK: %[[X:.*]] = tensor.expand_shape %arg0 {{\[}}[0], [1, 2]] output_shape [5, 2, 4]
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[HALF]], #{{.*}}, #{{.*}}, #[[ID]]], {{.*}} ins(%[[X]], %[[X]],
// CHECK: %[[P:.*]] = linalg.index 1 : index
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[P]], %c0
// CHECK: arith.select %[[FIRST]]
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : tensor<5x2x4xf32> into tensor<5x8xf32>
// CHECK: tensor.expand_shape %arg0 {{\[}}[0], [1, 2]] output_shape [5, 4, 2]
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[PAIR]],
// CHECK: linalg.index 2 : index
func.func @rotary(%x: tensor<5x8xf32>, %c: tensor<5x8xf32>, %s: tensor<5x8xf32>)
    -> (tensor<5x8xf32>, tensor<5x8xf32>) {
  %0 = tfc.rotary_embedding %x, %c, %s : (tensor<5x8xf32>, tensor<5x8xf32>, tensor<5x8xf32>) -> tensor<5x8xf32>
  %1 = tfc.rotary_embedding %x, %c, %s {interleaved = true} : (tensor<5x8xf32>, tensor<5x8xf32>, tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0, %1 : tensor<5x8xf32>, tensor<5x8xf32>
}
