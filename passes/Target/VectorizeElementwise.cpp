// The tfc-vectorize-elementwise pass: linalg ops on buffers that run along contiguous elements
// in their innermost loop (element-wise, or reducing it) become loops over 16-lane vectors.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "passes/Target/Passes.h"
#include "passes/Target/Reductions.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_VECTORIZEELEMENTWISE
#include "passes/Target/Passes.h.inc"

namespace {

/// Lanes per vector: one 512-bit register of f32 (LLVM splits it in two or four on narrower
/// targets).
constexpr int64_t kLanes = 16;
/// The shortest innermost loop that is vectorized.
constexpr int64_t kMinExtent = kLanes / 2;

/// How one operand is read in the innermost loop.
enum class Access {
  Contiguous, // its last index is the innermost loop: a vector load
  Invariant,  // the innermost loop is not among its indices: one scalar, broadcast
};

/// Element types a vector load can read the way memref stores them (i1 is one byte per
/// element in a memref, one bit per lane in a vector).
bool isVectorElement(Type type) {
  if (auto integer = dyn_cast<IntegerType>(type))
    return integer.getWidth() % 8 == 0;
  return isa<FloatType>(type);
}

/// The access of an operand with indexing map `map` and type `type`, whose innermost loop is
/// `last`; nullopt when it is neither (a transposed read, a strided last dimension).
std::optional<Access> classify(AffineMap map, Type type, unsigned last) {
  for (AffineExpr result : map.getResults())
    if (!isa<AffineDimExpr, AffineConstantExpr>(result))
      return std::nullopt;
  if (!map.isFunctionOfDim(last))
    return Access::Invariant;
  auto memref = dyn_cast<MemRefType>(type);
  if (!memref || !isVectorElement(memref.getElementType()) || !memref.isLastDimUnitStride())
    return std::nullopt;
  for (AffineExpr result : map.getResults().drop_back())
    if (result.isFunctionOfDim(last))
      return std::nullopt;
  if (map.getResults().back() != getAffineDimExpr(last, map.getContext()))
    return std::nullopt;
  return Access::Contiguous;
}

/// Whether `value` comes from outside `op` (a buffer, a constant, a function argument).
bool isOutside(linalg::GenericOp op, Value value) {
  return !op->isAncestor(value.getParentBlock()->getParentOp());
}

/// The values of a generic's body that are the same in every lane of its innermost loop
/// (`last`), computed once per vector as scalars: values from outside the op, the elements of
/// operands that the innermost loop does not index, linalg.index of outer loops, constants,
/// and side-effect-free operations (reads included) of those. A gather's row index is one:
/// it comes from an index tensor that the row's elements share.
DenseSet<Value> uniformValues(linalg::GenericOp op, ArrayRef<Access> accesses, unsigned last) {
  DenseSet<Value> uniform;
  Block &body = op.getRegion().front();
  for (OpOperand *input : op.getDpsInputOperands())
    if (accesses[input->getOperandNumber()] == Access::Invariant)
      uniform.insert(body.getArgument(input->getOperandNumber()));
  auto isUniform = [&](Value value) { return uniform.contains(value) || isOutside(op, value); };
  for (Operation &inner : body.without_terminator()) {
    bool same = false;
    if (auto index = dyn_cast<linalg::IndexOp>(inner))
      same = index.getDim() != last;
    else if (auto load = dyn_cast<memref::LoadOp>(inner))
      same = !llvm::is_contained(op.getDpsInits(), load.getMemRef()) &&
             llvm::all_of(inner.getOperands(), isUniform);
    else if (inner.getNumRegions() == 0 && isMemoryEffectFree(&inner))
      same = llvm::all_of(inner.getOperands(), isUniform);
    if (same)
      uniform.insert(inner.getResults().begin(), inner.getResults().end());
  }
  return uniform;
}

/// Whether `inner` reads a row of a buffer from outside the op along the innermost loop
/// (`last`): its last index is that loop's linalg.index, the others are uniform. One vector
/// load per step then reads the 16 lanes' elements.
bool isContiguousLoad(Operation &inner, linalg::GenericOp op, const DenseSet<Value> &uniform,
                      unsigned last) {
  auto load = dyn_cast<memref::LoadOp>(inner);
  if (!load || !isOutside(op, load.getMemRef()) ||
      !isVectorElement(load.getMemRefType().getElementType()) ||
      !load.getMemRefType().isLastDimUnitStride() || load.getIndices().empty() ||
      llvm::is_contained(op.getDpsInits(), load.getMemRef()))
    return false;
  auto index = load.getIndices().back().getDefiningOp<linalg::IndexOp>();
  if (!index || index.getDim() != last)
    return false;
  return llvm::all_of(load.getIndices().drop_back(),
                      [&](Value v) { return uniform.contains(v) || isOutside(op, v); });
}

/// Integer divisions: a masked lane would divide by zero.
bool divides(Operation *op) {
  return isa<arith::DivSIOp, arith::DivUIOp, arith::RemSIOp, arith::RemUIOp, arith::CeilDivSIOp,
             arith::CeilDivUIOp, arith::FloorDivSIOp>(op);
}

/// Whether every operation of the body has a lane-wise vector form, is uniform (computed
/// once, as a scalar) or is a contiguous load.
bool bodyVectorizes(linalg::GenericOp op, bool masked, const DenseSet<Value> &uniform,
                    unsigned last) {
  for (Operation &inner : op.getRegion().front().without_terminator()) {
    if (isa<linalg::IndexOp>(inner) ||
        (inner.getNumResults() == 1 && uniform.contains(inner.getResult(0)) &&
         inner.getResult(0).getType().isIntOrIndexOrFloat()) ||
        isContiguousLoad(inner, op, uniform, last))
      continue;
    if (!inner.hasTrait<OpTrait::Elementwise>() || !inner.hasTrait<OpTrait::Vectorizable>() ||
        inner.getNumRegions() != 0 || (masked && divides(&inner)) ||
        isa<math::IPowIOp, math::FPowIOp>(inner))
      return false;
    for (Type type : llvm::concat<Type>(inner.getOperandTypes(), inner.getResultTypes()))
      if (!type.isIntOrIndexOrFloat())
        return false;
  }
  return true;
}

/// How `op` is vectorized: the access of each operand and, for an innermost reduction, its
/// combiner.
struct Plan {
  SmallVector<Access> accesses;
  std::optional<Combiner> combiner;
  DenseSet<Value> uniform;
};

/// The plan of `op` when it can be vectorized along its innermost loop: a parallel loop
/// (each lane writes its own element of every output), or a float reduction with one
/// combiner under parallel loops only (the lanes keep 16 partial results).
std::optional<Plan> planOf(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0)
    return std::nullopt;
  unsigned last = op.getNumLoops() - 1;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  // A short innermost loop (13 tokens, 13 keys) still gains from one masked vector; below
  // half a vector, the masked lanes outweigh the work.
  if (llvm::any_of(ranges, ShapedType::isDynamic) || ranges[last] < kMinExtent)
    return std::nullopt;
  Plan plan;
  if (!linalg::isParallelIterator(iterators[last])) {
    plan.combiner = matchCombiner(op);
    if (!plan.combiner || op.getNumReductionLoops() != 1 ||
        !isa<FloatType>(getElementTypeOrSelf(op.getDpsInits()[0].getType())))
      return std::nullopt;
  }
  for (OpOperand &operand : op->getOpOperands()) {
    if (!isa<MemRefType>(operand.get().getType())) {
      if (!operand.get().getType().isIntOrIndexOrFloat())
        return std::nullopt;
      plan.accesses.push_back(Access::Invariant);
      continue;
    }
    std::optional<Access> access =
        classify(op.getMatchingIndexingMap(&operand), operand.get().getType(), last);
    if (!access || (op.isDpsInit(&operand) && !plan.combiner && *access != Access::Contiguous))
      return std::nullopt;
    plan.accesses.push_back(*access);
  }
  plan.uniform = uniformValues(op, plan.accesses, last);
  if (!bodyVectorizes(op, ranges[last] % kLanes != 0, plan.uniform, last))
    return std::nullopt;
  return plan;
}

