// tfc.rotary_embedding in both pairings (rotate_half and interleaved) against numpy's
// reference of the models' own Python code; cos and sin [S, D] broadcast over batch and heads.
// RUN: rm -rf %t && %python %S/Inputs/make_rotary_inputs.py %t
// RUN: tfc run %s --input %t/x.npy --input %t/cos_half.npy --input %t/sin_half.npy \
// RUN:   --input %t/cos_pairs.npy --input %t/sin_pairs.npy --expect %t/half.npy \
// RUN:   --expect %t/interleaved.npy --atol 1e-6 --rtol 0 | FileCheck %s
// CHECK: output 'half' FLOAT [2x3x7x16]: {{.*}}: ok
// CHECK: output 'interleaved' FLOAT [2x3x7x16]: {{.*}}: ok
func.func @main(%x: tensor<2x3x7x16xf32> {tfc.name = "x"},
                %ch: tensor<7x16xf32> {tfc.name = "cos_half"},
                %sh: tensor<7x16xf32> {tfc.name = "sin_half"},
                %cp: tensor<7x16xf32> {tfc.name = "cos_pairs"},
                %sp: tensor<7x16xf32> {tfc.name = "sin_pairs"})
    -> (tensor<2x3x7x16xf32> {tfc.name = "half"},
        tensor<2x3x7x16xf32> {tfc.name = "interleaved"}) {
  %0 = tfc.rotary_embedding %x, %ch, %sh
      : (tensor<2x3x7x16xf32>, tensor<7x16xf32>, tensor<7x16xf32>) -> tensor<2x3x7x16xf32>
  %1 = tfc.rotary_embedding %x, %cp, %sp {interleaved = true}
      : (tensor<2x3x7x16xf32>, tensor<7x16xf32>, tensor<7x16xf32>) -> tensor<2x3x7x16xf32>
  return %0, %1 : tensor<2x3x7x16xf32>, tensor<2x3x7x16xf32>
}
