// Accessors, diagnostics and op creation for the import of one ONNX node.
#include "frontend/onnx/NodeImporter.h"
#include "frontend/onnx/TensorData.h"
#include "frontend/onnx/TensorProtoIO.h"
#include "mlir/IR/Matchers.h"
#include <onnx/onnx_pb.h>

using namespace mlir;

namespace tfc::onnx_import {

NodeImporter::NodeImporter(OpBuilder &builder, const onnx::NodeProto &node, int64_t opset,
                           Location loc, ArrayRef<Value> inputs)
    : builder(builder), node(node), opsetVersion(opset), loc(loc),
      inputs(inputs.begin(), inputs.end()), outputs(node.output_size()) {}

NodeImporter::~NodeImporter() = default;

StringRef NodeImporter::opType() const { return node.op_type(); }

FailureOr<Value> NodeImporter::requiredInput(size_t i) {
  if (Value v = input(i))
    return v;
  return error("input " + Twine(i) + " of " + opType() + " is required but missing");
}

size_t NodeImporter::numOutputs() const { return node.output_size(); }

bool NodeImporter::outputUsed(size_t i) const {
  return static_cast<int>(i) < node.output_size() && !node.output(i).empty();
}

void NodeImporter::setOutput(size_t i, Value value) {
  if (i < outputs.size())
    outputs[i] = value;
}

LogicalResult NodeImporter::setResult(FailureOr<Value> result) {
  if (failed(result))
    return failure();
  setOutput(0, *result);
  return success();
}

const onnx::AttributeProto *NodeImporter::attr(StringRef name) const {
  for (const onnx::AttributeProto &a : node.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

bool NodeImporter::hasAttr(StringRef name) const { return attr(name) != nullptr; }

int64_t NodeImporter::attrInt(StringRef name, int64_t defaultValue) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->i() : defaultValue;
}

std::optional<SmallVector<int64_t>> NodeImporter::attrInts(StringRef name) const {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return std::nullopt;
  return SmallVector<int64_t>(a->ints().begin(), a->ints().end());
}

float NodeImporter::attrFloat(StringRef name, float defaultValue) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->f() : defaultValue;
}

std::string NodeImporter::attrString(StringRef name, StringRef defaultValue) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->s() : defaultValue.str();
}

FailureOr<DenseElementsAttr> NodeImporter::attrTensor(StringRef name) {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return error("attribute '" + name + "' is missing");
  auto t = decodeTensorProto(a->t());
  if (!t)
    return error("attribute '" + name + "': " + llvm::toString(t.takeError()));
  Type element = dtypeToType(t->dtype, getContext());
  return toDenseAttr(*t, RankedTensorType::get(t->shape, element));
}

FailureOr<DenseElementsAttr> NodeImporter::attrFloats(StringRef name) {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return error("attribute '" + name + "' is missing");
  SmallVector<float> values(a->floats().begin(), a->floats().end());
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    builder.getF32Type());
  return DenseElementsAttr::get(type, ArrayRef<float>(values));
}

InFlightDiagnostic NodeImporter::error() { return emitError(loc); }

InFlightDiagnostic NodeImporter::error(const Twine &message) { return emitError(loc, message); }

InFlightDiagnostic NodeImporter::unsupported(const Twine &message) {
  return emitError(loc, "not supported: " + message);
}

bool NodeImporter::isClass(Type element, unsigned classes) {
  if (isa<FloatType>(element))
    return classes & kFloat;
  if (element.isInteger(1))
    return classes & kBool;
  if (isUnsignedInt(element))
    return classes & kUnsignedInt;
  return classes & kSignedInt;
}

LogicalResult NodeImporter::checkType(Value v, unsigned classes, StringRef what) {
  Type element = typeOf(v).getElementType();
  if (isClass(element, classes))
    return success();
  std::string name = dtypeName(typeToDtype(element));
  return unsupported(opType() + " on " + name + " (accepts " + what + ")");
}

FailureOr<int64_t> NodeImporter::normalizeAxis(int64_t axis, int64_t rank, StringRef what) {
  if (axis < -rank || axis >= rank)
    return error(what + " " + Twine(axis) + " is out of range for rank " + Twine(rank));
  return axis < 0 ? axis + rank : axis;
}

Value NodeImporter::constant(DenseElementsAttr value) {
  return ConstantOp::create(builder, loc, value.getType(), value);
}

Value NodeImporter::scalar(Type elementType, double value) {
  auto type = RankedTensorType::get({}, elementType);
  Attribute element;
  if (auto floatTy = dyn_cast<FloatType>(elementType)) {
    element = builder.getFloatAttr(floatTy, value);
  } else {
    auto intTy = cast<IntegerType>(elementType);
    element = IntegerAttr::get(
        intTy, APInt(intTy.getWidth(), static_cast<uint64_t>(static_cast<int64_t>(value)),
                     /*isSigned=*/true, /*implicitTrunc=*/true));
  }
  return constant(DenseElementsAttr::get(type, element));
}

FailureOr<SmallVector<int64_t>> NodeImporter::constantInts(Value value, StringRef what) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) || !isa<IntegerType>(attr.getElementType()))
    return unsupported(what + " computed at run time (it must be a constant)");
  SmallVector<int64_t> result;
  bool isUnsigned = isUnsignedInt(attr.getElementType());
  for (const APInt &v : attr.getValues<APInt>())
    result.push_back(isUnsigned ? static_cast<int64_t>(v.getZExtValue()) : v.getSExtValue());
  return result;
}

FailureOr<SmallVector<double>> NodeImporter::constantValues(Value value, StringRef what) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return unsupported(what + " computed at run time (it must be a constant)");
  SmallVector<double> result;
  Type element = attr.getElementType();
  if (isa<FloatType>(element)) {
    for (const APFloat &v : attr.getValues<APFloat>())
      result.push_back(v.convertToDouble());
  } else {
    bool isUnsigned = isUnsignedInt(element) || element.isInteger(1);
    for (const APInt &v : attr.getValues<APInt>())
      result.push_back(isUnsigned ? static_cast<double>(v.getZExtValue())
                                  : static_cast<double>(v.getSExtValue()));
  }
  return result;
}

Value NodeImporter::constantI64(ArrayRef<int64_t> values, ArrayRef<int64_t> shape) {
  auto type = RankedTensorType::get(shape, builder.getI64Type());
  return constant(DenseElementsAttr::get(type, values));
}

FailureOr<Value> NodeImporter::finish(Operation *op) {
  if (failed(mlir::verify(op, /*verifyRecursively=*/false))) {
    op->erase();
    return failure();
  }
  SmallVector<Value, 1> folded;
  if (succeeded(builder.tryFold(op, folded)) && !folded.empty()) {
    op->erase();
    return folded.front();
  }
  return op->getResult(0);
}

} // namespace tfc::onnx_import
