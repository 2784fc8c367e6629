// Reads an ONNX model and builds func.func @main in the tfc dialect, node by node.
#include "frontend/onnx/ONNXImporter.h"
#include "frontend/onnx/NodeImporter.h"
#include "frontend/onnx/TensorData.h"
#include "frontend/onnx/TensorProtoIO.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <onnx/defs/parser.h>
#include <onnx/onnx_pb.h>

using namespace mlir;
using namespace tfc::onnx_import;

namespace tfc {
namespace {

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s;
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? "x" : "") + (ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d));
  return s.empty() ? "scalar" : s;
}

const ImporterTable &importerTable() {
  static const ImporterTable table = [] {
    ImporterTable t;
    registerElementwiseImporters(t);
    registerTensorImporters(t);
    registerNNImporters(t);
    registerActivationImporters(t);
    registerReductionImporters(t);
    registerShapeImporters(t);
    registerVisionImporters(t);
    registerLossImporters(t);
    registerQuantizationImporters(t);
    registerResizeImporters(t);
    registerIndexingImporters(t);
    return t;
  }();
  return table;
}

const char *attrKindName(AttrKind kind) {
  switch (kind) {
  case AttrKind::Int: return "INT";
  case AttrKind::Ints: return "INTS";
  case AttrKind::Float: return "FLOAT";
  case AttrKind::Floats: return "FLOATS";
  case AttrKind::String: return "STRING";
  case AttrKind::Tensor: return "TENSOR";
  }
  return "?";
}

bool attrHasKind(const onnx::AttributeProto &a, AttrKind kind) {
  using T = onnx::AttributeProto;
  switch (kind) {
  case AttrKind::Int: return a.type() == T::INT;
  case AttrKind::Ints: return a.type() == T::INTS;
  case AttrKind::Float: return a.type() == T::FLOAT;
  case AttrKind::Floats: return a.type() == T::FLOATS;
  case AttrKind::String: return a.type() == T::STRING;
  case AttrKind::Tensor: return a.type() == T::TENSOR;
  }
  return false;
}

class GraphImporter {
public:
  GraphImporter(MLIRContext &ctx, StringRef path, const onnx::ModelProto &model,
                const OnnxImportOptions &options)
      : ctx(ctx), path(path.str()), model(model), options(options), builder(&ctx) {}

  OwningOpRef<ModuleOp> run();
  /// Reports every node that checkNode refuses; returns how many.
  int checkAllNodes();

private:
  Location fileLoc() { return FileLineColLoc::get(&ctx, path, 0, 0); }
  /// The folder external data locations are relative to.
  std::string modelDir() {
    llvm::StringRef dir = llvm::sys::path::parent_path(path);
    return dir.empty() ? "." : dir.str();
  }
  /// ONNX nodes are located by name (or by index when unnamed) within the model file, with
  /// the operator type as metadata, so that diagnostics can say
  /// "model.onnx: node 'attn/MatMul_3' (MatMul): ...".
  Location nodeLoc(const onnx::NodeProto &node, int index) {
    std::string name = node.name().empty() ? "#" + std::to_string(index) : node.name();
    Location named = NameLoc::get(StringAttr::get(&ctx, name), fileLoc());
    return FusedLoc::get({named}, StringAttr::get(&ctx, node.op_type()), &ctx);
  }
  InFlightDiagnostic graphError(const Twine &message) { return emitError(fileLoc(), message); }

  void readOpsets();
  FailureOr<RankedTensorType> inputType(const onnx::ValueInfoProto &info);
  LogicalResult importInitializers();
  LogicalResult importFrozenInputs(ArrayRef<const onnx::ValueInfoProto *> frozen);
  /// Reports the node when tfc does not support its operator, domain or attributes.
  LogicalResult checkNode(const onnx::NodeProto &node, int index);
  LogicalResult importNode(const onnx::NodeProto &node, int index);
  LogicalResult checkOutputType(const onnx::ValueInfoProto &info, Value value);

