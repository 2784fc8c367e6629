// Lowering of the element-wise tfc ops (and expand) to broadcasting linalg.generic ops.
#include "dialect/TFC/TFCOps.h"
#include "passes/Conversion/TFCToLinalg/LoweringUtils.h"
#include "passes/Conversion/TFCToLinalg/TFCToLinalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include <cmath>

using namespace mlir;

namespace tfc {

Value emitActivation(OpBuilder &b, Location loc, StringRef activation, Value x) {
  return computeInF32(b, loc, x, [&](Value x) -> Value {
    Type t = x.getType();
    auto c = [&](double v) { return scalarConstant(b, loc, t, v); };
    if (activation == "relu")
      return arith::MaximumFOp::create(b, loc, x, c(0.0)); // NaN stays NaN, as in numpy
    if (activation == "silu") {
      Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
      return arith::DivFOp::create(b, loc, x, arith::AddFOp::create(b, loc, c(1.0), e));
    }
    Value inner;
    if (activation == "gelu_tanh") {
      Value cube = arith::MulFOp::create(b, loc, arith::MulFOp::create(b, loc, x, x), x);
      Value poly =
          arith::AddFOp::create(b, loc, x, arith::MulFOp::create(b, loc, cube, c(0.044715)));
      inner =
          math::TanhOp::create(b, loc, arith::MulFOp::create(b, loc, poly, c(0.7978845608028654)));
    } else {
      inner = math::ErfOp::create(b, loc, arith::MulFOp::create(b, loc, x, c(M_SQRT1_2)));
    }
    Value half = arith::MulFOp::create(b, loc, x, c(0.5));
    return arith::MulFOp::create(b, loc, half, arith::AddFOp::create(b, loc, inner, c(1.0)));
  });
}

namespace {

Type elementOf(Value v) { return cast<ShapedType>(v.getType()).getElementType(); }
bool isFloat(Type t) { return isa<FloatType>(t); }

//===----------------------------------------------------------------------===//
// Scalar bodies, one per op. `args` are the converted (signless) scalars; the op gives the
// original types, whose signedness picks the arithmetic.
//===----------------------------------------------------------------------===//

Value emitScalar(ExpOp, OpBuilder &b, Location loc, ValueRange args) {
  return computeInF32(b, loc, args[0], [&](Value x) { return math::ExpOp::create(b, loc, x); });
}
Value emitScalar(LogOp, OpBuilder &b, Location loc, ValueRange args) {
  return computeInF32(b, loc, args[0], [&](Value x) { return math::LogOp::create(b, loc, x); });
}
Value emitScalar(SqrtOp, OpBuilder &b, Location loc, ValueRange args) {
  return computeInF32(b, loc, args[0],
                      [&](Value x) { return math::SqrtOp::create(b, loc, x); });
}
Value emitScalar(ReciprocalOp, OpBuilder &b, Location loc, ValueRange args) {
  Value one = scalarConstant(b, loc, args[0].getType(), 1.0);
  return arith::DivFOp::create(b, loc, one, args[0]);
}
Value emitScalar(TanhOp, OpBuilder &b, Location loc, ValueRange args) {
  return computeInF32(b, loc, args[0],
                      [&](Value x) { return math::TanhOp::create(b, loc, x); });
}
Value emitScalar(ErfOp, OpBuilder &b, Location loc, ValueRange args) {
  return computeInF32(b, loc, args[0], [&](Value x) { return math::ErfOp::create(b, loc, x); });
}
Value emitScalar(SigmoidOp, OpBuilder &b, Location loc, ValueRange args) {
  return computeInF32(b, loc, args[0], [&](Value x) {
    Value one = scalarConstant(b, loc, x.getType(), 1.0);
    Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
    return arith::DivFOp::create(b, loc, one, arith::AddFOp::create(b, loc, one, e));
  });
}
Value emitScalar(ReluOp, OpBuilder &b, Location loc, ValueRange args) {
  Value zero = scalarConstant(b, loc, args[0].getType(), 0.0);
  if (isFloat(args[0].getType()))
    return arith::MaximumFOp::create(b, loc, args[0], zero); // NaN stays NaN, as in numpy
  return arith::MaxSIOp::create(b, loc, args[0], zero);
}
Value emitScalar(NegOp, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0].getType()))
    return arith::NegFOp::create(b, loc, args[0]);
  return arith::SubIOp::create(b, loc, scalarConstant(b, loc, args[0].getType(), 0), args[0]);
}
Value emitScalar(AbsOp op, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0].getType()))
    return math::AbsFOp::create(b, loc, args[0]);
  if (isUnsignedInt(elementOf(op.getInput())))
    return args[0];
  return math::AbsIOp::create(b, loc, args[0]);
}

