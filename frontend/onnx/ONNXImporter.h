// Imports ONNX models (binary or ONNX's text syntax) into the tfc dialect.
#ifndef TFC_FRONTEND_ONNX_ONNXIMPORTER_H
#define TFC_FRONTEND_ONNX_ONNXIMPORTER_H

#include "frontend/onnx/TensorData.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

namespace tfc {

struct OnnxImportOptions {
  /// Shapes for inputs whose dimensions the model leaves symbolic or unknown, by input
  /// name (the CLI's --shape name=1x128).
  llvm::StringMap<llvm::SmallVector<int64_t>> inputShapes;
  /// Inputs whose values are fixed at compile time (the CLI's --freeze-input): they become
  /// constants and leave the function signature. Shape parameters fed as graph inputs
  /// (Reshape's shape, Slice's starts) can only be compiled this way for now.
  llvm::StringMap<TensorData> frozenInputs;
  /// Keep unpinned symbolic input dimensions as dynamic (`?`) sizes through the operators
  /// that can carry them (element-wise math, MatMul, Softmax, LayerNormalization,
  /// Transpose, ...); any other operator that meets one is an error naming the symbolic
  /// inputs. Without it (code generation needs static shapes) every symbolic dimension must
  /// be pinned, and the error names the first one that is not.
  bool keepSymbolicDims = false;
};

/// Imports the model at `path` as a module holding `func.func @main` in the tfc dialect.
/// Files ending in .onnxtxt (or .onnxtext) are read in ONNX's text syntax. Arguments and
/// results carry their ONNX names as `tfc.name`. Errors are emitted on the context's
/// diagnostic engine, located at the file and the ONNX node, and the result is null.
mlir::OwningOpRef<mlir::ModuleOp> importOnnxModel(llvm::StringRef path,
                                                  mlir::MLIRContext &context,
                                                  const OnnxImportOptions &options = {});

struct OnnxCheckResult {
  int nodes = 0;
  int unsupported = 0;
};

/// Checks, without importing, that tfc supports the operator, domain and attributes of every
/// node of the model at `path`: each node it does not support is reported as an error on
/// the context (all of them, not just the first). Fails only when the model cannot be read.
mlir::FailureOr<OnnxCheckResult> checkOnnxModel(llvm::StringRef path,
                                                mlir::MLIRContext &context);

} // namespace tfc

#endif