/// The indices at which `op` reads or writes `operand`, its loops at `ivs`.
SmallVector<Value> indicesOf(OpBuilder &b, Location loc, linalg::GenericOp op, OpOperand *operand,
                             ArrayRef<Value> ivs) {
  SmallVector<Value> indices;
  for (AffineExpr result : op.getMatchingIndexingMap(operand).getResults()) {
    if (auto dim = dyn_cast<AffineDimExpr>(result))
      indices.push_back(ivs[dim.getPosition()]);
    else
      indices.push_back(
          arith::ConstantIndexOp::create(b, loc, cast<AffineConstantExpr>(result).getValue()));
  }
  return indices;
}

/// Emits `op` for the lanes [j, j + 16) of its innermost loop, its parallel loops at `ivs`:
/// the outputs' vectors, then its reduction loops (in order, so each output element sees its
/// terms in the original order) carrying them in registers, then the stores. `mask` (or
/// null) selects the lanes in range.
class LaneEmitter {
public:
  LaneEmitter(linalg::GenericOp op, const Plan &plan, ArrayRef<unsigned> reductionDims,
              ArrayRef<int64_t> ranges)
      : op(op), plan(plan), reductionDims(reductionDims), ranges(ranges) {}

  void emit(OpBuilder &b, Location loc, SmallVector<Value> ivs, Value mask) {
    Block &body = op.getRegion().front();
    SmallVector<Value> values;
    for (OpOperand &init : op.getDpsInitsMutable()) {
      // Without reduction loops, an output that the body does not read needs no load.
      if (reductionDims.empty() && body.getArgument(init.getOperandNumber()).use_empty())
        values.push_back(Value());
      else
        values.push_back(load(b, loc, init, ivs, mask));
    }
    values = nest(b, loc, ivs, reductionDims, mask, values);
    for (auto [init, value] : llvm::zip(op.getDpsInitsMutable(), values)) {
      SmallVector<Value> indices = indicesOf(b, loc, op, &init, ivs);
      if (mask)
        vector::MaskedStoreOp::create(b, loc, init.get(), indices, mask, value);
      else
        vector::StoreOp::create(b, loc, value, init.get(), indices);
    }
  }

