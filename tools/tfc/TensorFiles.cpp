// .npy and TensorProto reading, .npy writing, numpy-style printing and tolerance checks.
#include "tools/tfc/TensorFiles.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cmath>
#include <cstring>

namespace tfc {
namespace {

llvm::Error fileError(llvm::StringRef path, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), path + ": " + message);
}

struct NpyType {
  const char *descr;
  DType dtype;
};
// Little-endian descriptors; '|' marks single-byte types, which have no byte order.
const NpyType kNpyTypes[] = {
    {"f4", DType::Float},  {"f8", DType::Double}, {"f2", DType::Float16},
    {"i8", DType::Int64},  {"i4", DType::Int32},  {"i2", DType::Int16},
    {"i1", DType::Int8},   {"u1", DType::UInt8},  {"u2", DType::UInt16},
    {"u4", DType::UInt32}, {"u8", DType::UInt64}, {"b1", DType::Bool},
};

/// The value of `key` in a numpy header dict ("{'descr': '<f4', 'fortran_order': False,
/// 'shape': (2, 3), }"), up to the next top-level comma.
std::optional<llvm::StringRef> headerField(llvm::StringRef header, llvm::StringRef key) {
  size_t at = header.find(("'" + key + "'").str());
  if (at == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef rest = header.drop_front(at + key.size() + 2).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  rest = rest.ltrim();
  if (rest.starts_with("(")) {
    size_t close = rest.find(')');
    return close == llvm::StringRef::npos ? std::nullopt
                                          : std::optional(rest.take_front(close + 1));
  }
  return rest.take_until([](char c) { return c == ',' || c == '}'; }).trim();
}

llvm::Expected<TensorData> parseNpy(llvm::StringRef path, llvm::StringRef data) {
  if (data.size() < 10)
    return fileError(path, "truncated .npy header");
  unsigned major = static_cast<unsigned char>(data[6]);
  size_t headerLen, offset;
  if (major == 1) {
    headerLen = static_cast<unsigned char>(data[8]) | static_cast<unsigned char>(data[9]) << 8;
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (data.size() < 12)
      return fileError(path, "truncated .npy header");
    headerLen = 0;
    for (int i = 0; i < 4; ++i)
      headerLen |= static_cast<size_t>(static_cast<unsigned char>(data[8 + i])) << (8 * i);
    offset = 12;
  } else {
    return fileError(path, "unknown .npy version " + llvm::Twine(major));
  }
  if (data.size() < offset + headerLen)
    return fileError(path, "truncated .npy header");
  llvm::StringRef header = data.substr(offset, headerLen);
  auto descr = headerField(header, "descr");
  auto fortran = headerField(header, "fortran_order");
  auto shape = headerField(header, "shape");
  if (!descr || !fortran || !shape)
    return fileError(path, "malformed .npy header");
  if (*fortran != "False")
    return fileError(path, "not supported: Fortran-ordered arrays (save with C order)");
  llvm::StringRef d = descr->trim("'\"");
  if (d.size() != 3)
    return fileError(path, "not supported: numpy dtype " + *descr);
  if (d[0] == '>' && d.drop_front() != "i1" && d.drop_front() != "u1" &&
      d.drop_front() != "b1")
    return fileError(path, "not supported: big-endian data (" + d + ")");
  TensorData t;
  for (const NpyType &type : kNpyTypes)
    if (d.drop_front() == type.descr)
      t.dtype = static_cast<int32_t>(type.dtype);
  if (t.dtype == 0)
    return fileError(path, "not supported: numpy dtype " + d);
  llvm::StringRef dims = shape->trim("()");
  llvm::SmallVector<llvm::StringRef> parts;
  dims.split(parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef p : parts) {
    int64_t v;
    if (p.trim().getAsInteger(10, v) || v < 0)
      return fileError(path, "malformed .npy shape " + *shape);
    t.shape.push_back(v);
  }
  size_t bytes = static_cast<size_t>(t.numElements() * dtypeSize(t.dtype));
  llvm::StringRef payload = data.drop_front(offset + headerLen);
  if (payload.size() != bytes)
    return fileError(path, "holds " + llvm::Twine(payload.size()) + " bytes of data, the "
                                                                     "header implies " +
                               llvm::Twine(bytes));
  t.bytes.assign(payload.begin(), payload.end());
  return t;
}

float halfToFloat(uint16_t h) {
  uint32_t sign = (h & 0x8000u) << 16, exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
  uint32_t bits;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000u | (mantissa << 13);
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else { // subnormal: renormalise
    int shift = 0;
    while (!(mantissa & 0x400)) {
      mantissa <<= 1;
      ++shift;
    }
    bits = sign | ((113 - shift) << 23) | ((mantissa & 0x3ff) << 13);
  }
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

template <typename T>
T load(const TensorData &t, int64_t i) {
  T v;
  std::memcpy(&v, t.bytes.data() + i * sizeof(T), sizeof(T));
  return v;
}

bool isFloatDType(int32_t dtype) {
  switch (static_cast<DType>(dtype)) {
  case DType::Float:
  case DType::Double:
  case DType::Float16:
  case DType::BFloat16:
    return true;
  default:
    return false;
  }
}

std::string elementString(const TensorData &t, int64_t i) {
  std::string text;
  llvm::raw_string_ostream os(text);
  switch (static_cast<DType>(t.dtype)) {
  case DType::Bool:
    os << (t.bytes[i] ? "True" : "False");
    break;
  case DType::UInt64:
    os << load<uint64_t>(t, i);
    break;
  case DType::Int64:
    os << load<int64_t>(t, i);
    break;
  case DType::Double:
    os << llvm::format("%.15g", load<double>(t, i));
    break;
  default:
    if (isFloatDType(t.dtype))
      os << llvm::format("%.7g", elementAsDouble(t, i));
    else
      os << static_cast<int64_t>(elementAsDouble(t, i));
  }
  return text;
}

/// Prints dimension `dim` of the block starting at element `base`, numpy style: nested
/// brackets, rows wrapped at 80 columns, the middle of long dimensions elided.
void printBlock(llvm::raw_ostream &os, const TensorData &t, size_t dim, int64_t base,
                int64_t stride, bool summarize, int indent) {
  const int64_t edge = 3;
  const size_t width = 80;
  int64_t size = t.shape[dim];
  int64_t inner = stride / std::max<int64_t>(size, 1);
  bool innermost = dim + 1 == t.shape.size();
  std::string pad(indent + 1, ' ');
  os << "[";
  size_t column = indent + 1;
  for (int64_t i = 0; i < size; ++i) {
    bool skip = summarize && size > 2 * edge && i == edge;
    if (!innermost) {
      if (skip) {
        os << "...,\n" << pad;
        i = size - edge;
      }
      printBlock(os, t, dim + 1, base + i * inner, inner, summarize, indent + 1);
      if (i + 1 < size)
        os << ",\n" << pad;
      continue;
    }
    std::string text = skip ? "..." : elementString(t, base + i);
    if (skip)
      i = size - edge - 1;
    if (column > indent + 1u) { // not the first element of its line
      if (column + text.size() + 2 > width) {
        os << "\n" << pad;
        column = indent + 1;
      } else {
        os << " ";
        ++column;
      }
    }
    os << text;
    column += text.size();
    if (i + 1 < size) {
      os << ",";
      ++column;
    }
  }
  os << "]";
}

} // namespace

double elementAsDouble(const TensorData &t, int64_t i) {
  switch (static_cast<DType>(t.dtype)) {
  case DType::Float: return load<float>(t, i);
  case DType::Double: return load<double>(t, i);
  case DType::Float16: return halfToFloat(load<uint16_t>(t, i));
  case DType::BFloat16: {
    uint32_t bits = static_cast<uint32_t>(load<uint16_t>(t, i)) << 16;
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
  }
  case DType::Int8: return load<int8_t>(t, i);
  case DType::UInt8: return load<uint8_t>(t, i);
  case DType::Int16: return load<int16_t>(t, i);
  case DType::UInt16: return load<uint16_t>(t, i);
  case DType::Int32: return load<int32_t>(t, i);
  case DType::UInt32: return load<uint32_t>(t, i);
  case DType::Int64: return static_cast<double>(load<int64_t>(t, i));
  case DType::UInt64: return static_cast<double>(load<uint64_t>(t, i));
  case DType::Bool: return t.bytes[i] ? 1.0 : 0.0;
  case DType::String: return 0;
  }
  return 0;
}

std::string shapeString(llvm::ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string s;
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? "x" : "") + std::to_string(d);
  return s;
}

