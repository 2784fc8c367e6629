// The tfc-record-signature pass: the model's interface, kept for the ABI.
#include "passes/Target/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_RECORDSIGNATURE
#include "passes/Target/Passes.h.inc"

namespace {
struct RecordSignaturePass : impl::RecordSignatureBase<RecordSignaturePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto entryFunc = lookupEntry(module, entry);
    if (failed(entryFunc))
      return signalPassFailure();
    func::FuncOp func = *entryFunc;
    Builder b(&getContext());
    auto describe = [&](StringAttr name, Type type, StringRef fallback, unsigned index) {
      if (!isa<RankedTensorType>(type)) {
        func.emitError("not supported: entry ") << fallback << " " << index << " has type "
                                                << type << "; only ranked tensors";
        return DictionaryAttr();
      }
      std::string defaultName = (fallback + "_" + Twine(index)).str();
      return b.getDictionaryAttr(
          {b.getNamedAttr("name", name ? name : b.getStringAttr(defaultName)),
           b.getNamedAttr("type", TypeAttr::get(type))});
    };
    SmallVector<Attribute> inputs, outputs;
    FunctionType type = func.getFunctionType();
    for (unsigned i = 0; i < type.getNumInputs(); ++i) {
      auto d = describe(func.getArgAttrOfType<StringAttr>(i, "tfc.name"), type.getInput(i),
                        "input", i);
      if (!d)
        return signalPassFailure();
      inputs.push_back(d);
    }
    for (unsigned i = 0; i < type.getNumResults(); ++i) {
      auto d = describe(func.getResultAttrOfType<StringAttr>(i, "tfc.name"),
                        type.getResult(i), "output", i);
      if (!d)
        return signalPassFailure();
      outputs.push_back(d);
    }
    module->setAttr(kSignatureAttrName,
                    b.getDictionaryAttr({b.getNamedAttr("inputs", b.getArrayAttr(inputs)),
                                         b.getNamedAttr("outputs", b.getArrayAttr(outputs))}));
  }
};
} // namespace
} // namespace tfc
