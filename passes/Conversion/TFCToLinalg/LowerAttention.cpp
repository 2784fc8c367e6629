// Lowering of tfc.attention to the online softmax of FlashAttention: for each query row, one
// pass over the keys keeps the running maximum m, the running sum l and the running output
// row, rescaling them when the maximum grows. Memory is linear in the sequence length: the
// S x T score matrix is never built.
#include "dialect/TFC/TFCOps.h"
#include "passes/Conversion/TFCToLinalg/LoweringUtils.h"
#include "passes/Conversion/TFCToLinalg/TFCToLinalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include <limits>

using namespace mlir;

namespace tfc {
namespace {

Value indexConstant(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// A loop 0..n carrying `init`; `body(iv, args)` returns the next values.
scf::ForOp counted(OpBuilder &b, Location loc, int64_t n, ValueRange init,
                   function_ref<SmallVector<Value>(OpBuilder &, Location, Value, ValueRange)>
                       body) {
  return scf::ForOp::create(
      b, loc, indexConstant(b, loc, 0), indexConstant(b, loc, n), indexConstant(b, loc, 1),
      init, [&](OpBuilder &nb, Location l, Value iv, ValueRange args) {
        scf::YieldOp::create(nb, l, body(nb, l, iv, args));
      });
}

/// The row [lead..., row, :] of a [..., rows, cols] tensor, as a 1-D tensor.
Value rowOf(OpBuilder &b, Location loc, Value tensor, ValueRange lead, Value row) {
  auto type = cast<RankedTensorType>(tensor.getType());
  int64_t rank = type.getRank(), cols = type.getDimSize(rank - 1);
  SmallVector<OpFoldResult> offsets(lead.begin(), lead.end()), sizes(rank, b.getIndexAttr(1)),
      strides(rank, b.getIndexAttr(1));
  offsets.push_back(row);
  offsets.push_back(b.getIndexAttr(0));
  sizes.back() = b.getIndexAttr(cols);
  auto rowType = RankedTensorType::get({cols}, type.getElementType());
  return tensor::ExtractSliceOp::create(b, loc, rowType, tensor, offsets, sizes, strides);
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
    int64_t rank = qType.getRank(), s = qType.getDimSize(rank - 2),
            d = qType.getDimSize(rank - 1), t = staticShape(k)[rank - 2],
            dv = outType.getDimSize(rank - 1);
    double scale = op.getScale().convertToDouble();
    bool causal = op.getCausal();
    auto rowType = RankedTensorType::get({dv}, f);
    SmallVector<Value> lbs, ubs, steps;
    for (int64_t i = 0; i < rank - 1; ++i) {
      lbs.push_back(indexConstant(rewriter, loc, 0));
      ubs.push_back(indexConstant(rewriter, loc, outType.getDimSize(i)));
      steps.push_back(indexConstant(rewriter, loc, 1));
    }
    Value init = emptyTensor(rewriter, loc, outType);
    scf::LoopNest rows = scf::buildLoopNest(
        rewriter, loc, lbs, ubs, steps, ValueRange{init},
        [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange args) -> scf::ValueVector {
          ValueRange lead = ivs.drop_back();
          Value si = ivs.back();
          Value qRow = rowOf(b, l, q, lead, si);
          Value lowest = scalarConstant(b, l, f, std::numeric_limits<double>::lowest());
          Value zero = scalarConstant(b, l, f, 0.0);
          Value acc0 = linalg::FillOp::create(b, l, ValueRange{zero},
                                              ValueRange{emptyTensor(b, l, rowType)})
                           .getResult(0);
          scf::ForOp keys = counted(
              b, l, t, ValueRange{lowest, zero, acc0},
              [&](OpBuilder &kb, Location kl, Value ti, ValueRange st) -> SmallVector<Value> {
                Value kRow = rowOf(kb, kl, k, lead, ti);
                scf::ForOp dot = counted(
                    kb, kl, d, ValueRange{scalarConstant(kb, kl, f, 0.0)},
                    [&](OpBuilder &db, Location dl, Value di, ValueRange sum) {
                      Value a = tensor::ExtractOp::create(db, dl, qRow, di);
                      Value c = tensor::ExtractOp::create(db, dl, kRow, di);
                      return SmallVector<Value>{arith::AddFOp::create(
                          db, dl, sum[0], arith::MulFOp::create(db, dl, a, c))};
                    });
                Value score = arith::MulFOp::create(kb, kl, dot.getResult(0),
                                                    scalarConstant(kb, kl, f, scale));
                if (mask) {
                  // The mask broadcasts to [lead..., s, t]: size-1 dimensions read index 0.
                  ArrayRef<int64_t> mShape = staticShape(mask);
                  SmallVector<Value> full(lead.begin(), lead.end());
                  full.push_back(si);
                  full.push_back(ti);
                  SmallVector<Value> at;
                  int64_t offset = rank - static_cast<int64_t>(mShape.size());
                  for (auto [j, size] : llvm::enumerate(mShape))
                    at.push_back(size == 1 ? indexConstant(kb, kl, 0) : full[offset + j]);
                  score = arith::AddFOp::create(kb, kl, score,
                                                tensor::ExtractOp::create(kb, kl, mask, at));
                }
                if (causal) {
                  Value limit = arith::AddIOp::create(kb, kl, si, indexConstant(kb, kl, t - s));
                  Value visible =
                      arith::CmpIOp::create(kb, kl, arith::CmpIPredicate::sle, ti, limit);
                  Value minusInf = scalarConstant(kb, kl, f,
                                                  -std::numeric_limits<double>::infinity());
                  score = arith::SelectOp::create(kb, kl, visible, score, minusInf);
                }
                Value m = st[0], sum = st[1], acc = st[2];
                Value mNew = arith::MaximumFOp::create(kb, kl, m, score);
                Value corr = math::ExpOp::create(kb, kl, arith::SubFOp::create(kb, kl, m, mNew));
                Value p = math::ExpOp::create(kb, kl, arith::SubFOp::create(kb, kl, score, mNew));
                Value sumNew = arith::AddFOp::create(
                    kb, kl, arith::MulFOp::create(kb, kl, sum, corr), p);
                Value vRow = rowOf(kb, kl, v, lead, ti);
                // Updated in place (the loop's own tensor is the generic's output), so that
                // bufferization keeps one row buffer for the whole loop.
                AffineMap id = kb.getMultiDimIdentityMap(1);
                Value accNew =
                    linalg::GenericOp::create(
                        kb, kl, TypeRange{rowType}, ValueRange{vRow}, ValueRange{acc},
                        ArrayRef<AffineMap>{id, id},
                        ArrayRef<utils::IteratorType>{utils::IteratorType::parallel},
                        [&](OpBuilder &eb, Location el, ValueRange e) {
                          Value next = arith::AddFOp::create(
                              eb, el, arith::MulFOp::create(eb, el, e[1], corr),
                              arith::MulFOp::create(eb, el, p, e[0]));
                          linalg::YieldOp::create(eb, el, next);
                        })
                        .getResult(0);
                return {mNew, sumNew, accNew};
              });
          Value total = keys.getResult(1);
          Value row = buildElementwise(b, l, rowType, {keys.getResult(2)},
                                       [&](OpBuilder &eb, Location el, ValueRange e) -> Value {
                                         return arith::DivFOp::create(eb, el, e[0], total);
                                       });
          SmallVector<OpFoldResult> offsets(ivs.begin(), ivs.end()),
              sizes(rank, b.getIndexAttr(1)), strides(rank, b.getIndexAttr(1));
          offsets.push_back(b.getIndexAttr(0));
          sizes.back() = b.getIndexAttr(dv);
          return {tensor::InsertSliceOp::create(b, l, row, args[0], offsets, sizes, strides)};
        });
    rewriter.replaceOp(op, rows.results.front());
    return success();
  }
};

} // namespace

void populateAttentionLoweringPatterns(const TypeConverter &converter,
                                       RewritePatternSet &patterns) {
  patterns.add<AttentionLowering>(converter, patterns.getContext());
}

} // namespace tfc
