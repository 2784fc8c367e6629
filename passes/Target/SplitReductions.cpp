// The tfc-split-reductions pass: an innermost-dimension reduction as 16 interleaved partial
// reductions and a final combine: 16 independent chains in its loops instead of one.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "passes/Target/Passes.h"
#include "passes/Target/Reductions.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_SPLITREDUCTIONS
#include "passes/Target/Passes.h.inc"

namespace {

/// Partial results per output element: one 512-bit vector of f32.
constexpr int64_t kLanes = 16;

/// `value` with its last dimension split into [size / kLanes, kLanes].
Value splitLast(OpBuilder &b, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> shape(type.getShape());
  shape.back() /= kLanes;
  shape.push_back(kLanes);
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0; d + 1 < rank; ++d)
    groups.push_back({d});
  groups.push_back({rank - 1, rank});
  return tensor::ExpandShapeOp::create(b, loc, RankedTensorType::get(shape, type.getElementType()),
                                       value, groups);
}

LogicalResult split(linalg::GenericOp g) {
  if (!g.hasPureTensorSemantics() || g.getNumDpsInits() != 1 || g.getNumReductionLoops() != 1)
    return failure();
  int64_t loops = g.getNumLoops(), k = loops - 1;
  if (g.getIteratorTypesArray().back() != utils::IteratorType::reduction)
    return failure();
  SmallVector<int64_t> ranges = g.getStaticLoopRanges();
  int64_t extent = ranges.back();
  if (ShapedType::isDynamic(extent) || extent < 2 * kLanes || extent % kLanes != 0)
    return failure();
  auto outType = dyn_cast<RankedTensorType>(g.getDpsInits()[0].getType());
  if (!outType || !isa<FloatType>(outType.getElementType()) ||
      !g.getRegion().front().getOps<linalg::IndexOp>().empty())
    return failure();
  std::optional<Combiner> combiner = matchCombiner(g);
  if (!combiner)
    return failure();
  // Every operand that reads the reduced dimension reads it last (so that it can be split),
  // through a projected permutation; the output does not read it.
  SmallVector<AffineMap> maps = g.getIndexingMapsArray();
  for (auto [i, map] : llvm::enumerate(maps)) {
    if (!map.isProjectedPermutation())
      return failure();
    bool isOutput = i + 1 == maps.size();
    for (auto [j, expr] : llvm::enumerate(map.getResults()))
      if (cast<AffineDimExpr>(expr).getPosition() == k &&
          (isOutput || j + 1 != map.getNumResults()))
        return failure();
  }

  OpBuilder b(g);
  Location loc = g.getLoc();
  MLIRContext *ctx = b.getContext();
  Type element = outType.getElementType();
  AffineExpr inner = getAffineDimExpr(loops, ctx);
  // Partial generic: loops (d0..d{k-1}, k / kLanes, kLanes), the last one parallel.
  SmallVector<Value> inputs;
  SmallVector<AffineMap> partialMaps;
  for (auto [operand, map] : llvm::zip(g.getDpsInputs(), maps)) {
    SmallVector<AffineExpr> exprs(map.getResults());
    bool reads = map.getNumResults() && exprs.back() == getAffineDimExpr(k, ctx);
    if (reads)
      exprs.push_back(inner);
    inputs.push_back(reads ? splitLast(b, loc, operand) : operand);
    partialMaps.push_back(AffineMap::get(loops + 1, 0, exprs, ctx));
  }
  SmallVector<AffineExpr> outExprs(maps.back().getResults());
  outExprs.push_back(inner);
  partialMaps.push_back(AffineMap::get(loops + 1, 0, outExprs, ctx));
  SmallVector<int64_t> partialShape(outType.getShape());
  partialShape.push_back(kLanes);
  auto partialType = RankedTensorType::get(partialShape, element);
  Value identity = arith::ConstantOp::create(b, loc, FloatAttr::get(element, combiner->identity));
  Value start =
      linalg::FillOp::create(b, loc, ValueRange{identity},
                             ValueRange{tensor::EmptyOp::create(b, loc, partialShape, element)})
          .getResult(0);
  SmallVector<utils::IteratorType> iterators = g.getIteratorTypesArray();
  iterators.push_back(utils::IteratorType::parallel);
  auto partial = linalg::GenericOp::create(b, loc, TypeRange{partialType}, inputs,
                                           ValueRange{start}, partialMaps, iterators);
  IRMapping same;
  g.getRegion().cloneInto(&partial.getRegion(), same);

  // Final generic: the output combined with its kLanes partials, in the original order of
  // the combiner's operands.
  int64_t outRank = outType.getRank();
  SmallVector<utils::IteratorType> finalIterators(outRank, utils::IteratorType::parallel);
  finalIterators.push_back(utils::IteratorType::reduction);
  AffineMap all = b.getMultiDimIdentityMap(outRank + 1);
  AffineMap dropped = AffineMap::get(outRank + 1, 0, all.getResults().drop_back(), ctx);
  bool accFirst = combiner->accFirst;
  auto final =
      linalg::GenericOp::create(b, loc, TypeRange{outType}, ValueRange{partial.getResult(0)},
                                ValueRange{g.getDpsInits()[0]}, ArrayRef<AffineMap>{all, dropped},
                                finalIterators, [&](OpBuilder &nb, Location l, ValueRange args) {
                                  IRMapping operands;
                                  Value acc = args[1], term = args[0];
                                  operands.map(combiner->op->getOperand(accFirst ? 0 : 1), acc);
                                  operands.map(combiner->op->getOperand(accFirst ? 1 : 0), term);
                                  Operation *combined = nb.clone(*combiner->op, operands);
                                  linalg::YieldOp::create(nb, l, combined->getResult(0));
                                });
  g.getResult(0).replaceAllUsesWith(final.getResult(0));
  g.erase();
  return success();
}

struct SplitReductionsPass : impl::SplitReductionsBase<SplitReductionsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> generics;
    getOperation()->walk([&](linalg::GenericOp g) { generics.push_back(g); });
    for (linalg::GenericOp g : generics)
      (void)split(g);
  }
};

} // namespace
} // namespace tfc