// Unary float math that maps one-to-one onto the math dialect (libm or LLVM intrinsics).
#define TFC_MATH_UNARY(OP, MATHOP)                                                     \
  Value emitScalar(OP, OpBuilder &b, Location loc, ValueRange args) {                  \
    return computeInF32(b, loc, args[0],                                               \
                        [&](Value x) { return math::MATHOP::create(b, loc, x); });      \
  }
TFC_MATH_UNARY(FloorOp, FloorOp)
TFC_MATH_UNARY(CeilOp, CeilOp)
TFC_MATH_UNARY(RoundOp, RoundEvenOp)
TFC_MATH_UNARY(SinOp, SinOp)
TFC_MATH_UNARY(CosOp, CosOp)
TFC_MATH_UNARY(TanOp, TanOp)
TFC_MATH_UNARY(AsinOp, AsinOp)
TFC_MATH_UNARY(AcosOp, AcosOp)
TFC_MATH_UNARY(AtanOp, AtanOp)
TFC_MATH_UNARY(SinhOp, SinhOp)
TFC_MATH_UNARY(CoshOp, CoshOp)
TFC_MATH_UNARY(AsinhOp, AsinhOp)
TFC_MATH_UNARY(AcoshOp, AcoshOp)
TFC_MATH_UNARY(AtanhOp, AtanhOp)
#undef TFC_MATH_UNARY

Value emitScalar(GeluOp op, OpBuilder &b, Location loc, ValueRange args) {
  return emitActivation(b, loc, op.getApproximate() == "tanh" ? "gelu_tanh" : "gelu", args[0]);
}
Value emitScalar(NotOp, OpBuilder &b, Location loc, ValueRange args) {
  // All bits set: true for i1, ~x for integers.
  return arith::XOrIOp::create(b, loc, args[0], scalarConstant(b, loc, args[0].getType(), -1));
}
Value emitScalar(AndOp, OpBuilder &b, Location loc, ValueRange args) {
  return arith::AndIOp::create(b, loc, args[0], args[1]);
}
Value emitScalar(OrOp, OpBuilder &b, Location loc, ValueRange args) {
  return arith::OrIOp::create(b, loc, args[0], args[1]);
}
Value emitScalar(XorOp, OpBuilder &b, Location loc, ValueRange args) {
  return arith::XOrIOp::create(b, loc, args[0], args[1]);
}
Value emitScalar(MinOp op, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0].getType()))
    return arith::MinimumFOp::create(b, loc, args[0], args[1]); // NaN propagates
  if (isUnsignedInt(elementOf(op.getLhs())))
    return arith::MinUIOp::create(b, loc, args[0], args[1]);
  return arith::MinSIOp::create(b, loc, args[0], args[1]);
}
Value emitScalar(MaxOp op, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0].getType()))
    return arith::MaximumFOp::create(b, loc, args[0], args[1]);
  if (isUnsignedInt(elementOf(op.getLhs())))
    return arith::MaxUIOp::create(b, loc, args[0], args[1]);
  return arith::MaxSIOp::create(b, loc, args[0], args[1]);
}
Value emitScalar(ModOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0], y = args[1];
  Type type = x.getType();
  Value r;
  Value zero = scalarConstant(b, loc, type, 0);
  bool isUnsigned = isUnsignedInt(elementOf(op.getLhs()));
  if (isFloat(type)) {
    r = computeInF32(b, loc, x, [&](Value xs) -> Value {
      Value ys = xs.getType() == type ? y : arith::ExtFOp::create(b, loc, xs.getType(), y);
      return arith::RemFOp::create(b, loc, xs, ys); // C's fmod
    });
    if (op.getFmod())
      return r;
    Value rNeg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, r, zero);
    Value yNeg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, y, zero);
    Value nonZero = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ONE, r, zero);
    Value fix = arith::AndIOp::create(
        b, loc, nonZero, arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, rNeg, yNeg));
    return arith::SelectOp::create(b, loc, fix, arith::AddFOp::create(b, loc, r, y), r);
  }
  // A zero divisor would trap: divide by 1 (remainder 0) instead. x % -1 is 0 and also
  // traps for INT_MIN, so it takes the same path.
  Value one = scalarConstant(b, loc, type, 1);
  Value bad = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, zero);
  if (!isUnsigned)
    bad = arith::OrIOp::create(
        b, loc, bad,
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y,
                              scalarConstant(b, loc, type, -1)));
  Value divisor = arith::SelectOp::create(b, loc, bad, one, y);
  if (isUnsigned)
    return arith::RemUIOp::create(b, loc, x, divisor);
  r = arith::RemSIOp::create(b, loc, x, divisor);
  if (op.getFmod())
    return r;
  Value rNeg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, r, zero);
  Value yNeg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, divisor, zero);
  Value nonZero = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, r, zero);
  Value fix = arith::AndIOp::create(
      b, loc, nonZero, arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, rNeg, yNeg));
  return arith::SelectOp::create(b, loc, fix, arith::AddIOp::create(b, loc, r, divisor), r);
}
Value emitScalar(BitShiftOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0], y = args[1];
  Type type = x.getType();
  // LLVM shifts by the width or more are poison; ONNX's (numpy's) give 0.
  Value width = scalarConstant(b, loc, type, type.getIntOrFloatBitWidth());
  Value tooFar = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge, y, width);
  Value shifted = op.getLeft() ? arith::ShLIOp::create(b, loc, x, y).getResult()
                               : arith::ShRUIOp::create(b, loc, x, y).getResult();
  return arith::SelectOp::create(b, loc, tooFar, scalarConstant(b, loc, type, 0), shifted);
}

