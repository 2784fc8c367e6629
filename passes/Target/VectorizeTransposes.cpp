// The tfc-vectorize-transposes pass: transposes that move the innermost dimension become
// 16x16 register transposes (a network of 64 two-input shuffles) between contiguous vector
// loads and stores.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "passes/Target/Passes.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_VECTORIZETRANSPOSES
#include "passes/Target/Passes.h.inc"

namespace {

/// The side of a tile: 16 lanes of 32 bits, one 512-bit register per row.
constexpr int64_t kTile = 16;
/// Below this many rows or columns a tile's shuffles cost more than the scalar copies.
constexpr int64_t kMinExtent = 4;

/// A transpose whose input's contiguous dimension becomes output dimension `across`, while the
/// output's contiguous (last) dimension reads input dimension `along`.
struct Plan {
  unsigned across;
  unsigned along;
};

bool hasContiguousRows(Value value) {
  auto type = dyn_cast<MemRefType>(value.getType());
  return type && type.hasStaticShape() && type.isLastDimUnitStride();
}

std::optional<Plan> planOf(linalg::TransposeOp op) {
  if (!op.hasPureBufferSemantics() || !hasContiguousRows(op.getInput()) ||
      !hasContiguousRows(op.getInit()))
    return std::nullopt;
  auto type = cast<MemRefType>(op.getInit().getType());
  Type element = type.getElementType();
  if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() != 32)
    return std::nullopt;
  ArrayRef<int64_t> permutation = op.getPermutation();
  unsigned last = permutation.size() - 1;
  // A transpose that keeps the innermost dimension is a copy of rows: tfc-vectorize-elementwise.
  if (permutation.back() == static_cast<int64_t>(last))
    return std::nullopt;
  unsigned across = llvm::find(permutation, static_cast<int64_t>(last)) - permutation.begin();
  if (type.getDimSize(across) < kMinExtent || type.getDimSize(last) < kMinExtent)
    return std::nullopt;
  return Plan{across, last};
}

/// Emits the tiles of one transpose. Output dimension `across` is read contiguously from the
/// input, output dimension `along` (the last) is written contiguously: a tile loads up to 16
/// input rows, transposes them in registers and stores up to 16 output rows.
class TileEmitter {
public:
  TileEmitter(linalg::TransposeOp op, Plan plan) : op(op), plan(plan) {}

  /// One tile at output indices `ivs` (its first row and column), of `rows` output rows along
  /// `across` and `columns` elements along `along`, both at most 16 and known here.
  void emit(OpBuilder &b, Location loc, SmallVector<Value> ivs, int64_t rows, int64_t columns) {
    Type element = cast<MemRefType>(op.getInit().getType()).getElementType();
    auto row = VectorType::get({kTile}, element);
    Value zeros = arith::ConstantOp::create(b, loc, b.getZeroAttr(row));
    SmallVector<Value> tile(kTile, zeros);
    Value first = ivs[plan.along];
    Value rowMask = rows == kTile ? Value() : maskOf(b, loc, rows);
    // Input row c holds output column c: `rows` contiguous elements along `across`.
    for (int64_t c = 0; c < columns; ++c) {
      ivs[plan.along] = offset(b, loc, first, c);
      SmallVector<Value> indices = inputIndices(ivs);
      Value loaded =
          rowMask
              ? vector::MaskedLoadOp::create(b, loc, row, op.getInput(), indices, rowMask, zeros)
                    .getResult()
              : vector::LoadOp::create(b, loc, row, op.getInput(), indices).getResult();
      tile[c] = loaded;
    }
    ivs[plan.along] = first;
    SmallVector<Value> transposed = transposeInRegisters(b, loc, tile);
    Value top = ivs[plan.across];
    Value columnMask = columns == kTile ? Value() : maskOf(b, loc, columns);
    for (int64_t r = 0; r < rows; ++r) {
      ivs[plan.across] = offset(b, loc, top, r);
      Value stored = transposed[r];
      if (columnMask)
        vector::MaskedStoreOp::create(b, loc, op.getInit(), ivs, columnMask, stored);
      else
        vector::StoreOp::create(b, loc, stored, op.getInit(), ivs);
    }
  }

private:
  /// A two-input shuffle of 16-lane rows: lane `lane` of 128-bit quarter `quarter` of the
  /// result is lane `pick(quarter, lane)` of the concatenation of `x` and `y`.
  static Value shuffle(OpBuilder &b, Location loc, Value x, Value y,
                       llvm::function_ref<int64_t(int64_t quarter, int64_t lane)> pick) {
    SmallVector<int64_t> mask;
    for (int64_t quarter = 0; quarter < 4; ++quarter)
      for (int64_t lane = 0; lane < 4; ++lane)
        mask.push_back(pick(quarter, lane));
    return vector::ShuffleOp::create(b, loc, x, y, mask);
  }

