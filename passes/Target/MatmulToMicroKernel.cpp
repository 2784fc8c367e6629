// The tfc-matmul-to-microkernel pass: f32 matmuls on buffers call the tiled
// micro-kernel.
#include "dialect/TFC/TFCDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "passes/Target/Passes.h"
#include "runtime/ukernels/tfc_ukernels.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_MATMULTOMICROKERNEL
#include "passes/Target/Passes.h.inc"

namespace {

constexpr const char *kSgemmName = "tfc_uk_sgemm";

/// A matmul operand as the kernel takes it: a pointer to its first element, the
/// distance between rows, and between batch entries (0 for a 2-D operand, which
/// broadcasts).
struct KernelOperand {
  Value pointer, rowStride, batchStride;
};

/// Whether `value` is an f32 memref of rank `rank` with a static shape whose
/// rows are contiguous (the kernel reads rows with unit stride).
bool isKernelOperand(Value value, int64_t rank) {
  auto type = dyn_cast<MemRefType>(value.getType());
  if (!type || type.getRank() != rank || !type.hasStaticShape() || !type.getElementType().isF32())
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(type.getStridesAndOffset(strides, offset)) && strides.back() == 1;
}

Value toI64(OpBuilder &b, Location loc, Value index) {
  return arith::IndexCastOp::create(b, loc, b.getI64Type(), index);
}

/// `index` (a byte address) as the pointer the kernel takes.
Value pointerAt(OpBuilder &b, Location loc, Value index) {
  return LLVM::IntToPtrOp::create(b, loc, LLVM::LLVMPointerType::get(b.getContext()),
                                  toI64(b, loc, index));
}

/// The address of `metadata`'s first element (the offset of a view included).
Value firstElement(OpBuilder &b, Location loc, memref::ExtractStridedMetadataOp metadata) {
  Value base = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, metadata.getBaseBuffer());
  Value bytes = arith::MulIOp::create(b, loc, metadata.getOffset(),
                                      arith::ConstantIndexOp::create(b, loc, sizeof(float)));
  return pointerAt(b, loc, arith::AddIOp::create(b, loc, base, bytes));
}

/// The pointer and strides of `memref`, read through its strided metadata; canonicalization
/// folds them to constants for static layouts.
KernelOperand kernelOperand(OpBuilder &b, Location loc, Value memref) {
  auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, memref);
  Value pointer = firstElement(b, loc, metadata);
  auto strides = metadata.getStrides();
  int64_t rank = cast<MemRefType>(memref.getType()).getRank();
  Value batchStride = rank == 3 ? toI64(b, loc, strides[0])
                                : arith::ConstantIntOp::create(b, loc, b.getI64Type(), 0);
  return {pointer, toI64(b, loc, strides[rank - 2]), batchStride};
}

/// `values` ([batch x] k x n, row-major) rearranged into TFC_UK_NR-column
/// panels per batch entry: panel p is k rows of the NR columns starting at
/// p*NR, zero past n.
std::vector<float> packPanels(ArrayRef<float> values, int64_t batch, int64_t k, int64_t n) {
  int64_t panels = (n + TFC_UK_NR - 1) / TFC_UK_NR;
  std::vector<float> packed(static_cast<size_t>(batch * panels * k * TFC_UK_NR), 0.0f);
  for (int64_t s = 0; s < batch; ++s)
    for (int64_t p = 0; p < panels; ++p)
      for (int64_t row = 0; row < k; ++row)
        for (int64_t j = 0; j < TFC_UK_NR && p * TFC_UK_NR + j < n; ++j)
          packed[((s * panels + p) * k + row) * TFC_UK_NR + j] =
              values[(s * k + row) * n + p * TFC_UK_NR + j];
  return packed;
}

