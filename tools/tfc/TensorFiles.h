// Tensor files of the CLI (.npy, ONNX TensorProto .pb), printing and tolerance checks.
#ifndef TFC_TOOLS_TFC_TENSORFILES_H
#define TFC_TOOLS_TFC_TENSORFILES_H

#include "frontend/onnx/TensorData.h"
#include "llvm/Support/raw_ostream.h"

namespace tfc {

/// Reads a tensor from `.npy` (numpy's format, little-endian, C order) or an ONNX
/// TensorProto `.pb`, recognised by content, not by name.
llvm::Expected<TensorData> readTensorFile(llvm::StringRef path);

/// Writes `tensor` as `.npy` (through a temporary file: nothing half-written on failure).
llvm::Error writeNpyFile(llvm::StringRef path, const TensorData &tensor);

/// Prints "dtype [shape]" and the values, numpy style, eliding the middle of long
/// dimensions.
void printTensor(llvm::raw_ostream &os, const TensorData &tensor);

/// Element `i` as a double (bool as 0/1, halves widened).
double elementAsDouble(const TensorData &tensor, int64_t i);

struct Comparison {
  double maxAbsError = 0;
  double maxRelError = 0;
  int64_t mismatches = 0; ///< elements outside |a - e| <= atol + rtol * |e|
  int64_t firstMismatch = -1;
};

/// Compares `actual` with `expected` element-wise as numpy.isclose does (NaN equals NaN).
Comparison compareTensors(const TensorData &actual, const TensorData &expected, double atol,
                          double rtol);

/// "2x3x4" (or "scalar").
std::string shapeString(llvm::ArrayRef<int64_t> shape);

} // namespace tfc

#endif