  /// An innermost reduction's 16 partial results `partials` combined with its terms for the
  /// lanes [j, j + 16) (masked-off lanes contribute the combiner's identity).
  Value accumulate(OpBuilder &b, Location loc, ArrayRef<Value> ivs, Value mask, Value partials) {
    Operation *combine = plan.combiner->op;
    IRMapping step = lanes(b, loc, ivs, mask, {});
    Value term = lanesOf(b, loc, step, combine->getOperand(plan.combiner->accFirst ? 1 : 0));
    if (mask)
      term = arith::SelectOp::create(b, loc, mask, term, identity(b, loc));
    return combined(b, partials, term, /*vector=*/true);
  }

  /// The combiner's identity in every lane.
  Value identity(OpBuilder &b, Location loc) {
    Type element = plan.combiner->op->getResult(0).getType();
    return arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(vectorOf(element),
                               b.getFloatAttr(element, plan.combiner->identity)));
  }

  /// The combiner applied to `acc` and `term`, in its operands' order.
  Value combined(OpBuilder &b, Value acc, Value term, bool vector) {
    Operation *combine = plan.combiner->op;
    IRMapping operands;
    operands.map(combine->getOperand(plan.combiner->accFirst ? 0 : 1), acc);
    operands.map(combine->getOperand(plan.combiner->accFirst ? 1 : 0), term);
    Operation *clone = b.clone(*combine, operands);
    if (vector)
      clone->getResult(0).setType(vectorOf(clone->getResult(0).getType()));
    return clone->getResult(0);
  }

