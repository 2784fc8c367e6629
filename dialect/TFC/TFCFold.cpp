// Folders of the tfc ops: constant evaluation and algebraic identities.
#include "dialect/TFC/ConstantEval.h"
#include "dialect/TFC/TFCOps.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/Matchers.h"
#include <cmath>
#include <cstring>
#include <limits>

using namespace mlir;
using namespace tfc;

namespace {

/// Reads an operand of an element-wise op. A splat reads as a rank-0 tensor: it broadcasts
/// to the same values, and a result computed only from splats stays a splat.
std::optional<ConstTensor> readOperand(Attribute attr) {
  auto dense = dyn_cast_if_present<DenseElementsAttr>(attr);
  if (dense && dense.isSplat()) {
    auto shaped = cast<ShapedType>(dense.getType());
    auto scalarTy = RankedTensorType::get({}, shaped.getElementType());
    return readConstant(DenseElementsAttr::get(scalarTy, dense.getSplatValue<Attribute>()));
  }
  return readConstant(attr);
}

/// Builds the attribute of `type` from `t`, which has either `type`'s elements or one
/// element to splat.
Attribute writeAs(ConstTensor t, RankedTensorType type) {
  if (t.size() == type.getNumElements() || t.size() != 1) {
    t.type = type;
    return writeConstant(t);
  }
  DenseElementsAttr one = writeConstant(t);
  return DenseElementsAttr::get(type, one.getSplatValue<Attribute>());
}

using ElementFn = function_ref<bool(ConstTensor &out, int64_t at,
                                    ArrayRef<const ConstTensor *> in, ArrayRef<int64_t> idx)>;

/// Evaluates an element-wise op with numpy broadcasting. `fn` computes the element `at` of
/// `out` from the operands' elements at `idx`; it returns false to refuse the fold (for
/// example an integer division by zero, which is left to run time).
Attribute evalElementwise(ArrayRef<Attribute> operands, Type resultType, ElementFn fn) {
  auto outType = dyn_cast<RankedTensorType>(resultType);
  if (!outType || !outType.hasStaticShape() || outType.getNumElements() > kFoldElementLimit)
    return {};
  SmallVector<ConstTensor> inputs;
  bool allScalar = true;
  for (Attribute a : operands) {
    auto t = readOperand(a);
    if (!t)
      return {};
    allScalar &= t->type.getRank() == 0;
    inputs.push_back(std::move(*t));
  }
  RankedTensorType evalType =
      allScalar ? RankedTensorType::get({}, outType.getElementType()) : outType;
  ConstTensor out = ConstTensor::zeros(evalType);
  SmallVector<SmallVector<int64_t>> strides;
  SmallVector<const ConstTensor *> ptrs;
  for (const ConstTensor &t : inputs) {
    strides.push_back(broadcastStrides(t.type.getShape(), evalType.getShape()));
    ptrs.push_back(&t);
  }
  bool ok = true;
  SmallVector<int64_t> idx(inputs.size());
  forEachIndex(evalType.getShape(), [&](int64_t linear, ArrayRef<int64_t> multi) {
    if (!ok)
      return;
    for (size_t i = 0; i < inputs.size(); ++i) {
      idx[i] = 0;
      for (size_t d = 0; d < multi.size(); ++d)
        idx[i] += multi[d] * strides[i][d];
    }
    ok = fn(out, linear, ptrs, idx);
  });
  if (!ok)
    return {};
  return writeAs(std::move(out), outType);
}

/// Folds a unary op that maps floats through `f` and integers through `i` (when given).
Attribute foldUnary(Attribute input, Type resultType, double (*f)(double),
                    std::optional<int64_t (*)(int64_t, bool)> i = std::nullopt) {
  return evalElementwise({input}, resultType,
                         [&](ConstTensor &out, int64_t at, ArrayRef<const ConstTensor *> in,
                             ArrayRef<int64_t> idx) {
                           if (in[0]->isFloat()) {
                             out.fp[at] = f(in[0]->fp[idx[0]]);
                             return true;
                           }
                           if (!i)
                             return false;
                           out.ints[at] = (*i)(in[0]->ints[idx[0]], in[0]->isUnsigned());
                           return true;
                         });
}

enum class Arith { Add, Sub, Mul, Div, Pow };

/// Integer arithmetic with wrap-around (evaluated on uint64 so that overflow is defined;
/// the result is truncated to the element width when written).
std::optional<int64_t> intArith(Arith kind, int64_t a, int64_t b, bool isUnsigned) {
  uint64_t ua = static_cast<uint64_t>(a), ub = static_cast<uint64_t>(b);
  switch (kind) {
  case Arith::Add:
    return static_cast<int64_t>(ua + ub);
  case Arith::Sub:
    return static_cast<int64_t>(ua - ub);
  case Arith::Mul:
    return static_cast<int64_t>(ua * ub);
  case Arith::Div:
    if (b == 0 || (!isUnsigned && a == std::numeric_limits<int64_t>::min() && b == -1))
      return std::nullopt;
    return isUnsigned ? static_cast<int64_t>(ua / ub) : a / b;
  case Arith::Pow: {
    if (!isUnsigned && b < 0)
      return std::nullopt;
    uint64_t result = 1, base = ua;
    for (uint64_t e = ub; e; e >>= 1, base *= base)
      if (e & 1)
        result *= base;
    return static_cast<int64_t>(result);
  }
  }
  return std::nullopt;
}

double floatArith(Arith kind, double a, double b) {
  switch (kind) {
  case Arith::Add:
    return a + b;
  case Arith::Sub:
    return a - b;
  case Arith::Mul:
    return a * b;
  case Arith::Div:
    return a / b;
  case Arith::Pow:
    return std::pow(a, b);
  }
  return 0;
}

Attribute foldArith(Arith kind, Attribute lhs, Attribute rhs, Type resultType) {
  return evalElementwise({lhs, rhs}, resultType,
                         [&](ConstTensor &out, int64_t at, ArrayRef<const ConstTensor *> in,
                             ArrayRef<int64_t> idx) {
                           if (in[0]->isFloat()) {
                             out.fp[at] = floatArith(kind, in[0]->fp[idx[0]], in[1]->fp[idx[1]]);
                             return true;
                           }
                           auto r = intArith(kind, in[0]->ints[idx[0]], in[1]->ints[idx[1]],
                                             in[0]->isUnsigned());
                           if (!r)
                             return false;
                           out.ints[at] = *r;
                           return true;
                         });
}

enum class Compare { Equal, Less, Greater };

Attribute foldCompare(Compare kind, Attribute lhs, Attribute rhs, Type resultType) {
  return evalElementwise(
      {lhs, rhs}, resultType,
      [&](ConstTensor &out, int64_t at, ArrayRef<const ConstTensor *> in,
          ArrayRef<int64_t> idx) {
        const ConstTensor &a = *in[0], &b = *in[1];
        int order; // -1, 0, 1, or 2 for unordered (NaN)
        if (a.isFloat()) {
          double x = a.fp[idx[0]], y = b.fp[idx[1]];
          order = x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
        } else if (a.isUnsigned()) {
          uint64_t x = a.ints[idx[0]], y = b.ints[idx[1]];
          order = x < y ? -1 : x > y ? 1 : 0;
        } else {
          int64_t x = a.ints[idx[0]], y = b.ints[idx[1]];
          order = x < y ? -1 : x > y ? 1 : 0;
        }
        out.ints[at] = kind == Compare::Equal  ? order == 0
                       : kind == Compare::Less ? order == -1
                                               : order == 1;
        return true;
      });
}

/// True when `attr` is a splat equal to `value`.
bool isSplatOf(Attribute attr, double value) {
  auto dense = dyn_cast_if_present<DenseElementsAttr>(attr);
  if (!dense || !dense.isSplat())
    return false;
  auto t = readOperand(dense);
  return t && t->asDouble(0) == value;
}

/// `operand` itself when it already has the result's type (folding to it is then exact).
OpFoldResult sameTypeOr(Value operand, Type resultType) {
  return operand.getType() == resultType ? OpFoldResult(operand) : OpFoldResult();
}

/// A splat constant re-typed to `type` (data movement of a splat is a splat).
Attribute splatAs(Attribute attr, Type type) {
  auto dense = dyn_cast_if_present<DenseElementsAttr>(attr);
  auto shaped = dyn_cast<RankedTensorType>(type);
  if (!dense || !dense.isSplat() || !shaped || !shaped.hasStaticShape())
    return {};
  return DenseElementsAttr::get(shaped, dense.getSplatValue<Attribute>());
}

/// Data movement on a dense constant of byte-sized elements, by moving raw bytes: no
/// widening, so no element limit on the input (GPT-2 ties its 50257 x 768 embedding to the
/// output projection through a transpose, which would otherwise copy 154 MB on every call).
/// The result may not exceed the fold limit or the input's size. Null when not applicable.
/// `attr` as a non-splat dense constant whose elements are whole bytes (i1 is stored
/// bit-packed), with that byte width; null otherwise.
std::pair<DenseIntOrFPElementsAttr, size_t> byteElements(Attribute attr) {
  auto dense = dyn_cast_if_present<DenseIntOrFPElementsAttr>(attr);
  if (!dense || dense.isSplat() || !dense.getElementType().isIntOrFloat() ||
      dense.getElementType().getIntOrFloatBitWidth() % 8 != 0)
    return {};
  return {dense, dense.getElementType().getIntOrFloatBitWidth() / 8};
}

Attribute remapRaw(Attribute input, RankedTensorType outType,
                   function_ref<int64_t(ArrayRef<int64_t>)> srcIndex) {
  auto [dense, bytes] = byteElements(input);
  size_t width = bytes; // captured below
  if (!dense || outType.getNumElements() > std::max(kFoldElementLimit, dense.getNumElements()))
    return {};
  ArrayRef<char> raw = dense.getRawData();
  std::vector<char> out(outType.getNumElements() * width);
  forEachIndex(outType.getShape(), [&](int64_t linear, ArrayRef<int64_t> idx) {
    std::memcpy(&out[linear * width], &raw[srcIndex(idx) * width], width);
  });
  return DenseElementsAttr::getFromRawBuffer(outType, out);
}

/// Concatenation along `axis` by raw bytes, under the same conditions as remapRaw; the result
/// is no larger than its inputs together, so it has no limit either.
Attribute concatRaw(ArrayRef<Attribute> inputs, RankedTensorType outType, int64_t axis) {
  if (outType.getNumElements() == 0)
    return {};
  SmallVector<DenseIntOrFPElementsAttr> parts;
  size_t width = 0;
  for (Attribute attr : inputs) {
    auto [dense, bytes] = byteElements(attr);
    if (!dense)
      return {};
    parts.push_back(dense);
    width = bytes;
  }
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= outType.getDimSize(d);
  std::vector<char> out;
  out.reserve(outType.getNumElements() * width);
  // Rows of the output are the inputs' blocks along `axis`, one input after another.
  for (int64_t o = 0; o < outer; ++o)
    for (DenseIntOrFPElementsAttr part : parts) {
      size_t block = part.getNumElements() / outer * width;
      ArrayRef<char> raw = part.getRawData();
      out.insert(out.end(), raw.begin() + o * block, raw.begin() + (o + 1) * block);
    }
  return DenseElementsAttr::getFromRawBuffer(outType, out);
}

/// Data movement on a constant: splats re-typed, others remapped element by element.
Attribute foldRemap(Attribute input, Type resultType,
                    function_ref<int64_t(ArrayRef<int64_t>)> srcIndex) {
  if (Attribute splat = splatAs(input, resultType))
    return splat;
  auto outType = dyn_cast<RankedTensorType>(resultType);
  if (!outType || !outType.hasStaticShape())
    return {};
  if (Attribute moved = remapRaw(input, outType, srcIndex))
    return moved;
  auto t = readConstant(input);
  if (!t || !outType || !outType.hasStaticShape())
    return {};
  return writeConstant(remap(*t, outType, srcIndex));
}

/// Reshapes a dense constant without touching its elements.
Attribute foldReshape(Attribute input, Type resultType) {
  auto dense = dyn_cast_if_present<DenseElementsAttr>(input);
  auto outType = dyn_cast<RankedTensorType>(resultType);
  if (!dense || !outType || !outType.hasStaticShape())
    return {};
  return dense.reshape(outType);
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double reciprocal(double x) { return 1.0 / x; }
double relu(double x) { return std::isnan(x) ? x : std::max(x, 0.0); }
double negate(double x) { return -x; }
double fabsd(double x) { return std::fabs(x); }
double expd(double x) { return std::exp(x); }
double logd(double x) { return std::log(x); }
double sqrtd(double x) { return std::sqrt(x); }
double tanhd(double x) { return std::tanh(x); }
double erfd(double x) { return std::erf(x); }
int64_t reluInt(int64_t x, bool) { return std::max<int64_t>(x, 0); }
int64_t negInt(int64_t x, bool) { return static_cast<int64_t>(0 - static_cast<uint64_t>(x)); }
int64_t absInt(int64_t x, bool isUnsigned) {
  return isUnsigned || x >= 0 ? x : static_cast<int64_t>(0 - static_cast<uint64_t>(x));
}

} // namespace

//===----------------------------------------------------------------------===//
// Constants and element-wise ops
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult ExpOp::fold(FoldAdaptor a) { return foldUnary(a.getInput(), getType(), expd); }
OpFoldResult LogOp::fold(FoldAdaptor a) { return foldUnary(a.getInput(), getType(), logd); }
OpFoldResult SqrtOp::fold(FoldAdaptor a) { return foldUnary(a.getInput(), getType(), sqrtd); }
OpFoldResult ReciprocalOp::fold(FoldAdaptor a) {
  return foldUnary(a.getInput(), getType(), reciprocal);
}
OpFoldResult TanhOp::fold(FoldAdaptor a) { return foldUnary(a.getInput(), getType(), tanhd); }
OpFoldResult ErfOp::fold(FoldAdaptor a) { return foldUnary(a.getInput(), getType(), erfd); }
OpFoldResult SigmoidOp::fold(FoldAdaptor a) {
  return foldUnary(a.getInput(), getType(), sigmoid);
}
OpFoldResult ReluOp::fold(FoldAdaptor a) {
  return foldUnary(a.getInput(), getType(), relu, reluInt);
}
OpFoldResult NegOp::fold(FoldAdaptor a) {
  // neg(neg(x)) is x for floats and for wrapping integers alike.
  if (auto inner = getInput().getDefiningOp<NegOp>())
    return inner.getInput();
  return foldUnary(a.getInput(), getType(), negate, negInt);
}
OpFoldResult AbsOp::fold(FoldAdaptor a) {
  if (isUnsignedInt(getType().getElementType()))
    return getInput();
  return foldUnary(a.getInput(), getType(), fabsd, absInt);
}

OpFoldResult AddOp::fold(FoldAdaptor a) {
  if (Attribute r = foldArith(Arith::Add, a.getLhs(), a.getRhs(), getType()))
    return r;
  // x + 0 is x only for integers: for floats, -0.0 + 0.0 is +0.0.
  if (!isa<FloatType>(getType().getElementType())) {
    if (isSplatOf(a.getRhs(), 0))
      return sameTypeOr(getLhs(), getType());
    if (isSplatOf(a.getLhs(), 0))
      return sameTypeOr(getRhs(), getType());
  }
  return {};
}

OpFoldResult SubOp::fold(FoldAdaptor a) {
  if (Attribute r = foldArith(Arith::Sub, a.getLhs(), a.getRhs(), getType()))
    return r;
  if (isSplatOf(a.getRhs(), 0))
    return sameTypeOr(getLhs(), getType());
  return {};
}

OpFoldResult MulOp::fold(FoldAdaptor a) {
  if (Attribute r = foldArith(Arith::Mul, a.getLhs(), a.getRhs(), getType()))
    return r;
  if (isSplatOf(a.getRhs(), 1))
    return sameTypeOr(getLhs(), getType());
  if (isSplatOf(a.getLhs(), 1))
    return sameTypeOr(getRhs(), getType());
  return {};
}

OpFoldResult DivOp::fold(FoldAdaptor a) {
  if (Attribute r = foldArith(Arith::Div, a.getLhs(), a.getRhs(), getType()))
    return r;
  if (isSplatOf(a.getRhs(), 1))
    return sameTypeOr(getLhs(), getType());
  return {};
}

OpFoldResult PowOp::fold(FoldAdaptor a) {
  if (Attribute r = foldArith(Arith::Pow, a.getLhs(), a.getRhs(), getType()))
    return r;
  if (isSplatOf(a.getRhs(), 1))
    return sameTypeOr(getLhs(), getType());
  return {};
}

OpFoldResult EqualOp::fold(FoldAdaptor a) {
  return foldCompare(Compare::Equal, a.getLhs(), a.getRhs(), getType());
}
OpFoldResult LessOp::fold(FoldAdaptor a) {
  return foldCompare(Compare::Less, a.getLhs(), a.getRhs(), getType());
}
OpFoldResult GreaterOp::fold(FoldAdaptor a) {
  return foldCompare(Compare::Greater, a.getLhs(), a.getRhs(), getType());
}

#define TFC_FOLD_UNARY(OP, FN)                                                       \
  OpFoldResult OP::fold(FoldAdaptor a) {                                             \
    return foldUnary(a.getInput(), getType(), [](double x) { return FN(x); });       \
  }
TFC_FOLD_UNARY(FloorOp, std::floor)
TFC_FOLD_UNARY(CeilOp, std::ceil)
TFC_FOLD_UNARY(RoundOp, std::nearbyint) // the default rounding mode: halves to even
TFC_FOLD_UNARY(SinOp, std::sin)
TFC_FOLD_UNARY(CosOp, std::cos)
TFC_FOLD_UNARY(TanOp, std::tan)
TFC_FOLD_UNARY(AsinOp, std::asin)
TFC_FOLD_UNARY(AcosOp, std::acos)
TFC_FOLD_UNARY(AtanOp, std::atan)
TFC_FOLD_UNARY(SinhOp, std::sinh)
TFC_FOLD_UNARY(CoshOp, std::cosh)
TFC_FOLD_UNARY(AsinhOp, std::asinh)
TFC_FOLD_UNARY(AcoshOp, std::acosh)
TFC_FOLD_UNARY(AtanhOp, std::atanh)
#undef TFC_FOLD_UNARY

OpFoldResult NotOp::fold(FoldAdaptor a) {
  if (auto inner = getInput().getDefiningOp<NotOp>())
    return inner.getInput();
  if (getType().getElementType().isInteger(1))
    return foldUnary(
        a.getInput(), getType(), [](double x) { return x; },
        [](int64_t x, bool) -> int64_t { return x == 0; });
  return foldUnary(
      a.getInput(), getType(), [](double x) { return x; },
      [](int64_t x, bool) -> int64_t { return ~x; }); // written back truncated to the width
}

/// Folds an element-wise op over two operands of one kind; `fn` gets both as doubles for
/// floats, or as int64 (with the signedness) for integers and bools.
static Attribute foldBinary(Attribute lhs, Attribute rhs, Type resultType,
                            function_ref<double(double, double)> ffn,
                            function_ref<std::optional<int64_t>(int64_t, int64_t, bool)> ifn) {
  return evalElementwise({lhs, rhs}, resultType,
                         [&](ConstTensor &out, int64_t at, ArrayRef<const ConstTensor *> in,
                             ArrayRef<int64_t> idx) {
                           if (in[0]->isFloat()) {
                             if (!ffn)
                               return false;
                             out.fp[at] = ffn(in[0]->fp[idx[0]], in[1]->fp[idx[1]]);
                             return true;
                           }
                           auto r = ifn(in[0]->ints[idx[0]], in[1]->ints[idx[1]],
                                        in[0]->isUnsigned());
                           if (r)
                             out.ints[at] = *r;
                           return r.has_value();
                         });
}

static bool intLess(int64_t a, int64_t b, bool isUnsigned) {
  return isUnsigned ? static_cast<uint64_t>(a) < static_cast<uint64_t>(b) : a < b;
}

OpFoldResult MinOp::fold(FoldAdaptor a) {
  return foldBinary(
      a.getLhs(), a.getRhs(), getType(),
      [](double x, double y) { return std::isnan(x) || std::isnan(y) ? NAN : std::min(x, y); },
      [](int64_t x, int64_t y, bool u) -> std::optional<int64_t> {
        return intLess(y, x, u) ? y : x;
      });
}
OpFoldResult MaxOp::fold(FoldAdaptor a) {
  return foldBinary(
      a.getLhs(), a.getRhs(), getType(),
      [](double x, double y) { return std::isnan(x) || std::isnan(y) ? NAN : std::max(x, y); },
      [](int64_t x, int64_t y, bool u) -> std::optional<int64_t> {
        return intLess(x, y, u) ? y : x;
      });
}
OpFoldResult AndOp::fold(FoldAdaptor a) {
  return foldBinary(a.getLhs(), a.getRhs(), getType(), nullptr,
                    [](int64_t x, int64_t y, bool) -> std::optional<int64_t> { return x & y; });
}
OpFoldResult OrOp::fold(FoldAdaptor a) {
  return foldBinary(a.getLhs(), a.getRhs(), getType(), nullptr,
                    [](int64_t x, int64_t y, bool) -> std::optional<int64_t> { return x | y; });
}
OpFoldResult XorOp::fold(FoldAdaptor a) {
  return foldBinary(a.getLhs(), a.getRhs(), getType(), nullptr,
                    [](int64_t x, int64_t y, bool) -> std::optional<int64_t> { return x ^ y; });
}
OpFoldResult ModOp::fold(FoldAdaptor a) {
  bool fmod = getFmod();
  return foldBinary(
      a.getLhs(), a.getRhs(), getType(),
      [&](double x, double y) {
        double r = std::fmod(x, y);
        if (!fmod && r != 0 && ((r < 0) != (y < 0)))
          r += y;
        return r;
      },
      [&](int64_t x, int64_t y, bool u) -> std::optional<int64_t> {
        if (y == 0 || (!u && y == -1))
          return y == 0 ? std::nullopt : std::optional<int64_t>(0);
        if (u)
          return static_cast<int64_t>(static_cast<uint64_t>(x) % static_cast<uint64_t>(y));
        int64_t r = x % y;
        if (!fmod && r != 0 && ((r < 0) != (y < 0)))
          r += y;
        return r;
      });
}

OpFoldResult WhereOp::fold(FoldAdaptor a) {
  if (isSplatOf(a.getCondition(), 1))
    return sameTypeOr(getLhs(), getType());
  if (isSplatOf(a.getCondition(), 0))
    return sameTypeOr(getRhs(), getType());
  return evalElementwise({a.getCondition(), a.getLhs(), a.getRhs()}, getType(),
                         [](ConstTensor &out, int64_t at, ArrayRef<const ConstTensor *> in,
                            ArrayRef<int64_t> idx) {
                           int pick = in[0]->ints[idx[0]] ? 1 : 2;
                           if (out.isFloat())
                             out.fp[at] = in[pick]->fp[idx[pick]];
                           else
                             out.ints[at] = in[pick]->ints[idx[pick]];
                           return true;
                         });
}

OpFoldResult CastOp::fold(FoldAdaptor a) {
  if (getInput().getType() == getType())
    return getInput();
  Type to = getType().getElementType();
  return evalElementwise(
      {a.getInput()}, getType(),
      [&](ConstTensor &out, int64_t at, ArrayRef<const ConstTensor *> in,
          ArrayRef<int64_t> idx) {
        const ConstTensor &src = *in[0];
        if (out.isFloat()) {
          out.fp[at] = src.asDouble(idx[0]);
          return true;
        }
        if (to.isInteger(1)) {
          out.ints[at] = src.isFloat() ? src.fp[idx[0]] != 0 : src.ints[idx[0]] != 0;
          return true;
        }
        if (!src.isFloat()) {
          out.ints[at] = src.ints[idx[0]]; // wraps to the target width when written
          return true;
        }
        // Float to integer: truncate toward zero; out-of-range values are left to run time,
        // where ONNX leaves them undefined.
        double v = std::trunc(src.fp[idx[0]]);
        unsigned width = to.getIntOrFloatBitWidth();
        bool isUnsigned = isUnsignedInt(to);
        double lo = isUnsigned ? 0 : -std::ldexp(1.0, width - 1);
        double hi = isUnsigned ? std::ldexp(1.0, width) : std::ldexp(1.0, width - 1);
        if (!(v >= lo && v < hi))
          return false;
        out.ints[at] = isUnsigned && width == 64 ? static_cast<int64_t>(static_cast<uint64_t>(v))
                                                 : static_cast<int64_t>(v);
        return true;
      });
}

//===----------------------------------------------------------------------===//
// matmul, reductions, normalisations
//===----------------------------------------------------------------------===//

OpFoldResult MatMulOp::fold(FoldAdaptor a) {
  auto lhs = readConstant(a.getLhs()), rhs = readConstant(a.getRhs());
  RankedTensorType outType = getType();
  if (!lhs || !rhs || !outType.hasStaticShape())
    return {};
  // Work on the numpy-promoted shapes: [..., M, K] x [..., K, N].
  SmallVector<int64_t> aShape(lhs->type.getShape()), bShape(rhs->type.getShape());
  if (aShape.size() == 1)
    aShape.insert(aShape.begin(), 1);
  if (bShape.size() == 1)
    bShape.push_back(1);
  int64_t m = aShape[aShape.size() - 2], k = aShape.back(), n = bShape.back();
  SmallVector<int64_t> batch;
  (void)OpTrait::util::getBroadcastedShape(ArrayRef(aShape).drop_back(2),
                                           ArrayRef(bShape).drop_back(2), batch);
  int64_t batchCount = 1;
  for (int64_t d : batch)
    batchCount *= d;
  if (batchCount * m * n * k > kFoldElementLimit)
    return {};
  SmallVector<int64_t> aBatch(ArrayRef(aShape).drop_back(2)), bBatch(ArrayRef(bShape).drop_back(2));
  SmallVector<int64_t> aStrides = broadcastStrides(aBatch, batch);
  SmallVector<int64_t> bStrides = broadcastStrides(bBatch, batch);
  ConstTensor out = ConstTensor::zeros(outType);
  int64_t linear = 0;
  forEachIndex(batch, [&](int64_t, ArrayRef<int64_t> idx) {
    int64_t aBase = 0, bBase = 0;
    for (size_t d = 0; d < idx.size(); ++d) {
      aBase += idx[d] * aStrides[d] * m * k;
      bBase += idx[d] * bStrides[d] * k * n;
    }
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j, ++linear) {
        if (out.isFloat()) {
          double acc = 0;
          for (int64_t p = 0; p < k; ++p)
            acc += lhs->fp[aBase + i * k + p] * rhs->fp[bBase + p * n + j];
          out.fp[linear] = acc;
        } else {
          uint64_t acc = 0;
          for (int64_t p = 0; p < k; ++p)
            acc += static_cast<uint64_t>(lhs->ints[aBase + i * k + p]) *
                   static_cast<uint64_t>(rhs->ints[bBase + p * n + j]);
          out.ints[linear] = static_cast<int64_t>(acc);
        }
      }
  });
  return writeConstant(out);
}

