// Lowering of tfc.attention to the tiled online softmax of FlashAttention: queries in blocks
// of kQueryBlock rows, keys in blocks of kKeyBlock (more when there are fewer queries, within
// a tile of kScoreTile scores); each key block computes a tile of scores with linalg.matmul
// (a single query: its dot products with the key rows), folds it into the running row maximum
// m, row sum l and output block O (rescaling them when the maximum grows) and adds its
// probabilities times V to O with a second linalg.matmul. The score tile has a fixed size, so
// memory stays linear in the sequence length, and both products reach the CPU matmul
// micro-kernel once bufferized.
#include "dialect/TFC/TFCOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "passes/Conversion/TFCToLinalg/LoweringUtils.h"
#include "passes/Conversion/TFCToLinalg/TFCToLinalg.h"
#include <limits>

using namespace mlir;

namespace tfc {
namespace {

// 128 x 256 f32 scores (128 KiB) stay in L2 next to the K and V blocks they are built from.
constexpr int64_t kQueryBlock = 128, kKeyBlock = 256;
/// Scores one key block may hold: fewer queries (a decode step has one) take more keys per
/// block, up to all of them, which keeps the probabilities' normalization before P V.
constexpr int64_t kScoreTile = kQueryBlock * kKeyBlock;

Value indexConstant(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// The most negative finite value of float type `f`: the running maximum starts there, not
/// at -inf, so that a key block whose scores are all -inf (masked) rescales by
/// exp(lowest - lowest) = 1 instead of exp(-inf - -inf) = NaN.
Value lowestConstant(OpBuilder &b, Location loc, Type f) {
  auto type = cast<FloatType>(f);
  return arith::ConstantOp::create(
      b, loc,
      FloatAttr::get(type, APFloat::getLargest(type.getFloatSemantics(), /*Negative=*/true)));
}

using BlockBody =
    function_ref<SmallVector<Value>(OpBuilder &, Location, Value, int64_t, ValueRange)>;

/// Runs `body(offset, size, state)` over [0, total) in blocks of `block`: an scf.for over the
/// whole blocks (a plain call when there is only one), then one call for the remainder, so
/// every block has a static size. With `limit` (an index), blocks starting at or past it are
/// skipped: the loop stops at the first block boundary at or above `limit`, and the
/// remainder runs under an scf.if. (The first block always runs.)
SmallVector<Value> overBlocks(OpBuilder &b, Location loc, int64_t total, int64_t block,
                              ValueRange init, BlockBody body, Value limit = {}) {
  SmallVector<Value> state(init);
  int64_t whole = total / block, tail = total % block;
  if (whole == 1) {
    state = body(b, loc, indexConstant(b, loc, 0), block, state);
  } else if (whole > 1) {
    Value end = indexConstant(b, loc, whole * block);
    if (limit) {
      // min(whole * block, ceil(limit / block) * block)
      Value blocks = arith::CeilDivSIOp::create(b, loc, limit, indexConstant(b, loc, block));
      Value rounded = arith::MulIOp::create(b, loc, blocks, indexConstant(b, loc, block));
      end = arith::MinSIOp::create(b, loc, end, rounded);
    }
    auto loop =
        scf::ForOp::create(b, loc, indexConstant(b, loc, 0), end, indexConstant(b, loc, block),
                           state, [&](OpBuilder &nb, Location l, Value iv, ValueRange args) {
                             scf::YieldOp::create(nb, l, body(nb, l, iv, block, args));
                           });
    state.assign(loop.getResults().begin(), loop.getResults().end());
  }
  if (!tail)
    return state;
  Value offset = indexConstant(b, loc, whole * block);
  if (!limit || whole == 0)
    return body(b, loc, offset, tail, state);
  Value needed = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, limit, offset);
  auto guarded = scf::IfOp::create(
      b, loc, needed,
      [&](OpBuilder &tb, Location l) {
        scf::YieldOp::create(tb, l, body(tb, l, offset, tail, state));
      },
      [&](OpBuilder &eb, Location l) { scf::YieldOp::create(eb, l, state); });
  return SmallVector<Value>(guarded.getResults().begin(), guarded.getResults().end());
}

/// Offsets, sizes and unit strides of the [rows, cols] block at (row, col) of the matrix
/// [lead..., :, :] of a rank-`rank` tensor. `lead` ends with the head; in a sequence-first
/// tensor ([..., S, H, D]) the head's dimension follows the rows', which then have a
/// stride of H * D.
struct Block {
  SmallVector<OpFoldResult> offsets, sizes, strides;
  Block(OpBuilder &b, int64_t rank, ValueRange lead, OpFoldResult row, int64_t rows,
        OpFoldResult col, int64_t cols, bool sequenceFirst = false)
      : offsets(getAsOpFoldResult(lead)), sizes(rank, b.getIndexAttr(1)),
        strides(rank, b.getIndexAttr(1)) {
    offsets.push_back(row);
    offsets.push_back(col);
    sizes[rank - 2] = b.getIndexAttr(rows);
    sizes[rank - 1] = b.getIndexAttr(cols);
    if (sequenceFirst) {
      std::swap(offsets[rank - 3], offsets[rank - 2]);
      std::swap(sizes[rank - 3], sizes[rank - 2]);
    }
  }
};

/// The block of `tensor` as a 2-D tensor.
Value extractBlock(OpBuilder &b, Location loc, Value tensor, ValueRange lead, OpFoldResult row,
                   int64_t rows, OpFoldResult col, int64_t cols, bool sequenceFirst = false) {
  auto type = cast<RankedTensorType>(tensor.getType());
  Block block(b, type.getRank(), lead, row, rows, col, cols, sequenceFirst);
  return tensor::ExtractSliceOp::create(b, loc,
                                        RankedTensorType::get({rows, cols}, type.getElementType()),
                                        tensor, block.offsets, block.sizes, block.strides);
}

/// A linalg.generic over `outputs` (their shape is the iteration space unless `reduce`, in
/// which case the space is the 2-D `inputs[0]` and the 1-D outputs keep its rows).
Operation *buildGeneric(OpBuilder &b, Location loc, ValueRange inputs,
                        ArrayRef<AffineMap> inputMaps, ValueRange outputs, bool reduce,
                        function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> body) {
  auto outType = cast<RankedTensorType>(outputs.front().getType());
  int64_t dims = reduce ? 2 : outType.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  AffineMap outMap =
      reduce ? AffineMap::get(2, 0, b.getAffineDimExpr(0)) : b.getMultiDimIdentityMap(dims);
  maps.append(outputs.size(), outMap);
  SmallVector<utils::IteratorType> iterators(dims, utils::IteratorType::parallel);
  if (reduce)
    iterators.back() = utils::IteratorType::reduction;
  return linalg::GenericOp::create(b, loc, outputs.getTypes(), inputs, outputs, maps, iterators,
                                   [&](OpBuilder &nb, Location l, ValueRange args) {
                                     linalg::YieldOp::create(nb, l, body(nb, l, args));
                                   });
}

struct AttentionLowering : OpConversionPattern<AttentionOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(AttentionOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value q = adaptor.getQuery(), k = adaptor.getKey(), v = adaptor.getValue(),
          mask = adaptor.getMask();
    auto qType = cast<RankedTensorType>(q.getType());
    RankedTensorType outType = convertedType(getTypeConverter(), op.getType());
    Type f = qType.getElementType();
    MLIRContext *ctx = rewriter.getContext();
    bool seqFirst = op.getSequenceFirst();
    int64_t rank = qType.getRank(), seqDim = op.getSequenceDim(), headDim = op.getHeadDim();
    int64_t s = qType.getDimSize(seqDim), d = qType.getDimSize(rank - 1),
            t = staticShape(k)[seqDim], dv = outType.getDimSize(rank - 1);
    double scale = op.getScale().convertToDouble();
    bool causal = op.getCausal(), zeroMaskedRows = op.getZeroMaskedRows();
    int64_t keysPerBlock =
        std::max(kKeyBlock, kScoreTile / std::max<int64_t>(std::min(s, kQueryBlock), 1));
    bool singleKeyBlock = t <= keysPerBlock;
    // x / sum of a row. The sum is 0 only when every score was -inf (the row's maximum gives
    // exp(0) = 1 otherwise): 0 / 0, unless such rows output 0.
    auto normalized = [&](OpBuilder &eb, Location el, Value x, Value sum) -> Value {
      Value y = arith::DivFOp::create(eb, el, x, sum);
      if (!zeroMaskedRows)
        return y;
      Value zero = scalarConstant(eb, el, f, 0.0);
      Value empty = arith::CmpFOp::create(eb, el, arith::CmpFPredicate::OEQ, sum, zero);
      return arith::SelectOp::create(eb, el, empty, zero, y);
    };
    AffineMap id2 = rewriter.getMultiDimIdentityMap(2), id1 = rewriter.getMultiDimIdentityMap(1);
    AffineMap rowMap = AffineMap::get(2, 0, rewriter.getAffineDimExpr(0), ctx);

    // One query (a decode step): each score is a dot product of the query with a key row,
    // reduced along the keys' contiguous rows, so K needs no transpose. Transposing it copied
    // the whole key cache: ~7% of GPT-2's step with 513 tokens.
    bool singleQuery = s == 1;
    // Otherwise K^T once, [..., Hkv, D, T] in either layout, so that the score products read
    // rows of unit stride.
    Value kt;
    if (!singleQuery) {
      SmallVector<int64_t> perm;
      for (int64_t i = 0; i < rank; ++i)
        if (i != seqDim)
          perm.push_back(i);
      perm.push_back(seqDim);
      SmallVector<int64_t> ktShape;
      for (int64_t i : perm)
        ktShape.push_back(staticShape(k)[i]);
      kt =
          linalg::TransposeOp::create(
              rewriter, loc, k, emptyTensor(rewriter, loc, RankedTensorType::get(ktShape, f)), perm)
              .getResult()[0];
    }

    // One key block: scores, the online-softmax update, and O += P V.
    auto keyBlock = [&](OpBuilder &b, Location l, ValueRange lead, ValueRange kvLead, Value qBlock,
                        Value qOff, int64_t qs, Value kOff, int64_t ks,
                        ValueRange state) -> SmallVector<Value> {
      Value o = state[0], m = state[1], sum = state[2];
      Value ktBlock =
          singleQuery ? Value() : extractBlock(b, l, kt, kvLead, b.getIndexAttr(0), d, kOff, ks);
      Value vBlock = extractBlock(b, l, v, kvLead, kOff, ks, b.getIndexAttr(0), dv, seqFirst);
      auto scoreType = RankedTensorType::get({qs, ks}, f);
      SmallVector<Value> maskIn;
      SmallVector<AffineMap> maskMaps;
      if (mask) {
        // The mask broadcasts to [lead..., s, t]: its size-1 dimensions are read at 0.
        ArrayRef<int64_t> mShape = staticShape(mask);
        int64_t first = rank - static_cast<int64_t>(mShape.size());
        SmallVector<OpFoldResult> offsets, sizes, strides;
        SmallVector<AffineExpr> exprs;
        for (auto [j, size] : llvm::enumerate(mShape)) {
          int64_t dim = first + static_cast<int64_t>(j);
          bool stretched = size == 1;
          OpFoldResult offset = b.getIndexAttr(0);
          int64_t extent = 1;
          AffineExpr expr = b.getAffineConstantExpr(0);
          if (dim < rank - 2 && !stretched) {
            offset = lead[dim];
          } else if (dim >= rank - 2 && !stretched) {
            bool rows = dim == rank - 2;
            offset = rows ? qOff : kOff;
            extent = rows ? qs : ks;
            expr = b.getAffineDimExpr(rows ? 0 : 1);
          }
          offsets.push_back(offset);
          sizes.push_back(b.getIndexAttr(extent));
          strides.push_back(b.getIndexAttr(1));
          exprs.push_back(expr);
        }
        SmallVector<int64_t> tileShape;
        for (OpFoldResult size : sizes)
          tileShape.push_back(*getConstantIntValue(size));
        Type maskElement = cast<RankedTensorType>(mask.getType()).getElementType();
        maskIn.push_back(tensor::ExtractSliceOp::create(
            b, l, RankedTensorType::get(tileShape, maskElement), mask, offsets, sizes, strides));
        maskMaps.push_back(AffineMap::get(2, 0, exprs, ctx));
      }
      // Without a scale, a float mask starts the product's accumulation, as the unfused path
      // folds a bias into its matmul (the same rounding: m + sum, not sum + m).
      bool maskFirst =
          mask && !isa<IntegerType>(getElementTypeOrSelf(mask.getType())) && scale == 1.0;
      Value init = maskFirst
                       ? buildGeneric(b, l, maskIn, maskMaps,
                                      ValueRange{emptyTensor(b, l, scoreType)}, /*reduce=*/false,
                                      [](OpBuilder &, Location,
                                         ValueRange e) -> SmallVector<Value> { return {e[0]}; })
                             ->getResult(0)
                       : filledTensor(b, l, scoreType, 0.0);
      Value scores;
      if (singleQuery) {
        // scores[i, j] = init[i, j] + sum over r of q[i, r] k[j, r]
        Value kBlock = extractBlock(b, l, k, kvLead, kOff, ks, b.getIndexAttr(0), d, seqFirst);
        auto dim = [&](unsigned i) { return b.getAffineDimExpr(i); };
        SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {dim(0), dim(2)}, ctx),
                                       AffineMap::get(3, 0, {dim(1), dim(2)}, ctx),
                                       AffineMap::get(3, 0, {dim(0), dim(1)}, ctx)};
        SmallVector<utils::IteratorType> iterators = {utils::IteratorType::parallel,
                                                      utils::IteratorType::parallel,
                                                      utils::IteratorType::reduction};
        scores = linalg::GenericOp::create(
                     b, l, scoreType, ValueRange{qBlock, kBlock}, ValueRange{init}, maps, iterators,
                     [](OpBuilder &nb, Location nl, ValueRange e) {
                       Value product = arith::MulFOp::create(nb, nl, e[0], e[1]);
                       linalg::YieldOp::create(
                           nb, nl, ValueRange{arith::AddFOp::create(nb, nl, e[2], product)});
                     })
                     .getResult(0);
      } else {
        scores = linalg::MatmulOp::create(b, l, ValueRange{qBlock, ktBlock}, ValueRange{init})
                     .getResult(0);
      }
      if (maskFirst) {
        maskIn.clear();
        maskMaps.clear();
      }
      // scale, mask and causal limit, in place on the scores.
      scores =
          buildGeneric(
              b, l, maskIn, maskMaps, ValueRange{scores}, /*reduce=*/false,
              [&](OpBuilder &eb, Location el, ValueRange e) -> SmallVector<Value> {
                Value x = arith::MulFOp::create(eb, el, e.back(), scalarConstant(eb, el, f, scale));
                if (!maskIn.empty() && e[0].getType().isInteger(1))
                  x = arith::SelectOp::create(
                      eb, el, e[0], x,
                      scalarConstant(eb, el, f, -std::numeric_limits<double>::infinity()));
                else if (!maskIn.empty())
                  x = arith::AddFOp::create(eb, el, x, e[0]);
                if (causal) {
                  // Query row i sees keys up to i + t - s.
                  Value row =
                      arith::AddIOp::create(eb, el, linalg::IndexOp::create(eb, el, 0), qOff);
                  Value col =
                      arith::AddIOp::create(eb, el, linalg::IndexOp::create(eb, el, 1), kOff);
                  Value limit = arith::AddIOp::create(eb, el, row, indexConstant(eb, el, t - s));
                  Value visible =
                      arith::CmpIOp::create(eb, el, arith::CmpIPredicate::sle, col, limit);
                  x = arith::SelectOp::create(
                      eb, el, visible, x,
                      scalarConstant(eb, el, f, -std::numeric_limits<double>::infinity()));
                }
                return {x};
              })
              ->getResult(0);
      auto rowType = RankedTensorType::get({qs}, f);
      // maxnumf (skips NaN) vectorizes more cheaply than maximumf, and the output is the
      // same: a NaN score makes its probability, so the row's sum and outputs, NaN anyway.
      Value rowMax = buildReduction(b, l, scores, {1}, lowestConstant(b, l, f),
                                    [](OpBuilder &eb, Location el, Value acc, Value x) -> Value {
                                      return arith::MaxNumFOp::create(eb, el, acc, x);
                                    });
      // m' = max(m, rowmax), c = exp(m - m'), l' = l c: the old state shrinks by c. A single
      // key block starts from m = lowest and l = 0: m' is the row maximum itself (which
      // starts at lowest too) and l' is 0, so it needs no update.
      Value mNew = rowMax, corr, sumScaled = sum;
      if (!singleKeyBlock) {
        Operation *update = buildGeneric(
            b, l, rowMax, {id1}, ValueRange{m, sum, emptyTensor(b, l, rowType)},
            /*reduce=*/false, [&](OpBuilder &eb, Location el, ValueRange e) -> SmallVector<Value> {
              Value mNew = arith::MaximumFOp::create(eb, el, e[1], e[0]);
              Value c = math::ExpOp::create(eb, el, arith::SubFOp::create(eb, el, e[1], mNew));
              return {mNew, arith::MulFOp::create(eb, el, e[2], c), c};
            });
        mNew = update->getResult(0);
        sumScaled = update->getResult(1);
        corr = update->getResult(2);
      }
      Value probs =
          buildGeneric(
              b, l, mNew, {rowMap}, ValueRange{scores}, /*reduce=*/false,
              [&](OpBuilder &eb, Location el, ValueRange e) -> SmallVector<Value> {
                return {math::ExpOp::create(eb, el, arith::SubFOp::create(eb, el, e[1], e[0]))};
              })
              ->getResult(0);
      Value sumNew =
          buildGeneric(b, l, probs, {id2}, ValueRange{sumScaled}, /*reduce=*/true,
                       [&](OpBuilder &eb, Location el, ValueRange e) -> SmallVector<Value> {
                         return {arith::AddFOp::create(eb, el, e[1], e[0])};
                       })
              ->getResult(0);
      // With one key block, O is still the zeros it started as: nothing to rescale, and
      // P V then starts from the zero fill itself (the micro-kernel writes C without
      // reading it). A NaN score makes the row NaN through P V either way.
      Value oScaled =
          singleKeyBlock
              ? o
              : buildGeneric(b, l, corr, {rowMap}, ValueRange{o}, /*reduce=*/false,
                             [&](OpBuilder &eb, Location el, ValueRange e) -> SmallVector<Value> {
                               return {arith::MulFOp::create(eb, el, e[1], e[0])};
                             })
                    ->getResult(0);
      // One key block holds every key: the probabilities are final, and normalizing them
      // before P V (as softmax then matmul do) rounds as the unfused path does.
      if (singleKeyBlock)
        probs = buildGeneric(b, l, sumNew, {rowMap}, ValueRange{probs}, /*reduce=*/false,
                             [&](OpBuilder &eb, Location el, ValueRange e) -> SmallVector<Value> {
                               return {normalized(eb, el, e[1], e[0])};
                             })
                    ->getResult(0);
      Value oNew = linalg::MatmulOp::create(b, l, ValueRange{probs, vBlock}, ValueRange{oScaled})
                       .getResult(0);
      return {oNew, mNew, sumNew};
    };

