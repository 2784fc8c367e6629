// Reads constant tensors into plain vectors and writes them back; the folders' arithmetic.
#ifndef TFC_DIALECT_TFC_CONSTANTEVAL_H
#define TFC_DIALECT_TFC_CONSTANTEVAL_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <vector>

namespace tfc {

/// Folds stop at this many elements, so that compile time and memory stay bounded; a weight
/// matrix of BERT-base (768x3072) is well below it.
constexpr int64_t kFoldElementLimit = int64_t(1) << 24;

/// A constant tensor with its elements widened: floats to double, integers and bools to
/// int64 (unsigned values zero-extended, ui64 kept as its bit pattern). Both conversions are
/// exact, so data movement through a ConstTensor never changes a value.
struct ConstTensor {
  mlir::RankedTensorType type;
  std::vector<double> fp;
  std::vector<int64_t> ints;

  bool isFloat() const { return llvm::isa<mlir::FloatType>(type.getElementType()); }
  bool isUnsigned() const;
  int64_t size() const { return type.getNumElements(); }
  /// An empty tensor of `type`, with storage for its elements.
  static ConstTensor zeros(mlir::RankedTensorType type);
  /// Element `i` as a double, whatever the storage.
  double asDouble(int64_t i) const;
};

/// Reads `attr` when it is a dense constant with a static shape of at most `limit` elements.
std::optional<ConstTensor> readConstant(mlir::Attribute attr,
                                        int64_t limit = kFoldElementLimit);

/// Builds the attribute for `tensor`; floats round to the element type, integers wrap to
/// its width.
mlir::DenseElementsAttr writeConstant(const ConstTensor &tensor);

/// Row-major strides of `shape`.
llvm::SmallVector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape);

/// Strides that read a tensor of `inShape` broadcast (numpy rules) to `outShape`: zero along
/// the dimensions that broadcast.
llvm::SmallVector<int64_t> broadcastStrides(llvm::ArrayRef<int64_t> inShape,
                                            llvm::ArrayRef<int64_t> outShape);

/// Calls `fn(linearIndex, multiIndex)` for every element of `shape` in row-major order.
void forEachIndex(llvm::ArrayRef<int64_t> shape,
                  llvm::function_ref<void(int64_t, llvm::ArrayRef<int64_t>)> fn);

/// A tensor of `outType` whose element at multi-index `idx` is `src`'s element at linear
/// index `srcIndex(idx)`: transpose, slice, broadcast and gather are all this.
ConstTensor remap(const ConstTensor &src, mlir::RankedTensorType outType,
                  llvm::function_ref<int64_t(llvm::ArrayRef<int64_t>)> srcIndex);

} // namespace tfc

#endif
