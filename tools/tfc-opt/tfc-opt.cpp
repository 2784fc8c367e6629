// tfc-opt: mlir-opt with the tfc and rasp dialects and their passes registered, for lit tests and debugging.
#include "dialect/RASP/RASPDialect.h"
#include "dialect/TFC/TFCDialect.h"
#include "passes/Conversion/Passes.h"
#include "passes/RASP/Passes.h"
#include "passes/Target/Passes.h"
#include "passes/Transforms/Passes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  tfc::registerTFCConversionPasses();
  tfc::registerTFCTargetPasses();
  tfc::registerTFCTransformsPasses();
  tfc::rasp::registerRASPPasses();
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<tfc::TFCDialect, tfc::rasp::RASPDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "tfc optimizer driver\n", registry));
}
