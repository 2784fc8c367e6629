// RUN: tfc-opt %s -split-input-file --tfc-emit-model-abi -verify-diagnostics | FileCheck %s

// CHECK-LABEL: module attributes
// CHECK: llvm.func internal @tfc_model_impl
// CHECK-DAG: llvm.mlir.global private constant @tfc.inputs.name.0("ids\00")
// CHECK-DAG: llvm.mlir.global private constant @tfc.inputs.shape.0(dense<[1, 4]> : tensor<2xi64>) {addr_space = 0 : i32} : !llvm.array<2 x i64>
// CHECK-DAG: llvm.mlir.global private constant @tfc.outputs.name.0("score\00")
// CHECK-DAG: llvm.mlir.global private constant @tfc.inputs.tensors() {addr_space = 0 : i32} : !llvm.array<1 x struct<(ptr, i32, i32, ptr)>>
// CHECK-DAG: llvm.mlir.global private constant @tfc.signature() {addr_space = 0 : i32} : !llvm.struct<(i32, i32, i32, i32, ptr, ptr)>
// CHECK: llvm.func @tfc_compiled_signature() -> !llvm.ptr
// CHECK: llvm.func @tfc_compiled_run(%[[INS:.*]]: !llvm.ptr, %[[OUTS:.*]]: !llvm.ptr) -> i32
// CHECK: %[[P0:.*]] = llvm.getelementptr %[[INS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: %[[A0:.*]] = llvm.load %[[P0]] : !llvm.ptr -> !llvm.ptr
// CHECK: %[[P1:.*]] = llvm.getelementptr %[[OUTS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: %[[A1:.*]] = llvm.load %[[P1]] : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.call @tfc_model_impl(%[[A0]], %[[A1]]) : (!llvm.ptr, !llvm.ptr) -> ()
// CHECK: llvm.return %{{.*}} : i32
module attributes {tfc.signature = {inputs = [{name = "ids", type = tensor<1x4xi64>}], outputs = [{name = "score", type = tensor<f32>}]}} {
  llvm.func @tfc_model_impl(%a: !llvm.ptr, %b: !llvm.ptr) {
    llvm.return
  }
}

// -----

// expected-error @+1 {{tfc-emit-model-abi needs the recorded signature and @tfc_model_impl lowered to the LLVM dialect}}
module {
  llvm.func @tfc_model_impl(%a: !llvm.ptr) {
    llvm.return
  }
}

// -----

module attributes {tfc.signature = {inputs = [{name = "x", type = tensor<2xf32>}], outputs = [{name = "y", type = tensor<2xf32>}]}} {
  // expected-error @+1 {{expected one pointer argument per input and output (2), found 3; was the entry lowered with the bare-pointer calling convention?}}
  llvm.func @tfc_model_impl(%a: !llvm.ptr, %b: !llvm.ptr, %c: i64) {
    llvm.return
  }
}
