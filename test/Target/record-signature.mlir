// RUN: tfc-opt %s -split-input-file --tfc-record-signature -verify-diagnostics | FileCheck %s

// Names come from tfc.name, or default to input_N / output_N; unsigned types are kept.
// CHECK: module attributes {tfc.signature = {inputs = [{name = "ids", type = tensor<1x4xi64>}, {name = "input_1", type = tensor<4xui8>}], outputs = [{name = "output_0", type = tensor<1x4xi64>}]}}
// CHECK-LABEL: func.func @main
func.func @main(%ids: tensor<1x4xi64> {tfc.name = "ids"}, %b: tensor<4xui8>) -> tensor<1x4xi64> {
  return %ids : tensor<1x4xi64>
}

// -----

// expected-error @+1 {{no entry function @main}}
module {
  func.func @other() {
    return
  }
}

// -----

// expected-error @+1 {{not supported: entry input 0 has type 'f32'; only ranked tensors}}
func.func @main(%x: f32) {
  return
}
