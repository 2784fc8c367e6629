// Vector loops with a masked remainder (tfc-vectorize-elementwise) match numpy: the masked-off
// lanes of a maximum over negative numbers, a minimum over positive ones and a sum leave the
// results alone, and element-wise ops write only the elements in range.
// DEFINE: %{x} = (-(np.arange(111, dtype=np.float32).reshape(3, 37) % 17) - 1.5)
// DEFINE: %{v} = (np.arange(37, dtype=np.int32) * 7 - 100)
// RUN: rm -rf %t && %python %S/Inputs/make_tensors.py %t "x=%{x}" "v=%{v}" \
// RUN:   "rmax=%{x}.max(1)" "rmin=(-%{x}).min(1)" "rsum=%{x}.sum(1)" "amax=%{x}[1].max()" \
// RUN:   "centered=%{x} - %{x}.max(1, keepdims=True)" "scaled=%{v} * 3 + %{v}[::-1]"
// RUN: tfc run %s --input %t/x.npy --input %t/v.npy --expect %t/rmax.npy --expect %t/rmin.npy \
// RUN:   --expect %t/rsum.npy --expect %t/amax.npy --expect %t/centered.npy \
// RUN:   --expect %t/scaled.npy --atol 1e-5 --rtol 0 | FileCheck %s
// CHECK: output 'rmax' FLOAT [3]: max abs error 0, max rel error 0: ok
// CHECK: output 'rmin' FLOAT [3]: max abs error 0, max rel error 0: ok
// CHECK: output 'rsum' FLOAT [3]: max abs error {{.*}}: ok
// CHECK: output 'amax' FLOAT [scalar]: max abs error 0, max rel error 0: ok
// CHECK: output 'centered' FLOAT [3x37]: max abs error 0, max rel error 0: ok
// CHECK: output 'scaled' INT32 [37]: {{.*}}ok
module {
  func.func @main(%x: tensor<3x37xf32> {tfc.name = "x"}, %v: tensor<37xi32> {tfc.name = "v"})
      -> (tensor<3xf32> {tfc.name = "rmax"}, tensor<3xf32> {tfc.name = "rmin"},
          tensor<3xf32> {tfc.name = "rsum"}, tensor<f32> {tfc.name = "amax"},
          tensor<3x37xf32> {tfc.name = "centered"}, tensor<37xi32> {tfc.name = "scaled"}) {
    %rmax = tfc.reduce_max %x {axes = array<i64: 1>, keepdims = false} : tensor<3x37xf32> -> tensor<3xf32>
    %neg = tfc.neg %x : tensor<3x37xf32>
    %rmin = tfc.reduce_min %neg {axes = array<i64: 1>, keepdims = false} : tensor<3x37xf32> -> tensor<3xf32>
    %rsum = tfc.reduce_sum %x {axes = array<i64: 1>, keepdims = false} : tensor<3x37xf32> -> tensor<3xf32>
    %row = tfc.slice %x {offsets = array<i64: 1, 0>, sizes = array<i64: 1, 37>, strides = array<i64: 1, 1>} : tensor<3x37xf32> -> tensor<1x37xf32>
    %amax = tfc.reduce_max %row {axes = array<i64: 0, 1>, keepdims = false} : tensor<1x37xf32> -> tensor<f32>
    %kmax = tfc.reduce_max %x {axes = array<i64: 1>} : tensor<3x37xf32> -> tensor<3x1xf32>
    %centered = tfc.sub %x, %kmax : (tensor<3x37xf32>, tensor<3x1xf32>) -> tensor<3x37xf32>
    %three = tfc.constant dense<3> : tensor<37xi32>
    %times = tfc.mul %v, %three : (tensor<37xi32>, tensor<37xi32>) -> tensor<37xi32>
    %rev = tfc.slice %v {offsets = array<i64: 36>, sizes = array<i64: 37>, strides = array<i64: -1>} : tensor<37xi32> -> tensor<37xi32>
    %scaled = tfc.add %times, %rev : (tensor<37xi32>, tensor<37xi32>) -> tensor<37xi32>
    return %rmax, %rmin, %rsum, %amax, %centered, %scaled : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<f32>, tensor<3x37xf32>, tensor<37xi32>
  }
}