Value emitScalar(AddOp, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0].getType()))
    return arith::AddFOp::create(b, loc, args[0], args[1]);
  return arith::AddIOp::create(b, loc, args[0], args[1]);
}
Value emitScalar(SubOp, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0].getType()))
    return arith::SubFOp::create(b, loc, args[0], args[1]);
  return arith::SubIOp::create(b, loc, args[0], args[1]);
}
Value emitScalar(MulOp, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0].getType()))
    return arith::MulFOp::create(b, loc, args[0], args[1]);
  return arith::MulIOp::create(b, loc, args[0], args[1]);
}
Value emitScalar(DivOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0], y = args[1];
  Type type = x.getType();
  if (isFloat(type))
    return arith::DivFOp::create(b, loc, x, y);
  // Integer division by zero (and INT_MIN / -1) trap on x86. ONNX leaves their results
  // undefined; divide by 1 instead so that a bad input never kills the process.
  Value zero = scalarConstant(b, loc, type, 0), one = scalarConstant(b, loc, type, 1);
  Value bad = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, zero);
  if (isUnsignedInt(elementOf(op.getLhs())))
    return arith::DivUIOp::create(b, loc, x, arith::SelectOp::create(b, loc, bad, one, y));
  unsigned width = type.getIntOrFloatBitWidth();
  Value minValue = arith::ConstantOp::create(
      b, loc, IntegerAttr::get(type, APInt::getSignedMinValue(width)));
  Value minusOne = scalarConstant(b, loc, type, -1);
  Value overflow = arith::AndIOp::create(
      b, loc, arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, minValue),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, minusOne));
  bad = arith::OrIOp::create(b, loc, bad, overflow);
  return arith::DivSIOp::create(b, loc, x, arith::SelectOp::create(b, loc, bad, one, y));
}
Value emitScalar(PowOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0], y = args[1];
  Type type = x.getType();
  if (isFloat(type)) {
    if (!type.isF16() && !type.isBF16())
      return math::PowFOp::create(b, loc, x, y);
    Type f32 = b.getF32Type();
    Value r = math::PowFOp::create(b, loc, arith::ExtFOp::create(b, loc, f32, x),
                                   arith::ExtFOp::create(b, loc, f32, y));
    return arith::TruncFOp::create(b, loc, type, r);
  }
  if (!isUnsignedInt(elementOf(op.getLhs())))
    return math::IPowIOp::create(b, loc, x, y);
  // Unsigned: widen with zero extension so that large exponents stay positive.
  Type i64 = b.getI64Type();
  auto widen = [&](Value v) -> Value {
    return type.isInteger(64) ? v : arith::ExtUIOp::create(b, loc, i64, v).getResult();
  };
  Value r = math::IPowIOp::create(b, loc, widen(x), widen(y));
  return type.isInteger(64) ? r : arith::TruncIOp::create(b, loc, type, r).getResult();
}

