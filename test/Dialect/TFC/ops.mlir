// Round trip of every tfc op through the custom and the generic assembly forms.
// RUN: tfc-opt %s -split-input-file | tfc-opt -split-input-file | FileCheck %s
// RUN: tfc-opt %s -split-input-file --mlir-print-op-generic | tfc-opt -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @constant
// CHECK: tfc.constant dense<{{\[}}[1.000000e+00, 2.000000e+00]]> : tensor<1x2xf32>
// CHECK: tfc.constant dense<[true, false]> : tensor<2xi1>
// CHECK: tfc.constant dense<7> : tensor<ui8>
func.func @constant() -> (tensor<1x2xf32>, tensor<2xi1>, tensor<ui8>) {
  %0 = tfc.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %1 = tfc.constant dense<[true, false]> : tensor<2xi1>
  %2 = tfc.constant dense<7> : tensor<ui8>
  return %0, %1, %2 : tensor<1x2xf32>, tensor<2xi1>, tensor<ui8>
}

// -----

// CHECK-LABEL: func.func @unary
// CHECK: tfc.exp %{{.*}} : tensor<2x3xf32>
// CHECK: tfc.log %{{.*}} : tensor<2x3xf32>
// CHECK: tfc.sqrt %{{.*}} : tensor<2x3xf32>
// CHECK: tfc.reciprocal %{{.*}} : tensor<2x3xf32>
// CHECK: tfc.tanh %{{.*}} : tensor<2x3xf32>
// CHECK: tfc.erf %{{.*}} : tensor<2x3xf32>
// CHECK: tfc.sigmoid %{{.*}} : tensor<2x3xf32>
// CHECK: tfc.relu %{{.*}} : tensor<2x3xf32>
// CHECK: tfc.neg %{{.*}} : tensor<2x3xf32>
// CHECK: tfc.abs %{{.*}} : tensor<2x3xf32>
// CHECK: tfc.abs %{{.*}} : tensor<4xui8>
// CHECK: tfc.neg %{{.*}} : tensor<?xi64>
func.func @unary(%x: tensor<2x3xf32>, %u: tensor<4xui8>, %i: tensor<?xi64>)
    -> (tensor<2x3xf32>, tensor<4xui8>, tensor<?xi64>) {
  %0 = tfc.exp %x : tensor<2x3xf32>
  %1 = tfc.log %0 : tensor<2x3xf32>
  %2 = tfc.sqrt %1 : tensor<2x3xf32>
  %3 = tfc.reciprocal %2 : tensor<2x3xf32>
  %4 = tfc.tanh %3 : tensor<2x3xf32>
  %5 = tfc.erf %4 : tensor<2x3xf32>
  %6 = tfc.sigmoid %5 : tensor<2x3xf32>
  %7 = tfc.relu %6 : tensor<2x3xf32>
  %8 = tfc.neg %7 : tensor<2x3xf32>
  %9 = tfc.abs %8 : tensor<2x3xf32>
  %10 = tfc.abs %u : tensor<4xui8>
  %11 = tfc.neg %i : tensor<?xi64>
  return %9, %10, %11 : tensor<2x3xf32>, tensor<4xui8>, tensor<?xi64>
}

// -----

// CHECK-LABEL: func.func @binary
// CHECK: tfc.add %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: tfc.sub %{{.*}}, %{{.*}} : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: tfc.mul %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: tfc.div %{{.*}}, %{{.*}} : (tensor<4xi32>, tensor<i32>) -> tensor<4xi32>
// CHECK: tfc.pow %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
func.func @binary(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<2x1xf32>,
                  %i: tensor<4xi32>, %j: tensor<i32>, %s: tensor<f32>)
    -> (tensor<2x3xf32>, tensor<4xi32>) {
  %0 = tfc.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = tfc.sub %c, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %2 = tfc.mul %0, %1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = tfc.div %i, %j : (tensor<4xi32>, tensor<i32>) -> tensor<4xi32>
  %4 = tfc.pow %2, %s : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %4, %3 : tensor<2x3xf32>, tensor<4xi32>
}

