// The context in which one ONNX node is imported: inputs, attributes, opset and op creation.
#ifndef TFC_FRONTEND_ONNX_NODEIMPORTER_H
#define TFC_FRONTEND_ONNX_NODEIMPORTER_H

#include "dialect/TFC/TFCOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace onnx {
class NodeProto;
class AttributeProto;
} // namespace onnx

namespace tfc::onnx_import {

enum class AttrKind { Int, Ints, Float, Floats, String, Tensor };

struct AttrSpec {
  const char *name;
  AttrKind kind;
};

class NodeImporter;
using ImportFn = mlir::LogicalResult (*)(NodeImporter &);

/// How one ONNX operator is imported: the handler, the attributes it understands (any other
/// attribute is reported as not supported rather than silently ignored), and how many leading
/// inputs must be present (the first missing one is reported before the handler runs).
struct OpImporter {
  ImportFn fn;
  std::vector<AttrSpec> attrs;
  unsigned requiredInputs = 1;
};
using ImporterTable = llvm::StringMap<OpImporter>;

void registerElementwiseImporters(ImporterTable &table);
void registerTensorImporters(ImporterTable &table);
void registerNNImporters(ImporterTable &table);
void registerActivationImporters(ImporterTable &table);
void registerReductionImporters(ImporterTable &table);
void registerShapeImporters(ImporterTable &table);
void registerVisionImporters(ImporterTable &table);
void registerLossImporters(ImporterTable &table);
void registerQuantizationImporters(ImporterTable &table);
void registerResizeImporters(ImporterTable &table);
void registerIndexingImporters(ImporterTable &table);

/// Element-type classes, for checking what an op accepts.
enum TypeClass : unsigned {
  kFloat = 1,
  kSignedInt = 2,
  kUnsignedInt = 4,
  kBool = 8,
  kInt = kSignedInt | kUnsignedInt,
  kNumeric = kFloat | kInt,
  kAny = kNumeric | kBool,
};

class NodeImporter {
public:
  NodeImporter(mlir::OpBuilder &builder, const onnx::NodeProto &node, int64_t opset,
               mlir::Location loc, llvm::ArrayRef<mlir::Value> inputs);
  ~NodeImporter();

  llvm::StringRef opType() const;
  int64_t opset() const { return opsetVersion; }
  mlir::Location getLoc() const { return loc; }
  mlir::OpBuilder &getBuilder() { return builder; }
  mlir::MLIRContext *getContext() { return builder.getContext(); }

  // Inputs and outputs.
  size_t numInputs() const { return inputs.size(); }
  /// Input `i`, or a null value when the node omits it.
  mlir::Value input(size_t i) const { return i < inputs.size() ? inputs[i] : mlir::Value(); }
  /// Input `i`; an error naming it when the node omits it.
  mlir::FailureOr<mlir::Value> requiredInput(size_t i);
  size_t numOutputs() const;
  /// Whether the node names output `i` (optional outputs may be left unnamed).
  bool outputUsed(size_t i) const;
  void setOutput(size_t i, mlir::Value value);
  /// Sets output 0 to `result` when it was created: `return n.setResult(n.create<...>(...))`.
  mlir::LogicalResult setResult(mlir::FailureOr<mlir::Value> result);
  llvm::ArrayRef<mlir::Value> getOutputs() const { return outputs; }

  // Attributes; their kinds are checked against the OpImporter's list before the handler
  // runs, so these accessors only deal with presence.
  bool hasAttr(llvm::StringRef name) const;
  int64_t attrInt(llvm::StringRef name, int64_t defaultValue) const;
  std::optional<llvm::SmallVector<int64_t>> attrInts(llvm::StringRef name) const;
  float attrFloat(llvm::StringRef name, float defaultValue) const;
  std::string attrString(llvm::StringRef name, llvm::StringRef defaultValue) const;
  mlir::FailureOr<mlir::DenseElementsAttr> attrTensor(llvm::StringRef name);
  mlir::FailureOr<mlir::DenseElementsAttr> attrFloats(llvm::StringRef name);

  // Diagnostics at the node.
  mlir::InFlightDiagnostic error();
  mlir::InFlightDiagnostic error(const llvm::Twine &message);
  /// "not supported: <message>": for valid ONNX that tfc does not implement yet.
  mlir::InFlightDiagnostic unsupported(const llvm::Twine &message);

