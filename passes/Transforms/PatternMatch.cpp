// Helpers shared by the raising passes: constant checks and flattening of product chains.
#include "passes/Transforms/PatternMatch.h"
#include "mlir/IR/Matchers.h"
#include <cmath>

using namespace mlir;

namespace tfc {

std::optional<double> scalarConstantValue(Value v) {
  DenseElementsAttr attr;
  if (!v || !matchPattern(v, m_Constant(&attr)) || !isa<FloatType>(attr.getElementType()) ||
      attr.getNumElements() == 0)
    return std::nullopt;
  if (attr.isSplat())
    return attr.getSplatValue<APFloat>().convertToDouble();
  double first = (*attr.getValues<APFloat>().begin()).convertToDouble();
  for (const APFloat &x : attr.getValues<APFloat>())
    if (x.convertToDouble() != first)
      return std::nullopt;
  return first;
}

bool isConstantNear(Value v, double expected, double tolerance) {
  auto value = scalarConstantValue(v);
  return value && std::fabs(*value - expected) <= tolerance * std::fabs(expected);
}

void productFactors(Value v, SmallVectorImpl<Value> &factors, SmallVectorImpl<Operation *> *muls,
                    bool root) {
  auto mul = v.getDefiningOp<MulOp>();
  if (!mul || (!root && !v.hasOneUse())) {
    factors.push_back(v);
    return;
  }
  if (muls)
    muls->push_back(mul);
  productFactors(mul.getLhs(), factors, muls, false);
  productFactors(mul.getRhs(), factors, muls, false);
}

bool takeValue(SmallVectorImpl<Value> &values, Value v) {
  auto it = llvm::find(values, v);
  if (it == values.end())
    return false;
  values.erase(it);
  return true;
}

bool takeConstant(SmallVectorImpl<Value> &values, double expected) {
  auto it = llvm::find_if(values, [&](Value v) { return isConstantNear(v, expected); });
  if (it == values.end())
    return false;
  values.erase(it);
  return true;
}

void eraseDead(ArrayRef<Operation *> ops) {
  for (Operation *op : ops)
    if (op->use_empty())
      op->erase();
}

int64_t trailingAxis(ReduceMeanOp mean, int64_t rank) {
  ArrayRef<int64_t> axes = mean.getAxes();
  if (!mean.getKeepdims() || axes.empty())
    return -1;
  for (auto [i, a] : llvm::enumerate(axes))
    if (a != rank - static_cast<int64_t>(axes.size()) + static_cast<int64_t>(i))
      return -1;
  return axes.front();
}

bool fitsNormalizedDims(Value param, RankedTensorType type, int64_t axis) {
  auto p = cast<RankedTensorType>(param.getType());
  if (p.getElementType() != type.getElementType() || !p.hasStaticShape())
    return false;
  int64_t offset = type.getRank() - p.getRank();
  if (offset < 0)
    return false;
  for (int64_t d = 0; d < p.getRank(); ++d)
    if (d + offset < axis ? p.getDimSize(d) != 1
                          : p.getDimSize(d) != type.getDimSize(d + offset))
      return false;
  return true;
}

std::optional<RootOfStatistic> matchRootOfStatistic(Value stat,
                                                    SmallVectorImpl<Operation *> &ops) {
  auto add = stat.hasOneUse() ? dyn_cast<AddOp>(*stat.getUsers().begin()) : AddOp();
  auto eps = add ? scalarConstantValue(otherOperand(add, stat)) : std::nullopt;
  if (!eps || *eps < 0 || !add->hasOneUse())
    return std::nullopt;
  auto sqrt = dyn_cast<SqrtOp>(*add->getUsers().begin());
  if (!sqrt || !sqrt->hasOneUse())
    return std::nullopt;
  ops.append({add, sqrt});
  return RootOfStatistic{sqrt, *eps};
}

Operation *matchDivisionByRoot(SqrtOp root, Value numerator, SmallVectorImpl<Operation *> &ops) {
  Operation *user = *root->getUsers().begin();
  auto div = dyn_cast<DivOp>(user);
  if (div && div.getRhs() == root.getResult() && div.getLhs() == numerator)
    return div;
  // reciprocal(root), or 1 / root (Hugging Face's rsqrt as PyTorch exports it).
  Operation *recip = user;
  if (!isa<ReciprocalOp>(recip) &&
      !(div && div.getRhs() == root.getResult() && isConstantNear(div.getLhs(), 1.0, 0)))
    return nullptr;
  Operation *mul = recip->hasOneUse() ? *recip->getUsers().begin() : nullptr;
  if (!isa_and_nonnull<MulOp>(mul) || otherOperand(mul, recip->getResult(0)) != numerator)
    return nullptr;
  ops.push_back(recip);
  return mul;
}

Value onesOverNormalized(OpBuilder &b, Location loc, RankedTensorType type, int64_t axis) {
  SmallVector<int64_t> shape(type.getShape().drop_front(axis));
  auto onesType = RankedTensorType::get(shape, type.getElementType());
  return ConstantOp::create(
      b, loc, onesType,
      DenseElementsAttr::get(onesType, b.getFloatAttr(type.getElementType(), 1.0)));
}

void replaceMatched(Operation *root, Value fused, SmallVectorImpl<Operation *> &ops) {
  root->getResult(0).replaceAllUsesWith(fused);
  std::reverse(ops.begin(), ops.end()); // users before the values they use
  eraseDead(ops);
}

} // namespace tfc
