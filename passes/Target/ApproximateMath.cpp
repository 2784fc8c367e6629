// The tfc-approximate-math pass: f32 exp, erf and tanh as inline polynomials.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "passes/Target/Passes.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "passes/Target/Passes.h.inc"

namespace {
struct ApproximateMathPass : impl::ApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Only the functions whose error is measured and bounded by a test; the patterns
    // themselves only apply to f32 (and vectors of it).
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      return name == "math.exp" || name == "math.erf" || name == "math.tanh";
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
} // namespace tfc
