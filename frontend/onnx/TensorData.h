// Host tensors as the ONNX frontend and the CLI exchange them: dtype, shape, dense bytes.
#ifndef TFC_FRONTEND_ONNX_TENSORDATA_H
#define TFC_FRONTEND_ONNX_TENSORDATA_H

#include "dialect/TFC/DType.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <string>
#include <vector>

namespace mlir {
class DenseElementsAttr;
class RankedTensorType;
} // namespace mlir

namespace tfc {

/// A dense row-major tensor in host memory; bools take one byte each, values little-endian.
struct TensorData {
  std::string name;
  int32_t dtype = 0;
  llvm::SmallVector<int64_t> shape;
  std::vector<char> bytes;

  int64_t numElements() const;
};

/// The constant attribute of `type` (whose element type is the tensor's dtype) holding the
/// tensor's values.
mlir::DenseElementsAttr toDenseAttr(const TensorData &tensor, mlir::RankedTensorType type);

/// Reads a serialized ONNX TensorProto (`.pb`) file.
llvm::Expected<TensorData> readTensorProtoFile(llvm::StringRef path);

} // namespace tfc

#endif
