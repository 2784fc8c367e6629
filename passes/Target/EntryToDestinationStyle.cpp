// The tfc-entry-to-dps pass: the entry writes its results into caller-provided buffers.
#include "passes/Target/Passes.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_ENTRYTODESTINATIONSTYLE
#include "passes/Target/Passes.h.inc"

namespace {
struct EntryToDestinationStylePass
    : impl::EntryToDestinationStyleBase<EntryToDestinationStylePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto entryFunc = lookupEntry(module, entry);
    if (failed(entryFunc))
      return signalPassFailure();
    func::FuncOp func = *entryFunc;
    if (!func.getBody().hasOneBlock()) {
      func.emitError("the entry function must have a single block");
      return signalPassFailure();
    }
    FunctionType type = func.getFunctionType();
    // MLIR's bare-pointer calling convention rejects memrefs with a zero-size dimension.
    // Such tensors hold no data: their pointer is passed as a placeholder and never used.
    auto isEmpty = [](Type t) { return cast<RankedTensorType>(t).getNumElements() == 0; };
    Type placeholder = MemRefType::get({1}, IntegerType::get(&getContext(), 8));
    auto toMemRef = [&](Type t) -> Type {
      auto tensor = dyn_cast<RankedTensorType>(t);
      if (!tensor || !tensor.hasStaticShape())
        return {};
      if (tensor.getNumElements() == 0)
        return placeholder;
      return MemRefType::get(tensor.getShape(), tensor.getElementType());
    };
    SmallVector<Type> argTypes;
    for (Type t : llvm::concat<const Type>(type.getInputs(), type.getResults())) {
      Type m = toMemRef(t);
      if (!m) {
        func.emitError("not supported: entry value of type ") << t
                                                              << " (needs a static shape)";
        return signalPassFailure();
      }
      argTypes.push_back(m);
    }

    Block &body = func.getBody().front();
    OpBuilder b(&getContext());
    b.setInsertionPointToStart(&body);
    unsigned numInputs = type.getNumInputs();
    // Read inputs through new memref arguments; `restrict` promises that no other tensor
    // aliases them, which lets bufferization write results in place.
    for (unsigned i = 0; i < numInputs; ++i) {
      BlockArgument old = body.getArgument(i);
      BlockArgument memref = body.addArgument(argTypes[i], old.getLoc());
      Value tensor;
      if (isEmpty(old.getType())) {
        auto type = cast<RankedTensorType>(old.getType());
        tensor = tensor::EmptyOp::create(b, old.getLoc(), type.getShape(),
                                         type.getElementType());
      } else {
        tensor = bufferization::ToTensorOp::create(b, old.getLoc(), old.getType(), memref,
                                                   /*restrict=*/true, /*writable=*/false);
      }
      old.replaceAllUsesWith(tensor);
    }
    auto ret = cast<func::ReturnOp>(body.getTerminator());
    b.setInsertionPoint(ret);
    for (auto [i, result] : llvm::enumerate(ret.getOperands())) {
      BlockArgument out = body.addArgument(argTypes[numInputs + i], ret.getLoc());
      if (isEmpty(result.getType()))
        continue;
      auto store = bufferization::MaterializeInDestinationOp::create(b, ret.getLoc(), result,
                                                                     out);
      store.setRestrict(true);
      store.setWritable(true);
    }
    func::ReturnOp::create(b, ret.getLoc());
    ret.erase();
    body.eraseArguments(0, numInputs);

    func.setType(FunctionType::get(&getContext(), argTypes, {}));
    func.removeArgAttrsAttr();
    func.removeResAttrsAttr();
    func.setSymName(kModelImplName);
  }
};
} // namespace
} // namespace tfc
