// Integer edge cases compile to code that never traps: division by zero and INT_MIN / -1
// give defined (if meaningless) results instead of SIGFPE; unsigned values compare and
// divide as unsigned.
// RUN: rm -rf %t && %python %S/Inputs/make_tensors.py %t \
// RUN:   "a=np.array([7, -7, -2147483648, 9], np.int32)" "b=np.array([0, 2, -1, 3], np.int32)" \
// RUN:   "u=np.array([200, 10, 255], np.uint8)" "v=np.array([100, 0, 16], np.uint8)" \
// RUN:   "lt=np.array([False, False, False])" "q=np.array([2, 10, 15], np.uint8)"
// RUN: tfc run %s --input %t/a.npy --input %t/b.npy --input %t/u.npy --input %t/v.npy \
// RUN:   | FileCheck %s
// RUN: %expect-exit 2 tfc run %s --input %t/a.npy --input %t/b.npy --input %t/u.npy \
// RUN:   --input %t/v.npy --expect lt=%t/lt.npy --expect quotient=%t/q.npy \
// RUN:   --expect div=%t/a.npy > %t/expect.txt
// RUN: FileCheck %s --check-prefix=EXPECT < %t/expect.txt
// CHECK: output 'div': INT32 [4]
// CHECK-NEXT: [7, -3, -2147483648, 3]
// CHECK: output 'lt': BOOL [3]
// CHECK-NEXT: [False, False, False]
// CHECK: output 'quotient': UINT8 [3]
// CHECK-NEXT: [2, 10, 15]
// EXPECT: output 'div' INT32 [4]: max abs error {{.*}}: FAIL, 2 of 4 elements outside atol 1e-07 + rtol 0.001 (first at index 1: got -3, expected -7)
// EXPECT: output 'lt' BOOL [3]: max abs error 0, max rel error 0: ok
// EXPECT: output 'quotient' UINT8 [3]: max abs error 0, max rel error 0: ok
module {
  func.func @main(%a: tensor<4xi32> {tfc.name = "a"}, %b: tensor<4xi32> {tfc.name = "b"},
                  %u: tensor<3xui8> {tfc.name = "u"}, %v: tensor<3xui8> {tfc.name = "v"})
      -> (tensor<4xi32> {tfc.name = "div"}, tensor<3xi1> {tfc.name = "lt"},
          tensor<3xui8> {tfc.name = "quotient"}) {
    %0 = tfc.div %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
    %1 = tfc.less %u, %v : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xi1>
    %2 = tfc.div %u, %v : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
    return %0, %1, %2 : tensor<4xi32>, tensor<3xi1>, tensor<3xui8>
  }
}