/// The buffer that a chain of collapse_shape/expand_shape views starts from.
Value viewRoot(Value v) {
  while (true) {
    if (auto collapse = v.getDefiningOp<memref::CollapseShapeOp>())
      v = collapse.getSrc();
    else if (auto expand = v.getDefiningOp<memref::ExpandShapeOp>())
      v = expand.getSrc();
    else
      return v;
  }
}

/// The kernel's code for an activation named by tfc.epilogue.
int64_t epilogueCode(StringRef activation) {
  return llvm::StringSwitch<int64_t>(activation)
      .Case("relu", TFC_UK_EPILOGUE_RELU)
      .Case("gelu", TFC_UK_EPILOGUE_GELU)
      .Case("gelu_tanh", TFC_UK_EPILOGUE_GELU_TANH)
      .Case("silu", TFC_UK_EPILOGUE_SILU)
      .Default(TFC_UK_EPILOGUE_NONE);
}

/// An activation generic the kernel applies instead, and the kernel's code for it.
struct Epilogue {
  linalg::GenericOp generic;
  int64_t code = TFC_UK_EPILOGUE_NONE;
};

/// Whether `op` (or an op nested in it) has an operand that is `root` or a view of it.
bool touches(Operation *op, Value root) {
  WalkResult found = op->walk([&](Operation *nested) {
    for (Value operand : nested->getOperands())
      if (isa<MemRefType>(operand.getType()) && viewRoot(operand) == root)
        return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return found.wasInterrupted();
}

/// The generic marked as `matmul`'s epilogue: the first op after it in the block that
/// touches its result (through views) rewrites all of it in place, element by element.
Epilogue findEpilogue(linalg::LinalgOp matmul) {
  Value root = viewRoot(matmul.getDpsInits()[0]);
  for (Operation *next = matmul->getNextNode(); next; next = next->getNextNode()) {
    if (isa<memref::CollapseShapeOp, memref::ExpandShapeOp>(next))
      continue; // a view, harmless until something reads or writes through it
    if (!touches(next, root))
      continue;
    auto generic = dyn_cast<linalg::GenericOp>(next);
    auto name = generic ? generic->getAttrOfType<StringAttr>(kEpilogueAttrName) : StringAttr();
    if (!name || generic.getNumDpsInputs() != 0 || generic.getNumDpsInits() != 1 ||
        viewRoot(generic.getDpsInits()[0]) != root ||
        !generic.getIndexingMapsArray()[0].isIdentity() ||
        generic.getNumParallelLoops() != generic.getNumLoops())
      return {};
    Epilogue epilogue{generic, epilogueCode(name.getValue())};
    return epilogue.code == TFC_UK_EPILOGUE_NONE ? Epilogue() : epilogue;
  }
  return {};
}

/// What the product adds to: C as it is, or what the op just before it wrote into all of C
/// (a fill with +0.0, or a bias vector broadcast along the rows), which the kernel then
/// produces itself without reading C.
struct Start {
  Operation *op = nullptr;
  int64_t code = TFC_UK_START_ACCUMULATE;
  Value bias;
};

/// A generic that copies a contiguous vector of `n` values into every row of its output.
bool isBiasBroadcast(linalg::GenericOp generic, int64_t n) {
  if (generic.getNumDpsInputs() != 1 || generic.getNumDpsInits() != 1 ||
      generic.getNumParallelLoops() != generic.getNumLoops())
    return false;
  auto out = cast<MemRefType>(generic.getDpsInits()[0].getType());
  auto bias = dyn_cast<MemRefType>(generic.getDpsInputs()[0].getType());
  if (!bias || bias.getRank() != 1 || bias.getDimSize(0) != n || !bias.isLastDimUnitStride() ||
      !bias.getElementType().isF32() || out.getRank() == 0 || out.getShape().back() != n)
    return false;
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  unsigned last = generic.getNumLoops() - 1;
  if (!maps[1].isIdentity() || maps[0].getNumResults() != 1 ||
      maps[0].getResult(0) != getAffineDimExpr(last, generic.getContext()))
    return false;
  Block &body = generic.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  return body.getOperations().size() == 1 && yield.getValues()[0] == body.getArgument(0);
}

Start findStart(linalg::LinalgOp matmul, int64_t n) {
  Value root = viewRoot(matmul.getDpsInits()[0]);
  for (Operation *prev = matmul->getPrevNode(); prev; prev = prev->getPrevNode()) {
    if (isa<memref::CollapseShapeOp, memref::ExpandShapeOp>(prev) || !touches(prev, root))
      continue;
    auto dps = dyn_cast<DestinationStyleOpInterface>(prev);
    if (!dps || dps.getNumDpsInits() != 1 || viewRoot(dps.getDpsInits()[0]) != root)
      return {};
    if (auto fill = dyn_cast<linalg::FillOp>(prev))
      return matchPattern(fill.getInputs()[0], m_PosZeroFloat())
                 ? Start{fill, TFC_UK_START_ZERO, Value()}
                 : Start();
    auto generic = dyn_cast<linalg::GenericOp>(prev);
    if (generic && isBiasBroadcast(generic, n) && viewRoot(generic.getDpsInputs()[0]) != root)
      return {generic, TFC_UK_START_BIAS, generic.getDpsInputs()[0]};
    return {};
  }
  return {};
}

struct MatmulToMicroKernelPass : impl::MatmulToMicroKernelBase<MatmulToMicroKernelPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<linalg::LinalgOp> matmuls;
    module.walk([&](linalg::LinalgOp op) {
      if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op) && isSupported(op))
        matmuls.push_back(op);
    });
    if (matmuls.empty())
      return;
    SymbolTable symbols(module);
    func::FuncOp sgemm = declareSgemm(module, symbols);
    for (linalg::LinalgOp op : matmuls)
      rewrite(op, sgemm, symbols);
  }

  static bool isSupported(linalg::LinalgOp op) {
    if (!op.hasPureBufferSemantics() || op.hasUserDefinedMaps())
      return false;
    if (auto matmul = dyn_cast<linalg::MatmulOp>(op.getOperation()))
      if (matmul.getCast() != linalg::TypeFn::cast_signed)
        return false;
    int64_t rank = isa<linalg::MatmulOp>(op.getOperation()) ? 2 : 3;
    return llvm::all_of(op->getOperands(),
                        [&](Value operand) { return isKernelOperand(operand, rank); });
  }

  func::FuncOp declareSgemm(ModuleOp module, SymbolTable &symbols) {
    if (auto existing = symbols.lookup<func::FuncOp>(kSgemmName))
      return existing;
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    Type i64 = b.getI64Type(), ptr = LLVM::LLVMPointerType::get(b.getContext());
    // (batch, a, aBatchStride, lda, b, bBatchStride, ldb, bPacked, c,
    // cBatchStride, ldc, m, n, k, start, bias, epilogue)
    auto type = b.getFunctionType(
        {i64, ptr, i64, i64, ptr, i64, i64, i64, ptr, i64, i64, i64, i64, i64, i64, ptr, i64}, {});
    auto decl = func::FuncOp::create(b, module.getLoc(), kSgemmName, type);
    decl.setPrivate();
    symbols.insert(decl);
    return decl;
  }

  /// The constant global that `value` reads in full, if any.
  static memref::GlobalOp constantGlobal(Value value, SymbolTable &symbols) {
    auto get = value.getDefiningOp<memref::GetGlobalOp>();
    if (!get)
      return nullptr;
    auto global = symbols.lookup<memref::GlobalOp>(get.getName());
    if (!global || !global.getConstant() ||
        !isa_and_nonnull<DenseElementsAttr>(global.getInitialValueAttr()))
      return nullptr;
    return global;
  }

  /// A global holding `global`'s value packed into kernel panels, made once per
  /// global.
  memref::GlobalOp packedGlobal(memref::GlobalOp global, SymbolTable &symbols) {
    std::string name = (global.getSymName() + "_packed").str();
    if (auto existing = symbols.lookup<memref::GlobalOp>(name))
      return existing;
    MemRefType type = global.getType();
    ArrayRef<int64_t> shape = type.getShape();
    int64_t batch = shape.size() == 3 ? shape[0] : 1, k = shape[shape.size() - 2], n = shape.back();
    auto values = cast<DenseElementsAttr>(*global.getInitialValue()).getValues<float>();
    std::vector<float> flat(values.begin(), values.end());
    std::vector<float> packed = packPanels(flat, batch, k, n);
    auto packedTensor =
        RankedTensorType::get({static_cast<int64_t>(packed.size())}, type.getElementType());
    OpBuilder b(global);
    auto result =
        memref::GlobalOp::create(b, global.getLoc(), name, b.getStringAttr("private"),
                                 MemRefType::get(packedTensor.getShape(), type.getElementType()),
                                 DenseElementsAttr::get(packedTensor, ArrayRef<float>(packed)),
                                 /*constant=*/true,
                                 /*alignment=*/b.getI64IntegerAttr(64));
    symbols.insert(result);
    return result;
  }

  void rewrite(linalg::LinalgOp op, func::FuncOp sgemm, SymbolTable &symbols) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    Value lhs = op.getDpsInputs()[0], rhs = op.getDpsInputs()[1], out = op.getDpsInits()[0];
    auto outType = cast<MemRefType>(out.getType());
    auto lhsType = cast<MemRefType>(lhs.getType());
    int64_t rank = outType.getRank();
    int64_t batch = rank == 3 ? outType.getShape()[0] : 1;
    int64_t m = outType.getShape()[rank - 2], n = outType.getShape()[rank - 1],
            k = lhsType.getShape()[rank - 1];
    auto i64 = [&](int64_t v) { return arith::ConstantIntOp::create(b, loc, b.getI64Type(), v); };
    // Before any op is created here: the search walks back from the matmul.
    Start start = findStart(op, n);

    KernelOperand a = kernelOperand(b, loc, lhs), c = kernelOperand(b, loc, out);
    KernelOperand bOperand;
    Value packed = i64(0);
    if (memref::GlobalOp global = constantGlobal(rhs, symbols)) {
      memref::GlobalOp panels = packedGlobal(global, symbols);
      Value panelBuffer =
          memref::GetGlobalOp::create(b, loc, panels.getType(), panels.getSymName());
      // A packed global is a whole 1-D buffer: its first element is its aligned pointer.
      Value panelStart = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, panelBuffer);
      int64_t panelCount = (n + TFC_UK_NR - 1) / TFC_UK_NR;
      bOperand = {pointerAt(b, loc, panelStart), i64(TFC_UK_NR),
                  i64(rank == 3 ? panelCount * k * TFC_UK_NR : 0)};
      packed = i64(1);
    } else {
      bOperand = kernelOperand(b, loc, rhs);
    }
    // The activation that rewrites the result next is applied by the kernel instead, and
    // the zero or bias written into C just before is where the kernel starts.
    Epilogue epilogue = findEpilogue(op);
    if (epilogue.generic)
      epilogue.generic->erase();
    Value bias =
        start.bias
            ? firstElement(b, loc, memref::ExtractStridedMetadataOp::create(b, loc, start.bias))
            : LLVM::ZeroOp::create(b, loc, LLVM::LLVMPointerType::get(b.getContext())).getResult();
    func::CallOp::create(b, loc, sgemm,
                         ValueRange{i64(batch), a.pointer, a.batchStride, a.rowStride,
                                    bOperand.pointer, bOperand.batchStride, bOperand.rowStride,
                                    packed, c.pointer, c.batchStride, c.rowStride, i64(m), i64(n),
                                    i64(k), i64(start.code), bias, i64(epilogue.code)});
    if (start.op)
      start.op->erase();
    op->erase();
  }
};

} // namespace
} // namespace tfc