Value emitCompare(Value lhsOriginal, OpBuilder &b, Location loc, ValueRange args,
                  arith::CmpFPredicate fpred, arith::CmpIPredicate spred,
                  arith::CmpIPredicate upred) {
  if (isFloat(args[0].getType()))
    return arith::CmpFOp::create(b, loc, fpred, args[0], args[1]);
  bool isUnsigned = isUnsignedInt(elementOf(lhsOriginal)) || args[0].getType().isInteger(1);
  return arith::CmpIOp::create(b, loc, isUnsigned ? upred : spred, args[0], args[1]);
}
Value emitScalar(EqualOp op, OpBuilder &b, Location loc, ValueRange args) {
  return emitCompare(op.getLhs(), b, loc, args, arith::CmpFPredicate::OEQ,
                     arith::CmpIPredicate::eq, arith::CmpIPredicate::eq);
}
Value emitScalar(LessOp op, OpBuilder &b, Location loc, ValueRange args) {
  return emitCompare(op.getLhs(), b, loc, args, arith::CmpFPredicate::OLT,
                     arith::CmpIPredicate::slt, arith::CmpIPredicate::ult);
}
Value emitScalar(GreaterOp op, OpBuilder &b, Location loc, ValueRange args) {
  return emitCompare(op.getLhs(), b, loc, args, arith::CmpFPredicate::OGT,
                     arith::CmpIPredicate::sgt, arith::CmpIPredicate::ugt);
}
Value emitScalar(WhereOp, OpBuilder &b, Location loc, ValueRange args) {
  return arith::SelectOp::create(b, loc, args[0], args[1], args[2]);
}
Value emitScalar(ExpandOp, OpBuilder &, Location, ValueRange args) { return args[0]; }

Value emitScalar(CastOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  Type from = x.getType();
  Type to = op.getTo();
  Type toSignless = to;
  if (auto intTy = dyn_cast<IntegerType>(to))
    toSignless = IntegerType::get(b.getContext(), intTy.getWidth());
  if (from == toSignless)
    return x;
  bool fromUnsigned = isUnsignedInt(elementOf(op.getInput())) || from.isInteger(1);
  bool toUnsigned = isUnsignedInt(to);
  if (to.isInteger(1)) {
    // Any non-zero value (NaN included, as in numpy) is true.
    if (isFloat(from))
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x,
                                   scalarConstant(b, loc, from, 0.0));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x,
                                 scalarConstant(b, loc, from, 0));
  }
  if (isFloat(from) && isFloat(to)) {
    if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
      return arith::ExtFOp::create(b, loc, to, x);
    if (from.getIntOrFloatBitWidth() > to.getIntOrFloatBitWidth())
      return arith::TruncFOp::create(b, loc, to, x);
    // f16 <-> bf16: through f32.
    Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), x);
    return arith::TruncFOp::create(b, loc, to, wide);
  }
  if (isFloat(from)) {
    if (toUnsigned)
      return arith::FPToUIOp::create(b, loc, toSignless, x);
    return arith::FPToSIOp::create(b, loc, toSignless, x);
  }
  if (isFloat(to)) {
    if (fromUnsigned)
      return arith::UIToFPOp::create(b, loc, to, x);
    return arith::SIToFPOp::create(b, loc, to, x);
  }
  unsigned fromWidth = from.getIntOrFloatBitWidth(), toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth > toWidth)
    return arith::TruncIOp::create(b, loc, toSignless, x);
  if (fromUnsigned)
    return arith::ExtUIOp::create(b, loc, toSignless, x);
  return arith::ExtSIOp::create(b, loc, toSignless, x);
}

