// ONNX indexing and contraction operators: GatherND (a flat gather), Einsum (broadcast
// products and sums), TopK (ranks by pairwise comparison), ScatterElements and ScatterND.
#include "frontend/onnx/NodeImporter.h"
#include <cctype>

using namespace mlir;

namespace tfc::onnx_import {
namespace {

SmallVector<int64_t> rowMajorStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/// GatherND as one Gather: the k index components become a flat index into the k gathered
/// dimensions (plus the batch offset), over the data reshaped to [batch * gathered, rest].
LogicalResult importGatherND(NodeImporter &n) {
  auto data = n.requiredInput(0), indices = n.requiredInput(1);
  if (failed(data) || failed(indices) ||
      failed(n.checkType(*indices, kSignedInt, "int32/int64 indices")))
    return failure();
  ArrayRef<int64_t> dataShape = n.typeOf(*data).getShape();
  ArrayRef<int64_t> indexShape = n.typeOf(*indices).getShape();
  int64_t b = n.attrInt("batch_dims", 0), r = dataShape.size(), q = indexShape.size();
  if (q < 1 || b < 0 || b >= std::min(r, q))
    return n.error("batch_dims must be smaller than the ranks of data and indices");
  int64_t k = indexShape.back();
  if (k < 1 || b + k > r)
    return n.error("the last dimension of indices (" + Twine(k) + ") exceeds the rank of data "
                   "minus batch_dims");
  if (dataShape.take_front(b) != indexShape.take_front(b))
    return n.error("data and indices must agree in the batch dimensions");
  ArrayRef<int64_t> gathered = dataShape.slice(b, k), rest = dataShape.drop_front(b + k);
  int64_t batch = 1, inner = 1;
  for (int64_t d : dataShape.take_front(b))
    batch *= d;
  for (int64_t d : gathered)
    inner *= d;
  Value idx = n.make<CastOp>(*indices, TypeAttr::get(n.getBuilder().getI64Type()));
  // Negative components count from the end of their dimension.
  Value dims = n.constantI64(gathered, {k});
  idx = n.make<WhereOp>(n.make<LessOp>(idx, n.constantI64({0}, {})),
                        n.make<AddOp>(idx, dims), idx);
  Value strides = n.constantI64(rowMajorStrides(gathered), {k});
  Value flat = n.make<ReduceSumOp>(n.make<MulOp>(idx, strides),
                                   ArrayRef<int64_t>{q - 1}, false);
  if (b > 0) {
    SmallVector<int64_t> offsets, offsetShape(indexShape.take_front(b));
    offsetShape.append(q - 1 - b, 1);
    for (int64_t i = 0; i < batch; ++i)
      offsets.push_back(i * inner);
    flat = n.make<AddOp>(flat, n.constantI64(offsets, offsetShape));
  }
  SmallVector<int64_t> table = {batch * inner};
  table.append(rest.begin(), rest.end());
  Value source = n.make<ReshapeOp>(*data, table);
  return n.setValue(n.make<GatherOp>(source, flat, n.getBuilder().getI64IntegerAttr(0)));
}

/// Einsum without ellipses or repeated letters in one operand: every operand is laid out
/// over all letters (size 1 where it lacks one), the operands are multiplied with
/// broadcasting, the letters missing from the output are summed, and the rest transposed.
LogicalResult importEinsum(NodeImporter &n) {
  std::string equation;
  for (char c : n.attrString("equation", ""))
    if (c != ' ')
      equation += c;
  auto arrow = equation.find("->");
  std::string lhs = equation.substr(0, arrow);
  SmallVector<StringRef> parts;
  StringRef(lhs).split(parts, ',');
  SmallVector<std::string> terms;
  for (StringRef term : parts)
    terms.push_back(term.str());
  if (terms.size() != n.numInputs())
    return n.error("equation '" + equation + "' has " + Twine(terms.size()) + " terms for " +
                   Twine(n.numInputs()) + " inputs");
  std::string letters; // in order of first appearance
  llvm::StringMap<int> counts;
  for (const std::string &term : terms) {
    if (term.find('.') != std::string::npos)
      return n.unsupported("Einsum with an ellipsis ('...')");
    for (char c : term) {
      if (!std::isalpha(static_cast<unsigned char>(c)))
        return n.error("equation '" + equation + "' has the character '" + Twine(c) + "'");
      if (std::count(term.begin(), term.end(), c) > 1)
        return n.unsupported("Einsum with a repeated letter in one operand (a diagonal)");
      if (letters.find(c) == std::string::npos)
        letters += c;
      ++counts[std::string(1, c)];
    }
  }
  std::string output;
  if (arrow != std::string::npos) {
    output = equation.substr(arrow + 2);
    for (char c : output)
      if (letters.find(c) == std::string::npos || std::count(output.begin(), output.end(), c) > 1)
        return n.error("output letter '" + Twine(c) + "' is repeated or not in an input");
  } else {
    for (char c : letters)
      if (counts[std::string(1, c)] == 1)
        output += c;
    llvm::sort(output);
  }
  Value product;
  Type element;
  for (auto [i, term] : llvm::enumerate(terms)) {
    auto x = n.requiredInput(i);
    if (failed(x) || failed(n.checkType(*x, kNumeric, "numbers")))
      return failure();
    if (n.typeOf(*x).getRank() != static_cast<int64_t>(term.size()))
      return n.error("input " + Twine(i) + " has rank " + Twine(n.typeOf(*x).getRank()) +
                     " but its term '" + term + "' has " + Twine(term.size()) + " letters");
    if (element && n.typeOf(*x).getElementType() != element)
      return n.error("inputs have different element types");
    element = n.typeOf(*x).getElementType();
    // Transpose to the letters' global order, then insert size-1 dimensions for the others.
    SmallVector<int64_t> perm, shape;
    for (char c : letters) {
      auto pos = term.find(c);
      if (pos != std::string::npos) {
        perm.push_back(pos);
        shape.push_back(n.typeOf(*x).getDimSize(pos));
      } else {
        shape.push_back(1);
      }
    }
    Value v = n.make<ReshapeOp>(n.make<TransposeOp>(*x, perm), shape);
    product = product ? n.make<MulOp>(product, v) : v;
  }
  SmallVector<int64_t> summed;
  std::string kept;
  for (auto [d, c] : llvm::enumerate(letters)) {
    if (output.find(c) == std::string::npos)
      summed.push_back(d);
    else
      kept += c;
  }
  if (!summed.empty())
    product = n.make<ReduceSumOp>(product, summed, false);
  SmallVector<int64_t> perm;
  for (char c : output)
    perm.push_back(kept.find(c));
  return n.setValue(n.make<TransposeOp>(product, perm));
}

/// TopK by ranks: an element's rank is the number of elements that beat it (greater, or
/// equal at a lower index). The output position p takes the element of rank p. This needs
/// n x n comparisons per lane, fine for the short axes TopK usually sees.
LogicalResult importTopK(NodeImporter &n) {
  auto x = n.requiredInput(0), kInput = n.requiredInput(1);
  if (failed(x) || failed(kInput) || failed(n.checkType(*x, kNumeric, "numbers")))
    return failure();
  auto kValues = n.constantInts(*kInput, "input 'K'");
  if (failed(kValues))
    return failure();
  RankedTensorType type = n.typeOf(*x);
  int64_t rank = type.getRank();
  auto axis = n.normalizeAxis(n.attrInt("axis", -1), rank, "axis");
  if (failed(axis))
    return failure();
  int64_t len = type.getDimSize(*axis);
  if (kValues->size() != 1 || kValues->front() < 0 || kValues->front() > len)
    return n.error("K must be one value between 0 and the axis length " + Twine(len));
  int64_t k = kValues->front();
  bool largest = n.attrInt("largest", 1) != 0;
  SmallVector<int64_t> perm, inverse(rank);
  for (int64_t d = 0; d < rank; ++d)
    if (d != *axis)
      perm.push_back(d);
  perm.push_back(*axis);
  for (int64_t d = 0; d < rank; ++d)
    inverse[perm[d]] = d;
  Value xt = n.make<TransposeOp>(*x, perm); // [..., len]
  Value others = n.make<UnsqueezeOp>(xt, ArrayRef<int64_t>{rank});     // x_j at [..., j, 1]
  Value self = n.make<UnsqueezeOp>(xt, ArrayRef<int64_t>{rank - 1});   // x_i at [..., 1, i]
  Value beats = largest ? n.make<GreaterOp>(others, self) : n.make<LessOp>(others, self);
  SmallVector<bool> lower;
  for (int64_t j = 0; j < len; ++j)
    for (int64_t i = 0; i < len; ++i)
      lower.push_back(j < i);
  auto lowerType = RankedTensorType::get({len, len}, n.getBuilder().getI1Type());
  Value tie = n.make<AndOp>(n.make<EqualOp>(others, self),
                            n.constant(DenseElementsAttr::get(lowerType, ArrayRef<bool>(lower))));
  Type i64 = n.getBuilder().getI64Type();
  Value ranks = n.make<ReduceSumOp>(n.make<CastOp>(n.make<OrOp>(beats, tie), TypeAttr::get(i64)),
                                    ArrayRef<int64_t>{rank - 1}, false); // [..., len]
  SmallVector<int64_t> positions, positionShape = {k}, iota, iotaShape = {len, 1};
  for (int64_t p = 0; p < k; ++p)
    positions.push_back(p);
  for (int64_t i = 0; i < len; ++i)
    iota.push_back(i);
  Value hit = n.make<EqualOp>(n.make<UnsqueezeOp>(ranks, ArrayRef<int64_t>{rank}),
                              n.constantI64(positions, positionShape)); // [..., len, k]
  Value picked = n.make<WhereOp>(hit, n.constantI64(iota, iotaShape), n.constantI64({0}, {}));
  Value indices = n.make<ReduceSumOp>(picked, ArrayRef<int64_t>{rank - 1}, false); // [..., k]
  Value values = n.make<GatherElementsOp>(xt, indices, n.getBuilder().getI64IntegerAttr(rank - 1));
  values = n.make<TransposeOp>(values, inverse);
  indices = n.make<TransposeOp>(indices, inverse);
  if (!values || !indices)
    return failure();
  n.setOutput(0, values);
  n.setOutput(1, indices);
  return success();
}

/// ScatterElements (and Scatter, its name before opset 11) and ScatterND.
template <typename OpTy>
LogicalResult importScatter(NodeImporter &n) {
  auto data = n.requiredInput(0), indices = n.requiredInput(1), updates = n.requiredInput(2);
  if (failed(data) || failed(indices) || failed(updates) ||
      failed(n.checkType(*indices, kSignedInt, "int32/int64 indices")))
    return failure();
  if (n.typeOf(*updates).getElementType() != n.typeOf(*data).getElementType())
    return n.error("updates must have the data's element type");
  StringAttr reduction = n.getBuilder().getStringAttr(n.attrString("reduction", "none"));
  if constexpr (std::is_same_v<OpTy, ScatterElementsOp>) {
    auto axis = n.normalizeAxis(n.attrInt("axis", 0), n.typeOf(*data).getRank(), "axis");
    if (failed(axis))
      return failure();
    return n.setResult(n.create<ScatterElementsOp>(
        *data, *indices, *updates, n.getBuilder().getI64IntegerAttr(*axis), reduction));
  } else {
    return n.setResult(n.create<ScatterNDOp>(*data, *indices, *updates, reduction));
  }
}

} // namespace

void registerIndexingImporters(ImporterTable &t) {
  t["GatherND"] = {importGatherND, {{"batch_dims", AttrKind::Int}}, 2};
  t["Einsum"] = {importEinsum, {{"equation", AttrKind::String}}, 0};
  t["ScatterElements"] = {importScatter<ScatterElementsOp>,
                         {{"axis", AttrKind::Int}, {"reduction", AttrKind::String}}, 3};
  t["Scatter"] = {importScatter<ScatterElementsOp>, {{"axis", AttrKind::Int}}, 3};
  t["ScatterND"] = {importScatter<ScatterNDOp>, {{"reduction", AttrKind::String}}, 3};
  t["TopK"] = {importTopK,
               {{"axis", AttrKind::Int}, {"largest", AttrKind::Int}, {"sorted", AttrKind::Int}},
               2};
}

} // namespace tfc::onnx_import
