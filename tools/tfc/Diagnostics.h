// Prints MLIR diagnostics as one located line each, in the terms of the user's input.
#ifndef TFC_TOOLS_TFC_DIAGNOSTICS_H
#define TFC_TOOLS_TFC_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include <string>

namespace tfc {

/// Renders a location as the user knows it: "prog.mlir:3:14", "model.onnx: node 'attn/MatMul'
/// (MatMul)", "model.onnx". Empty for unknown locations.
std::string describeLocation(mlir::Location loc);

/// While alive, prints every diagnostic of `context` to stderr as
/// "<location>: error: <message>" (notes and warnings likewise), without IR dumps.
class DiagnosticPrinter {
public:
  explicit DiagnosticPrinter(mlir::MLIRContext &context);

private:
  mlir::ScopedDiagnosticHandler handler;
};

/// Prints "tfc: error: <message>" for errors that have no location.
void printError(const llvm::Twine &message);

} // namespace tfc

#endif
