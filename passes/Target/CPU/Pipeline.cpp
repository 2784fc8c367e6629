// The CPU pipeline: tfc -> linalg on tensors -> buffers -> loops -> LLVM dialect + ABI.
#include "passes/Target/CPU/Pipeline.h"
#include "dialect/TFC/TFCDialect.h"
#include "dialect/TFC/TFCOps.h"
#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Linalg/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/SCF/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Transforms/Passes.h"
#include "passes/Conversion/Passes.h"
#include "passes/Target/Passes.h"
#include "passes/Transforms/Passes.h"

using namespace mlir;

namespace tfc {

void registerCompilerDialects(DialectRegistry &registry) {
  registry.insert<TFCDialect, func::FuncDialect, arith::ArithDialect, math::MathDialect,
                  linalg::LinalgDialect, tensor::TensorDialect, memref::MemRefDialect,
                  bufferization::BufferizationDialect, scf::SCFDialect, cf::ControlFlowDialect,
                  ub::UBDialect, LLVM::LLVMDialect>();
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  linalg::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
  scf::registerBufferizableOpInterfaceExternalModels(registry);
  // Without these, buffer deallocation leaves the buffers of an scf.forall body (the
  // attention's per-head tiles) and selects over buffers undeallocated: leaked every call.
  scf::registerBufferDeallocationOpInterfaceExternalModels(registry);
  arith::registerBufferDeallocationOpInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

void buildTFCOptimizationPipeline(OpPassManager &pm, const PipelineOptions &options) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  if (!options.fuse)
    return;
  // Layer norm first: its centered square must not be mistaken for part of anything else.
  pm.addPass(createRaiseLayerNorm(RaiseLayerNormOptions{options.fusionReport}));
  pm.addPass(createRaiseSkipLayerNorm(RaiseSkipLayerNormOptions{options.fusionReport}));
  pm.addPass(createRaiseRMSNorm(RaiseRMSNormOptions{options.fusionReport}));
  pm.addPass(createRaiseRotary(RaiseRotaryOptions{options.fusionReport}));
  pm.addPass(createRaiseGelu(RaiseGeluOptions{options.fusionReport}));
  pm.addPass(createRaiseBiasActivation(RaiseBiasActivationOptions{options.fusionReport}));
  // Before the projections merge: a gate projection keeps its own product and epilogue.
  pm.addPass(createRaiseMatmulEpilogue(RaiseMatmulEpilogueOptions{options.fusionReport}));
  pm.addPass(createRaiseAttention(RaiseAttentionOptions{options.fusionReport}));
  pm.addPass(createCanonicalizerPass()); // the key's transposes fold before the next match
  pm.addPass(createRaiseGroupedQuery(RaiseGroupedQueryOptions{options.fusionReport}));
  pm.addPass(createFoldCausalMask());
  // After the passes that read the heads-first operands (grouped query, causal mask).
  pm.addPass(createFoldAttentionTransposes());
  // After attention is raised, which matches each projection on its own.
  pm.addPass(createMergeProjections());
  pm.addPass(createCanonicalizerPass());
}

std::string fusionSummary(ModuleOp module) {
  int64_t attentions = 0, grouped = 0, causal = 0, layerNorms = 0, skipNorms = 0, rmsNorms = 0,
          gelus = 0, biasActivations = 0, epilogues = 0, rotaries = 0;
  auto isGelu = [](StringRef activation) { return activation.starts_with("gelu"); };
  module.walk([&](Operation *op) {
    attentions += isa<AttentionOp>(op);
    if (auto a = dyn_cast<AttentionOp>(op)) {
      grouped += a.getQuery().getType().getRank() >= 3 &&
                 a.getQuery().getType().getDimSize(a.getHeadDim()) !=
                     a.getKey().getType().getDimSize(a.getHeadDim());
      causal += a.getCausal();
    }
    skipNorms += isa<SkipLayerNormOp>(op);
    layerNorms += isa<LayerNormOp, SkipLayerNormOp>(op);
    rmsNorms += isa<RMSNormOp>(op);
    rotaries += isa<RotaryEmbeddingOp>(op);
    gelus += isa<GeluOp>(op);
    if (auto fused = dyn_cast<BiasActivationOp>(op)) {
      ++biasActivations;
      gelus += isGelu(fused.getActivation());
    }
    if (auto fused = dyn_cast<MatMulEpilogueOp>(op)) {
      ++biasActivations;
      ++epilogues;
      gelus += isGelu(fused.getActivation());
    }
  });
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "fusion report:\n  attention: " << attentions << " (grouped-query: " << grouped
     << ", causal: " << causal << ")\n  layer_norm: " << layerNorms << " (skip: " << skipNorms
     << ")\n  rms_norm: " << rmsNorms << "\n  gelu: " << gelus
     << "\n  bias_activation: " << biasActivations << " (matmul epilogue: " << epilogues
     << ")\n  rotary_embedding: " << rotaries << "\n";
  return text;
}

void buildTFCToLinalgPipeline(OpPassManager &pm) {
  pm.addPass(createRecordSignature());
  // Convolutions as matmuls (the micro-kernel's); the filter's reshape and transpose fold.
  pm.addPass(createConvToMatmul());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createConvertTFCToLinalg());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createFoldBiasIntoMatmul());
  // After CSE, which could otherwise give an epilogue's product a second reader.
  pm.addPass(createEpilogueInPlace());
  // Reductions (norms, softmax) in 16 partials: independent chains instead of one.
  pm.addPass(createSplitReductions());
  pm.addPass(createCanonicalizerPass());
}

