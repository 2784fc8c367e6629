// Reading models into the compiler: ONNX (binary or text) and tfc-dialect MLIR.
#include "frontend/onnx/ONNXImporter.h"
#include "tools/tfc/Commands.h"
#include "tools/tfc/Diagnostics.h"
#include "tools/tfc/TensorFiles.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;

namespace tfc {

static LogicalResult parseShapes(ArrayRef<std::string> specs, OnnxImportOptions &options) {
  for (const std::string &spec : specs) {
    auto [name, dims] = StringRef(spec).split('=');
    SmallVector<int64_t> shape;
    SmallVector<StringRef> parts;
    dims.split(parts, 'x');
    bool ok = !name.empty() && !dims.empty();
    for (StringRef p : parts) {
      int64_t d;
      ok &= !p.getAsInteger(10, d) && d >= 0;
      shape.push_back(d);
    }
    if (!ok) {
      printError("--shape expects NAME=DIMS such as input_ids=1x128, got '" + spec + "'");
      return failure();
    }
    options.inputShapes[name] = shape;
  }
  return success();
}

static LogicalResult readFrozenInputs(ArrayRef<std::string> specs, OnnxImportOptions &options) {
  for (const std::string &spec : specs) {
    auto [name, file] = StringRef(spec).split('=');
    if (name.empty() || file.empty()) {
      printError("--freeze-input expects NAME=FILE, got '" + spec + "'");
      return failure();
    }
    auto tensor = readTensorFile(file);
    if (!tensor) {
      printError(llvm::toString(tensor.takeError()));
      return failure();
    }
    options.frozenInputs[name] = std::move(*tensor);
  }
  return success();
}

bool isCompiledLibrary(StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFileSlice(path, 4, 0);
  return buffer && (*buffer)->getBuffer() == "\x7f"
                                             "ELF";
}

OwningOpRef<ModuleOp> loadModel(StringRef path, MLIRContext &context,
                                const ModelOptions &options) {
  if (path.ends_with(".mlir")) {
    if (!options.shapes.empty() || !options.frozenInputs.empty()) {
      printError("--shape and --freeze-input apply to ONNX models; an .mlir module is used "
                 "as it is");
      return nullptr;
    }
    return parseSourceFile<ModuleOp>(path, &context);
  }
  if (isCompiledLibrary(path)) {
    emitError(FileLineColLoc::get(&context, path, 0, 0),
              "this is a compiled library, not a model to compile");
    return nullptr;
  }
  OnnxImportOptions importOptions;
  importOptions.keepSymbolicDims = options.keepSymbolicDims;
  if (failed(parseShapes(options.shapes, importOptions)) ||
      failed(readFrozenInputs(options.frozenInputs, importOptions)))
    return nullptr;
  return importOnnxModel(path, context, importOptions);
}

} // namespace tfc