  MLIRContext &ctx;
  std::string path;
  const onnx::ModelProto &model;
  const OnnxImportOptions &options;
  OpBuilder builder;
  llvm::StringMap<int64_t> opsets;
  llvm::StringMap<Value> values;
  /// The unpinned symbolic input dimensions kept as dynamic sizes, for error messages.
  std::vector<std::string> symbolicDims;
};

/// Operators whose import and tfc ops carry dynamic sizes through (see keepSymbolicDims).
bool acceptsDynamicSizes(StringRef op) {
  static const llvm::StringSet<> ops = {
      "Abs",     "Neg",      "Relu",     "Exp",     "Log",      "Sqrt",    "Reciprocal",
      "Tanh",    "Erf",      "Sigmoid",  "Floor",   "Ceil",     "Round",   "Sin",
      "Cos",     "Add",      "Sub",      "Mul",     "Div",      "Pow",     "Min",
      "Max",     "Equal",    "Less",     "Greater", "Not",      "And",     "Or",
      "Xor",     "Where",    "Cast",     "Identity", "MatMul",  "Softmax", "Transpose",
      "LayerNormalization",  "Dropout"};
  return ops.contains(op);
}

FailureOr<RankedTensorType> GraphImporter::inputType(const onnx::ValueInfoProto &info) {
  const std::string &name = info.name();
  if (!info.type().has_tensor_type())
    return graphError("input '" + name +
                      "': not supported: inputs that are not tensors (sequences, maps, "
                      "optionals, sparse tensors)");
  const auto &tensorType = info.type().tensor_type();
  Type element = dtypeToType(tensorType.elem_type(), &ctx);
  if (!element)
    return graphError("input '" + name + "': not supported: element type " +
                      dtypeName(tensorType.elem_type()));
  auto pinned = options.inputShapes.find(name);
  if (!tensorType.has_shape()) {
    if (pinned == options.inputShapes.end())
      return graphError("input '" + name + "' has no shape in the model; give it with --shape " +
                        name + "=DIMS (for example 1x128)");
    return RankedTensorType::get(pinned->second, element);
  }
  const auto &dims = tensorType.shape().dim();
  if (pinned != options.inputShapes.end() &&
      static_cast<int>(pinned->second.size()) != dims.size())
    return graphError("--shape gives input '" + name + "' rank " +
                      Twine(pinned->second.size()) + ", but the model gives it rank " +
                      Twine(dims.size()));
  SmallVector<int64_t> shape;
  for (int d = 0; d < dims.size(); ++d) {
    const auto &dim = dims.Get(d);
    int64_t given = pinned != options.inputShapes.end() ? pinned->second[d] : -1;
    if (dim.has_dim_value()) {
      if (given >= 0 && given != dim.dim_value())
        return graphError("--shape gives input '" + name + "' size " + Twine(given) +
                          " in dimension " + Twine(d) + ", but the model fixes it at " +
                          Twine(dim.dim_value()));
      shape.push_back(dim.dim_value());
      continue;
    }
    if (given < 0) {
      std::string symbol = dim.has_dim_param() ? " ('" + dim.dim_param() + "')" : "";
      if (options.keepSymbolicDims) {
        symbolicDims.push_back("input '" + name + "' dimension " + std::to_string(d) + symbol);
        shape.push_back(ShapedType::kDynamic);
        continue;
      }
      return graphError("input '" + name + "': dimension " + Twine(d) + symbol +
                        " is not known; code generation needs static shapes, give the "
                        "shape with --shape " + name + "=DIMS");
    }
    shape.push_back(given);
  }
  return RankedTensorType::get(shape, element);
}

