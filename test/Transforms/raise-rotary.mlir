// tfc-raise-rotary: x * cos + rotate(x) * sin becomes tfc.rotary_embedding.
// RUN: tfc-opt %s -split-input-file --tfc-raise-rotary | FileCheck %s

// LLaMA's export: rotate_half as two slices, Neg and Concat; cos/sin [B, 1, S, D] shared by
// the heads.
// CHECK-LABEL: func.func @rotate_half
// CHECK-NEXT: %[[R:.*]] = tfc.rotary_embedding %arg0, %arg1, %arg2 : (tensor<2x4x5x8xf32>, tensor<2x1x5x8xf32>, tensor<2x1x5x8xf32>) -> tensor<2x4x5x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @rotate_half(%x: tensor<2x4x5x8xf32>, %cos: tensor<2x1x5x8xf32>,
                       %sin: tensor<2x1x5x8xf32>) -> tensor<2x4x5x8xf32> {
  %xc = tfc.mul %x, %cos : (tensor<2x4x5x8xf32>, tensor<2x1x5x8xf32>) -> tensor<2x4x5x8xf32>
  %x1 = tfc.slice %x {offsets = array<i64: 0, 0, 0, 0>, sizes = array<i64: 2, 4, 5, 4>, strides = array<i64: 1, 1, 1, 1>} : tensor<2x4x5x8xf32> -> tensor<2x4x5x4xf32>
  %x2 = tfc.slice %x {offsets = array<i64: 0, 0, 0, 4>, sizes = array<i64: 2, 4, 5, 4>, strides = array<i64: 1, 1, 1, 1>} : tensor<2x4x5x8xf32> -> tensor<2x4x5x4xf32>
  %n = tfc.neg %x2 : tensor<2x4x5x4xf32>
  %rot = tfc.concat %n, %x1 {axis = 3 : i64} : (tensor<2x4x5x4xf32>, tensor<2x4x5x4xf32>) -> tensor<2x4x5x8xf32>
  %rs = tfc.mul %rot, %sin : (tensor<2x4x5x8xf32>, tensor<2x1x5x8xf32>) -> tensor<2x4x5x8xf32>
  %y = tfc.add %xc, %rs : (tensor<2x4x5x8xf32>, tensor<2x4x5x8xf32>) -> tensor<2x4x5x8xf32>
  return %y : tensor<2x4x5x8xf32>
}

// -----

