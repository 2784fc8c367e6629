// Helpers shared by the tfc-to-linalg patterns: scalar constants, broadcasting generics.
#ifndef TFC_PASSES_CONVERSION_TFCTOLINALG_LOWERINGUTILS_H
#define TFC_PASSES_CONVERSION_TFCTOLINALG_LOWERINGUTILS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/DialectConversion.h"

namespace tfc {

using BodyFn =
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// The static shape of a value whose type tfc lowering requires to be static.
inline llvm::ArrayRef<int64_t> staticShape(mlir::Value v) {
  return llvm::cast<mlir::RankedTensorType>(v.getType()).getShape();
}

/// The type `type` (a tfc tensor type) has at the linalg level.
inline mlir::RankedTensorType convertedType(const mlir::TypeConverter *converter,
                                            mlir::Type type) {
  return llvm::cast<mlir::RankedTensorType>(converter->convertType(type));
}

/// A scalar arith constant of `type` (a float or a signless integer).
mlir::Value scalarConstant(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type,
                           double value);

/// The indexing map that reads a tensor of `inShape` broadcast (numpy rules) to `outShape`:
/// leading dimensions dropped, stretched size-1 dimensions read at index 0.
mlir::AffineMap broadcastMap(mlir::MLIRContext *ctx, llvm::ArrayRef<int64_t> inShape,
                             llvm::ArrayRef<int64_t> outShape);

/// An uninitialised tensor of `type` to serve as a linalg output.
mlir::Value emptyTensor(mlir::OpBuilder &b, mlir::Location loc, mlir::RankedTensorType type);

/// `type` filled with `value`.
mlir::Value filledTensor(mlir::OpBuilder &b, mlir::Location loc, mlir::RankedTensorType type,
                         double value);

/// An element-wise linalg.generic producing `outType` from `inputs`, each broadcast to its
/// shape; `body` computes one output element from one element of each input.
mlir::Value buildElementwise(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::RankedTensorType outType, mlir::ValueRange inputs,
                             BodyFn body);

/// A linalg.generic producing `outType` with every loop parallel; input `i` is read through
/// `inputMaps[i]`.
mlir::Value buildMapped(mlir::OpBuilder &b, mlir::Location loc, mlir::RankedTensorType outType,
                        mlir::ValueRange inputs, llvm::ArrayRef<mlir::AffineMap> inputMaps,
                        BodyFn body);

/// The map from a rank-`rank` iteration space to a tensor without the dimensions `dropped`
/// (how a reduction's result is read back against its input).
mlir::AffineMap droppedDimsMap(mlir::MLIRContext *ctx, int64_t rank,
                               llvm::ArrayRef<int64_t> dropped);

/// Reshapes `input` to `outType` (same element count) through collapse/expand_shape, which
/// bufferize to views rather than copies.
mlir::Value reshapeTensor(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                          mlir::RankedTensorType outType);

/// Reduces `input` over `axes` with the combiner `combine(acc, x)` starting at the scalar
/// `init`. The result drops the reduced dimensions.
mlir::Value buildReduction(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                           llvm::ArrayRef<int64_t> axes, mlir::Value init,
                           llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                                          mlir::Value, mlir::Value)>
                               combine);

/// An index read from an integer element, made safe for addressing a dimension of size
/// `dim`: negative values count from the end, anything still out of range is clamped, so
/// that a bad index never reads or writes outside the tensor.
mlir::Value clampedIndex(mlir::OpBuilder &b, mlir::Location loc, mlir::Value raw, int64_t dim);

/// Pads `input` by `pads` (amounts before every dimension, then after, non-negative):
/// "constant" fills with the scalar `value`, "reflect" mirrors without repeating the edge,
/// "edge" repeats the edge element.
mlir::Value padTensor(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                      llvm::ArrayRef<int64_t> pads, llvm::StringRef mode, mlir::Value value);

/// Widens f16/bf16 to f32 around `fn` (libm and most LLVM math have no half variants);
/// other types pass through unchanged.
mlir::Value computeInF32(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                         llvm::function_ref<mlir::Value(mlir::Value)> fn);

/// `activation(x)` for the activations of tfc.bias_activation ("gelu", "gelu_tanh", "relu",
/// "silu"), in f32 for f16/bf16.
mlir::Value emitActivation(mlir::OpBuilder &b, mlir::Location loc, llvm::StringRef activation,
                           mlir::Value x);

} // namespace tfc

#endif
