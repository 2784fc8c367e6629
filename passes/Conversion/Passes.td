// Conversion passes out of the tfc dialect.
#ifndef TFC_CONVERSION_PASSES_TD
#define TFC_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertTFCToLinalg : Pass<"convert-tfc-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower tfc ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Every tfc op becomes structured ops on tensors: element-wise ops and broadcasts become
    `linalg.generic` with broadcasting indexing maps, reductions and normalisations become
    reduction generics, data movement becomes tensor slicing and reshaping. Unsigned
    integer types become signless (the signedness selects the arith ops), including in
    function signatures. Shapes must be static; anything else is a located error.
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
    "mlir::arith::ArithDialect", "mlir::math::MathDialect", "mlir::func::FuncDialect",
    "mlir::scf::SCFDialect"
  ];
}

#endif
