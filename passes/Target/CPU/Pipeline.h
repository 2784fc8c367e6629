// The compilation pipeline of the CPU target, stage by stage, and its dialect registry.
#ifndef TFC_PASSES_TARGET_CPU_PIPELINE_H
#define TFC_PASSES_TARGET_CPU_PIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"

namespace tfc {

/// Registers every dialect, interface and translation the compiler needs.
void registerCompilerDialects(mlir::DialectRegistry &registry);

/// Stages of compilation, in order; each `--emit` value stops after one of them.
enum class Stage {
  TFC,    ///< tfc dialect after folding and canonicalisation
  Linalg, ///< linalg, tensor, arith and math on tensors
  LLVM,   ///< LLVM dialect with the model ABI
};

struct PipelineOptions {
  bool printIRAfterAll = false;
  bool timePasses = false;
  bool fuse = true;          ///< run the fusion (raising) passes
  bool fusionReport = false; ///< print fused-op counts and near misses to stderr
  bool microKernels = true;  ///< f32 matmuls call the tiled micro-kernel (else plain loops)
  bool memoryPlan = true;    ///< top-level buffers share one arena (else one malloc each)
};

void buildTFCOptimizationPipeline(mlir::OpPassManager &pm, const PipelineOptions &options = {});

/// Counts of the fused ops in `module`, one line per pattern family, as --fusion-report
/// prints them after the near-miss remarks.
std::string fusionSummary(mlir::ModuleOp module);
void buildTFCToLinalgPipeline(mlir::OpPassManager &pm);
void buildLinalgToLLVMPipeline(mlir::OpPassManager &pm, const PipelineOptions &options = {});

/// Runs the stages after the import up to and including `stage`. After the LLVM stage it
/// also checks that nothing but LLVM dialect operations is left (partial conversions can
/// leave operations behind silently).
mlir::LogicalResult lowerModule(mlir::ModuleOp module, Stage stage,
                                const PipelineOptions &options);

} // namespace tfc

#endif
