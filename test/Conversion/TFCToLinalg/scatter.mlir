// Scatters become a loop nest over the updates that threads the result through scf.for:
// read the index, normalize it, combine with the old element, insert.
// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @scatter_elements_add
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<3x4xf32>, %[[I:[a-z0-9]+]]: tensor<3x2xi64>, %[[U:[a-z0-9]+]]: tensor<3x2xf32>)
// CHECK: scf.for %[[A:[a-z0-9]+]] = {{.*}} iter_args(%[[T:.*]] = %[[X]]) -> (tensor<3x4xf32>)
// CHECK: scf.for %[[B:[a-z0-9]+]] = {{.*}} iter_args(%[[T2:.*]] = %[[T]]) -> (tensor<3x4xf32>)
// CHECK: %[[IDX:.*]] = tensor.extract %[[I]][%[[A]], %[[B]]] : tensor<3x2xi64>
// CHECK: arith.index_cast %[[IDX]]
// CHECK: arith.minsi
// CHECK: %[[UPD:.*]] = tensor.extract %[[U]][%[[A]], %[[B]]] : tensor<3x2xf32>
// CHECK: %[[OLD:.*]] = tensor.extract %[[T2]][%[[A]], %{{.*}}] : tensor<3x4xf32>
// CHECK: %[[NEW:.*]] = arith.addf %[[OLD]], %[[UPD]] : f32
// CHECK: tensor.insert %[[NEW]] into %[[T2]][%[[A]], %{{.*}}] : tensor<3x4xf32>
func.func @scatter_elements_add(%x: tensor<3x4xf32>, %i: tensor<3x2xi64>, %u: tensor<3x2xf32>) -> tensor<3x4xf32> {
  %0 = tfc.scatter_elements %x, %i, %u {axis = 1 : i64, reduction = "add"} : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<3x2xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// The outer loop picks the index vector, the inner one runs over the row it addresses.
// CHECK-LABEL: func.func @scatter_nd_rows
// CHECK: scf.for %[[R:[a-z0-9]+]] =
// CHECK: scf.for %[[C:[a-z0-9]+]] =
// CHECK: %[[ROW:.*]] = tensor.extract %{{.*}}[%[[R]], %{{.*}}] : tensor<2x1xi64>
// CHECK: %[[UPD:.*]] = tensor.extract %{{.*}}[%[[R]], %[[C]]] : tensor<2x4xf32>
// CHECK-NOT: tensor.extract
// CHECK: tensor.insert %[[UPD]] into %{{.*}}[%{{.*}}, %[[C]]] : tensor<3x4xf32>
func.func @scatter_nd_rows(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x4xf32>) -> tensor<3x4xf32> {
  %0 = tfc.scatter_nd %x, %i, %u : (tensor<3x4xf32>, tensor<2x1xi64>, tensor<2x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}
