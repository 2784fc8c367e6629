// Code generation needs static shapes; anything else is a located error.
// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg -verify-diagnostics

func.func @dynamic(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{not supported: dynamic shapes in code generation ('tensor<?x3xf32>')}}
  %0 = tfc.exp %x : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