    // One query block: all key blocks, then O / l into the result.
    auto queryBlock = [&](OpBuilder &b, Location l, ValueRange lead, ValueRange kvLead, Value qOff,
                          int64_t qs, Value out) -> Value {
      Value qBlock = extractBlock(b, l, q, lead, qOff, qs, b.getIndexAttr(0), d, seqFirst);
      auto rowType = RankedTensorType::get({qs}, f);
      SmallVector<Value> init = {filledTensor(b, l, RankedTensorType::get({qs, dv}, f), 0.0),
                                 linalg::FillOp::create(b, l, ValueRange{lowestConstant(b, l, f)},
                                                        ValueRange{emptyTensor(b, l, rowType)})
                                     .getResult(0),
                                 filledTensor(b, l, rowType, 0.0)};
      // Causal: the block's last query sees keys up to qOff + qs - 1 + t - s; later key
      // blocks are masked entirely and skipped.
      Value limit;
      if (causal)
        limit = arith::AddIOp::create(b, l, qOff, indexConstant(b, l, qs + t - s));
      SmallVector<Value> state = overBlocks(
          b, l, t, keysPerBlock, init,
          [&](OpBuilder &kb, Location kl, Value kOff, int64_t ks, ValueRange st) {
            return keyBlock(kb, kl, lead, kvLead, qBlock, qOff, qs, kOff, ks, st);
          },
          limit);
      // O / l, unless the single key block normalized the probabilities already.
      Value result =
          singleKeyBlock
              ? state[0]
              : buildGeneric(b, l, state[2], {rowMap}, ValueRange{state[0]}, /*reduce=*/false,
                             [&](OpBuilder &eb, Location el, ValueRange e) -> SmallVector<Value> {
                               return {normalized(eb, el, e[1], e[0])};
                             })
                    ->getResult(0);
      Block block(b, 2, {}, qOff, qs, b.getIndexAttr(0), dv);
      return tensor::InsertSliceOp::create(b, l, result, out, block.offsets, block.sizes,
                                           block.strides);
    };

