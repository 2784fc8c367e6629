// tfc-conv-to-matmul: convolutions with one group become a matmul over their patches.
// RUN: tfc-opt %s --tfc-conv-to-matmul --split-input-file | FileCheck %s

// Non-overlapping patches (ViT's patch embedding): a reshape and a transpose of the input.
// CHECK-LABEL: func.func @patches
// CHECK-NOT: tfc.conv
// CHECK-NOT: tfc.slice
// CHECK: %[[SPLIT:.*]] = tfc.reshape %arg0 {shape = array<i64: 2, 3, 2, 4, 3, 4>}
// CHECK: %[[COLS:.*]] = tfc.transpose %[[SPLIT]] {perm = array<i64: 0, 2, 4, 1, 3, 5>} : tensor<2x3x2x4x3x4xf32> -> tensor<2x2x3x3x4x4xf32>
// CHECK: %[[LHS:.*]] = tfc.reshape %[[COLS]] {shape = array<i64: 12, 48>}
// CHECK: %[[W:.*]] = tfc.reshape %arg1 {shape = array<i64: 5, 48>}
// CHECK: %[[RHS:.*]] = tfc.transpose %[[W]] {perm = array<i64: 1, 0>} : tensor<5x48xf32> -> tensor<48x5xf32>
// CHECK: %[[P:.*]] = tfc.matmul %[[LHS]], %[[RHS]] : (tensor<12x48xf32>, tensor<48x5xf32>) -> tensor<12x5xf32>
// CHECK: %[[B:.*]] = tfc.add %[[P]], %arg2 : (tensor<12x5xf32>, tensor<5xf32>) -> tensor<12x5xf32>
// CHECK: %[[R:.*]] = tfc.reshape %[[B]] {shape = array<i64: 2, 2, 3, 5>}
// CHECK: tfc.transpose %[[R]] {perm = array<i64: 0, 3, 1, 2>} : tensor<2x2x3x5xf32> -> tensor<2x5x2x3xf32>
func.func @patches(%x: tensor<2x3x8x12xf32>, %w: tensor<5x3x4x4xf32>, %b: tensor<5xf32>) -> tensor<2x5x2x3xf32> {
  %0 = tfc.conv %x, %w, %b {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 4, 4>} : (tensor<2x3x8x12xf32>, tensor<5x3x4x4xf32>, tensor<5xf32>) -> tensor<2x5x2x3xf32>
  return %0 : tensor<2x5x2x3xf32>
}

// -----

// Padded, strided, dilated: zero padding, then one strided slice per kernel offset (2 x 2),
// stacked along a new axis.
// CHECK-LABEL: func.func @general
// CHECK: tfc.pad %arg0, %{{.*}} {pads = array<i64: 0, 0, 1, 0, 0, 0, 1, 2>} : (tensor<1x2x5x6xf32>, tensor<f32>) -> tensor<1x2x7x8xf32>
// CHECK: tfc.slice %{{.*}} {offsets = array<i64: 0, 0, 0, 0>, sizes = array<i64: 1, 2, 3, 2>, strides = array<i64: 1, 1, 2, 3>}
// CHECK: tfc.slice %{{.*}} {offsets = array<i64: 0, 0, 0, 2>, sizes = array<i64: 1, 2, 3, 2>, strides = array<i64: 1, 1, 2, 3>}
// CHECK: tfc.slice %{{.*}} {offsets = array<i64: 0, 0, 2, 0>, sizes = array<i64: 1, 2, 3, 2>, strides = array<i64: 1, 1, 2, 3>}
// CHECK: tfc.slice %{{.*}} {offsets = array<i64: 0, 0, 2, 2>, sizes = array<i64: 1, 2, 3, 2>, strides = array<i64: 1, 1, 2, 3>}
// CHECK: tfc.concat {{.*}} {axis = 2 : i64} : {{.*}} -> tensor<1x2x4x3x2xf32>
// CHECK: tfc.transpose %{{.*}} {perm = array<i64: 0, 3, 4, 1, 2>}
// CHECK: tfc.matmul {{.*}} : (tensor<6x8xf32>, tensor<8x4xf32>) -> tensor<6x4xf32>
// CHECK-NOT: tfc.add
// CHECK-NOT: tfc.conv
func.func @general(%x: tensor<1x2x5x6xf32>, %w: tensor<4x2x2x2xf32>) -> tensor<1x4x3x2xf32> {
  %0 = tfc.conv %x, %w {dilations = array<i64: 2, 2>, pads = array<i64: 1, 0, 1, 2>, strides = array<i64: 2, 3>} : (tensor<1x2x5x6xf32>, tensor<4x2x2x2xf32>) -> tensor<1x4x3x2xf32>
  return %0 : tensor<1x4x3x2xf32>
}

// -----

// Left alone: groups, and a kernel of more than 64 offsets that does not tile the input.
// CHECK-LABEL: func.func @left_alone
// CHECK: tfc.conv {{.*}} groups = 2
// CHECK: tfc.conv {{.*}} : (tensor<1x1x20x20xf32>, tensor<1x1x9x9xf32>) -> tensor<1x1x12x12xf32>
// CHECK-NOT: tfc.matmul
func.func @left_alone(%x: tensor<1x4x6x6xf32>, %w: tensor<4x2x3x3xf32>, %y: tensor<1x1x20x20xf32>, %v: tensor<1x1x9x9xf32>) -> (tensor<1x4x4x4xf32>, tensor<1x1x12x12xf32>) {
  %0 = tfc.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, groups = 2 : i64} : (tensor<1x4x6x6xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x4x4xf32>
  %1 = tfc.conv %y, %v {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x20x20xf32>, tensor<1x1x9x9xf32>) -> tensor<1x1x12x12xf32>
  return %0, %1 : tensor<1x4x4x4xf32>, tensor<1x1x12x12xf32>
}