llvm::Expected<TensorData> readTensorFile(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fileError(path, "cannot read: " + buffer.getError().message());
  llvm::StringRef data = (*buffer)->getBuffer();
  if (data.starts_with("\x93NUMPY"))
    return parseNpy(path, data);
  return readTensorProtoFile(path);
}

llvm::Error writeNpyFile(llvm::StringRef path, const TensorData &t) {
  llvm::StringRef name = dtypeNumpyName(t.dtype);
  std::string descr;
  for (const NpyType &type : kNpyTypes)
    if (static_cast<int32_t>(type.dtype) == t.dtype)
      descr = (dtypeSize(t.dtype) == 1 ? "|" : "<") + std::string(type.descr);
  if (descr.empty())
    return fileError(path, "not supported: writing " + dtypeName(t.dtype) +
                               " tensors as .npy" + (name.empty() ? "" : " (" + name + ")"));
  std::string shape = "(";
  for (int64_t d : t.shape)
    shape += std::to_string(d) + ", ";
  if (t.shape.size() > 1)
    shape.erase(shape.size() - 2);
  else if (t.shape.size() == 1)
    shape.erase(shape.size() - 1);
  shape += ")";
  std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape +
                       ", }";
  // numpy pads the header with spaces so that the data starts 64-byte aligned.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');

  auto temp = llvm::sys::fs::TempFile::create(path + ".tmp-%%%%%%");
  if (!temp)
    return fileError(path, "cannot create: " + llvm::toString(temp.takeError()));
  {
    llvm::raw_fd_ostream os(temp->FD, /*shouldClose=*/false);
    os << "\x93NUMPY" << char(1) << char(0) << char(header.size() & 0xff)
       << char(header.size() >> 8) << header;
    os.write(t.bytes.data(), t.bytes.size());
    os.flush();
    if (os.has_error()) {
      os.clear_error();
      llvm::consumeError(temp->discard());
      return fileError(path, "cannot write");
    }
  }
  if (llvm::Error err = temp->keep(path))
    return fileError(path, "cannot write: " + llvm::toString(std::move(err)));
  return llvm::Error::success();
}