void buildLinalgToLLVMPipeline(OpPassManager &pm, const PipelineOptions &options) {
  pm.addPass(createEntryToDestinationStyle());
  pm.addPass(createBufferize());
  pm.addPass(createCanonicalizerPass());
  bufferization::BufferDeallocationPipelineOptions deallocOptions;
  bufferization::buildBufferDeallocationPipeline(pm, deallocOptions);
  if (options.memoryPlan)
    pm.addPass(createPlanMemory());
  if (options.microKernels) {
    pm.addPass(createMatmulToMicroKernel());
    // Drops the unpacked weights that only the replaced matmuls read.
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createSymbolDCEPass());
  }
  // Element-wise ops and reductions become vector loops here: in LLVM the arena's views
  // defeat the loop vectorizer's alias checks.
  pm.addPass(createVectorizeTransposes());
  pm.addPass(createVectorizeElementwise());
  pm.addPass(createCanonicalizerPass());
  // Parallel dimensions become scf.parallel, reductions scf.for; the top-level parallel
  // loops then move to the thread pool.
  pm.addPass(createForallToParallelLoopPass());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
  pm.addPass(createParallelizeLoops());
  // After the loops exist and before math is lowered: the polynomials vectorise, libm does not.
  pm.addPass(createApproximateMath());
  // math.ipowi becomes a helper function built from scf/arith: before those are lowered.
  pm.addPass(createConvertMathToFuncs());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // A 16x16 vector.transpose, should one reach here, becomes unpack and lane shuffles, not
  // 256 element moves (tfc-vectorize-transposes emits its own shuffles: LLVM rebuilt this
  // one from element loads and blends).
  ConvertVectorToLLVMPassOptions vectorOptions;
  vectorOptions.vectorTransposeLowering = vector::VectorTransposeLowering::Shuffle16x16;
  pm.addPass(createConvertVectorToLLVMPass(vectorOptions));
  // Allocations call runtime/ukernels/alloc.c (linked into the model), which keeps large
  // blocks between calls instead of having them mapped again on every call.
  FinalizeMemRefToLLVMConversionPassOptions memrefOptions;
  memrefOptions.useGenericFunctions = true;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefOptions));
  // LLVM intrinsics where they exist (exp, log, sqrt, ...), libm calls for the rest (erf).
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  // Static shapes only: entry memrefs become bare pointers, which the ABI wrapper passes.
  ConvertFuncToLLVMPassOptions funcOptions;
  funcOptions.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcOptions));
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createEmitParallelTasks());
  pm.addPass(createEmitModelABI());
}

LogicalResult lowerModule(ModuleOp module, Stage stage, const PipelineOptions &options) {
  PassManager pm(module.getContext());
  if (options.printIRAfterAll) {
    module.getContext()->disableMultithreading();
    // Weights would be printed in full after every pass (gigabytes for BERT-base): constants
    // of more than 16 elements and resources of more than 64 bytes print as elided.
    OpPrintingFlags flags;
    flags.elideLargeElementsAttrs(16).elideLargeResourceString(64);
    pm.enableIRPrinting([](Pass *, Operation *) { return false; },
                        [](Pass *, Operation *) { return true; },
                        /*printModuleScope=*/true, /*printAfterOnlyOnChange=*/false,
                        /*printAfterOnlyOnFailure=*/false, llvm::errs(), flags);
  }
  if (options.timePasses)
    pm.enableTiming();
  buildTFCOptimizationPipeline(pm, options);
  if (options.fusionReport) {
    // The fused ops are counted between fusion and lowering.
    if (failed(pm.run(module)))
      return failure();
    llvm::errs() << fusionSummary(module);
    pm.clear();
  }
  if (stage >= Stage::Linalg)
    buildTFCToLinalgPipeline(pm);
  if (stage >= Stage::LLVM)
    buildLinalgToLLVMPipeline(pm, options);
  if (failed(pm.run(module)))
    return failure();
  if (stage < Stage::LLVM)
    return success();
  WalkResult leftover = module.walk([](Operation *op) {
    if (isa<ModuleOp>(op) || isa<LLVM::LLVMDialect>(op->getDialect()))
      return WalkResult::advance();
    op->emitError("internal error: '") << op->getName() << "' survived lowering to LLVM";
    return WalkResult::interrupt();
  });
  return failure(leftover.wasInterrupted());
}

} // namespace tfc