// The products in the other order, on the other sides of the sum; cos/sin [S, D].
// CHECK-LABEL: func.func @swapped
// CHECK-NEXT: %[[R:.*]] = tfc.rotary_embedding %arg0, %arg1, %arg2 : (tensor<3x5x8xf32>, tensor<5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @swapped(%x: tensor<3x5x8xf32>, %cos: tensor<5x8xf32>, %sin: tensor<5x8xf32>)
    -> tensor<3x5x8xf32> {
  %x1 = tfc.slice %x {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %x2 = tfc.slice %x {offsets = array<i64: 0, 0, 4>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %n = tfc.neg %x2 : tensor<3x5x4xf32>
  %rot = tfc.concat %n, %x1 {axis = 2 : i64} : (tensor<3x5x4xf32>, tensor<3x5x4xf32>) -> tensor<3x5x8xf32>
  %rs = tfc.mul %sin, %rot : (tensor<5x8xf32>, tensor<3x5x8xf32>) -> tensor<3x5x8xf32>
  %xc = tfc.mul %cos, %x : (tensor<5x8xf32>, tensor<3x5x8xf32>) -> tensor<3x5x8xf32>
  %y = tfc.add %rs, %xc : (tensor<3x5x8xf32>, tensor<3x5x8xf32>) -> tensor<3x5x8xf32>
  return %y : tensor<3x5x8xf32>
}

// -----

// GPT-J's rotate_every_two: strided slices, stack(-x2, x1, -1) as Unsqueeze + Concat, and a
// Reshape flattening the pairs.
// CHECK-LABEL: func.func @rotate_every_two
// CHECK-NEXT: %[[R:.*]] = tfc.rotary_embedding %arg0, %arg1, %arg2 {interleaved = true}
// CHECK-NEXT: return %[[R]]
func.func @rotate_every_two(%x: tensor<3x5x8xf32>, %cos: tensor<5x8xf32>,
                            %sin: tensor<5x8xf32>) -> tensor<3x5x8xf32> {
  %xc = tfc.mul %x, %cos : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  %x1 = tfc.slice %x {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 2>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %x2 = tfc.slice %x {offsets = array<i64: 0, 0, 1>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 2>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %n = tfc.neg %x2 : tensor<3x5x4xf32>
  %a = tfc.unsqueeze %n {axes = array<i64: 3>} : tensor<3x5x4xf32> -> tensor<3x5x4x1xf32>
  %b = tfc.unsqueeze %x1 {axes = array<i64: 3>} : tensor<3x5x4xf32> -> tensor<3x5x4x1xf32>
  %s = tfc.concat %a, %b {axis = 3 : i64} : (tensor<3x5x4x1xf32>, tensor<3x5x4x1xf32>) -> tensor<3x5x4x2xf32>
  %rot = tfc.reshape %s {shape = array<i64: 3, 5, 8>} : tensor<3x5x4x2xf32> -> tensor<3x5x8xf32>
  %rs = tfc.mul %rot, %sin : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  %y = tfc.add %xc, %rs : (tensor<3x5x8xf32>, tensor<3x5x8xf32>) -> tensor<3x5x8xf32>
  return %y : tensor<3x5x8xf32>
}

// -----

// GPT-NeoX's partial rotary: the first 8 of 12 features rotate; the halves are slices of the
// head, of which x is a slice too. The pass-through features stay as they are.
// CHECK-LABEL: func.func @partial
// CHECK: %[[ROT:.*]] = tfc.slice %arg0 {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 3, 5, 8>
// CHECK: %[[PASS:.*]] = tfc.slice %arg0 {offsets = array<i64: 0, 0, 8>
// CHECK-NEXT: %[[R:.*]] = tfc.rotary_embedding %[[ROT]], %arg1, %arg2
// CHECK-NEXT: %[[Y:.*]] = tfc.concat %[[R]], %[[PASS]]
// CHECK-NEXT: return %[[Y]]
func.func @partial(%q: tensor<3x5x12xf32>, %cos: tensor<5x8xf32>, %sin: tensor<5x8xf32>)
    -> tensor<3x5x12xf32> {
  %x = tfc.slice %q {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 3, 5, 8>, strides = array<i64: 1, 1, 1>} : tensor<3x5x12xf32> -> tensor<3x5x8xf32>
  %p = tfc.slice %q {offsets = array<i64: 0, 0, 8>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x12xf32> -> tensor<3x5x4xf32>
  %xc = tfc.mul %x, %cos : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  %x1 = tfc.slice %q {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x12xf32> -> tensor<3x5x4xf32>
  %x2 = tfc.slice %q {offsets = array<i64: 0, 0, 4>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x12xf32> -> tensor<3x5x4xf32>
  %n = tfc.neg %x2 : tensor<3x5x4xf32>
  %rot = tfc.concat %n, %x1 {axis = 2 : i64} : (tensor<3x5x4xf32>, tensor<3x5x4xf32>) -> tensor<3x5x8xf32>
  %rs = tfc.mul %rot, %sin : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  %e = tfc.add %xc, %rs : (tensor<3x5x8xf32>, tensor<3x5x8xf32>) -> tensor<3x5x8xf32>
  %y = tfc.concat %e, %p {axis = 2 : i64} : (tensor<3x5x8xf32>, tensor<3x5x4xf32>) -> tensor<3x5x12xf32>
  return %y : tensor<3x5x12xf32>
}

// -----

// Must not fuse: the halves swapped (a rotation by minus the angle), and a sum of products
// with no rotation.
// CHECK-LABEL: func.func @must_not_fuse
// CHECK-NOT: tfc.rotary_embedding
func.func @must_not_fuse(%x: tensor<3x5x8xf32>, %cos: tensor<5x8xf32>, %sin: tensor<5x8xf32>)
    -> (tensor<3x5x8xf32>, tensor<3x5x8xf32>) {
  %xc = tfc.mul %x, %cos : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  %x1 = tfc.slice %x {offsets = array<i64: 0, 0, 0>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %x2 = tfc.slice %x {offsets = array<i64: 0, 0, 4>, sizes = array<i64: 3, 5, 4>, strides = array<i64: 1, 1, 1>} : tensor<3x5x8xf32> -> tensor<3x5x4xf32>
  %n = tfc.neg %x1 : tensor<3x5x4xf32>
  %rot = tfc.concat %n, %x2 {axis = 2 : i64} : (tensor<3x5x4xf32>, tensor<3x5x4xf32>) -> tensor<3x5x8xf32>
  %rs = tfc.mul %rot, %sin : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  %y = tfc.add %xc, %rs : (tensor<3x5x8xf32>, tensor<3x5x8xf32>) -> tensor<3x5x8xf32>
  %xs = tfc.mul %x, %sin : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  %xc2 = tfc.mul %x, %cos : (tensor<3x5x8xf32>, tensor<5x8xf32>) -> tensor<3x5x8xf32>
  %z = tfc.add %xc2, %xs : (tensor<3x5x8xf32>, tensor<3x5x8xf32>) -> tensor<3x5x8xf32>
  return %y, %z : tensor<3x5x8xf32>, tensor<3x5x8xf32>
}
