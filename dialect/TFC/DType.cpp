// Element-type codes: sizes, names and the mapping to MLIR element types.
#include "dialect/TFC/DType.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "runtime/include/tfc/tfc_model_abi.h"
#include <iterator>

// The runtime and compiled models speak the ABI header's codes; they must be ours.
static_assert(TFC_DTYPE_FLOAT == int(tfc::DType::Float) &&
                  TFC_DTYPE_UINT8 == int(tfc::DType::UInt8) &&
                  TFC_DTYPE_INT8 == int(tfc::DType::Int8) &&
                  TFC_DTYPE_UINT16 == int(tfc::DType::UInt16) &&
                  TFC_DTYPE_INT16 == int(tfc::DType::Int16) &&
                  TFC_DTYPE_INT32 == int(tfc::DType::Int32) &&
                  TFC_DTYPE_INT64 == int(tfc::DType::Int64) &&
                  TFC_DTYPE_BOOL == int(tfc::DType::Bool) &&
                  TFC_DTYPE_FLOAT16 == int(tfc::DType::Float16) &&
                  TFC_DTYPE_DOUBLE == int(tfc::DType::Double) &&
                  TFC_DTYPE_UINT32 == int(tfc::DType::UInt32) &&
                  TFC_DTYPE_UINT64 == int(tfc::DType::UInt64) &&
                  TFC_DTYPE_BFLOAT16 == int(tfc::DType::BFloat16),
              "dtype codes differ from runtime/include/tfc/tfc_model_abi.h");

using namespace mlir;

namespace tfc {

int64_t dtypeSize(int32_t dtype) {
  switch (static_cast<DType>(dtype)) {
  case DType::UInt8:
  case DType::Int8:
  case DType::Bool:
    return 1;
  case DType::UInt16:
  case DType::Int16:
  case DType::Float16:
  case DType::BFloat16:
    return 2;
  case DType::Float:
  case DType::Int32:
  case DType::UInt32:
    return 4;
  case DType::Int64:
  case DType::Double:
  case DType::UInt64:
    return 8;
  case DType::String:
    return 0;
  }
  return 0;
}

std::string dtypeName(int32_t dtype) {
  static const char *const names[] = {
      "UNDEFINED", "FLOAT",  "UINT8",     "INT8",       "UINT16",   "INT16",
      "INT32",     "INT64",  "STRING",    "BOOL",       "FLOAT16",  "DOUBLE",
      "UINT32",    "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16", "FLOAT8E4M3FN",
      "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4"};
  if (dtype >= 0 && dtype < static_cast<int32_t>(std::size(names)))
    return names[dtype];
  return "dtype " + std::to_string(dtype);
}

llvm::StringRef dtypeNumpyName(int32_t dtype) {
  switch (static_cast<DType>(dtype)) {
  case DType::Float: return "float32";
  case DType::UInt8: return "uint8";
  case DType::Int8: return "int8";
  case DType::UInt16: return "uint16";
  case DType::Int16: return "int16";
  case DType::Int32: return "int32";
  case DType::Int64: return "int64";
  case DType::Bool: return "bool";
  case DType::Float16: return "float16";
  case DType::Double: return "float64";
  case DType::UInt32: return "uint32";
  case DType::UInt64: return "uint64";
  case DType::BFloat16: return "bfloat16";
  case DType::String: return "";
  }
  return "";
}

Type dtypeToType(int32_t dtype, MLIRContext *ctx) {
  auto unsignedInt = [&](unsigned w) { return IntegerType::get(ctx, w, IntegerType::Unsigned); };
  switch (static_cast<DType>(dtype)) {
  case DType::Float: return Float32Type::get(ctx);
  case DType::UInt8: return unsignedInt(8);
  case DType::Int8: return IntegerType::get(ctx, 8);
  case DType::UInt16: return unsignedInt(16);
  case DType::Int16: return IntegerType::get(ctx, 16);
  case DType::Int32: return IntegerType::get(ctx, 32);
  case DType::Int64: return IntegerType::get(ctx, 64);
  case DType::Bool: return IntegerType::get(ctx, 1);
  case DType::Float16: return Float16Type::get(ctx);
  case DType::Double: return Float64Type::get(ctx);
  case DType::UInt32: return unsignedInt(32);
  case DType::UInt64: return unsignedInt(64);
  case DType::BFloat16: return BFloat16Type::get(ctx);
  case DType::String: return {};
  }
  return {};
}

int32_t typeToDtype(Type type) {
  for (int32_t d : {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 16})
    if (dtypeToType(d, type.getContext()) == type)
      return d;
  return -1;
}

} // namespace tfc