LogicalResult GraphImporter::importInitializers() {
  const onnx::GraphProto &graph = model.graph();
  if (graph.sparse_initializer_size() > 0)
    return graphError("not supported: sparse initializers");
  for (const onnx::TensorProto &init : graph.initializer()) {
    auto t = decodeTensorProto(init, modelDir());
    if (!t)
      return graphError("initializer " + llvm::toString(t.takeError()));
    auto type = RankedTensorType::get(t->shape, dtypeToType(t->dtype, &ctx));
    values[init.name()] = ConstantOp::create(builder, fileLoc(), type, toDenseAttr(*t, type));
  }
  return success();
}

LogicalResult GraphImporter::importFrozenInputs(ArrayRef<const onnx::ValueInfoProto *> frozen) {
  for (const onnx::ValueInfoProto *info : frozen) {
    const TensorData &t = options.frozenInputs.find(info->name())->second;
    auto declared = inputType(*info);
    if (failed(declared))
      return failure();
    Type element = dtypeToType(t.dtype, &ctx);
    auto type = RankedTensorType::get(t.shape, element);
    if (element != declared->getElementType() ||
        failed(verifyCompatibleShape(type.getShape(), declared->getShape())))
      return graphError("--freeze-input '" + info->name() + "' gives " + dtypeName(t.dtype) +
                        " [" + shapeString(t.shape) + "], but the input is declared " +
                        dtypeName(typeToDtype(declared->getElementType())) + " [" +
                        shapeString(declared->getShape()) + "]");
    values[info->name()] = ConstantOp::create(builder, fileLoc(), type, toDenseAttr(t, type));
  }
  return success();
}

LogicalResult GraphImporter::checkNode(const onnx::NodeProto &node, int index) {
  Location loc = nodeLoc(node, index);
  const std::string &domain = node.domain();
  if (!domain.empty() && domain != "ai.onnx")
    return emitError(loc, "not supported: operator " + node.op_type() + " of domain '" +
                              domain + "' (opset " + Twine(opsets.lookup(domain)) + ")");
  int64_t opset = opsets.lookup("");
  const ImporterTable &table = importerTable();
  auto it = table.find(node.op_type());
  if (it == table.end())
    return emitError(loc, "not supported: operator " + node.op_type() + " (domain ai.onnx, opset " +
                              Twine(opset) + ")");
  const OpImporter &importer = it->second;
  for (const onnx::AttributeProto &a : node.attribute()) {
    const AttrSpec *spec = nullptr;
    for (const AttrSpec &s : importer.attrs)
      if (a.name() == s.name)
        spec = &s;
    if (!spec)
      return emitError(loc, "not supported: attribute '" + a.name() + "' of " +
                                node.op_type());
    if (!attrHasKind(a, spec->kind))
      return emitError(loc, "attribute '" + a.name() + "' must be " +
                                attrKindName(spec->kind));
  }
  return success();
}

LogicalResult GraphImporter::importNode(const onnx::NodeProto &node, int index) {
  if (failed(checkNode(node, index)))
    return failure();
  Location loc = nodeLoc(node, index);
  int64_t opset = opsets.lookup("");
  const OpImporter &importer = importerTable().find(node.op_type())->second;
  SmallVector<Value> inputs;
  for (const std::string &name : node.input()) {
    if (name.empty()) {
      inputs.push_back(Value());
      continue;
    }
    Value v = values.lookup(name);
    if (!v)
      return emitError(loc, "input '" + name + "' is not produced by an earlier node, an "
                                "initializer or a graph input");
    inputs.push_back(v);
  }
  for (unsigned i = 0; i < importer.requiredInputs; ++i)
    if (i >= inputs.size() || !inputs[i])
      return emitError(loc, "input " + Twine(i) + " of " + node.op_type() +
                                " is required but missing");
  bool dynamic = llvm::any_of(inputs, [](Value v) {
    return v && !cast<RankedTensorType>(v.getType()).hasStaticShape();
  });
  if (dynamic && !acceptsDynamicSizes(node.op_type()))
    return emitError(loc, "not supported: " + node.op_type() +
                              " on a size unknown at compile time; it comes from " +
                              llvm::join(symbolicDims, ", ") +
                              ": pin symbolic dimensions with --shape NAME=DIMS");
  NodeImporter nodeImporter(builder, node, opset, loc, inputs);
  if (failed(importer.fn(nodeImporter)))
    return failure();
  for (int i = 0; i < node.output_size(); ++i) {
    if (node.output(i).empty())
      continue;
    Value v = nodeImporter.getOutputs()[i];
    if (!v)
      return emitError(loc, "not supported: output " + Twine(i) + " ('" + node.output(i) +
                                "') of " + node.op_type());
    values[node.output(i)] = v;
  }
  return success();
}

