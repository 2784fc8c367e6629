// The tfc-bufferize pass: one-shot module bufferization configured for tfc code generation.
#include "passes/Target/Passes.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotModuleBufferize.h"
#include "mlir/Dialect/Bufferization/Transforms/Transforms.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_BUFFERIZE
#include "passes/Target/Passes.h.inc"

namespace {
/// Gives every use of a tensor.empty or a linalg.fill on tensors its own copy of the op,
/// placed right before the user.
/// eliminateEmptyTensors follows an output back through the ops that write in place to
/// the tensor.empty it starts from and builds that whole chain in the output buffer; a fill
/// or empty shared by several chains (CSE merges identical ones) put them all in that
/// buffer, and the store of one output into its buffer was not seen to clobber another
/// output still to be read there (one-shot analysis does not model a memref destination):
/// four matmul epilogues over one shared fill returned the first one's values four times.
/// Right before the user, not where the shared op was: there every copy's buffer was
/// allocated (and filled) at the top of the function, alive from there, so the memory plan
/// could reuse none of them (twelve bias-free FFN blocks: a 23 MB arena, each product
/// writing cold memory) and the matmul kernel's zero start did not see its fill.
void unshareInitTensors(Operation *root) {
  auto copyPerUse = [](Operation *op) {
    SmallVector<OpOperand *> uses;
    for (OpOperand &use : op->getResult(0).getUses())
      uses.push_back(&use);
    for (OpOperand *use : uses) {
      OpBuilder b(use->getOwner());
      use->set(b.clone(*op)->getResult(0));
    }
    op->erase();
  };
  auto shared = [&](auto isInit) {
    SmallVector<Operation *> ops;
    root->walk([&](Operation *op) {
      if (isInit(op) && !op->getResult(0).hasOneUse() && !op->getResult(0).use_empty())
        ops.push_back(op);
    });
    return ops;
  };
  // Fills first: their copies are further uses of the empties they write, which are
  // collected after them (an empty written by one shared fill becomes shared only then).
  for (Operation *fill : shared([](Operation *op) {
         return isa<linalg::FillOp>(op) && op->getNumResults() == 1;
       }))
    copyPerUse(fill);
  for (Operation *empty : shared([](Operation *op) { return isa<tensor::EmptyOp>(op); }))
    copyPerUse(empty);
}

struct BufferizePass : impl::BufferizeBase<BufferizePass> {
  void runOnOperation() override {
    bufferization::OneShotBufferizationOptions options;
    options.bufferizeFunctionBoundaries = true;
    options.setFunctionBoundaryTypeConversion(
        bufferization::LayoutMapOption::IdentityLayoutMap);
    options.memCpyFn = [](OpBuilder &b, Location loc, Value from, Value to) {
      linalg::CopyOp::create(b, loc, from, to);
      return success();
    };
    // A result built in a fresh tensor (tensor.empty) and then stored into the caller's
    // output buffer is built in that buffer instead, when nothing else reads it in between:
    // GPT-2's present key/value caches (1.5 MB each) were built, then copied out.
    IRRewriter rewriter(&getContext());
    unshareInitTensors(getOperation());
    if (failed(bufferization::eliminateEmptyTensors(rewriter, getOperation())))
      return signalPassFailure();
    bufferization::BufferizationState state;
    if (failed(bufferization::runOneShotModuleBufferize(getOperation(), options, state)))
      signalPassFailure();
  }
};
} // namespace
} // namespace tfc
