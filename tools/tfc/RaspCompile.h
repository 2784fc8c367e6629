// What the RASP commands of tfc share: the program as the rasp dialect, its transformer, the
// verification against the interpreter and the ONNX export.
#ifndef TFC_TOOLS_TFC_RASPCOMPILE_H
#define TFC_TOOLS_TFC_RASPCOMPILE_H

#include "frontend/rasp/Session.h"
#include "passes/Conversion/RASPToTFC/Transformer.h"
#include "tools/tfc/Commands.h"
#include "mlir/IR/MLIRContext.h"

namespace tfc {

bool checkRaspCompileOptions(const RaspCompileOptions &options);

/// Runs the program and returns its output s-op as a rasp.program with value sets; null after
/// printing the error.
mlir::OwningOpRef<mlir::ModuleOp> raspProgramModule(rasp::Session &session,
                                                    const std::string &path,
                                                    const RaspCompileOptions &options,
                                                    mlir::MLIRContext &context,
                                                    rasp::SOpPtr &output);

mlir::FailureOr<rasp::CompiledTransformer> compileToTransformer(mlir::ModuleOp raspModule,
                                                                bool causal);

/// The transformer as a tfc-dialect module with a static batch size.
mlir::OwningOpRef<mlir::ModuleOp> transformerModule(const rasp::CompiledTransformer &model,
                                                    mlir::MLIRContext &context, int64_t batch);

/// Runs `model` on the CPU on every input up to its length (or `samples` random ones when
/// there are more than 10^5) and compares with the interpreter's `output`. Prints a summary
/// and the mismatches; returns the exit status (kExitMismatch on any).
int verifyTransformer(const rasp::CompiledTransformer &model, mlir::MLIRContext &context,
                      const rasp::SOpPtr &output, int64_t samples);

/// Writes `model` as an ONNX model (opset 17); nothing is left at `path` on failure.
mlir::LogicalResult writeONNXModel(const rasp::CompiledTransformer &model,
                                   llvm::StringRef path);

} // namespace tfc

#endif