template <typename OpTy>
struct ElementwiseLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto outType =
        convertedType(this->getTypeConverter(), op.getType());
    Value result = buildElementwise(
        rewriter, op.getLoc(), outType, adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return emitScalar(op, b, loc, args);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// One pass: the bias added and the activation applied to each element.
struct BiasActivationLowering : OpConversionPattern<BiasActivationOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(BiasActivationOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    StringRef activation = op.getActivation();
    Value result = buildElementwise(
        rewriter, op.getLoc(), convertedType(getTypeConverter(), op.getType()),
        adaptor.getOperands(), [&](OpBuilder &b, Location loc, ValueRange args) {
          Value x = args.size() > 1 ? arith::AddFOp::create(b, loc, args[0], args[1]) : args[0];
          return emitActivation(b, loc, activation, x);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// One pass over the input. The last dimension D is viewed as [2, D/2] (pairs i, i + D/2)
/// or, interleaved, [D/2, 2] (pairs 2j, 2j + 1); in that view the partner of an element
/// sits at index 1 - p of the pair dimension p, an affine read, so the generic needs no
/// gathers and its inner loop stays contiguous.
struct RotaryEmbeddingLowering : OpConversionPattern<RotaryEmbeddingOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(RotaryEmbeddingOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto type = convertedType(getTypeConverter(), op.getType());
    int64_t rank = type.getRank(), half = type.getShape().back() / 2;
    bool interleaved = op.getInterleaved();
    int64_t pairDim = interleaved ? rank : rank - 1;
    // Every dimension alone but the last, which is split in two.
    auto splitGroups = [](int64_t rank) {
      SmallVector<ReassociationIndices> groups;
      for (int64_t d = 0; d + 1 < rank; ++d)
        groups.push_back({d});
      groups.push_back({rank - 1, rank});
      return groups;
    };
    auto split = [&](Value v) {
      SmallVector<int64_t> shape(staticShape(v).drop_back());
      shape.append(interleaved ? std::initializer_list<int64_t>{half, 2}
                               : std::initializer_list<int64_t>{2, half});
      auto splitType = RankedTensorType::get(shape, type.getElementType());
      return tensor::ExpandShapeOp::create(rewriter, loc, splitType, v,
                                           splitGroups(staticShape(v).size()))
          .getResult();
    };
    Value input = split(adaptor.getInput()), cos = split(adaptor.getCos()),
          sin = split(adaptor.getSin());
    auto splitType = cast<RankedTensorType>(input.getType());
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank + 1, ctx);
    AffineMap partner = identity.replace(getAffineDimExpr(pairDim, ctx),
                                         1 - getAffineDimExpr(pairDim, ctx), rank + 1, 0);
    SmallVector<AffineMap> maps = {identity, partner,
                                   broadcastMap(ctx, staticShape(cos), splitType.getShape()),
                                   broadcastMap(ctx, staticShape(sin), splitType.getShape())};
    Value rotated = buildMapped(
        rewriter, loc, splitType, {input, input, cos, sin}, maps,
        [&](OpBuilder &b, Location loc, ValueRange args) {
          // The first of a pair takes -partner * sin, the second +partner * sin.
          Value first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                              linalg::IndexOp::create(b, loc, pairDim),
                                              arith::ConstantIndexOp::create(b, loc, 0));
          Value other = arith::SelectOp::create(b, loc, first,
                                                arith::NegFOp::create(b, loc, args[1]), args[1]);
          return arith::AddFOp::create(b, loc, arith::MulFOp::create(b, loc, args[0], args[2]),
                                       arith::MulFOp::create(b, loc, other, args[3]));
        });
    rewriter.replaceOp(
        op, tensor::CollapseShapeOp::create(rewriter, loc, type, rotated, splitGroups(rank)));
    return success();
  }
};

} // namespace

void populateElementwiseLoweringPatterns(const TypeConverter &converter,
                                         RewritePatternSet &patterns) {
  patterns.add<ElementwiseLowering<ExpOp>, ElementwiseLowering<LogOp>,
               ElementwiseLowering<SqrtOp>, ElementwiseLowering<ReciprocalOp>,
               ElementwiseLowering<TanhOp>, ElementwiseLowering<ErfOp>,
               ElementwiseLowering<SigmoidOp>, ElementwiseLowering<ReluOp>,
               ElementwiseLowering<NegOp>, ElementwiseLowering<AbsOp>,
               ElementwiseLowering<AddOp>, ElementwiseLowering<SubOp>,
               ElementwiseLowering<MulOp>, ElementwiseLowering<DivOp>,
               ElementwiseLowering<PowOp>, ElementwiseLowering<EqualOp>,
               ElementwiseLowering<LessOp>, ElementwiseLowering<GreaterOp>,
               ElementwiseLowering<WhereOp>, ElementwiseLowering<CastOp>,
               ElementwiseLowering<ExpandOp>, ElementwiseLowering<FloorOp>,
               ElementwiseLowering<CeilOp>, ElementwiseLowering<RoundOp>,
               ElementwiseLowering<SinOp>, ElementwiseLowering<CosOp>,
               ElementwiseLowering<TanOp>, ElementwiseLowering<AsinOp>,
               ElementwiseLowering<AcosOp>, ElementwiseLowering<AtanOp>,
               ElementwiseLowering<SinhOp>, ElementwiseLowering<CoshOp>,
               ElementwiseLowering<AsinhOp>, ElementwiseLowering<AcoshOp>,
               ElementwiseLowering<AtanhOp>, ElementwiseLowering<NotOp>,
               ElementwiseLowering<AndOp>, ElementwiseLowering<OrOp>,
               ElementwiseLowering<XorOp>, ElementwiseLowering<MinOp>,
               ElementwiseLowering<MaxOp>, ElementwiseLowering<ModOp>,
               ElementwiseLowering<BitShiftOp>, ElementwiseLowering<GeluOp>>(
      converter, patterns.getContext());
  patterns.add<BiasActivationLowering>(converter, patterns.getContext());
  patterns.add<RotaryEmbeddingLowering>(converter, patterns.getContext());
}

} // namespace tfc
