// Element-type codes shared by the ONNX frontend, the model ABI and the runtime.
#ifndef TFC_DIALECT_TFC_DTYPE_H
#define TFC_DIALECT_TFC_DTYPE_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <string>

namespace mlir {
class MLIRContext;
class Type;
} // namespace mlir

namespace tfc {

/// Element types by their ONNX TensorProto.DataType code, which is also TFC_DTYPE_* of the
/// model ABI (runtime/include/tfc/tfc_model_abi.h).
enum class DType : int32_t {
  Float = 1,
  UInt8 = 2,
  Int8 = 3,
  UInt16 = 4,
  Int16 = 5,
  Int32 = 6,
  Int64 = 7,
  String = 8,
  Bool = 9,
  Float16 = 10,
  Double = 11,
  UInt32 = 12,
  UInt64 = 13,
  BFloat16 = 16,
};

/// Bytes per element of a dtype tfc supports, or 0 for any other code.
int64_t dtypeSize(int32_t dtype);
/// The ONNX spelling ("FLOAT", "INT64", ...) of a dtype code, for messages.
std::string dtypeName(int32_t dtype);
/// numpy's spelling ("float32", "int64", ...), or "" when numpy has none.
llvm::StringRef dtypeNumpyName(int32_t dtype);
/// The MLIR element type of a supported dtype (null for an unsupported one).
mlir::Type dtypeToType(int32_t dtype, mlir::MLIRContext *ctx);
/// The dtype of an MLIR element type, or -1.
int32_t typeToDtype(mlir::Type type);

} // namespace tfc

#endif