LogicalResult GraphImporter::checkOutputType(const onnx::ValueInfoProto &info, Value value) {
  if (!info.type().has_tensor_type())
    return graphError("output '" + info.name() + "': not supported: outputs that are not "
                                                 "tensors");
  auto type = cast<RankedTensorType>(value.getType());
  const auto &tensorType = info.type().tensor_type();
  if (tensorType.elem_type() != 0 &&
      dtypeToType(tensorType.elem_type(), &ctx) != type.getElementType())
    return graphError("output '" + info.name() + "' is declared " +
                      dtypeName(tensorType.elem_type()) + " but computed as " +
                      dtypeName(typeToDtype(type.getElementType())));
  if (!tensorType.has_shape())
    return success();
  const auto &dims = tensorType.shape().dim();
  if (dims.size() != type.getRank())
    return graphError("output '" + info.name() + "' is declared with rank " +
                      Twine(dims.size()) + " but computed with rank " +
                      Twine(type.getRank()));
  for (int d = 0; d < dims.size(); ++d)
    if (dims.Get(d).has_dim_value() && !type.isDynamicDim(d) &&
        dims.Get(d).dim_value() != type.getDimSize(d))
      return graphError("output '" + info.name() + "' is declared with size " +
                        Twine(dims.Get(d).dim_value()) + " in dimension " + Twine(d) +
                        " but computed with size " + Twine(type.getDimSize(d)));
  return success();
}

void GraphImporter::readOpsets() {
  for (const onnx::OperatorSetIdProto &opset : model.opset_import())
    opsets[opset.domain() == "ai.onnx" ? "" : opset.domain()] = opset.version();
  if (!opsets.count(""))
    opsets[""] = 1; // ONNX: a model without an opset import for the default domain
}

int GraphImporter::checkAllNodes() {
  readOpsets();
  int unsupported = 0;
  for (auto [i, node] : llvm::enumerate(model.graph().node()))
    if (failed(checkNode(node, static_cast<int>(i))))
      ++unsupported;
  return unsupported;
}

