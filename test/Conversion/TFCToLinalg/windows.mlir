// Convolution and pooling become sliding-window generics over a padded input.
// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg | FileCheck %s

// The input channel of filter m is (m floordiv filters-per-group) * channels-per-group + c;
// the output position o and window position k read o * stride + k * dilation.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, (d1 floordiv 3) * 2 + d4, d2 * 2 + d5, d3 * 2 + d6)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d4, d5, d6)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_grouped
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x4x10x10xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[W]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @conv_grouped(%x: tensor<1x4x8x8xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x4x4xf32> {
  %0 = tfc.conv %x, %w {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x4x4xf32>
  return %0 : tensor<1x6x4x4xf32>
}

// -----

// Max pooling pads with -inf and starts from -inf.
// CHECK-LABEL: func.func @max_pool
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK: arith.maximumf
func.func @max_pool(%x: tensor<1x2x7xf32>) -> tensor<1x2x4xf32> {
  %0 = tfc.max_pool %x {dilations = array<i64: 1>, kernel = array<i64: 2>, pads = array<i64: 0, 1>, strides = array<i64: 2>} : tensor<1x2x7xf32> -> tensor<1x2x4xf32>
  return %0 : tensor<1x2x4xf32>
}

// -----

// Without count_include_pad the divisor counts only the elements inside the input: the
// first and last windows of 3 over a padded row of 4 see 2 of them.
// CHECK-LABEL: func.func @average_pool
// CHECK: arith.addf
// CHECK: arith.constant dense<[2.000000e+00, 3.000000e+00, 3.000000e+00, 2.000000e+00]> : tensor<4xf32>
// CHECK: arith.divf
func.func @average_pool(%x: tensor<1x1x4xf32>) -> tensor<1x1x4xf32> {
  %0 = tfc.average_pool %x {dilations = array<i64: 1>, kernel = array<i64: 3>, pads = array<i64: 1, 1>, strides = array<i64: 1>} : tensor<1x1x4xf32> -> tensor<1x1x4xf32>
  return %0 : tensor<1x1x4xf32>
}
