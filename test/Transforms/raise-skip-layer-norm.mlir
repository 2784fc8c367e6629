// tfc-raise-skip-layer-norm: the layer norm of a residual sum becomes tfc.skip_layer_norm.
// RUN: tfc-opt %s -split-input-file --tfc-raise-skip-layer-norm | FileCheck %s

// Post-norm (BERT): the sum has no other use; the fused op replaces both.
// CHECK-LABEL: func.func @post_norm
// CHECK-NEXT: %[[Y:.*]], %{{.*}} = tfc.skip_layer_norm %arg0, %arg1, %arg2, %arg3 {axis = 2 : i64, epsilon = 9.9999999999999998E-13 : f64} : (tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<1x4x8xf32>, tensor<1x4x8xf32>)
// CHECK-NEXT: return %[[Y]]
func.func @post_norm(%x: tensor<1x4x8xf32>, %r: tensor<1x4x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<1x4x8xf32> {
  %s = tfc.add %x, %r : (tensor<1x4x8xf32>, tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %y = tfc.layer_norm %s, %g, %b {axis = 2 : i64, epsilon = 1.0e-12 : f64} : (tensor<1x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

// Pre-norm (GPT-2, ViT): the residual stream is read again after the norm, from the fused
// op's sum.
// CHECK-LABEL: func.func @pre_norm
// CHECK-NEXT: %[[Y:.*]], %[[S:.*]] = tfc.skip_layer_norm %arg0, %arg1, %arg2 {axis = 1 : i64}
// CHECK-NEXT: %[[M:.*]] = tfc.mul %[[Y]], %[[Y]]
// CHECK-NEXT: %[[R:.*]] = tfc.add %[[S]], %[[M]]
// CHECK-NEXT: return %[[R]]
func.func @pre_norm(%x: tensor<4x8xf32>, %r: tensor<4x8xf32>, %g: tensor<8xf32>) -> tensor<4x8xf32> {
  %s = tfc.add %x, %r : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %y = tfc.layer_norm %s, %g {axis = 1 : i64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %m = tfc.mul %y, %y : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %next = tfc.add %s, %m : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %next : tensor<4x8xf32>
}

// -----

// A position embedding broadcast over the batch is the skip, whichever side it is on.
// CHECK-LABEL: func.func @broadcast_skip
// CHECK-NEXT: %[[Y:.*]], %{{.*}} = tfc.skip_layer_norm %arg1, %arg0, %arg2 {axis = 2 : i64} : (tensor<2x4x8xf32>, tensor<1x4x8xf32>, tensor<8xf32>)
// CHECK-NEXT: return %[[Y]]
func.func @broadcast_skip(%pos: tensor<1x4x8xf32>, %x: tensor<2x4x8xf32>, %g: tensor<8xf32>) -> tensor<2x4x8xf32> {
  %s = tfc.add %pos, %x : (tensor<1x4x8xf32>, tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  %y = tfc.layer_norm %s, %g {axis = 2 : i64} : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
}

// -----

// The sum is read before the norm: the fused op takes the add's place.
// CHECK-LABEL: func.func @sum_read_first
// CHECK-NEXT: %[[Y:.*]], %[[S:.*]] = tfc.skip_layer_norm %arg0, %arg1, %arg2 {axis = 1 : i64}
// CHECK-NEXT: %[[E:.*]] = tfc.exp %[[S]]
// CHECK-NEXT: return %[[Y]], %[[E]]
func.func @sum_read_first(%x: tensor<4x8xf32>, %r: tensor<4x8xf32>, %g: tensor<8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %s = tfc.add %x, %r : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %e = tfc.exp %s : tensor<4x8xf32>
  %y = tfc.layer_norm %s, %g {axis = 1 : i64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %y, %e : tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// Must not fuse: a norm of anything but a sum.
// CHECK-LABEL: func.func @difference
// CHECK-NOT: tfc.skip_layer_norm
// CHECK: tfc.layer_norm
func.func @difference(%x: tensor<4x8xf32>, %r: tensor<4x8xf32>, %g: tensor<8xf32>) -> tensor<4x8xf32> {
  %s = tfc.sub %x, %r : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %y = tfc.layer_norm %s, %g {axis = 1 : i64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