    // One head: every query block, into `headOut` ([s, dv]).
    auto oneHead = [&](ValueRange lead, ValueRange kvLead, Value headOut) -> Value {
      return overBlocks(rewriter, loc, s, kQueryBlock, headOut,
                        [&](OpBuilder &qb, Location ql, Value qOff, int64_t qs,
                            ValueRange out) -> SmallVector<Value> {
                          return {queryBlock(qb, ql, lead, kvLead, qOff, qs, out[0])};
                        })
          .front();
    };
    if (rank == 2) {
      rewriter.replaceOp(op, oneHead({}, {}, emptyTensor(rewriter, loc, outType)));
      return success();
    }
    // Heads (and batch rows) are independent: an scf.forall, which the CPU pipeline runs on
    // the thread pool. Each head writes its own slice of the result in place.
    SmallVector<OpFoldResult> heads;
    for (int64_t i = 0; i < rank - 1; ++i)
      if (i != seqDim)
        heads.push_back(rewriter.getIndexAttr(outType.getDimSize(i)));
    auto forall = scf::ForallOp::create(
        rewriter, loc, heads, ValueRange{emptyTensor(rewriter, loc, outType)}, std::nullopt);
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(forall.getBody());
      SmallVector<Value> lead = forall.getInductionVars();
      // Grouped-query attention: query head h reads key/value head h / group.
      SmallVector<Value> kvLead(lead);
      int64_t group = qType.getDimSize(headDim) / staticShape(k)[headDim];
      if (group > 1)
        kvLead[rank - 3] = arith::DivUIOp::create(rewriter, loc, lead[rank - 3],
                                                  indexConstant(rewriter, loc, group));
      Value shared = forall.getRegionIterArgs()[0];
      Value head = oneHead(lead, kvLead,
                           extractBlock(rewriter, loc, shared, lead, rewriter.getIndexAttr(0), s,
                                        rewriter.getIndexAttr(0), dv, seqFirst));
      rewriter.setInsertionPointToStart(forall.getTerminator().getBody());
      Block block(rewriter, rank, lead, rewriter.getIndexAttr(0), s, rewriter.getIndexAttr(0), dv,
                  seqFirst);
      tensor::ParallelInsertSliceOp::create(rewriter, loc, head, shared, block.offsets, block.sizes,
                                            block.strides);
    }
    rewriter.replaceOp(op, forall.getResults());
    return success();
  }
};

} // namespace

void populateAttentionLoweringPatterns(const TypeConverter &converter,
                                       RewritePatternSet &patterns) {
  patterns.add<AttentionLowering>(converter, patterns.getContext());
}

} // namespace tfc
