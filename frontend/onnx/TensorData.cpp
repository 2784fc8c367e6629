// Decoding and encoding of ONNX TensorProto messages and files.
#include "frontend/onnx/TensorData.h"
#include "frontend/onnx/TensorProtoIO.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cstring>
#include <onnx/onnx_pb.h>

using namespace mlir;

namespace tfc {

DenseElementsAttr toDenseAttr(const TensorData &t, RankedTensorType type) {
  // Attributes pack bools differently from one byte per value: go through ArrayRef<bool>.
  if (type.getElementType().isInteger(1)) {
    SmallVector<bool> values(t.bytes.begin(), t.bytes.end());
    return DenseElementsAttr::get(type, ArrayRef<bool>(values));
  }
  return DenseElementsAttr::getFromRawBuffer(type, ArrayRef<char>(t.bytes));
}

int64_t TensorData::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

static llvm::Error tensorError(const onnx::TensorProto &proto, const llvm::Twine &message) {
  std::string name = proto.name().empty() ? "" : "tensor '" + proto.name() + "': ";
  return llvm::createStringError(llvm::inconvertibleErrorCode(), name + message.str());
}

/// Copies a repeated field into `out`, narrowing each value to the element type `T`.
template <typename T, typename Field>
static void copyNarrowed(const Field &field, std::vector<char> &out) {
  out.resize(field.size() * sizeof(T));
  for (int i = 0; i < field.size(); ++i) {
    T v = static_cast<T>(field.Get(i));
    std::memcpy(out.data() + i * sizeof(T), &v, sizeof(T));
  }
}

llvm::Expected<TensorData> decodeTensorProto(const onnx::TensorProto &proto) {
  TensorData t;
  t.name = proto.name();
  t.dtype = proto.data_type();
  int64_t size = dtypeSize(t.dtype);
  if (size == 0)
    return tensorError(proto, "not supported: element type " + dtypeName(t.dtype));
  for (int64_t d : proto.dims()) {
    if (d < 0)
      return tensorError(proto, "negative dimension " + llvm::Twine(d));
    t.shape.push_back(d);
  }
  if (proto.data_location() == onnx::TensorProto_DataLocation_EXTERNAL)
    return tensorError(proto, "not supported: tensor data stored outside the model file");
  if (proto.has_segment())
    return tensorError(proto, "not supported: segmented tensors");
  int64_t n = t.numElements();
  if (proto.has_raw_data()) {
    const std::string &raw = proto.raw_data();
    if (static_cast<int64_t>(raw.size()) != n * size)
      return tensorError(proto, "raw_data holds " + llvm::Twine(raw.size()) +
                                    " bytes, expected " + llvm::Twine(n * size));
    t.bytes.assign(raw.begin(), raw.end());
    if (static_cast<DType>(t.dtype) == DType::Bool)
      for (char &c : t.bytes)
        c = c != 0;
    return t;
  }
  switch (static_cast<DType>(t.dtype)) {
  case DType::Float:
    copyNarrowed<float>(proto.float_data(), t.bytes);
    break;
  case DType::Double:
    copyNarrowed<double>(proto.double_data(), t.bytes);
    break;
  case DType::Int64:
    copyNarrowed<int64_t>(proto.int64_data(), t.bytes);
    break;
  case DType::UInt32:
    copyNarrowed<uint32_t>(proto.uint64_data(), t.bytes);
    break;
  case DType::UInt64:
    copyNarrowed<uint64_t>(proto.uint64_data(), t.bytes);
    break;
  case DType::Int32:
    copyNarrowed<int32_t>(proto.int32_data(), t.bytes);
    break;
  case DType::Int16:
    copyNarrowed<int16_t>(proto.int32_data(), t.bytes);
    break;
  case DType::UInt16:
  case DType::Float16:
  case DType::BFloat16: // 16-bit floats are stored as their bit patterns in int32_data
    copyNarrowed<uint16_t>(proto.int32_data(), t.bytes);
    break;
  case DType::Int8:
    copyNarrowed<int8_t>(proto.int32_data(), t.bytes);
    break;
  case DType::UInt8:
    copyNarrowed<uint8_t>(proto.int32_data(), t.bytes);
    break;
  case DType::Bool:
    copyNarrowed<uint8_t>(proto.int32_data(), t.bytes);
    for (char &c : t.bytes)
      c = c != 0;
    break;
  case DType::String:
    break;
  }
  if (static_cast<int64_t>(t.bytes.size()) != n * size)
    return tensorError(proto, "holds " + llvm::Twine(t.bytes.size() / size) +
                                  " values, expected " + llvm::Twine(n));
  return t;
}

llvm::Expected<TensorData> readTensorProtoFile(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError(buffer.getError(), path + ": cannot read: " +
                                                          buffer.getError().message());
  onnx::TensorProto proto;
  // An empty or foreign file can parse as a message with no fields; a real tensor has a type.
  if (!proto.ParseFromArray((*buffer)->getBufferStart(),
                            static_cast<int>((*buffer)->getBufferSize())) ||
      proto.data_type() == 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path + ": not a tensor file (.npy or ONNX TensorProto .pb)");
  auto t = decodeTensorProto(proto);
  if (!t)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path + ": " + llvm::toString(t.takeError()));
  return t;
}


} // namespace tfc