  /// Row r of the result holds element r of every row of `rows` (16 rows of 16 lanes): four
  /// stages of 16 two-input shuffles, each a single AVX-512 instruction (vunpcklps/vunpckhps,
  /// vunpcklpd/vunpckhpd, then two of vshuff64x2). A vector.transpose of the whole 16 x 16
  /// became one 256-lane shuffle in LLVM, which it rebuilt from element loads, inserts and
  /// blends: ~200 instructions a tile instead of 64.
  static SmallVector<Value> transposeInRegisters(OpBuilder &b, Location loc, ArrayRef<Value> rows) {
    // 32-bit and 64-bit interleaves within each 128-bit quarter; `high` takes its upper half.
    auto interleave32 = [&](Value x, Value y, bool high) {
      return shuffle(b, loc, x, y, [&](int64_t q, int64_t lane) {
        return 4 * q + (high ? 2 : 0) + lane / 2 + (lane % 2) * kTile;
      });
    };
    auto interleave64 = [&](Value x, Value y, bool high) {
      return shuffle(b, loc, x, y, [&](int64_t q, int64_t lane) {
        return 4 * q + (high ? 2 : 0) + lane % 2 + (lane / 2) * kTile;
      });
    };
    // Quarters: the result's quarters 0 and 1 are `x`'s quarters qx0 and qx1, its quarters 2
    // and 3 are `y`'s qy0 and qy1.
    auto quarters = [&](Value x, Value y, int64_t qx0, int64_t qx1, int64_t qy0, int64_t qy1) {
      int64_t from[4] = {qx0, qx1, kTile / 4 + qy0, kTile / 4 + qy1};
      return shuffle(b, loc, x, y, [&](int64_t q, int64_t lane) { return 4 * from[q] + lane; });
    };
    // After two stages, v[g][c] holds in quarter k element 4k + c of rows 4g .. 4g + 3.
    Value v[4][4];
    for (int64_t g = 0; g < 4; ++g) {
      ArrayRef<Value> group = rows.slice(4 * g, 4);
      Value lo01 = interleave32(group[0], group[1], false);
      Value hi01 = interleave32(group[0], group[1], true);
      Value lo23 = interleave32(group[2], group[3], false);
      Value hi23 = interleave32(group[2], group[3], true);
      v[g][0] = interleave64(lo01, lo23, false);
      v[g][1] = interleave64(lo01, lo23, true);
      v[g][2] = interleave64(hi01, hi23, false);
      v[g][3] = interleave64(hi01, hi23, true);
    }
    // Result row 4k + c gathers quarter k of v[0][c] .. v[3][c].
    SmallVector<Value> result(kTile);
    for (int64_t c = 0; c < 4; ++c) {
      Value low01 = quarters(v[0][c], v[1][c], 0, 1, 0, 1);
      Value high01 = quarters(v[0][c], v[1][c], 2, 3, 2, 3);
      Value low23 = quarters(v[2][c], v[3][c], 0, 1, 0, 1);
      Value high23 = quarters(v[2][c], v[3][c], 2, 3, 2, 3);
      result[c] = quarters(low01, low23, 0, 2, 0, 2);
      result[4 + c] = quarters(low01, low23, 1, 3, 1, 3);
      result[8 + c] = quarters(high01, high23, 0, 2, 0, 2);
      result[12 + c] = quarters(high01, high23, 1, 3, 1, 3);
    }
    return result;
  }

