// What the RASP compile commands of tfc share: the compiled transformer as a tfc module and
// its verification against the interpreter.
#ifndef TFC_TOOLS_TFC_RASPCOMPILE_H
#define TFC_TOOLS_TFC_RASPCOMPILE_H

#include "frontend/rasp/Session.h"
#include "passes/Conversion/RASPToTFC/Transformer.h"
#include "tools/tfc/Commands.h"
#include "mlir/IR/MLIRContext.h"

namespace tfc {

/// The transformer as a tfc-dialect module with a static batch size.
mlir::OwningOpRef<mlir::ModuleOp> transformerModule(const rasp::CompiledTransformer &model,
                                                    mlir::MLIRContext &context, int64_t batch);

/// Runs `model` on the CPU on every input up to its length (or `samples` random ones when
/// there are more than 10^5) and compares with the interpreter's `output`. Prints a summary
/// and the mismatches; returns the exit status (kExitMismatch on any).
int verifyTransformer(const rasp::CompiledTransformer &model, mlir::MLIRContext &context,
                      const rasp::SOpPtr &output, int64_t samples);

} // namespace tfc

#endif
