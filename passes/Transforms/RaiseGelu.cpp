// tfc-raise-gelu: 0.5 x (1 + erf(x / sqrt 2)) and its tanh approximation become tfc.gelu.
#include "passes/Transforms/PatternMatch.h"
#include "passes/Transforms/Passes.h"
#include <cmath>

namespace tfc {
#define GEN_PASS_DEF_RAISEGELU
#include "passes/Transforms/Passes.h.inc"
} // namespace tfc

using namespace mlir;

namespace tfc {
namespace {

struct GeluMatch {
  Value x;
  StringRef approximate;
  SmallVector<Operation *> ops; ///< everything the fused op replaces, root first
  /// Further factors of the product (a gated GELU's up-projection: Gemma's GeGLU), which
  /// multiply the fused op.
  SmallVector<Value> extra;
};

/// x when `cube` is x^3: Pow(x, 3) or the product x * x * x.
Value cubeBase(Value cube, SmallVectorImpl<Operation *> &ops) {
  if (auto pow = cube.getDefiningOp<PowOp>()) {
    if (!isConstantNear(pow.getRhs(), 3.0, 0))
      return {};
    ops.push_back(pow);
    return pow.getLhs();
  }
  SmallVector<Value> factors;
  productFactors(cube, factors, &ops);
  if (factors.size() == 3 && factors[0] == factors[1] && factors[1] == factors[2])
    return factors[0];
  return {};
}

/// The x of erf's argument x / sqrt 2 (or x * (1 / sqrt 2)).
Value erfArgument(Value y, SmallVectorImpl<Operation *> &ops) {
  if (auto div = y.getDefiningOp<DivOp>()) {
    if (!isConstantNear(div.getRhs(), M_SQRT2) || !y.hasOneUse())
      return {};
    ops.push_back(div);
    return div.getLhs();
  }
  SmallVector<Value> factors;
  productFactors(y, factors, &ops);
  if (factors.size() == 2 && takeConstant(factors, M_SQRT1_2))
    return factors[0];
  return {};
}

/// The x of tanh's argument sqrt(2/pi) (x + 0.044715 x^3).
Value tanhArgument(Value z, SmallVectorImpl<Operation *> &ops) {
  SmallVector<Value> factors;
  productFactors(z, factors, &ops);
  if (factors.size() != 2 || !takeConstant(factors, std::sqrt(2.0 / M_PI)))
    return {};
  auto inner = factors[0].getDefiningOp<AddOp>();
  if (!inner || !inner->hasOneUse())
    return {};
  ops.push_back(inner);
  for (auto [x, t] : {std::pair(inner.getLhs(), inner.getRhs()),
                      std::pair(inner.getRhs(), inner.getLhs())}) {
    SmallVector<Value> terms;
    SmallVector<Operation *> termOps;
    if (!t.hasOneUse())
      continue;
    productFactors(t, terms, &termOps);
    if (!takeConstant(terms, 0.044715))
      continue;
    // The products flatten: x^3 is left as three factors x, or as one Pow(x, 3).
    bool cube = terms.size() == 3 ? llvm::all_equal(terms) && terms[0] == x
                                  : terms.size() == 1 && terms[0].hasOneUse() &&
                                        cubeBase(terms[0], termOps) == x;
    if (cube) {
      ops.append(termOps.begin(), termOps.end());
      return x;
    }
  }
  return {};
}

/// Matches a GELU rooted at the product `root`; a near miss (the 1 + erf/tanh found, the
/// rest not) gets a reason when `why` is given.
std::optional<GeluMatch> matchGelu(MulOp root, std::string *why) {
  GeluMatch m;
  m.ops.push_back(root);
  SmallVector<Value> factors;
  productFactors(root.getResult(), factors, &m.ops);
  m.ops.erase(m.ops.begin() + 1); // productFactors records the root again
  for (Value s : factors) {
    auto add = s.getDefiningOp<AddOp>();
    if (!add)
      continue;
    Value fn = isConstantNear(add.getRhs(), 1.0) ? add.getLhs()
               : isConstantNear(add.getLhs(), 1.0) ? add.getRhs()
                                                   : Value();
    Operation *def = fn ? fn.getDefiningOp() : nullptr;
    if (!def || !isa<ErfOp, TanhOp>(def))
      continue;
    auto fail = [&](const Twine &reason) -> std::optional<GeluMatch> {
      if (why)
        *why = reason.str();
      return std::nullopt;
    };
    if (!s.hasOneUse() || !fn.hasOneUse())
      return fail("an intermediate value has another use");
    SmallVector<Operation *> inner = {add, def};
    bool isErf = isa<ErfOp>(def);
    Value x = isErf ? erfArgument(def->getOperand(0), inner)
                    : tanhArgument(def->getOperand(0), inner);
    if (!x)
      return fail(isErf ? "the argument of erf is not x / sqrt(2) (or has another use)"
                        : "the argument of tanh is not sqrt(2/pi) * (x + 0.044715 * x^3)");
    SmallVector<Value> rest(factors);
    takeValue(rest, s);
    if (!takeValue(rest, x) || !takeConstant(rest, 0.5))
      return fail("the product is not 0.5 * x * (1 + " + Twine(isErf ? "erf" : "tanh") +
                  "(...)) with the same x");
    if (x.getType() != root.getType())
      return fail("x and the result have different types");
    m.x = x;
    m.approximate = isErf ? "none" : "tanh";
    m.extra = rest;
    m.ops.append(inner.begin(), inner.end());
    return m;
  }
  return std::nullopt;
}

struct RaiseGeluPass : impl::RaiseGeluBase<RaiseGeluPass> {
  using RaiseGeluBase::RaiseGeluBase;
  void runOnOperation() override {
    // Roots: products whose result is not itself a factor of a larger single-use product.
    SmallVector<MulOp> roots;
    getOperation()->walk([&](MulOp mul) {
      Value r = mul.getResult();
      if (r.hasOneUse() && isa<MulOp>(*r.getUsers().begin()))
        return;
      roots.push_back(mul);
    });
    for (MulOp root : roots) {
      std::string why;
      auto m = matchGelu(root, reportNearMisses ? &why : nullptr);
      if (!m) {
        if (!why.empty())
          root->emitRemark("near miss: gelu: ") << why;
        continue;
      }
      OpBuilder b(root);
      Value gelu = GeluOp::create(b, root.getLoc(), m->x, b.getStringAttr(m->approximate));
      for (Value factor : m->extra)
        gelu = MulOp::create(b, root.getLoc(), gelu, factor);
      root.getResult().replaceAllUsesWith(gelu);
      eraseDead(m->ops);
    }
  }
};

} // namespace
} // namespace tfc
