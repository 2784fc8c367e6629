// The tfc-emit-model-abi pass: signature data and the exported run function, in LLVM IR.
#include "dialect/TFC/DType.h"
#include "passes/Target/Passes.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "runtime/include/tfc/tfc_model_abi.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_EMITMODELABI
#include "passes/Target/Passes.h.inc"

namespace {

/// Builds the constant data of the signature: one string per name, one i64 array per shape,
/// one tfc_abi_tensor array per direction and the tfc_abi_signature itself.
class SignatureBuilder {
public:
  SignatureBuilder(ModuleOp module)
      : module(module), ctx(module.getContext()), b(ctx),
        ptrTy(LLVM::LLVMPointerType::get(ctx)), i32(b.getI32Type()), i64(b.getI64Type()) {
    b.setInsertionPointToEnd(module.getBody());
    tensorTy = LLVM::LLVMStructType::getLiteral(ctx, {ptrTy, i32, i32, ptrTy});
    signatureTy = LLVM::LLVMStructType::getLiteral(ctx, {i32, i32, i32, i32, ptrTy, ptrTy});
  }

  /// Emits the tensor array for `entries` (dictionaries {name, type}); returns its symbol
  /// or an empty string when there are none.
  FailureOr<std::string> tensorArray(ArrayAttr entries, StringRef prefix) {
    if (entries.empty())
      return std::string();
    struct Entry {
      std::string nameSym, shapeSym;
      int32_t dtype;
      int32_t rank;
    };
    SmallVector<Entry> info;
    for (auto [i, attr] : llvm::enumerate(entries)) {
      auto dict = cast<DictionaryAttr>(attr);
      StringRef name = cast<StringAttr>(dict.get("name")).getValue();
      auto type = cast<RankedTensorType>(cast<TypeAttr>(dict.get("type")).getValue());
      int32_t dtype = typeToDtype(type.getElementType());
      if (dtype < 0)
        return module.emitError("not supported: element type ")
               << type.getElementType() << " in the model signature";
      Entry e{(prefix + ".name." + Twine(i)).str(), "", dtype,
              static_cast<int32_t>(type.getRank())};
      std::string text = name.str();
      text.push_back('\0');
      LLVM::GlobalOp::create(b, module.getLoc(),
                             LLVM::LLVMArrayType::get(b.getI8Type(), text.size()),
                             /*isConstant=*/true, LLVM::Linkage::Private,
                             StringRef(e.nameSym), Attribute(b.getStringAttr(text)));
      if (type.getRank() > 0) {
        e.shapeSym = (prefix + ".shape." + Twine(i)).str();
        auto shapeAttr = DenseElementsAttr::get(
            RankedTensorType::get({type.getRank()}, i64), type.getShape());
        LLVM::GlobalOp::create(b, module.getLoc(),
                               LLVM::LLVMArrayType::get(i64, type.getRank()),
                               /*isConstant=*/true, LLVM::Linkage::Private,
                               StringRef(e.shapeSym), Attribute(shapeAttr));
      }
      info.push_back(e);
    }
    std::string sym = (prefix + ".tensors").str();
    auto arrayTy = LLVM::LLVMArrayType::get(tensorTy, info.size());
    buildGlobal(sym, arrayTy, [&](OpBuilder &ib, Location loc) {
      Value array = LLVM::UndefOp::create(ib, loc, arrayTy);
      for (auto [i, e] : llvm::enumerate(info)) {
        Value t = LLVM::UndefOp::create(ib, loc, tensorTy);
        t = insert(ib, loc, t, address(ib, loc, e.nameSym), 0);
        t = insert(ib, loc, t, constant(ib, loc, e.dtype), 1);
        t = insert(ib, loc, t, constant(ib, loc, e.rank), 2);
        t = insert(ib, loc, t, address(ib, loc, e.shapeSym), 3);
        array = insert(ib, loc, array, t, i);
      }
      return array;
    });
    return sym;
  }

  void signature(StringRef sym, int32_t numInputs, int32_t numOutputs, StringRef inputsSym,
                 StringRef outputsSym) {
    buildGlobal(sym, signatureTy, [&](OpBuilder &ib, Location loc) {
      Value s = LLVM::UndefOp::create(ib, loc, signatureTy);
      s = insert(ib, loc, s, constant(ib, loc, TFC_MODEL_ABI_VERSION), 0);
      s = insert(ib, loc, s, constant(ib, loc, numInputs), 1);
      s = insert(ib, loc, s, constant(ib, loc, numOutputs), 2);
      s = insert(ib, loc, s, constant(ib, loc, 0), 3);
      s = insert(ib, loc, s, address(ib, loc, inputsSym), 4);
      s = insert(ib, loc, s, address(ib, loc, outputsSym), 5);
      return s;
    });
  }