enum class Reduce { Sum, Mean, Max, Min, Prod };

/// Reduces a constant over `axes`; the result is written in `outType`'s layout, which is
/// the same row-major order with or without the kept unit dimensions.
static Attribute foldReduce(Reduce kind, Attribute input, ArrayRef<int64_t> axes,
                            RankedTensorType outType) {
  auto t = readConstant(input);
  if (!t || !outType.hasStaticShape())
    return {};
  ArrayRef<int64_t> shape = t->type.getShape();
  SmallVector<int64_t> keptShape(shape);
  int64_t count = 1;
  for (int64_t axis : axes) {
    keptShape[axis] = 1;
    count *= shape[axis];
  }
  SmallVector<int64_t> keptStrides = stridesOf(keptShape);
  ConstTensor out = ConstTensor::zeros(outType);
  SmallVector<bool> seen(out.size(), false);
  forEachIndex(shape, [&](int64_t linear, ArrayRef<int64_t> idx) {
    int64_t to = 0;
    for (size_t d = 0; d < idx.size(); ++d)
      if (keptShape[d] != 1 || shape[d] == 1)
        to += idx[d] * keptStrides[d];
    if (t->isFloat()) {
      double v = t->fp[linear], acc = out.fp[to];
      out.fp[to] = !seen[to]               ? v
                   : kind == Reduce::Max   ? (std::isnan(v) || v > acc ? v : acc)
                   : kind == Reduce::Min   ? (std::isnan(v) || v < acc ? v : acc)
                   : kind == Reduce::Prod  ? acc * v
                                           : acc + v;
    } else {
      int64_t v = t->ints[linear], acc = out.ints[to];
      bool greater = t->isUnsigned() ? static_cast<uint64_t>(v) > static_cast<uint64_t>(acc)
                                     : v > acc;
      uint64_t ua = static_cast<uint64_t>(acc), uv = static_cast<uint64_t>(v);
      out.ints[to] = !seen[to]              ? v
                     : kind == Reduce::Max  ? (greater ? v : acc)
                     : kind == Reduce::Min  ? (greater || v == acc ? acc : v)
                     : kind == Reduce::Prod ? static_cast<int64_t>(ua * uv)
                                            : static_cast<int64_t>(ua + uv);
    }
    seen[to] = true;
  });
  if (kind == Reduce::Mean) {
    if (count == 0)
      return {};
    for (double &v : out.fp)
      v /= count;
    for (int64_t &v : out.ints) {
      if (t->isUnsigned())
        v = static_cast<int64_t>(static_cast<uint64_t>(v) / count);
      else
        v /= count;
    }
  }
  if ((kind == Reduce::Max || kind == Reduce::Min || kind == Reduce::Prod) && count == 0)
    return {};
  return writeConstant(out);
}

