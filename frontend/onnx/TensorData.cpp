// Decoding and encoding of ONNX TensorProto messages and files.
#include "frontend/onnx/TensorData.h"
#include "frontend/onnx/TensorProtoIO.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
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

/// Reads the bytes of a tensor stored outside the model (ONNX external data): `location` is
/// a path relative to the model's folder that must stay inside it, so that a model can never
/// make the compiler read an arbitrary file.
static llvm::Expected<std::vector<char>> readExternalData(const onnx::TensorProto &proto,
                                                          llvm::StringRef modelDir) {
  std::string location;
  int64_t offset = 0, length = -1;
  for (const onnx::StringStringEntryProto &entry : proto.external_data()) {
    const std::string &value = entry.value();
    char *end = nullptr;
    if (entry.key() == "location") {
      location = value;
    } else if (entry.key() == "offset" || entry.key() == "length") {
      long long v = std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end || v < 0)
        return tensorError(proto, "external data " + entry.key() + " '" + value +
                                      "' is not a non-negative integer");
      (entry.key() == "offset" ? offset : length) = v;
    }
  }
  if (location.empty())
    return tensorError(proto, "external data without a location");
  if (modelDir.empty())
    return tensorError(proto,
                       "external data needs the model's folder (read the model from a file)");
  namespace path = llvm::sys::path;
  if (path::is_absolute(location) || path::is_absolute(location, path::Style::windows) ||
      llvm::StringRef(location).starts_with("~"))
    return tensorError(proto, "external data location '" + location +
                                  "' is absolute; it must be relative to the model's folder");
  for (auto it = path::begin(location), e = path::end(location); it != e; ++it)
    if (*it == "..")
      return tensorError(proto, "external data location '" + location +
                                    "' escapes the model's folder");
  llvm::SmallString<256> file(modelDir);
  path::append(file, location);
  // Symbolic links may still lead outside: compare the real paths.
  llvm::SmallString<256> realDir, realFile;
  if (llvm::sys::fs::real_path(modelDir, realDir) || llvm::sys::fs::real_path(file, realFile))
    return tensorError(proto, "cannot open external data file '" + location + "'");
  llvm::StringRef inside(realFile);
  if (!inside.starts_with(realDir) || inside.size() <= realDir.size() ||
      !path::is_separator(inside[realDir.size()]))
    return tensorError(proto, "external data location '" + location +
                                  "' escapes the model's folder");
  auto buffer = llvm::MemoryBuffer::getFile(realFile, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return tensorError(proto, "cannot read external data file '" + location +
                                  "': " + buffer.getError().message());
  int64_t size = static_cast<int64_t>((*buffer)->getBufferSize());
  if (length < 0)
    length = size - offset;
  if (offset > size || length > size - offset)
    return tensorError(proto, "external data range [" + llvm::Twine(offset) + ", " +
                                  llvm::Twine(offset + length) + ") lies outside '" +
                                  location + "' (" + llvm::Twine(size) + " bytes)");
  const char *start = (*buffer)->getBufferStart() + offset;
  return std::vector<char>(start, start + length);
}

llvm::Expected<TensorData> decodeTensorProto(const onnx::TensorProto &proto,
                                             llvm::StringRef modelDir) {
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
  if (proto.has_segment())
    return tensorError(proto, "not supported: segmented tensors");
  int64_t n = t.numElements();
  bool external = proto.data_location() == onnx::TensorProto_DataLocation_EXTERNAL;
  if (external || proto.has_raw_data()) {
    std::string raw;
    if (external) {
      auto bytes = readExternalData(proto, modelDir);
      if (!bytes)
        return bytes.takeError();
      raw.assign(bytes->begin(), bytes->end());
    } else {
      raw = proto.raw_data();
    }
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