  OpBuilder &builder() { return b; }
  Type pointerType() const { return ptrTy; }

  /// The address of global `sym`, or null when `sym` is empty.
  Value address(OpBuilder &ib, Location loc, StringRef sym) {
    if (sym.empty())
      return LLVM::ZeroOp::create(ib, loc, ptrTy);
    return LLVM::AddressOfOp::create(ib, loc, ptrTy, sym);
  }

private:
  static Value insert(OpBuilder &ib, Location loc, Value aggregate, Value element,
                      int64_t position) {
    return LLVM::InsertValueOp::create(ib, loc, aggregate, element,
                                       ArrayRef<int64_t>{position});
  }

  Value constant(OpBuilder &ib, Location loc, int32_t v) {
    return LLVM::ConstantOp::create(ib, loc, i32, ib.getI32IntegerAttr(v));
  }

  void buildGlobal(StringRef sym, Type type,
                   function_ref<Value(OpBuilder &, Location)> initializer) {
    auto global = LLVM::GlobalOp::create(b, module.getLoc(), type, /*isConstant=*/true,
                                         LLVM::Linkage::Private, sym, Attribute());
    OpBuilder ib(ctx);
    ib.createBlock(&global.getInitializerRegion());
    LLVM::ReturnOp::create(ib, module.getLoc(), initializer(ib, module.getLoc()));
  }

  ModuleOp module;
  MLIRContext *ctx;
  OpBuilder b;
  Type ptrTy, tensorTy, signatureTy;
  IntegerType i32, i64;
};

struct EmitModelABIPass : impl::EmitModelABIBase<EmitModelABIPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto signature = module->getAttrOfType<DictionaryAttr>(kSignatureAttrName);
    auto impl = module.lookupSymbol<LLVM::LLVMFuncOp>(kModelImplName);
    if (!signature || !impl) {
      module.emitError("tfc-emit-model-abi needs the recorded signature and @")
          << kModelImplName << " lowered to the LLVM dialect";
      return signalPassFailure();
    }
    auto inputs = cast<ArrayAttr>(signature.get("inputs"));
    auto outputs = cast<ArrayAttr>(signature.get("outputs"));
    size_t numArgs = inputs.size() + outputs.size();
    if (impl.getNumArguments() != numArgs) {
      impl.emitError("expected one pointer argument per input and output (")
          << numArgs << "), found " << impl.getNumArguments()
          << "; was the entry lowered with the bare-pointer calling convention?";
      return signalPassFailure();
    }
    impl.setLinkage(LLVM::Linkage::Internal);

    SignatureBuilder sb(module);
    auto inputsSym = sb.tensorArray(inputs, "tfc.inputs");
    auto outputsSym = sb.tensorArray(outputs, "tfc.outputs");
    if (failed(inputsSym) || failed(outputsSym))
      return signalPassFailure();
    sb.signature("tfc.signature", inputs.size(), outputs.size(), *inputsSym, *outputsSym);

    OpBuilder &b = sb.builder();
    Location loc = module.getLoc();
    Type ptrTy = sb.pointerType();
    auto i32 = b.getI32Type();

    auto sigFn = LLVM::LLVMFuncOp::create(b, loc, "tfc_compiled_signature",
                                          LLVM::LLVMFunctionType::get(ptrTy, {}));
    {
      OpBuilder fb(sigFn.getContext());
      fb.setInsertionPointToStart(sigFn.addEntryBlock(fb));
      LLVM::ReturnOp::create(fb, loc, sb.address(fb, loc, "tfc.signature"));
    }

    auto runFn = LLVM::LLVMFuncOp::create(b, loc, "tfc_compiled_run",
                                          LLVM::LLVMFunctionType::get(i32, {ptrTy, ptrTy}));
    OpBuilder fb(runFn.getContext());
    Block *entry = runFn.addEntryBlock(fb);
    fb.setInsertionPointToStart(entry);
    SmallVector<Value> args;
    auto load = [&](Value array, size_t count) {
      for (size_t i = 0; i < count; ++i) {
        Value slot = LLVM::GEPOp::create(fb, loc, ptrTy, ptrTy, array,
                                         ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(i)});
        args.push_back(LLVM::LoadOp::create(fb, loc, ptrTy, slot));
      }
    };
    load(entry->getArgument(0), inputs.size());
    load(entry->getArgument(1), outputs.size());
    LLVM::CallOp::create(fb, loc, impl, args);
    LLVM::ReturnOp::create(fb, loc,
                           LLVM::ConstantOp::create(fb, loc, i32, fb.getI32IntegerAttr(0)));
  }
};

} // namespace
} // namespace tfc