private:
  /// The reduction loops `dims` around one step of the body; returns the outputs' values.
  SmallVector<Value> nest(OpBuilder &b, Location loc, SmallVector<Value> &ivs,
                          ArrayRef<unsigned> dims, Value mask, ArrayRef<Value> values) {
    if (dims.empty()) {
      IRMapping step = lanes(b, loc, ivs, mask, values);
      return yielded(b, loc, step);
    }
    auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); };
    auto loop = scf::ForOp::create(b, loc, c(0), c(ranges[dims.front()]), c(1), values);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    ivs[dims.front()] = loop.getInductionVar();
    SmallVector<Value> carried(loop.getRegionIterArgs());
    scf::YieldOp::create(b, loc, nest(b, loc, ivs, dims.drop_front(), mask, carried));
    return SmallVector<Value>(loop.getResults());
  }

  /// The vectors of one step of the body: inputs loaded at `ivs`, outputs' current values
  /// `values` (a reduction's combiner is left out: its caller combines).
  IRMapping lanes(OpBuilder &b, Location loc, ArrayRef<Value> ivs, Value mask,
                  ArrayRef<Value> values) {
    IRMapping lanes;
    // Uniform values as scalars, broadcast only where a vector operation uses them.
    scalars.clear();
    Block &body = op.getRegion().front();
    unsigned last = ivs.size() - 1;
    for (OpOperand *input : op.getDpsInputOperands()) {
      BlockArgument arg = body.getArgument(input->getOperandNumber());
      if (arg.use_empty())
        continue;
      Value value = input->get();
      if (!isa<MemRefType>(value.getType()))
        scalars.map(arg, value);
      else if (plan.accesses[input->getOperandNumber()] == Access::Invariant)
        scalars.map(arg, memref::LoadOp::create(b, loc, value, indicesOf(b, loc, op, input, ivs)));
      else
        lanes.map(arg, load(b, loc, *input, ivs, mask));
    }
    for (auto [init, value] : llvm::zip(op.getDpsInitsMutable(), values))
      if (value)
        lanes.map(body.getArgument(init.getOperandNumber()), value);
    for (Operation &inner : body.without_terminator()) {
      if (plan.combiner && &inner == plan.combiner->op)
        continue;
      if (auto index = dyn_cast<linalg::IndexOp>(inner)) {
        // The innermost loop's lanes, unless only contiguous loads use it (they read at the
        // loop's index itself).
        if (index.getDim() != last)
          scalars.map(index.getResult(), ivs[index.getDim()]);
        else if (llvm::any_of(index->getUsers(),
                              [](Operation *user) { return !isa<memref::LoadOp>(user); }))
          lanes.map(index.getResult(), indexLanes(b, loc, last, ivs));
        continue;
      }
      if (inner.getNumResults() == 1 && plan.uniform.contains(inner.getResult(0))) {
        b.clone(inner, scalars);
        continue;
      }
      if (auto read = dyn_cast<memref::LoadOp>(inner)) {
        // A contiguous load (the plan admits no other): the row at the uniform indices.
        SmallVector<Value> indices;
        for (Value index : read.getIndices().drop_back())
          indices.push_back(scalars.lookupOrDefault(index));
        indices.push_back(ivs[last]);
        VectorType type = vectorOf(read.getType());
        Value row =
            mask ? vector::MaskedLoadOp::create(
                       b, loc, type, read.getMemRef(), indices, mask,
                       arith::ConstantOp::create(b, loc, b.getZeroAttr(type)))
                       .getResult()
                 : vector::LoadOp::create(b, loc, type, read.getMemRef(), indices).getResult();
        lanes.map(read.getResult(), row);
        continue;
      }
      // A clone keeps the operation's properties (fast-math flags, predicates); only its
      // types change.
      for (Value operand : inner.getOperands())
        lanes.map(operand, lanesOf(b, loc, lanes, operand));
      Operation *vector = b.clone(inner, lanes);
      for (OpResult result : vector->getResults())
        result.setType(vectorOf(result.getType()));
    }
    return lanes;
  }

  /// The vectors that the body yields.
  SmallVector<Value> yielded(OpBuilder &b, Location loc, IRMapping &lanes) {
    SmallVector<Value> results;
    for (Value value : cast<linalg::YieldOp>(op.getRegion().front().getTerminator()).getValues())
      results.push_back(lanesOf(b, loc, lanes, value));
    return results;
  }

  /// The vector of a contiguous operand at `ivs`; masked-off lanes read as zero.
  Value load(OpBuilder &b, Location loc, OpOperand &operand, ArrayRef<Value> ivs, Value mask) {
    Type element = cast<MemRefType>(operand.get().getType()).getElementType();
    VectorType type = vectorOf(element);
    SmallVector<Value> indices = indicesOf(b, loc, op, &operand, ivs);
    if (!mask)
      return vector::LoadOp::create(b, loc, type, operand.get(), indices);
    Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(type));
    return vector::MaskedLoadOp::create(b, loc, type, operand.get(), indices, mask, zero);
  }

  VectorType vectorOf(Type scalar) { return VectorType::get({kLanes}, scalar); }

  Value splat(OpBuilder &b, Location loc, Value scalar) {
    return vector::BroadcastOp::create(b, loc, vectorOf(scalar.getType()), scalar);
  }

  /// The vector of `value`: mapped when the body computes it per lane, else a broadcast of
  /// its scalar (a uniform value of the body, or one from outside).
  Value lanesOf(OpBuilder &b, Location loc, IRMapping &lanes, Value value) {
    if (Value mapped = lanes.lookupOrNull(value))
      return mapped;
    Value vector = splat(b, loc, scalars.lookupOrDefault(value));
    lanes.map(value, vector);
    return vector;
  }

  /// linalg.index of loop `dim`: the same index in every lane, or j, j + 1, ... for the
  /// innermost loop.
  Value indexLanes(OpBuilder &b, Location loc, unsigned dim, ArrayRef<Value> ivs) {
    Value base = splat(b, loc, ivs[dim]);
    if (dim + 1 != ivs.size())
      return base;
    Value step = vector::StepOp::create(b, loc, vectorOf(b.getIndexType()));
    return arith::AddIOp::create(b, loc, base, step);
  }

  linalg::GenericOp op;
  const Plan &plan;
  ArrayRef<unsigned> reductionDims;
  ArrayRef<int64_t> ranges;
  /// The scalars of the uniform values in the step being emitted.
  IRMapping scalars;
};

