// The tfc-parallelize-loops pass: top-level parallel loops run on the thread pool.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"
#include "passes/Target/Passes.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_PARALLELIZELOOPS
#include "passes/Target/Passes.h.inc"

namespace {

// Below about this many operations executed, waking the pool costs more than it saves.
constexpr double kMinWork = 1 << 15;

/// Iterations of a loop dimension; 16 when the bounds are not constants.
double tripsOf(Value lb, Value ub, Value step) {
  std::optional<int64_t> l = getConstantIntValue(lb), u = getConstantIntValue(ub),
                         s = getConstantIntValue(step);
  if (!l || !u || !s || *s <= 0)
    return 16.0;
  return static_cast<double>(std::max<int64_t>(0, (*u - *l + *s - 1) / *s));
}

/// Operations executed by `region`, each counted once per iteration of the loops around it.
double workOf(Region &region, double iterations) {
  double total = 0;
  for (Operation &op : region.getOps()) {
    total += iterations;
    double inner = iterations;
    if (auto loop = dyn_cast<scf::ForOp>(op)) {
      inner *= tripsOf(loop.getLowerBound(), loop.getUpperBound(), loop.getStep());
    } else if (auto loop = dyn_cast<scf::ParallelOp>(op)) {
      for (auto [lb, ub, step] :
           llvm::zip(loop.getLowerBound(), loop.getUpperBound(), loop.getStep()))
        inner *= tripsOf(lb, ub, step);
    }
    for (Region &sub : op.getRegions())
      total += workOf(sub, inner);
  }
  return total;
}

/// Whether a value of `type` can be handed to a pool task: scalars, and memrefs that lower
/// to a bare pointer (static shape, identity layout).
bool isPassable(Type type) {
  if (auto memref = dyn_cast<MemRefType>(type))
    return memref.hasStaticShape() && memref.getLayout().isIdentity();
  return type.isIntOrIndexOrFloat();
}

/// Moves `loop` into a function over a range of its first dimension and replaces it with a
/// call of that function's dispatcher (defined later, on the LLVM dialect, by
/// tfc-emit-parallel-tasks). Returns false when the loop stays.
bool outline(scf::ParallelOp loop, ModuleOp module, unsigned &counter) {
  if (!loop.getInitVals().empty())
    return false;
  std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound()[0]),
                         ub = getConstantIntValue(loop.getUpperBound()[0]),
                         step = getConstantIntValue(loop.getStep()[0]);
  if (!lb || !ub || !step || *step <= 0)
    return false;
  int64_t count = (*ub - *lb + *step - 1) / *step;
  double iterations = 1;
  for (auto [lo, hi, st] : llvm::zip(loop.getLowerBound(), loop.getUpperBound(), loop.getStep()))
    iterations *= tripsOf(lo, hi, st);
  if (count < 2 || workOf(loop.getRegion(), iterations) < kMinWork)
    return false;
  // What the loop reads from outside: constants are rebuilt inside, the rest are arguments.
  llvm::SetVector<Value> used;
  for (Value operand : loop->getOperands())
    used.insert(operand);
  getUsedValuesDefinedAbove(loop.getRegion(), used);
  SmallVector<Value> arguments;
  SmallVector<Operation *> constants;
  for (Value value : used) {
    Operation *def = value.getDefiningOp();
    if (def && def->hasTrait<OpTrait::ConstantLike>() && def->getNumOperands() == 0) {
      constants.push_back(def);
      continue;
    }
    if (!isPassable(value.getType()))
      return false;
    arguments.push_back(value);
  }

  MLIRContext *ctx = module.getContext();
  OpBuilder b(ctx);
  Location loc = loop.getLoc();
  Type index = b.getIndexType();
  SmallVector<Type> argTypes = {index, index};
  for (Value value : arguments)
    argTypes.push_back(value.getType());
  std::string name;
  do
    name = "__tfc_parallel_" + std::to_string(counter++);
  while (module.lookupSymbol(name) || module.lookupSymbol(name + "_dispatch"));
  b.setInsertionPointToEnd(module.getBody());
  auto task = func::FuncOp::create(b, loc, name, FunctionType::get(ctx, argTypes, {}));
  task.setPrivate();
  Block *body = task.addEntryBlock();
  b.setInsertionPointToStart(body);
  IRMapping mapping;
  for (Operation *constant : constants)
    b.clone(*constant, mapping);
  for (auto [value, arg] : llvm::zip(arguments, body->getArguments().drop_front(2)))
    mapping.map(value, arg);
  // Iterations [begin, end) of the first dimension.
  auto at = [&](Value i) {
    Value scaled = arith::MulIOp::create(b, loc, i, arith::ConstantIndexOp::create(b, loc, *step));
    return arith::AddIOp::create(b, loc, scaled, arith::ConstantIndexOp::create(b, loc, *lb));
  };
  Value first = at(body->getArgument(0)), last = at(body->getArgument(1));
  Value end = arith::MinSIOp::create(b, loc, last, arith::ConstantIndexOp::create(b, loc, *ub));
  auto copy = cast<scf::ParallelOp>(b.clone(*loop, mapping));
  unsigned dims = loop.getNumLoops();
  copy->setOperand(0, first);
  copy->setOperand(dims, end);
  func::ReturnOp::create(b, loc);

  // The dispatcher, declared here: (count, arguments...).
  SmallVector<Type> dispatchTypes = {index};
  dispatchTypes.append(argTypes.begin() + 2, argTypes.end());
  b.setInsertionPointToEnd(module.getBody());
  auto dispatch =
      func::FuncOp::create(b, loc, name + "_dispatch", FunctionType::get(ctx, dispatchTypes, {}));
  dispatch.setPrivate();
  dispatch->setAttr("tfc.parallel_task", FlatSymbolRefAttr::get(task.getSymNameAttr()));

  b.setInsertionPoint(loop);
  SmallVector<Value> operands = {arith::ConstantIndexOp::create(b, loc, count)};
  operands.append(arguments.begin(), arguments.end());
  func::CallOp::create(b, loc, dispatch, operands);
  loop.erase();
  return true;
}

struct ParallelizeLoopsPass : impl::ParallelizeLoopsBase<ParallelizeLoopsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    unsigned counter = 0;
    SmallVector<func::FuncOp> functions(module.getOps<func::FuncOp>());
    for (func::FuncOp func : functions) {
      if (func.isExternal() || !func.getBody().hasOneBlock())
        continue;
      SmallVector<scf::ParallelOp> loops(func.getBody().front().getOps<scf::ParallelOp>());
      for (scf::ParallelOp loop : loops)
        outline(loop, module, counter);
    }
  }
};

} // namespace
} // namespace tfc
