// Recognising the combining operation of a linalg reduction.
#include "passes/Target/Reductions.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include <limits>

using namespace mlir;

namespace tfc {

std::optional<Combiner> matchCombiner(linalg::GenericOp g) {
  if (g.getNumDpsInits() != 1)
    return std::nullopt;
  Block &body = g.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  BlockArgument acc = body.getArguments().back();
  Operation *op = yield.getOperand(0).getDefiningOp();
  if (!op || op->getBlock() != &body || op->getNumOperands() != 2 || !acc.hasOneUse() ||
      acc.getUses().begin()->getOwner() != op)
    return std::nullopt;
  bool accFirst = op->getOperand(0) == acc;
  double inf = std::numeric_limits<double>::infinity();
  using Kind = vector::CombiningKind;
  if (isa<arith::AddFOp>(op))
    return Combiner{op, 0.0, Kind::ADD, accFirst};
  if (isa<arith::MulFOp>(op))
    return Combiner{op, 1.0, Kind::MUL, accFirst};
  if (isa<arith::MaximumFOp>(op))
    return Combiner{op, -inf, Kind::MAXIMUMF, accFirst};
  if (isa<arith::MaxNumFOp>(op))
    return Combiner{op, -inf, Kind::MAXNUMF, accFirst};
  if (isa<arith::MinimumFOp>(op))
    return Combiner{op, inf, Kind::MINIMUMF, accFirst};
  if (isa<arith::MinNumFOp>(op))
    return Combiner{op, inf, Kind::MINNUMF, accFirst};
  return std::nullopt;
}

} // namespace tfc