// -----

// CHECK-LABEL: func.func @compare_where_cast
// CHECK: tfc.equal %{{.*}}, %{{.*}} : (tensor<3xi64>, tensor<1xi64>) -> tensor<3xi1>
// CHECK: tfc.less %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
// CHECK: tfc.greater %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
// CHECK: tfc.where %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK: tfc.cast %{{.*}} {to = f16} : tensor<2x3xf32> to tensor<2x3xf16>
// CHECK: tfc.cast %{{.*}} {to = f32} : tensor<3xi1> to tensor<3xf32>
func.func @compare_where_cast(%i: tensor<3xi64>, %j: tensor<1xi64>, %a: tensor<2x3xf32>,
                              %b: tensor<3xf32>, %s: tensor<f32>)
    -> (tensor<2x3xf16>, tensor<3xf32>, tensor<2x3xi1>) {
  %0 = tfc.equal %i, %j : (tensor<3xi64>, tensor<1xi64>) -> tensor<3xi1>
  %1 = tfc.less %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %2 = tfc.greater %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %3 = tfc.where %1, %a, %s : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %4 = tfc.cast %3 {to = f16} : tensor<2x3xf32> to tensor<2x3xf16>
  %5 = tfc.cast %0 {to = f32} : tensor<3xi1> to tensor<3xf32>
  return %4, %5, %2 : tensor<2x3xf16>, tensor<3xf32>, tensor<2x3xi1>
}

// -----

