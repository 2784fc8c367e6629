// Registers the tfc dialect and materializes folded constants as tfc.constant.
#include "dialect/TFC/TFCDialect.h"
#include "dialect/TFC/TFCOps.h"

using namespace mlir;
using namespace tfc;

#include "dialect/TFC/TFCDialect.cpp.inc"

void TFCDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialect/TFC/TFCOps.cpp.inc"
      >();
}

Operation *TFCDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, type, elements);
}
