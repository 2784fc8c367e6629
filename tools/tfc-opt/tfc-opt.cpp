// tfc-opt: mlir-opt with the tfc dialect and passes registered, for lit tests and debugging.
#include "dialect/TFC/TFCDialect.h"
#include "passes/Conversion/Passes.h"
#include "passes/Target/Passes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  tfc::registerTFCConversionPasses();
  tfc::registerTFCTargetPasses();
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<tfc::TFCDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "tfc optimizer driver\n", registry));
}