OpFoldResult ReduceSumOp::fold(FoldAdaptor a) {
  return foldReduce(Reduce::Sum, a.getInput(), getAxes(), getType());
}
OpFoldResult ReduceMeanOp::fold(FoldAdaptor a) {
  return foldReduce(Reduce::Mean, a.getInput(), getAxes(), getType());
}
OpFoldResult ReduceMaxOp::fold(FoldAdaptor a) {
  return foldReduce(Reduce::Max, a.getInput(), getAxes(), getType());
}
OpFoldResult ReduceMinOp::fold(FoldAdaptor a) {
  return foldReduce(Reduce::Min, a.getInput(), getAxes(), getType());
}
OpFoldResult ReduceProdOp::fold(FoldAdaptor a) {
  return foldReduce(Reduce::Prod, a.getInput(), getAxes(), getType());
}

/// Calls `fn(base, stride)` for every 1-D lane along `axis` of `shape`.
static void forEachLane(ArrayRef<int64_t> shape, int64_t axis,
                        function_ref<void(int64_t, int64_t)> fn) {
  SmallVector<int64_t> outer(shape);
  outer[axis] = 1;
  SmallVector<int64_t> strides = stridesOf(shape);
  forEachIndex(outer, [&](int64_t, ArrayRef<int64_t> idx) {
    int64_t base = 0;
    for (size_t d = 0; d < idx.size(); ++d)
      base += idx[d] * strides[d];
    fn(base, strides[axis]);
  });
}

