// The tfc-emit-parallel-tasks pass: the dispatchers of outlined parallel loops, on the LLVM
// dialect.
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "passes/Target/Passes.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_EMITPARALLELTASKS
#include "passes/Target/Passes.h.inc"

namespace {

constexpr const char *kTaskAttr = "tfc.parallel_task";
constexpr const char *kParallelName = "tfc_uk_parallel";

/// `tfc_uk_parallel(i64 count, ptr task, ptr ctx)`, declared once.
LLVM::LLVMFuncOp parallelFunction(ModuleOp module, OpBuilder &b) {
  if (auto existing = module.lookupSymbol<LLVM::LLVMFuncOp>(kParallelName))
    return existing;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(module.getBody());
  auto ptr = LLVM::LLVMPointerType::get(b.getContext());
  auto type = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(b.getContext()),
                                          {b.getI64Type(), ptr, ptr});
  return LLVM::LLVMFuncOp::create(b, module.getLoc(), kParallelName, type);
}

/// Defines the dispatcher `dispatch(count, args...)`: the arguments go into 8-byte slots of a
/// stack array, and the pool calls `<task>_entry(slots, begin, end)`, which loads them and
/// calls `task(begin, end, args...)`.
LogicalResult define(LLVM::LLVMFuncOp dispatch, ModuleOp module) {
  auto taskName = dispatch->getAttrOfType<FlatSymbolRefAttr>(kTaskAttr);
  auto task = module.lookupSymbol<LLVM::LLVMFuncOp>(taskName);
  if (!task || !dispatch.isExternal())
    return dispatch.emitError("internal error: no parallel task ") << taskName;
  MLIRContext *ctx = module.getContext();
  OpBuilder b(ctx);
  Location loc = dispatch.getLoc();
  auto ptr = LLVM::LLVMPointerType::get(ctx);
  Type i64 = b.getI64Type();
  ArrayRef<Type> argTypes = dispatch.getFunctionType().getParams().drop_front();
  auto slot = [&](OpBuilder &ob, Value base, int64_t i) {
    return LLVM::GEPOp::create(ob, loc, ptr, i64, base, ArrayRef<LLVM::GEPArg>{i});
  };

  b.setInsertionPointToEnd(module.getBody());
  auto entryType = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx), {ptr, i64, i64});
  auto entry = LLVM::LLVMFuncOp::create(b, loc, (taskName.getValue() + "_entry").str(), entryType,
                                        LLVM::Linkage::Internal);
  Block *entryBody = entry.addEntryBlock(b);
  b.setInsertionPointToStart(entryBody);
  SmallVector<Value> callArgs = {entryBody->getArgument(1), entryBody->getArgument(2)};
  for (auto [i, type] : llvm::enumerate(argTypes))
    callArgs.push_back(LLVM::LoadOp::create(
        b, loc, type, slot(b, entryBody->getArgument(0), static_cast<int64_t>(i))));
  LLVM::CallOp::create(b, loc, task, callArgs);
  LLVM::ReturnOp::create(b, loc, ValueRange{});

  Block *body = dispatch.addEntryBlock(b);
  b.setInsertionPointToStart(body);
  Value size = LLVM::ConstantOp::create(b, loc, i64,
                                        static_cast<int64_t>(std::max<size_t>(1, argTypes.size())));
  Value slots = LLVM::AllocaOp::create(b, loc, ptr, i64, size);
  for (auto [i, value] : llvm::enumerate(body->getArguments().drop_front()))
    LLVM::StoreOp::create(b, loc, value, slot(b, slots, static_cast<int64_t>(i)));
  Value entryAddress = LLVM::AddressOfOp::create(b, loc, entry);
  LLVM::CallOp::create(b, loc, parallelFunction(module, b),
                       ValueRange{body->getArgument(0), entryAddress, slots});
  LLVM::ReturnOp::create(b, loc, ValueRange{});
  dispatch.setLinkage(LLVM::Linkage::Internal);
  task.setLinkage(LLVM::Linkage::Internal);
  dispatch->removeAttr(kTaskAttr);
  return success();
}

struct EmitParallelTasksPass : impl::EmitParallelTasksBase<EmitParallelTasksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<LLVM::LLVMFuncOp> dispatchers;
    for (auto func : module.getOps<LLVM::LLVMFuncOp>())
      if (func->hasAttr(kTaskAttr))
        dispatchers.push_back(func);
    for (LLVM::LLVMFuncOp dispatch : dispatchers)
      if (failed(define(dispatch, module)))
        return signalPassFailure();
  }
};

} // namespace
} // namespace tfc