OwningOpRef<ModuleOp> GraphImporter::run() {
  readOpsets();
  const onnx::GraphProto &graph = model.graph();

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc());
  (*module)->setAttr("tfc.source", StringAttr::get(&ctx, llvm::sys::path::filename(path)));
  builder.setInsertionPointToEnd(module->getBody());

  // Initializers may also be listed among the inputs (IR version < 4); those are not
  // arguments of the function.
  llvm::StringSet<> initNames;
  for (const onnx::TensorProto &init : graph.initializer())
    initNames.insert(init.name());
  // Options naming inputs the model does not have are mistakes to report first.
  auto isGraphInput = [&](StringRef name) {
    return llvm::any_of(graph.input(), [&](const onnx::ValueInfoProto &info) {
      return info.name() == name && !initNames.contains(name);
    });
  };
  for (const auto &entry : options.inputShapes)
    if (!isGraphInput(entry.getKey())) {
      graphError("--shape names '" + entry.getKey() + "', which is not an input of the model");
      return nullptr;
    }
  for (const auto &entry : options.frozenInputs)
    if (!isGraphInput(entry.getKey())) {
      graphError("--freeze-input names '" + entry.getKey() +
                 "', which is not an input of the model");
      return nullptr;
    }

  SmallVector<const onnx::ValueInfoProto *> inputs, frozen;
  SmallVector<Type> argTypes;
  for (const onnx::ValueInfoProto &info : graph.input()) {
    if (initNames.contains(info.name()))
      continue;
    if (options.frozenInputs.count(info.name())) {
      frozen.push_back(&info);
      continue;
    }
    auto type = inputType(info);
    if (failed(type))
      return nullptr;
    inputs.push_back(&info);
    argTypes.push_back(*type);
  }
  auto func = func::FuncOp::create(builder, fileLoc(), "main",
                                   builder.getFunctionType(argTypes, {}));
  Block *entry = func.addEntryBlock();
  for (auto [i, info] : llvm::enumerate(inputs)) {
    func.setArgAttr(i, "tfc.name", builder.getStringAttr(info->name()));
    values[info->name()] = entry->getArgument(i);
  }
  builder.setInsertionPointToStart(entry);
  if (failed(importInitializers()) || failed(importFrozenInputs(frozen)))
    return nullptr;
  for (auto [i, node] : llvm::enumerate(graph.node()))
    if (failed(importNode(node, static_cast<int>(i))))
      return nullptr;

  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &info : graph.output()) {
    Value v = values.lookup(info.name());
    if (!v) {
      graphError("output '" + info.name() + "' is not produced by any node");
      return nullptr;
    }
    if (failed(checkOutputType(info, v)))
      return nullptr;
    results.push_back(v);
  }
  func::ReturnOp::create(builder, fileLoc(), results);
  func.setType(builder.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [i, info] : llvm::enumerate(graph.output()))
    func.setResultAttr(i, "tfc.name", builder.getStringAttr(info.name()));
  return module;
}

bool isTextModel(StringRef path) {
  return path.ends_with(".onnxtxt") || path.ends_with(".onnxtext");
}

} // namespace

namespace {
/// Reads the model at `path` (binary or text syntax) into `model`; errors at the file.
LogicalResult readModel(StringRef path, MLIRContext &context, onnx::ModelProto &model) {
  Location fileLoc = FileLineColLoc::get(&context, path, 0, 0);
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/true);
  if (!buffer) {
    return emitError(fileLoc, "cannot read the model: " + buffer.getError().message());
  }
  if (isTextModel(path)) {
    onnx::Status status = onnx::OnnxParser::Parse(model, (*buffer)->getBufferStart());
    if (!status.IsOK())
      return emitError(fileLoc, "cannot parse the ONNX text model: " + status.ErrorMessage());
  } else if (!model.ParseFromArray((*buffer)->getBufferStart(),
                                   static_cast<int>((*buffer)->getBufferSize()))) {
    return emitError(fileLoc, "not a valid ONNX model (protobuf parse failed)");
  }
  if (model.graph().node_size() == 0 && model.graph().output_size() == 0)
    return emitError(fileLoc, "the model has an empty graph");
  return success();
}
} // namespace

OwningOpRef<ModuleOp> importOnnxModel(StringRef path, MLIRContext &context,
                                      const OnnxImportOptions &options) {
  context.loadDialect<TFCDialect, func::FuncDialect>();
  onnx::ModelProto model;
  if (failed(readModel(path, context, model)))
    return nullptr;
  GraphImporter importer(context, path, model, options);
  return importer.run();
}

FailureOr<OnnxCheckResult> checkOnnxModel(StringRef path, MLIRContext &context) {
  context.loadDialect<TFCDialect, func::FuncDialect>();
  onnx::ModelProto model;
  if (failed(readModel(path, context, model)))
    return failure();
  OnnxImportOptions options;
  GraphImporter importer(context, path, model, options);
  OnnxCheckResult result;
  result.nodes = model.graph().node_size();
  result.unsupported = importer.checkAllNodes();
  return result;
}

} // namespace tfc