/// The maxnum (or minnum) of `v`'s lanes, combined by halves: 16 -> 8 -> 4 -> 2 -> 1. Both
/// skip NaN and are exact, so the order changes at most the sign of a zero result; LLVM
/// expands vector.reduction of them one lane at a time, each with a NaN test (a softmax
/// row's maximum spent more on that than on the row).
Value combineByHalves(OpBuilder &b, Location loc, Value v, bool isMax) {
  for (int64_t n = cast<VectorType>(v.getType()).getNumElements(); n > 1; n /= 2) {
    SmallVector<int64_t> low, high;
    for (int64_t i = 0; i < n / 2; ++i) {
      low.push_back(i);
      high.push_back(n / 2 + i);
    }
    Value lo = vector::ShuffleOp::create(b, loc, v, v, low);
    Value hi = vector::ShuffleOp::create(b, loc, v, v, high);
    v = isMax ? arith::MaxNumFOp::create(b, loc, lo, hi).getResult()
              : arith::MinNumFOp::create(b, loc, lo, hi).getResult();
  }
  return vector::ExtractOp::create(b, loc, v, ArrayRef<int64_t>{0});
}

/// Replaces `op` with a parallel loop over its other parallel loops, in it a loop over whole
/// vectors of the innermost loop and one masked vector for the remainder (a one-loop op: the
/// parallel loop is over the whole vectors). An innermost reduction keeps 16 partial results
/// in the lanes, then combines them (in a tree for sums and products) into its output.
void vectorize(linalg::GenericOp op, const Plan &plan) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  unsigned last = ranges.size() - 1;
  int64_t whole = ranges[last] / kLanes * kLanes, rest = ranges[last] - whole;
  auto constant = [&](int64_t value) { return arith::ConstantIndexOp::create(b, loc, value); };
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<Value> ivs(ranges.size());
  SmallVector<unsigned> parallel, reduction;
  for (unsigned d = 0; d < last; ++d)
    (linalg::isParallelIterator(iterators[d]) ? parallel : reduction).push_back(d);
  Value mask;
  if (rest > 0)
    mask = vector::ConstantMaskOp::create(b, loc, VectorType::get({kLanes}, b.getI1Type()), {rest});

  LaneEmitter emitter(op, plan, reduction, ranges);
  if (!parallel.empty()) {
    SmallVector<Value> lbs, ubs, steps;
    for (unsigned d : parallel) {
      lbs.push_back(constant(0));
      ubs.push_back(constant(ranges[d]));
      steps.push_back(constant(1));
    }
    auto loop = scf::ParallelOp::create(b, loc, lbs, ubs, steps);
    for (auto [d, iv] : llvm::zip(parallel, loop.getInductionVars()))
      ivs[d] = iv;
    b.setInsertionPointToStart(loop.getBody());
  }
  if (!plan.combiner) {
    if (whole > 0) {
      // A one-loop op has no other parallel loop: the thread pool splits its whole vectors.
      Block *body =
          last == 0
              ? scf::ParallelOp::create(b, loc, ValueRange{constant(0)},
                                        ValueRange{constant(whole)}, ValueRange{constant(kLanes)})
                    .getBody()
              : scf::ForOp::create(b, loc, constant(0), constant(whole), constant(kLanes))
                    .getBody();
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(body);
      ivs[last] = body->getArgument(0);
      emitter.emit(b, loc, ivs, Value());
    }
    if (rest > 0) {
      ivs[last] = constant(whole);
      emitter.emit(b, loc, ivs, mask);
    }
    op.erase();
    return;
  }
  Value partials = emitter.identity(b, loc);
  if (whole > 0) {
    auto loop = scf::ForOp::create(b, loc, constant(0), constant(whole), constant(kLanes),
                                   ValueRange{partials});
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      ivs[last] = loop.getInductionVar();
      scf::YieldOp::create(b, loc,
                           emitter.accumulate(b, loc, ivs, Value(), loop.getRegionIterArgs()[0]));
    }
    partials = loop.getResult(0);
  }
  if (rest > 0) {
    ivs[last] = constant(whole);
    partials = emitter.accumulate(b, loc, ivs, mask, partials);
  }
  vector::CombiningKind kind = plan.combiner->kind;
  bool exact = kind != vector::CombiningKind::ADD && kind != vector::CombiningKind::MUL;
  bool numeric = kind == vector::CombiningKind::MAXNUMF || kind == vector::CombiningKind::MINNUMF;
  Value total = numeric ? combineByHalves(b, loc, partials, kind == vector::CombiningKind::MAXNUMF)
                        : vector::ReductionOp::create(b, loc, kind, partials,
                                                      exact ? arith::FastMathFlags::none
                                                            : arith::FastMathFlags::reassoc);
  OpOperand &init = op.getDpsInitsMutable()[0];
  SmallVector<Value> indices = indicesOf(b, loc, op, &init, ivs);
  Value acc = memref::LoadOp::create(b, loc, init.get(), indices);
  memref::StoreOp::create(b, loc, emitter.combined(b, acc, total, /*vector=*/false), init.get(),
                          indices);
  op.erase();
}

struct VectorizeElementwisePass : impl::VectorizeElementwiseBase<VectorizeElementwisePass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<linalg::LinalgOp> candidates;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (isa<linalg::GenericOp, linalg::TransposeOp, linalg::CopyOp, linalg::BroadcastOp,
              linalg::FillOp>(op))
        candidates.push_back(op);
    });
    for (linalg::LinalgOp candidate : candidates) {
      auto generic = dyn_cast<linalg::GenericOp>(candidate.getOperation());
      if (!generic) {
        // Named copies (transposes, broadcasts) and fills as generics: the same loops when
        // they do not vectorize. (Left to LLVM, the fill of a reduction's 16 partials per
        // row, 128 x 16, became scatters across the rows.)
        rewriter.setInsertionPoint(candidate);
        FailureOr<linalg::GenericOp> general = linalg::generalizeNamedOp(rewriter, candidate);
        if (failed(general))
          continue;
        generic = *general;
      }
      if (std::optional<Plan> plan = planOf(generic))
        vectorize(generic, *plan);
    }
  }
};

} // namespace
} // namespace tfc