OpFoldResult CumSumOp::fold(FoldAdaptor a) {
  auto t = readConstant(a.getInput());
  // Floats other than f32 and f64 would need their own rounding at every step.
  Type element = getType().getElementType();
  if (!t || (t->isFloat() && !element.isF32() && !element.isF64()))
    return {};
  int64_t axis = static_cast<int64_t>(getAxis()), n = t->type.getDimSize(axis);
  bool exclusive = getExclusive(), reverse = getReverse();
  forEachLane(t->type.getShape(), axis, [&](int64_t base, int64_t stride) {
    // Summed in the element type's order and precision, as the generated loop sums.
    double fsum = 0;
    uint64_t isum = 0;
    for (int64_t i = 0; i < n; ++i) {
      int64_t at = base + (reverse ? n - 1 - i : i) * stride;
      if (t->isFloat()) {
        double v = t->fp[at];
        if (!exclusive)
          fsum = element.isF32() ? static_cast<float>(fsum + v) : fsum + v;
        t->fp[at] = fsum;
        if (exclusive)
          fsum = element.isF32() ? static_cast<float>(fsum + v) : fsum + v;
      } else {
        uint64_t v = static_cast<uint64_t>(t->ints[at]);
        if (!exclusive)
          isum += v;
        t->ints[at] = static_cast<int64_t>(isum);
        if (exclusive)
          isum += v;
      }
    }
  });
  return writeConstant(*t);
}

