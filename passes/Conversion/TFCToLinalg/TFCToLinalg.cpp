// The convert-tfc-to-linalg pass: type conversion, legality, and the pattern sets.
#include "passes/Conversion/TFCToLinalg/TFCToLinalg.h"
#include "dialect/TFC/TFCOps.h"
#include "passes/Conversion/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace tfc {

#define GEN_PASS_DEF_CONVERTTFCTOLINALG
#include "passes/Conversion/Passes.h.inc"

TFCTypeConverter::TFCTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](RankedTensorType type) -> Type {
    auto intTy = dyn_cast<IntegerType>(type.getElementType());
    if (!intTy || intTy.isSignless())
      return type;
    return type.clone(IntegerType::get(type.getContext(), intTy.getWidth()));
  });
}

namespace {

struct ConvertTFCToLinalgPass : impl::ConvertTFCToLinalgBase<ConvertTFCToLinalgPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    // Lowering needs every shape; report the first op without one instead of a generic
    // legalization failure.
    WalkResult walk = module.walk([](Operation *op) {
      if (!isa<TFCDialect>(op->getDialect()))
        return WalkResult::advance();
      for (Type t : llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes()))
        if (auto shaped = dyn_cast<ShapedType>(t); shaped && !shaped.hasStaticShape()) {
          op->emitError("not supported: dynamic shapes in code generation (") << t << ")";
          return WalkResult::interrupt();
        }
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();

    TFCTypeConverter converter;
    ConversionTarget target(*ctx);
    target.addIllegalDialect<TFCDialect>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect, arith::ArithDialect,
                           math::MathDialect, scf::SCFDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp f) {
      return converter.isSignatureLegal(f.getFunctionType()) &&
             converter.isLegal(&f.getBody());
    });
    target.addDynamicallyLegalOp<func::ReturnOp>(
        [&](func::ReturnOp r) { return converter.isLegal(r.getOperandTypes()); });

    RewritePatternSet patterns(ctx);
    populateElementwiseLoweringPatterns(converter, patterns);
    populateReductionLoweringPatterns(converter, patterns);
    populateDataMovementLoweringPatterns(converter, patterns);
    populateMatmulLoweringPatterns(converter, patterns);
    populateWindowLoweringPatterns(converter, patterns);
    populateScatterLoweringPatterns(converter, patterns);
    populateAttentionLoweringPatterns(converter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns, converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
} // namespace tfc