// CHECK-LABEL: func.func @matmul
// CHECK: tfc.matmul %{{.*}}, %{{.*}} : (tensor<2x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32>
// CHECK: tfc.matmul %{{.*}}, %{{.*}} : (tensor<8xf32>, tensor<3x8x5xf32>) -> tensor<3x5xf32>
// CHECK: tfc.matmul %{{.*}}, %{{.*}} : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4xi32>
func.func @matmul(%a: tensor<2x1x4x8xf32>, %b: tensor<3x8x5xf32>, %v: tensor<8xf32>,
                  %i: tensor<4x8xi32>, %j: tensor<8xi32>)
    -> (tensor<2x3x4x5xf32>, tensor<3x5xf32>, tensor<4xi32>) {
  %0 = tfc.matmul %a, %b : (tensor<2x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32>
  %1 = tfc.matmul %v, %b : (tensor<8xf32>, tensor<3x8x5xf32>) -> tensor<3x5xf32>
  %2 = tfc.matmul %i, %j : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4xi32>
  return %0, %1, %2 : tensor<2x3x4x5xf32>, tensor<3x5xf32>, tensor<4xi32>
}

// -----

// CHECK-LABEL: func.func @reductions
// CHECK: tfc.reduce_sum %{{.*}} {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x1x4xf32>
// CHECK: tfc.reduce_mean %{{.*}} {axes = array<i64: 0, 2>, keepdims = false} : tensor<2x3x4xf32> -> tensor<3xf32>
// CHECK: tfc.reduce_max %{{.*}} {axes = array<i64: 0>, keepdims = false} : tensor<5xi64> -> tensor<i64>
func.func @reductions(%x: tensor<2x3x4xf32>, %i: tensor<5xi64>)
    -> (tensor<2x1x4xf32>, tensor<3xf32>, tensor<i64>) {
  %0 = tfc.reduce_sum %x {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x1x4xf32>
  %1 = tfc.reduce_mean %x {axes = array<i64: 0, 2>, keepdims = false} : tensor<2x3x4xf32> -> tensor<3xf32>
  %2 = tfc.reduce_max %i {axes = array<i64: 0>, keepdims = false} : tensor<5xi64> -> tensor<i64>
  return %0, %1, %2 : tensor<2x1x4xf32>, tensor<3xf32>, tensor<i64>
}

// -----

// CHECK-LABEL: func.func @normalisations
// CHECK: tfc.softmax %{{.*}} {axis = 2 : i64} : tensor<2x3x4xf32>
// CHECK: tfc.layer_norm %{{.*}}, %{{.*}}, %{{.*}} {axis = 2 : i64, epsilon = 9.9999999999999998E-13 : f64} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
// CHECK: tfc.layer_norm %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<1x4xf32>) -> tensor<2x3x4xf32>
// CHECK: tfc.skip_layer_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {axis = 2 : i64} : (tensor<2x3x4xf32>, tensor<1x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>)
func.func @normalisations(%x: tensor<2x3x4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>,
                          %g2: tensor<1x4xf32>, %skip: tensor<1x3x4xf32>)
    -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %0 = tfc.softmax %x {axis = 2 : i64} : tensor<2x3x4xf32>
  %1 = tfc.layer_norm %x, %g, %b {axis = 2 : i64, epsilon = 1.0e-12 : f64} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %2 = tfc.layer_norm %x, %g2 {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<1x4xf32>) -> tensor<2x3x4xf32>
  %3, %4 = tfc.skip_layer_norm %x, %skip, %g, %b {axis = 2 : i64} : (tensor<2x3x4xf32>, tensor<1x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>)
  return %0, %1, %2, %3 : tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @shapes
// CHECK: tfc.transpose %{{.*}} {perm = array<i64: 0, 2, 1, 3>} : tensor<1x16x4x8xf32> -> tensor<1x4x16x8xf32>
// CHECK: tfc.reshape %{{.*}} {shape = array<i64: 1, 16, 32>} : tensor<1x16x4x8xf32> -> tensor<1x16x32xf32>
// CHECK: tfc.squeeze %{{.*}} {axes = array<i64: 0>} : tensor<1x16x32xf32> -> tensor<16x32xf32>
// CHECK: tfc.unsqueeze %{{.*}} {axes = array<i64: 0, 3>} : tensor<16x32xf32> -> tensor<1x16x32x1xf32>
// CHECK: tfc.expand %{{.*}} {shape = array<i64: 2, 1, 1, 1>} : tensor<1x16x32x1xf32> -> tensor<2x16x32x1xf32>
func.func @shapes(%x: tensor<1x16x4x8xf32>)
    -> (tensor<1x4x16x8xf32>, tensor<2x16x32x1xf32>) {
  %0 = tfc.transpose %x {perm = array<i64: 0, 2, 1, 3>} : tensor<1x16x4x8xf32> -> tensor<1x4x16x8xf32>
  %1 = tfc.reshape %x {shape = array<i64: 1, 16, 32>} : tensor<1x16x4x8xf32> -> tensor<1x16x32xf32>
  %2 = tfc.squeeze %1 {axes = array<i64: 0>} : tensor<1x16x32xf32> -> tensor<16x32xf32>
  %3 = tfc.unsqueeze %2 {axes = array<i64: 0, 3>} : tensor<16x32xf32> -> tensor<1x16x32x1xf32>
  %4 = tfc.expand %3 {shape = array<i64: 2, 1, 1, 1>} : tensor<1x16x32x1xf32> -> tensor<2x16x32x1xf32>
  return %0, %4 : tensor<1x4x16x8xf32>, tensor<2x16x32x1xf32>
}

// -----

// CHECK-LABEL: func.func @concat_slice_gather_shape
// CHECK: tfc.concat %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
// CHECK: tfc.slice %{{.*}} {offsets = array<i64: 1, 7>, sizes = array<i64: 1, 4>, strides = array<i64: 1, -2>} : tensor<2x8xf32> -> tensor<1x4xf32>
// CHECK: tfc.gather %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<10x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
// CHECK: tfc.shape %{{.*}} {start = 1 : i64} : tensor<?x3xf32> -> tensor<1xi64>
// CHECK: tfc.shape %{{.*}} {end = 1 : i64} : tensor<?x3xf32> -> tensor<1xi64>
func.func @concat_slice_gather_shape(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>,
                                     %t: tensor<10x4xf32>, %i: tensor<2x3xi64>,
                                     %d: tensor<?x3xf32>)
    -> (tensor<1x4xf32>, tensor<2x3x4xf32>, tensor<1xi64>, tensor<1xi64>) {
  %0 = tfc.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  %1 = tfc.slice %0 {offsets = array<i64: 1, 7>, sizes = array<i64: 1, 4>, strides = array<i64: 1, -2>} : tensor<2x8xf32> -> tensor<1x4xf32>
  %2 = tfc.gather %t, %i {axis = 0 : i64} : (tensor<10x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  %3 = tfc.shape %d {start = 1 : i64} : tensor<?x3xf32> -> tensor<1xi64>
  %4 = tfc.shape %d {end = 1 : i64} : tensor<?x3xf32> -> tensor<1xi64>
  return %1, %2, %3, %4 : tensor<1x4xf32>, tensor<2x3x4xf32>, tensor<1xi64>, tensor<1xi64>
}

// -----

// CHECK-LABEL: func.func @more_elementwise
// CHECK: tfc.floor %{{.*}} : tensor<3xf32>
// CHECK: tfc.round %{{.*}} : tensor<3xf32>
// CHECK: tfc.atanh %{{.*}} : tensor<3xf32>
// CHECK: tfc.not %{{.*}} : tensor<3xi1>
// CHECK: tfc.and %{{.*}}, %{{.*}} : (tensor<3xi1>, tensor<1xi1>) -> tensor<3xi1>
// CHECK: tfc.max %{{.*}}, %{{.*}} : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK: tfc.mod %{{.*}}, %{{.*}} {fmod = true} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK: tfc.bit_shift %{{.*}}, %{{.*}} {left = true} : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
func.func @more_elementwise(%x: tensor<3xf32>, %s: tensor<f32>, %b: tensor<3xi1>,
                            %c: tensor<1xi1>, %u: tensor<3xui8>)
    -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xi1>, tensor<3xf32>,
        tensor<3xf32>, tensor<3xui8>) {
  %0 = tfc.floor %x : tensor<3xf32>
  %1 = tfc.round %x : tensor<3xf32>
  %2 = tfc.atanh %x : tensor<3xf32>
  %3 = tfc.not %b : tensor<3xi1>
  %4 = tfc.and %3, %c : (tensor<3xi1>, tensor<1xi1>) -> tensor<3xi1>
  %5 = tfc.max %x, %s : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %6 = tfc.mod %x, %x {fmod = true} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %7 = tfc.bit_shift %u, %u {left = true} : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
  return %0, %1, %2, %4, %5, %6, %7 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xi1>,
      tensor<3xf32>, tensor<3xf32>, tensor<3xui8>
}

// -----

// CHECK-LABEL: func.func @indexing
// CHECK: tfc.reduce_prod %{{.*}} {axes = array<i64: 1>} : tensor<2x5xf32> -> tensor<2x1xf32>
// CHECK: tfc.argmax %{{.*}} {axis = 1 : i64, keepdims = false, select_last_index = true} : tensor<2x5xf32> -> tensor<2xi64>
// CHECK: tfc.cumsum %{{.*}} {axis = 1 : i64, reverse = true} : tensor<2x5xf32>
// CHECK: tfc.gather_elements %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x5xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
// CHECK: tfc.pad %{{.*}}, %{{.*}} {mode = "reflect", pads = array<i64: 0, 2, 1, 3>} : (tensor<2x5xf32>, tensor<f32>) -> tensor<3x10xf32>
func.func @indexing(%x: tensor<2x5xf32>, %i: tensor<2x3xi64>, %v: tensor<f32>)
    -> (tensor<2x1xf32>, tensor<2xi64>, tensor<2x5xf32>, tensor<2x3xf32>, tensor<3x10xf32>) {
  %0 = tfc.reduce_prod %x {axes = array<i64: 1>} : tensor<2x5xf32> -> tensor<2x1xf32>
  %1 = tfc.argmax %x {axis = 1 : i64, keepdims = false, select_last_index = true} : tensor<2x5xf32> -> tensor<2xi64>
  %2 = tfc.cumsum %x {axis = 1 : i64, reverse = true} : tensor<2x5xf32>
  %3 = tfc.gather_elements %x, %i {axis = 1 : i64} : (tensor<2x5xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  %4 = tfc.pad %x, %v {mode = "reflect", pads = array<i64: 0, 2, 1, 3>} : (tensor<2x5xf32>, tensor<f32>) -> tensor<3x10xf32>
  return %0, %1, %2, %3, %4 : tensor<2x1xf32>, tensor<2xi64>, tensor<2x5xf32>, tensor<2x3xf32>, tensor<3x10xf32>
}

// -----

// CHECK-LABEL: func.func @windows
// CHECK: tfc.conv %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x4xf32>
// CHECK: tfc.max_pool %{{.*}} {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
// CHECK: tfc.average_pool %{{.*}} {count_include_pad = true, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
func.func @windows(%x: tensor<1x4x8x8xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>)
    -> (tensor<1x6x4x4xf32>, tensor<1x4x4x4xf32>, tensor<1x4x8x8xf32>) {
  %0 = tfc.conv %x, %w, %b {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x4xf32>
  %1 = tfc.max_pool %x {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  %2 = tfc.average_pool %x {count_include_pad = true, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
  return %0, %1, %2 : tensor<1x6x4x4xf32>, tensor<1x4x4x4xf32>, tensor<1x4x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @scatters
// CHECK: tfc.scatter_elements %{{.*}}, %{{.*}}, %{{.*}} {axis = 1 : i64, reduction = "add"} : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<3x2xf32>) -> tensor<3x4xf32>
// CHECK: tfc.scatter_nd %{{.*}}, %{{.*}}, %{{.*}} : (tensor<3x4xf32>, tensor<2x1xi64>, tensor<2x4xf32>) -> tensor<3x4xf32>
func.func @scatters(%x: tensor<3x4xf32>, %i: tensor<3x2xi64>, %u: tensor<3x2xf32>,
                    %j: tensor<2x1xi64>, %v: tensor<2x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>) {
  %0 = tfc.scatter_elements %x, %i, %u {axis = 1 : i64, reduction = "add"} : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<3x2xf32>) -> tensor<3x4xf32>
  %1 = tfc.scatter_nd %x, %j, %v : (tensor<3x4xf32>, tensor<2x1xi64>, tensor<2x4xf32>) -> tensor<3x4xf32>
  return %0, %1 : tensor<3x4xf32>, tensor<3x4xf32>
}

// -----

// CHECK-LABEL: func.func @gelu
// CHECK: tfc.gelu %{{.*}} : tensor<3xf32>
// CHECK: tfc.gelu %{{.*}} {approximate = "tanh"} : tensor<3xf32>
func.func @gelu(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = tfc.gelu %x : tensor<3xf32>
  %1 = tfc.gelu %x {approximate = "tanh"} : tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @rotary_embedding
// CHECK: tfc.rotary_embedding %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x4x5x8xf32>, tensor<2x1x5x8xf32>, tensor<5x8xf32>) -> tensor<2x4x5x8xf32>
// CHECK: tfc.rotary_embedding %{{.*}}, %{{.*}}, %{{.*}} {interleaved = true}
func.func @rotary_embedding(%x: tensor<2x4x5x8xf32>, %c: tensor<2x1x5x8xf32>,
                            %s: tensor<5x8xf32>) -> (tensor<2x4x5x8xf32>, tensor<2x4x5x8xf32>) {
  %0 = tfc.rotary_embedding %x, %c, %s : (tensor<2x4x5x8xf32>, tensor<2x1x5x8xf32>, tensor<5x8xf32>) -> tensor<2x4x5x8xf32>
  %1 = tfc.rotary_embedding %x, %c, %s {interleaved = true} : (tensor<2x4x5x8xf32>, tensor<2x1x5x8xf32>, tensor<5x8xf32>) -> tensor<2x4x5x8xf32>
  return %0, %1 : tensor<2x4x5x8xf32>, tensor<2x4x5x8xf32>
}

// -----

// CHECK-LABEL: func.func @rms_norm
// CHECK: tfc.rms_norm %{{.*}}, %{{.*}} {axis = 1 : i64, epsilon = 1.000000e-05 : f64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
func.func @rms_norm(%x: tensor<4x8xf32>, %w: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = tfc.rms_norm %x, %w {axis = 1 : i64, epsilon = 1.0e-5 : f64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// CHECK-LABEL: func.func @attention
// CHECK: tfc.attention %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {scale = 1.250000e-01 : f64} : (tensor<1x2x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>, tensor<1x1x1x7xf32>) -> tensor<1x2x5x4xf32>
// CHECK: tfc.attention %{{.*}}, %{{.*}}, %{{.*}} {causal = true, scale = 1.000000e+00 : f64} : (tensor<1x2x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>) -> tensor<1x2x5x4xf32>
// CHECK: tfc.attention %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {scale = 1.000000e+00 : f64, zero_masked_rows = true} : (tensor<1x2x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>, tensor<5x7xi1>) -> tensor<1x2x5x4xf32>
func.func @attention(%q: tensor<1x2x5x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x4xf32>, %m: tensor<1x1x1x7xf32>, %keep: tensor<5x7xi1>)
    -> (tensor<1x2x5x4xf32>, tensor<1x2x5x4xf32>, tensor<1x2x5x4xf32>) {
  %0 = tfc.attention %q, %k, %v, %m {scale = 0.125 : f64} : (tensor<1x2x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>, tensor<1x1x1x7xf32>) -> tensor<1x2x5x4xf32>
  %1 = tfc.attention %q, %k, %v {scale = 1.0 : f64, causal = true} : (tensor<1x2x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>) -> tensor<1x2x5x4xf32>
  %2 = tfc.attention %q, %k, %v, %keep {scale = 1.0 : f64, zero_masked_rows = true} : (tensor<1x2x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>, tensor<5x7xi1>) -> tensor<1x2x5x4xf32>
  return %0, %1, %2 : tensor<1x2x5x4xf32>, tensor<1x2x5x4xf32>, tensor<1x2x5x4xf32>
}

// -----

// Sequence-first: [B, S, H, D] operands (grouped-query here, 4 query heads over 2), the mask
// over [B, H, S, T], the result [B, S, H, Dv].
// CHECK-LABEL: func.func @attention_sequence_first
// CHECK: tfc.attention %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {scale = 1.000000e+00 : f64, sequence_first = true} : (tensor<1x5x4x8xf32>, tensor<1x7x2x8xf32>, tensor<1x7x2x6xf32>, tensor<1x4x5x7xi1>) -> tensor<1x5x4x6xf32>
func.func @attention_sequence_first(%q: tensor<1x5x4x8xf32>, %k: tensor<1x7x2x8xf32>, %v: tensor<1x7x2x6xf32>, %keep: tensor<1x4x5x7xi1>) -> tensor<1x5x4x6xf32> {
  %0 = tfc.attention %q, %k, %v, %keep {scale = 1.0 : f64, sequence_first = true} : (tensor<1x5x4x8xf32>, tensor<1x7x2x8xf32>, tensor<1x7x2x6xf32>, tensor<1x4x5x7xi1>) -> tensor<1x5x4x6xf32>
  return %0 : tensor<1x5x4x6xf32>
}

// -----

// Grouped-query attention: 4 query heads read 2 key/value heads.
// CHECK-LABEL: func.func @grouped_query_attention
// CHECK: tfc.attention %{{.*}}, %{{.*}}, %{{.*}} {scale = 1.250000e-01 : f64} : (tensor<1x4x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>) -> tensor<1x4x5x4xf32>
func.func @grouped_query_attention(%q: tensor<1x4x5x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x4xf32>) -> tensor<1x4x5x4xf32> {
  %0 = tfc.attention %q, %k, %v {scale = 0.125 : f64} : (tensor<1x4x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>) -> tensor<1x4x5x4xf32>
  return %0 : tensor<1x4x5x4xf32>
}
