// Registers the rasp dialect: its operations and types.
#include "dialect/RASP/RASPDialect.h"
#include "dialect/RASP/RASPOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace tfc::rasp;

#include "dialect/RASP/RASPDialect.cpp.inc"
#include "dialect/RASP/RASPEnums.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "dialect/RASP/RASPTypes.cpp.inc"

void RASPDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialect/RASP/RASPOps.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "dialect/RASP/RASPTypes.cpp.inc"
      >();
}