  // Type checks.
  static mlir::RankedTensorType typeOf(mlir::Value v) {
    return llvm::cast<mlir::RankedTensorType>(v.getType());
  }
  static bool isClass(mlir::Type element, unsigned classes);
  /// Checks that `v`'s element type is in `classes`; otherwise a "not supported" error that
  /// names the element type and what the operator accepts.
  mlir::LogicalResult checkType(mlir::Value v, unsigned classes, llvm::StringRef what);
  /// Normalizes an axis in [-rank, rank) to [0, rank); an error names it otherwise.
  mlir::FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank, llvm::StringRef what);

  // Constants.
  mlir::Value constant(mlir::DenseElementsAttr value);
  /// A rank-0 constant of `elementType` (float or integer) holding `value`.
  mlir::Value scalar(mlir::Type elementType, double value);
  /// The values of a constant integer input, or a "not supported" error naming it when it is
  /// computed at run time.
  mlir::FailureOr<llvm::SmallVector<int64_t>> constantInts(mlir::Value value,
                                                           llvm::StringRef what);

  /// The values of a constant input of any numeric type, as doubles; a "not supported" error
  /// naming it when it is computed at run time.
  mlir::FailureOr<llvm::SmallVector<double>> constantValues(mlir::Value value,
                                                            llvm::StringRef what);
  /// A constant i64 tensor of `shape` holding `values`.
  mlir::Value constantI64(llvm::ArrayRef<int64_t> values, llvm::ArrayRef<int64_t> shape);
  /// The rank-0 constant of `like`'s element type holding `value`.
  mlir::Value scalarLike(mlir::Value like, double value) {
    return scalar(typeOf(like).getElementType(), value);
  }

  /// Creates a tfc op whose result type the op infers. Unlike the inferring builders (which
  /// abort on failure), a type error here is a located diagnostic and a failure. The new op
  /// is verified and folded at once, so that shape computations become constants that later
  /// nodes (Reshape's shape, Slice's starts) can read.
  template <typename OpTy, typename... Args>
  mlir::FailureOr<mlir::Value> create(Args &&...args) {
    auto op = OpTy::create(builder, loc, builder.getNoneType(), std::forward<Args>(args)...);
    llvm::SmallVector<mlir::Type, 1> types;
    if (mlir::failed(OpTy::inferReturnTypes(
            builder.getContext(), loc, op->getOperands(), op->getRawDictionaryAttrs(),
            op->getPropertiesStorage(), op->getRegions(), types))) {
      op->erase();
      return mlir::failure();
    }
    op->getResult(0).setType(types.front());
    return finish(op.getOperation());
  }

  /// Like create, for chains of ops that decompose one ONNX operator: returns a null value
  /// when creation fails or any operand is null (the first failure has already been
  /// reported), so a chain is checked once, at its end.
  template <typename OpTy, typename... Args>
  mlir::Value make(Args &&...args) {
    if ((isNullValue(args) || ...))
      return {};
    auto result = create<OpTy>(std::forward<Args>(args)...);
    return mlir::failed(result) ? mlir::Value() : *result;
  }
  /// Sets output 0 to `v`, or fails when a chain built with make failed.
  mlir::LogicalResult setValue(mlir::Value v) {
    if (!v)
      return mlir::failure();
    setOutput(0, v);
    return mlir::success();
  }

private:
  template <typename T>
  static bool isNullValue(const T &arg) {
    if constexpr (std::is_convertible_v<const T &, mlir::Value> &&
                  !std::is_same_v<std::decay_t<T>, std::nullptr_t>)
      return !static_cast<mlir::Value>(arg);
    else
      return false;
  }
  mlir::FailureOr<mlir::Value> finish(mlir::Operation *op);
  const onnx::AttributeProto *attr(llvm::StringRef name) const;

  mlir::OpBuilder &builder;
  const onnx::NodeProto &node;
  int64_t opsetVersion;
  mlir::Location loc;
  llvm::SmallVector<mlir::Value> inputs;
  llvm::SmallVector<mlir::Value> outputs;
};

/// Conv's window attributes (kernel_shape, strides, dilations, pads, auto_pad, group) read
/// from the node and applied to float operands (shared by Conv and the quantized convs).
mlir::FailureOr<mlir::Value> buildConv(NodeImporter &n, mlir::Value x, mlir::Value filter,
                                       mlir::Value bias);

/// log(softmax(x)) along `axis`, computed stably (shared by LogSoftmax and the losses).
mlir::Value buildLogSoftmax(NodeImporter &n, mlir::Value x, int64_t axis);

} // namespace tfc::onnx_import

#endif
