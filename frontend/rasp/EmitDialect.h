// From the interpreter's s-op graph to a rasp dialect program.
#ifndef TFC_FRONTEND_RASP_EMITDIALECT_H
#define TFC_FRONTEND_RASP_EMITDIALECT_H

#include "frontend/rasp/Values.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <optional>
#include <string>
#include <vector>

namespace tfc::rasp {

struct EmitOptions {
  std::string programName;     ///< the rasp.program's symbol
  std::vector<Atom> vocab;     ///< empty: no vocab attribute
  std::optional<int64_t> maxSeqLen;
};

/// A module holding one rasp.program that computes `output`, its ops located at the RASP
/// source. On failure (a construct the dialect cannot hold), null and `error` set to a located
/// message.
mlir::OwningOpRef<mlir::ModuleOp> emitDialect(mlir::MLIRContext &context, const SOpPtr &output,
                                              const EmitOptions &options, std::string &error);

} // namespace tfc::rasp

#endif
