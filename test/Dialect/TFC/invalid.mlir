// Every verifier and type-inference error of the tfc ops.
// RUN: tfc-opt %s -split-input-file -verify-diagnostics

func.func @constant_bad_element() {
  // expected-error @+1 {{result #0 must be ranked tensor of}}
  %0 = tfc.constant dense<1> : tensor<2xi3>
  return
}

// -----

func.func @unary_needs_float(%x: tensor<3xi64>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = tfc.exp %x : tensor<3xi64>
  return
}

// -----

func.func @unary_type_mismatch(%x: tensor<3xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "tfc.tanh"(%x) : (tensor<3xf32>) -> tensor<3xf16>
  return
}

// -----

func.func @neg_unsigned(%x: tensor<3xui8>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = tfc.neg %x : tensor<3xui8>
  return
}

// -----

func.func @binary_not_broadcastable(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{'tfc.add' op operands are not broadcast-compatible: 2x3 and 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @binary_element_mismatch(%a: tensor<3xf32>, %b: tensor<3xf16>) {
  // expected-error @+1 {{all of {lhs, rhs} have same element type}}
  %0 = tfc.mul %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return
}

// -----

func.func @binary_wrong_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{'tfc.sub' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.sub %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @compare_result_not_bool(%a: tensor<3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 1-bit signless integer values}}
  %0 = tfc.less %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @where_mismatch(%c: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<3xi32>) {
  // expected-error @+1 {{all of {lhs, rhs, output} have same element type}}
  %0 = tfc.where %c, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<3xi32>) -> tensor<3xf32>
  return
}

// -----

func.func @where_not_broadcastable(%c: tensor<2xi1>, %a: tensor<3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{'tfc.where' op operands are not broadcast-compatible: 2 and 3 and 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.where %c, %a, %b : (tensor<2xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @cast_bad_target(%a: tensor<3xf32>) {
  // expected-error @+2 {{'tfc.cast' op target type must be a tfc element type}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "tfc.cast"(%a) {to = i7} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @cast_shape_changes(%a: tensor<3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<3xi32>' are incompatible with return type(s) of operation 'tensor<4xi32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.cast %a {to = i32} : tensor<3xf32> to tensor<4xi32>
  return
}

// -----

func.func @matmul_scalar(%a: tensor<f32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{'tfc.matmul' op operands must have rank at least 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.matmul %a, %b : (tensor<f32>, tensor<3xf32>) -> tensor<f32>
  return
}

// -----

func.func @matmul_contracting(%a: tensor<2x4xf32>, %b: tensor<5x3xf32>) {
  // expected-error @+2 {{'tfc.matmul' op contracting dimensions differ: lhs 2x4 has 4, rhs 5x3 has 5}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.matmul %a, %b : (tensor<2x4xf32>, tensor<5x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @matmul_batch(%a: tensor<2x2x4xf32>, %b: tensor<3x4x3xf32>) {
  // expected-error @+2 {{'tfc.matmul' op batch dimensions are not broadcast-compatible: 2x2x4 and 3x4x3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.matmul %a, %b : (tensor<2x2x4xf32>, tensor<3x4x3xf32>) -> tensor<2x2x3xf32>
  return
}

// -----

func.func @reduce_axis_range(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.reduce_sum' op axes entry 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.reduce_sum %a {axes = array<i64: 2>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @reduce_axes_unsorted(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.reduce_max' op axes must be sorted and unique}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.reduce_max %a {axes = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<1x1xf32>
  return
}

// -----

func.func @reduce_bool(%a: tensor<2xi1>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = tfc.reduce_mean %a {axes = array<i64: 0>} : tensor<2xi1> -> tensor<1xi1>
  return
}

// -----

func.func @softmax_axis(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.softmax' op axis 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.softmax %a {axis = 2 : i64} : tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_axis(%a: tensor<2x3xf32>, %g: tensor<3xf32>) {
  // expected-error @+2 {{'tfc.layer_norm' op axis 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.layer_norm %a, %g {axis = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_scale_shape(%a: tensor<2x3xf32>, %g: tensor<4xf32>) {
  // expected-error @+2 {{'tfc.layer_norm' op scale of shape 4 does not broadcast to the normalized shape 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.layer_norm %a, %g {axis = 1 : i64} : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_bias_rank(%a: tensor<2x3xf32>, %g: tensor<3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.layer_norm' op bias of shape 2x3 does not broadcast to the normalized shape 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.layer_norm %a, %g, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_bias_type(%a: tensor<2x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf16>) {
  // expected-error @+2 {{'tfc.layer_norm' op bias must have the input's element type}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.layer_norm %a, %g, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf16>) -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_epsilon(%a: tensor<2x3xf32>, %g: tensor<3xf32>) {
  // expected-error @+2 {{'tfc.layer_norm' op epsilon must be non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.layer_norm %a, %g {axis = 1 : i64, epsilon = -1.0 : f64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_perm_size(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.transpose' op perm has 3 entries but the input has rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.transpose %a {perm = array<i64: 0, 1, 2>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_not_permutation(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.transpose' op perm must be a permutation of 0..1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.transpose %a {perm = array<i64: 1, 1>} : tensor<2x3xf32> -> tensor<3x3xf32>
  return
}

// -----

func.func @reshape_count(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.reshape' op cannot reshape 2x3 (6 elements) to 4 (4 elements)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.reshape %a {shape = array<i64: 4>} : tensor<2x3xf32> -> tensor<4xf32>
  return
}

// -----

func.func @reshape_negative(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.reshape' op shape must be static and non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.reshape %a {shape = array<i64: -1>} : tensor<2x3xf32> -> tensor<6xf32>
  return
}

// -----

func.func @squeeze_not_one(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.squeeze' op dimension 1 has size 3, not 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.squeeze %a {axes = array<i64: 1>} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @squeeze_range(%a: tensor<2x1xf32>) {
  // expected-error @+2 {{'tfc.squeeze' op axes entry 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.squeeze %a {axes = array<i64: 2>} : tensor<2x1xf32> -> tensor<2xf32>
  return
}

// -----

func.func @unsqueeze_range(%a: tensor<2xf32>) {
  // expected-error @+2 {{'tfc.unsqueeze' op axes entry 3 is out of range for rank 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.unsqueeze %a {axes = array<i64: 0, 3>} : tensor<2xf32> -> tensor<1x2x1xf32>
  return
}

// -----

func.func @expand_incompatible(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.expand' op input shape 2x3 does not broadcast to 4x3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.expand %a {shape = array<i64: 4, 3>} : tensor<2x3xf32> -> tensor<4x3xf32>
  return
}

// -----

func.func @expand_negative(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.expand' op shape must be non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.expand %a {shape = array<i64: -2, 3>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @concat_empty() {
  // expected-error @+1 {{expected 1 or more operands, but found 0}}
  %0 = "tfc.concat"() {axis = 0 : i64} : () -> tensor<0xf32>
  return
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.concat' op axis 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.concat %a, %a {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @concat_rank(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{'tfc.concat' op input 1 has rank 1, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @concat_size(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+2 {{'tfc.concat' op input 1 has size 4 in dimension 1, expected 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concat_element(%a: tensor<2xf32>, %b: tensor<2xi32>) {
  // expected-error @+1 {{requires the same element type for all operands}}
  %0 = tfc.concat %a, %b {axis = 0 : i64} : (tensor<2xf32>, tensor<2xi32>) -> tensor<4xf32>
  return
}

// -----

func.func @slice_entries(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.slice' op offsets, sizes and strides need one entry per dimension (rank 2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.slice %a {offsets = array<i64: 0>, sizes = array<i64: 1>, strides = array<i64: 1>} : tensor<2x3xf32> -> tensor<1xf32>
  return
}

// -----

func.func @slice_zero_stride(%a: tensor<4xf32>) {
  // expected-error @+2 {{'tfc.slice' op stride of dimension 0 is zero}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.slice %a {offsets = array<i64: 0>, sizes = array<i64: 1>, strides = array<i64: 0>} : tensor<4xf32> -> tensor<1xf32>
  return
}

// -----

func.func @slice_negative_size(%a: tensor<4xf32>) {
  // expected-error @+2 {{'tfc.slice' op size of dimension 0 is negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "tfc.slice"(%a) {offsets = array<i64: 0>, sizes = array<i64: -1>, strides = array<i64: 1>} : (tensor<4xf32>) -> tensor<1xf32>
  return
}

// -----

func.func @slice_out_of_range(%a: tensor<4xf32>) {
  // expected-error @+2 {{'tfc.slice' op dimension 0 reads indices 1..5 outside 0..3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.slice %a {offsets = array<i64: 1>, sizes = array<i64: 3>, strides = array<i64: 2>} : tensor<4xf32> -> tensor<3xf32>
  return
}

// -----

func.func @gather_axis(%a: tensor<4x2xf32>, %i: tensor<3xi64>) {
  // expected-error @+2 {{'tfc.gather' op axis 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.gather %a, %i {axis = 2 : i64} : (tensor<4x2xf32>, tensor<3xi64>) -> tensor<3x2xf32>
  return
}

// -----

func.func @gather_float_indices(%a: tensor<4x2xf32>, %i: tensor<3xf32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = tfc.gather %a, %i {axis = 0 : i64} : (tensor<4x2xf32>, tensor<3xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @shape_range(%a: tensor<4x2xf32>) {
  // expected-error @+2 {{'tfc.shape' op start 1 and end 3 must satisfy 0 <= start <= end <= rank (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.shape %a {start = 1 : i64, end = 3 : i64} : tensor<4x2xf32> -> tensor<2xi64>
  return
}

// -----

func.func @log_int(%x: tensor<3xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = tfc.log %x : tensor<3xi32>
  return
}

// -----

func.func @sqrt_bool(%x: tensor<3xi1>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float}}
  %0 = tfc.sqrt %x : tensor<3xi1>
  return
}

// -----

func.func @reciprocal_int(%x: tensor<3xi8>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float}}
  %0 = tfc.reciprocal %x : tensor<3xi8>
  return
}

// -----

func.func @tanh_unranked(%x: tensor<*xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = "tfc.tanh"(%x) : (tensor<*xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @erf_int(%x: tensor<3xi64>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float}}
  %0 = tfc.erf %x : tensor<3xi64>
  return
}

// -----

func.func @sigmoid_mismatch(%x: tensor<3xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "tfc.sigmoid"(%x) : (tensor<3xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @relu_unsigned(%x: tensor<3xui16>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = tfc.relu %x : tensor<3xui16>
  return
}

// -----

func.func @abs_bool(%x: tensor<3xi1>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = tfc.abs %x : tensor<3xi1>
  return
}

// -----

func.func @div_bool(%a: tensor<3xi1>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = tfc.div %a, %a : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return
}

// -----

func.func @pow_not_broadcastable(%a: tensor<3xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{'tfc.pow' op operands are not broadcast-compatible: 3 and 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.pow %a, %b : (tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @equal_mixed(%a: tensor<3xi64>, %b: tensor<3xi32>) {
  // expected-error @+1 {{all of {lhs, rhs} have same element type}}
  %0 = tfc.equal %a, %b : (tensor<3xi64>, tensor<3xi32>) -> tensor<3xi1>
  return
}

// -----

func.func @greater_bool(%a: tensor<3xi1>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = tfc.greater %a, %a : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return
}

// -----

func.func @bit_shift_signed(%x: tensor<3xi8>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = tfc.bit_shift %x, %x {left = true} : (tensor<3xi8>, tensor<3xi8>) -> tensor<3xi8>
  return
}

// -----

func.func @argmax_axis(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.argmax' op axis 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.argmax %x {axis = 2 : i64} : tensor<2x3xf32> -> tensor<2x1xi64>
  return
}

// -----

func.func @argmin_empty(%x: tensor<2x0xf32>) {
  // expected-error @+2 {{'tfc.argmin' op axis 1 is empty}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.argmin %x {axis = 1 : i64} : tensor<2x0xf32> -> tensor<2x1xi64>
  return
}

// -----

func.func @cumsum_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tfc.cumsum' op axis -1 is out of range for rank 2}}
  %0 = tfc.cumsum %x {axis = -1 : i64} : tensor<2x3xf32>
  return
}

// -----

func.func @gather_elements_axis(%x: tensor<2x3xf32>, %i: tensor<2x3xi64>) {
  // expected-error @+2 {{'tfc.gather_elements' op axis 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.gather_elements %x, %i {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return
}

// -----

func.func @gather_elements_rank(%x: tensor<2x3xf32>, %i: tensor<6xi64>) {
  // expected-error @+2 {{'tfc.gather_elements' op indices must have the input's rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.gather_elements %x, %i {axis = 0 : i64} : (tensor<2x3xf32>, tensor<6xi64>) -> tensor<6xf32>
  return
}

// -----

func.func @gather_elements_larger(%x: tensor<2x3xf32>, %i: tensor<2x4xi64>) {
  // expected-error @+2 {{'tfc.gather_elements' op indices dimension 1 is larger than the input's}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.gather_elements %x, %i {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xi64>) -> tensor<2x4xf32>
  return
}

// -----

func.func @gather_elements_empty(%x: tensor<0x3xf32>, %i: tensor<2x3xi64>) {
  // expected-error @+2 {{'tfc.gather_elements' op gathers from an empty axis}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.gather_elements %x, %i {axis = 0 : i64} : (tensor<0x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return
}

// -----

func.func @pad_count(%x: tensor<2x3xf32>, %v: tensor<f32>) {
  // expected-error @+2 {{'tfc.pad' op pads must have 2 x rank = 4 entries}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.pad %x, %v {pads = array<i64: 1, 1>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @pad_value_rank(%x: tensor<2x3xf32>, %v: tensor<1xf32>) {
  // expected-error @+2 {{'tfc.pad' op value must be a scalar (rank 0)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.pad %x, %v {pads = array<i64: 0, 0, 0, 0>} : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @pad_mode(%x: tensor<2x3xf32>, %v: tensor<f32>) {
  // expected-error @+2 {{'tfc.pad' op mode must be constant, reflect or edge}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.pad %x, %v {pads = array<i64: 0, 0, 0, 0>, mode = "wrap"} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @pad_negative(%x: tensor<2x3xf32>, %v: tensor<f32>) {
  // expected-error @+2 {{'tfc.pad' op pads must be non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.pad %x, %v {pads = array<i64: -1, 0, 0, 0>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @pad_reflect_too_far(%x: tensor<2x3xf32>, %v: tensor<f32>) {
  // expected-error @+2 {{'tfc.pad' op reflect pads must be smaller than dimension 0 (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.pad %x, %v {pads = array<i64: 2, 0, 0, 0>, mode = "reflect"} : (tensor<2x3xf32>, tensor<f32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @pad_edge_empty(%x: tensor<0x3xf32>, %v: tensor<f32>) {
  // expected-error @+2 {{'tfc.pad' op edge mode cannot pad the empty dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.pad %x, %v {pads = array<i64: 1, 0, 0, 0>, mode = "edge"} : (tensor<0x3xf32>, tensor<f32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3xf32>) {
  // expected-error @+2 {{'tfc.conv' op filter must have the input's rank}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<6x3x3x3xf32>) {
  // expected-error @+2 {{'tfc.conv' op input channels (4) must equal filter channels (3) x groups (1), and groups divide the filters}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x3x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @conv_bias(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{'tfc.conv' op bias must be 1-D with one entry per filter}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.conv %x, %w, %b {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<4xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @pool_rank(%x: tensor<4x8xf32>) {
  // expected-error @+2 {{'tfc.max_pool' op input must have rank at least 3 ([N, C, spatial...])}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.max_pool %x {dilations = array<i64>, kernel = array<i64>, pads = array<i64>, strides = array<i64>} : tensor<4x8xf32> -> tensor<4x8xf32>
  return
}

// -----

func.func @pool_attribute_sizes(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{'tfc.max_pool' op kernel, strides and dilations need 2 entries and pads 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.max_pool %x {dilations = array<i64: 1, 1>, kernel = array<i64: 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : tensor<1x4x8x8xf32> -> tensor<1x4x7x7xf32>
  return
}

// -----

func.func @pool_positive(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{'tfc.average_pool' op kernel, strides and dilations must be positive and pads non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.average_pool %x {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 0, 1>} : tensor<1x4x8x8xf32> -> tensor<1x4x7x7xf32>
  return
}

// -----

func.func @pool_window_too_large(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{'tfc.average_pool' op window of 9 is larger than padded spatial dimension 0 (8)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.average_pool %x {dilations = array<i64: 1, 1>, kernel = array<i64: 9, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : tensor<1x4x8x8xf32> -> tensor<1x4x1x7xf32>
  return
}

// -----

func.func @scatter_reduction(%x: tensor<3x4xf32>, %i: tensor<3x2xi64>, %u: tensor<3x2xf32>) {
  // expected-error @+2 {{'tfc.scatter_elements' op reduction must be none, add, mul, max or min}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.scatter_elements %x, %i, %u {axis = 1 : i64, reduction = "sub"} : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<3x2xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @scatter_elements_axis(%x: tensor<3x4xf32>, %i: tensor<3x2xi64>, %u: tensor<3x2xf32>) {
  // expected-error @+2 {{'tfc.scatter_elements' op axis 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.scatter_elements %x, %i, %u {axis = 2 : i64} : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<3x2xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @scatter_elements_shapes(%x: tensor<3x4xf32>, %i: tensor<3x2xi64>, %u: tensor<3x3xf32>) {
  // expected-error @+2 {{'tfc.scatter_elements' op indices and updates must have one shape, of the input's rank}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.scatter_elements %x, %i, %u {axis = 1 : i64} : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<3x3xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @scatter_elements_larger(%x: tensor<3x4xf32>, %i: tensor<4x2xi64>, %u: tensor<4x2xf32>) {
  // expected-error @+2 {{'tfc.scatter_elements' op indices dimension 0 is larger than the input's}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.scatter_elements %x, %i, %u {axis = 1 : i64} : (tensor<3x4xf32>, tensor<4x2xi64>, tensor<4x2xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @scatter_elements_empty(%x: tensor<3x0xf32>, %i: tensor<3x2xi64>, %u: tensor<3x2xf32>) {
  // expected-error @+2 {{'tfc.scatter_elements' op scatters into an empty axis}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.scatter_elements %x, %i, %u {axis = 1 : i64} : (tensor<3x0xf32>, tensor<3x2xi64>, tensor<3x2xf32>) -> tensor<3x0xf32>
  return
}

// -----

func.func @scatter_nd_rank(%x: tensor<3x4xf32>, %i: tensor<i64>, %u: tensor<3x4xf32>) {
  // expected-error @+2 {{'tfc.scatter_nd' op indices must have rank at least 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.scatter_nd %x, %i, %u : (tensor<3x4xf32>, tensor<i64>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @scatter_nd_depth(%x: tensor<3x4xf32>, %i: tensor<2x3xi64>, %u: tensor<2xf32>) {
  // expected-error @+2 {{'tfc.scatter_nd' op the last dimension of indices (3) must be between 1 and the input's rank}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.scatter_nd %x, %i, %u : (tensor<3x4xf32>, tensor<2x3xi64>, tensor<2xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @scatter_nd_updates(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.scatter_nd' op updates must have shape 2x4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.scatter_nd %x, %i, %u : (tensor<3x4xf32>, tensor<2x1xi64>, tensor<2x3xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @scatter_nd_empty(%x: tensor<0x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x4xf32>) {
  // expected-error @+2 {{'tfc.scatter_nd' op scatters into the empty dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.scatter_nd %x, %i, %u : (tensor<0x4xf32>, tensor<2x1xi64>, tensor<2x4xf32>) -> tensor<0x4xf32>
  return
}

// -----

func.func @gelu_approximate(%x: tensor<3xf32>) {
  // expected-error @+1 {{'tfc.gelu' op approximate must be "none" or "tanh"}}
  %0 = tfc.gelu %x {approximate = "sigmoid"} : tensor<3xf32>
  return
}

// -----

func.func @rms_norm_axis(%x: tensor<4x8xf32>, %w: tensor<8xf32>) {
  // expected-error @+2 {{'tfc.rms_norm' op axis 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.rms_norm %x, %w {axis = 2 : i64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @rms_norm_scale(%x: tensor<4x8xf32>, %w: tensor<4xf32>) {
  // expected-error @+2 {{'tfc.rms_norm' op scale of shape 4 does not broadcast to the normalized shape 8}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.rms_norm %x, %w {axis = 1 : i64} : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @rms_norm_epsilon(%x: tensor<4x8xf32>, %w: tensor<8xf32>) {
  // expected-error @+2 {{'tfc.rms_norm' op epsilon must be non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.rms_norm %x, %w {axis = 1 : i64, epsilon = -1.0 : f64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @attention_rank(%q: tensor<8xf32>, %k: tensor<7x8xf32>, %v: tensor<7x4xf32>) {
  // expected-error @+2 {{'tfc.attention' op query, key and value must have one rank, at least 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.attention %q, %k, %v {scale = 1.0 : f64} : (tensor<8xf32>, tensor<7x8xf32>, tensor<7x4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @attention_sequence_first_rank(%q: tensor<5x8xf32>, %k: tensor<7x8xf32>, %v: tensor<7x4xf32>) {
  // expected-error @+2 {{'tfc.attention' op sequence_first needs a heads dimension: rank at least 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.attention %q, %k, %v {scale = 1.0 : f64, sequence_first = true} : (tensor<5x8xf32>, tensor<7x8xf32>, tensor<7x4xf32>) -> tensor<5x4xf32>
  return
}

// -----

// The message shows the operands' own sequence-first shapes: 3 query heads over 2
// key/value heads.
func.func @attention_sequence_first_heads(%q: tensor<5x3x8xf32>, %k: tensor<7x2x8xf32>, %v: tensor<7x2x4xf32>) {
  // expected-error @+2 {{'tfc.attention' op query, key and value must have the same leading dimensions, or key and value a number of heads dividing the query's: 5x3x8, 7x2x8, 7x2x4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.attention %q, %k, %v {scale = 1.0 : f64, sequence_first = true} : (tensor<5x3x8xf32>, tensor<7x2x8xf32>, tensor<7x2x4xf32>) -> tensor<5x3x4xf32>
  return
}

// -----

func.func @attention_heads(%q: tensor<3x5x8xf32>, %k: tensor<2x7x8xf32>, %v: tensor<2x7x4xf32>) {
  // expected-error @+2 {{'tfc.attention' op query, key and value must have the same leading dimensions, or key and value a number of heads dividing the query's: 3x5x8, 2x7x8, 2x7x4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.attention %q, %k, %v {scale = 1.0 : f64} : (tensor<3x5x8xf32>, tensor<2x7x8xf32>, tensor<2x7x4xf32>) -> tensor<3x5x4xf32>
  return
}

// -----

// Grouped-query attention needs key and value with one head count, and the same batch.
func.func @attention_kv_heads(%q: tensor<1x4x5x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x4x7x4xf32>) {
  // expected-error @+2 {{'tfc.attention' op query, key and value must have the same leading dimensions, or key and value a number of heads dividing the query's: 1x4x5x8, 1x2x7x8, 1x4x7x4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.attention %q, %k, %v {scale = 1.0 : f64} : (tensor<1x4x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x4x7x4xf32>) -> tensor<1x4x5x4xf32>
  return
}

// -----

func.func @attention_kv_batch(%q: tensor<2x4x5x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x4xf32>) {
  // expected-error @+2 {{'tfc.attention' op query, key and value must have the same leading dimensions, or key and value a number of heads dividing the query's: 2x4x5x8, 1x2x7x8, 1x2x7x4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.attention %q, %k, %v {scale = 1.0 : f64} : (tensor<2x4x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x4xf32>) -> tensor<2x4x5x4xf32>
  return
}

// -----

func.func @attention_depth(%q: tensor<5x8xf32>, %k: tensor<7x6xf32>, %v: tensor<7x4xf32>) {
  // expected-error @+2 {{'tfc.attention' op query and key must have the same last dimension}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.attention %q, %k, %v {scale = 1.0 : f64} : (tensor<5x8xf32>, tensor<7x6xf32>, tensor<7x4xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @attention_rows(%q: tensor<5x8xf32>, %k: tensor<7x8xf32>, %v: tensor<6x4xf32>) {
  // expected-error @+2 {{'tfc.attention' op key and value must have as many rows}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.attention %q, %k, %v {scale = 1.0 : f64} : (tensor<5x8xf32>, tensor<7x8xf32>, tensor<6x4xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @attention_mask(%q: tensor<5x8xf32>, %k: tensor<7x8xf32>, %v: tensor<7x4xf32>, %m: tensor<5x6xf32>) {
  // expected-error @+2 {{'tfc.attention' op mask of shape 5x6 does not broadcast to the scores 5x7}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.attention %q, %k, %v, %m {scale = 1.0 : f64} : (tensor<5x8xf32>, tensor<7x8xf32>, tensor<7x4xf32>, tensor<5x6xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @skip_layer_norm_skip_shape(%a: tensor<2x3xf32>, %s: tensor<4x3xf32>, %g: tensor<3xf32>) {
  // expected-error @+2 {{'tfc.skip_layer_norm' op skip of shape 4x3 does not broadcast to the input's shape 2x3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0, %1 = tfc.skip_layer_norm %a, %s, %g {axis = 1 : i64} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return
}

// -----

func.func @bias_activation_kind(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'tfc.bias_activation' op activation must be "gelu", "gelu_tanh", "relu" or "silu", not "tanh"}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.bias_activation %a {activation = "tanh"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @bias_activation_bias_shape(%a: tensor<2x3xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{'tfc.bias_activation' op bias of shape 2 does not broadcast to the result's shape 2x3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.bias_activation %a, %b {activation = "relu"} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @matmul_epilogue_weight_rank(%a: tensor<2x3xf32>, %w: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'tfc.matmul_epilogue' op takes a lhs of rank at least 2 and a 2-D weight}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.matmul_epilogue %a, %w {activation = "relu"} : (tensor<2x3xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

func.func @matmul_epilogue_contracting(%a: tensor<2x3xf32>, %w: tensor<4x5xf32>) {
  // expected-error @+2 {{'tfc.matmul_epilogue' op contracting dimensions differ: lhs 2x3, weight 4x5}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.matmul_epilogue %a, %w {activation = "gelu"} : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @rotary_odd_features(%x: tensor<2x5x7xf32>, %c: tensor<5x7xf32>) {
  // expected-error @+2 {{'tfc.rotary_embedding' op input of shape 2x5x7 has no even last dimension}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.rotary_embedding %x, %c, %c : (tensor<2x5x7xf32>, tensor<5x7xf32>, tensor<5x7xf32>) -> tensor<2x5x7xf32>
  return
}

// -----

func.func @rotary_stretched_angles(%x: tensor<2x5x8xf32>, %c: tensor<5x8xf32>, %s: tensor<5x1xf32>) {
  // expected-error @+2 {{'tfc.rotary_embedding' op cos and sin must broadcast to the input's shape 2x5x8 with its last dimension, not 5x1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.rotary_embedding %x, %c, %s : (tensor<2x5x8xf32>, tensor<5x8xf32>, tensor<5x1xf32>) -> tensor<2x5x8xf32>
  return
}

// -----

func.func @rotary_element_types(%x: tensor<2x5x8xf32>, %c: tensor<5x8xf16>) {
  // expected-error @+1 {{'tfc.rotary_embedding' op failed to verify that all of {input, cos, sin, output} have same element type}}
  %0 = tfc.rotary_embedding %x, %c, %c : (tensor<2x5x8xf32>, tensor<5x8xf16>, tensor<5x8xf16>) -> tensor<2x5x8xf32>
  return
}

// -----

func.func @attention_mask_type(%q: tensor<5x8xf32>, %k: tensor<7x8xf32>, %v: tensor<7x4xf32>, %m: tensor<5x7xi32>) {
  // expected-error @+2 {{'tfc.attention' op mask must be boolean or have the query's element type}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = tfc.attention %q, %k, %v, %m {scale = 1.0 : f64} : (tensor<5x8xf32>, tensor<7x8xf32>, tensor<7x4xf32>, tensor<5x7xi32>) -> tensor<5x4xf32>
  return
}