  /// The input's indices for output indices `ivs`: output dimension i reads input dimension
  /// permutation[i].
  SmallVector<Value> inputIndices(ArrayRef<Value> ivs) {
    SmallVector<Value> indices(ivs.size());
    for (auto [i, source] : llvm::enumerate(op.getPermutation()))
      indices[source] = ivs[i];
    return indices;
  }

  static Value offset(OpBuilder &b, Location loc, Value base, int64_t delta) {
    if (delta == 0)
      return base;
    return arith::AddIOp::create(b, loc, base, arith::ConstantIndexOp::create(b, loc, delta));
  }

  static Value maskOf(OpBuilder &b, Location loc, int64_t count) {
    return vector::ConstantMaskOp::create(b, loc, VectorType::get({kTile}, b.getI1Type()),
                                          ArrayRef<int64_t>{count});
  }

  linalg::TransposeOp op;
  Plan plan;
};

/// Replaces `op` with its tiles: a parallel loop over the other output dimensions and the
/// whole tiles along `across`, then one over the other dimensions for the partial tile along
/// `across`; in each, a loop over whole tiles along `along` and a partial one.
void vectorize(linalg::TransposeOp op, Plan plan) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  ArrayRef<int64_t> shape = cast<MemRefType>(op.getInit().getType()).getShape();
  auto constant = [&](int64_t value) { return arith::ConstantIndexOp::create(b, loc, value); };
  TileEmitter emitter(op, plan);
  int64_t wholeRows = shape[plan.across] / kTile, restRows = shape[plan.across] % kTile;
  int64_t wholeColumns = shape[plan.along] / kTile * kTile, restColumns = shape[plan.along] % kTile;

  // The tiles of one row block (`rows` output rows from ivs[across]).
  auto emitRowBlock = [&](SmallVector<Value> ivs, int64_t rows) {
    if (wholeColumns > 0) {
      auto loop = scf::ForOp::create(b, loc, constant(0), constant(wholeColumns), constant(kTile));
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      ivs[plan.along] = loop.getInductionVar();
      emitter.emit(b, loc, ivs, rows, kTile);
    }
    if (restColumns > 0) {
      ivs[plan.along] = constant(wholeColumns);
      emitter.emit(b, loc, ivs, rows, restColumns);
    }
  };
  // A parallel loop over the dimensions other than `across` and `along`, and over the row
  // blocks [0, blocks) when `blocks` is set; with nothing to loop over, the tiles inline.
  auto emitRows = [&](std::optional<int64_t> blocks, int64_t firstRow, int64_t rows) {
    SmallVector<Value> ivs(shape.size());
    SmallVector<unsigned> dims;
    SmallVector<Value> lbs, ubs, steps;
    for (unsigned d = 0; d < shape.size(); ++d) {
      if (d == plan.across || d == plan.along)
        continue;
      dims.push_back(d);
      ubs.push_back(constant(shape[d]));
    }
    if (blocks)
      ubs.push_back(constant(*blocks));
    OpBuilder::InsertionGuard guard(b);
    if (!ubs.empty()) {
      lbs.assign(ubs.size(), constant(0));
      steps.assign(ubs.size(), constant(1));
      auto loop = scf::ParallelOp::create(b, loc, lbs, ubs, steps);
      b.setInsertionPointToStart(loop.getBody());
      for (auto [d, iv] : llvm::zip(dims, loop.getInductionVars()))
        ivs[d] = iv;
      if (blocks)
        ivs[plan.across] =
            arith::MulIOp::create(b, loc, loop.getInductionVars().back(), constant(kTile));
    }
    if (!blocks)
      ivs[plan.across] = constant(firstRow);
    emitRowBlock(ivs, rows);
  };
  if (wholeRows > 0)
    emitRows(wholeRows, 0, kTile);
  if (restRows > 0)
    emitRows(std::nullopt, wholeRows * kTile, restRows);
  op.erase();
}

struct VectorizeTransposesPass : impl::VectorizeTransposesBase<VectorizeTransposesPass> {
  void runOnOperation() override {
    SmallVector<linalg::TransposeOp> transposes;
    getOperation().walk([&](linalg::TransposeOp op) { transposes.push_back(op); });
    for (linalg::TransposeOp op : transposes)
      if (std::optional<Plan> plan = planOf(op))
        vectorize(op, *plan);
  }
};

} // namespace
} // namespace tfc