OpFoldResult SoftmaxOp::fold(FoldAdaptor a) {
  auto t = readConstant(a.getInput());
  if (!t)
    return {};
  int64_t axis = static_cast<int64_t>(getAxis()), n = t->type.getDimSize(axis);
  forEachLane(t->type.getShape(), axis, [&](int64_t base, int64_t stride) {
    double maxV = -std::numeric_limits<double>::infinity(), sum = 0;
    for (int64_t i = 0; i < n; ++i)
      maxV = std::max(maxV, t->fp[base + i * stride]);
    for (int64_t i = 0; i < n; ++i)
      sum += t->fp[base + i * stride] = std::exp(t->fp[base + i * stride] - maxV);
    for (int64_t i = 0; i < n; ++i)
      t->fp[base + i * stride] /= sum;
  });
  return writeConstant(*t);
}

OpFoldResult LayerNormOp::fold(FoldAdaptor a) {
  auto x = readConstant(a.getInput());
  auto scale = readConstant(a.getScale());
  std::optional<ConstTensor> bias;
  if (getBias() && !(bias = readConstant(a.getBias())))
    return {};
  if (!x || !scale)
    return {};
  ArrayRef<int64_t> shape = x->type.getShape();
  int64_t axis = static_cast<int64_t>(getAxis());
  ArrayRef<int64_t> normShape = shape.drop_front(axis);
  int64_t inner = 1;
  for (int64_t d : normShape)
    inner *= d;
  SmallVector<int64_t> scaleStrides = broadcastStrides(scale->type.getShape(), normShape);
  SmallVector<int64_t> biasStrides =
      bias ? broadcastStrides(bias->type.getShape(), normShape) : SmallVector<int64_t>();
  double eps = getEpsilon().convertToDouble();
  for (int64_t base = 0; inner && base < x->size(); base += inner) {
    double mean = 0, var = 0;
    for (int64_t i = 0; i < inner; ++i)
      mean += x->fp[base + i];
    mean /= inner;
    for (int64_t i = 0; i < inner; ++i)
      var += (x->fp[base + i] - mean) * (x->fp[base + i] - mean);
    double inv = 1.0 / std::sqrt(var / inner + eps);
    forEachIndex(normShape, [&](int64_t i, ArrayRef<int64_t> idx) {
      int64_t s = 0, b = 0;
      for (size_t d = 0; d < idx.size(); ++d) {
        s += idx[d] * scaleStrides[d];
        if (bias)
          b += idx[d] * biasStrides[d];
      }
      double v = (x->fp[base + i] - mean) * inv * scale->fp[s];
      x->fp[base + i] = bias ? v + bias->fp[b] : v;
    });
  }
  return writeConstant(*x);
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

OpFoldResult TransposeOp::fold(FoldAdaptor a) {
  ArrayRef<int64_t> perm = getPerm();
  if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return getInput();
  // transpose(transpose(x, p), q) is transpose(x, p o q): rewrite in place.
  if (auto inner = getInput().getDefiningOp<TransposeOp>()) {
    SmallVector<int64_t> composed;
    for (int64_t p : perm)
      composed.push_back(inner.getPerm()[p]);
    setPerm(composed);
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  ArrayRef<int64_t> inShape = getInput().getType().getShape();
  SmallVector<int64_t> inStrides = stridesOf(inShape);
  return foldRemap(a.getInput(), getType(), [&](ArrayRef<int64_t> idx) {
    int64_t from = 0;
    for (size_t d = 0; d < idx.size(); ++d)
      from += idx[d] * inStrides[perm[d]];
    return from;
  });
}

/// reshape-like ops chain into one: their input can skip any reshape-like producer.
static bool skipReshapeProducer(OpOperand &input) {
  Operation *producer = input.get().getDefiningOp();
  if (!isa_and_present<ReshapeOp, SqueezeOp, UnsqueezeOp>(producer))
    return false;
  input.set(producer->getOperand(0));
  return true;
}

OpFoldResult ReshapeOp::fold(FoldAdaptor a) {
  if (getInput().getType() == getType())
    return getInput();
  if (skipReshapeProducer(getInputMutable()))
    return getResult();
  return foldReshape(a.getInput(), getType());
}

OpFoldResult SqueezeOp::fold(FoldAdaptor a) {
  if (getInput().getType() == getType())
    return getInput();
  return foldReshape(a.getInput(), getType());
}

OpFoldResult UnsqueezeOp::fold(FoldAdaptor a) {
  if (getInput().getType() == getType())
    return getInput();
  return foldReshape(a.getInput(), getType());
}

OpFoldResult ExpandOp::fold(FoldAdaptor a) {
  if (getInput().getType() == getType())
    return getInput();
  ArrayRef<int64_t> inShape = getInput().getType().getShape();
  RankedTensorType outType = getType();
  if (!outType.hasStaticShape())
    return {};
  SmallVector<int64_t> strides = broadcastStrides(inShape, outType.getShape());
  return foldRemap(a.getInput(), outType, [&](ArrayRef<int64_t> idx) {
    int64_t from = 0;
    for (size_t d = 0; d < idx.size(); ++d)
      from += idx[d] * strides[d];
    return from;
  });
}

OpFoldResult ConcatOp::fold(FoldAdaptor a) {
  if (getInputs().size() == 1)
    return sameTypeOr(getInputs().front(), getType());
  RankedTensorType outType = getType();
  int64_t axis = static_cast<int64_t>(getAxis());
  if (!outType.hasStaticShape())
    return {};
  if (Attribute joined = concatRaw(a.getInputs(), outType, axis))
    return joined;
  if (outType.getNumElements() > kFoldElementLimit)
    return {};
  SmallVector<ConstTensor> parts;
  for (Attribute attr : a.getInputs()) {
    auto t = readConstant(attr);
    if (!t)
      return {};
    parts.push_back(std::move(*t));
  }
  // Rows of the output are the inputs' blocks along `axis`, one input after another.
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= outType.getDimSize(d);
  ConstTensor out = ConstTensor::zeros(outType);
  int64_t at = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (const ConstTensor &part : parts) {
      int64_t block = outer ? part.size() / outer : 0;
      for (int64_t i = 0; i < block; ++i, ++at) {
        if (out.isFloat())
          out.fp[at] = part.fp[o * block + i];
        else
          out.ints[at] = part.ints[o * block + i];
      }
    }
  return writeConstant(out);
}

OpFoldResult SliceOp::fold(FoldAdaptor a) {
  ArrayRef<int64_t> inShape = getInput().getType().getShape();
  ArrayRef<int64_t> offsets = getOffsets(), strides = getStrides();
  bool identity = getInput().getType() == getType();
  for (size_t d = 0; d < inShape.size(); ++d)
    identity &= offsets[d] == 0 && strides[d] == 1;
  if (identity)
    return getInput();
  SmallVector<int64_t> inStrides = stridesOf(inShape);
  return foldRemap(a.getInput(), getType(), [&](ArrayRef<int64_t> idx) {
    int64_t from = 0;
    for (size_t d = 0; d < idx.size(); ++d)
      from += (offsets[d] + idx[d] * strides[d]) * inStrides[d];
    return from;
  });
}

OpFoldResult GatherOp::fold(FoldAdaptor a) {
  auto indices = readConstant(a.getIndices());
  if (!indices)
    return {};
  ArrayRef<int64_t> inShape = getInput().getType().getShape();
  int64_t axis = static_cast<int64_t>(getAxis());
  int64_t dim = inShape[axis];
  for (int64_t &i : indices->ints) {
    if (i < 0)
      i += dim;
    if (i < 0 || i >= dim)
      return {}; // out of range: leave it to run time
  }
  if (Attribute splat = splatAs(a.getInput(), getType()))
    return splat;
  int64_t indexRank = indices->type.getRank();
  SmallVector<int64_t> inStrides = stridesOf(inShape);
  SmallVector<int64_t> idxStrides = stridesOf(indices->type.getShape());
  return foldRemap(a.getInput(), getType(), [&](ArrayRef<int64_t> idx) {
    int64_t from = 0, which = 0;
    for (int64_t d = 0; d < axis; ++d)
      from += idx[d] * inStrides[d];
    for (int64_t d = 0; d < indexRank; ++d)
      which += idx[axis + d] * idxStrides[d];
    from += indices->ints[which] * inStrides[axis];
    for (int64_t d = axis + 1; d < static_cast<int64_t>(inShape.size()); ++d)
      from += idx[d - 1 + indexRank] * inStrides[d];
    return from;
  });
}

OpFoldResult ShapeOp::fold(FoldAdaptor) {
  auto inType = getInput().getType();
  int64_t start = static_cast<int64_t>(getStart());
  int64_t end = getEnd() ? static_cast<int64_t>(*getEnd()) : inType.getRank();
  SmallVector<int64_t> dims(inType.getShape().slice(start, end - start));
  if (llvm::any_of(dims, ShapedType::isDynamic))
    return {};
  return DenseElementsAttr::get(getType(), ArrayRef<int64_t>(dims));
}