void printTensor(llvm::raw_ostream &os, const TensorData &t) {
  os << dtypeName(t.dtype) << " [" << shapeString(t.shape) << "]\n";
  if (t.shape.empty()) {
    os << elementString(t, 0);
  } else if (t.numElements() == 0) {
    os << "[]";
  } else {
    printBlock(os, t, 0, 0, t.numElements(), t.numElements() > 1000, 0);
  }
  os << "\n";
}

Comparison compareTensors(const TensorData &actual, const TensorData &expected, double atol,
                          double rtol) {
  Comparison c;
  bool exact64 = expected.dtype == static_cast<int32_t>(DType::Int64) ||
                 expected.dtype == static_cast<int32_t>(DType::UInt64);
  for (int64_t i = 0, n = expected.numElements(); i < n; ++i) {
    // 64-bit integers compare bit-exactly: a double cannot tell 2^60 from 2^60 + 1.
    if (exact64 && std::memcmp(actual.bytes.data() + i * 8, expected.bytes.data() + i * 8, 8) == 0)
      continue;
    double a = elementAsDouble(actual, i), e = elementAsDouble(expected, i);
    if (exact64 && a == e) {
      if (c.mismatches++ == 0)
        c.firstMismatch = i;
      continue;
    }
    if (std::isnan(a) && std::isnan(e))
      continue;
    double err = a == e ? 0.0 : std::fabs(a - e); // equal infinities differ by 0, not NaN
    if (std::isnan(err))
      err = INFINITY;
    c.maxAbsError = std::max(c.maxAbsError, err);
    if (e != 0)
      c.maxRelError = std::max(c.maxRelError, err / std::fabs(e));
    if (!(err <= atol + rtol * std::fabs(e))) {
      if (c.mismatches++ == 0)
        c.firstMismatch = i;
    }
  }
  return c;
}

} // namespace tfc
