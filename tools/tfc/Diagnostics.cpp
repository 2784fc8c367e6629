// One-line rendering of diagnostics, with ONNX node names and file positions.
#include "tools/tfc/Diagnostics.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace tfc {

std::string describeLocation(Location loc) {
  if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    std::string text = file.getFilename().str();
    if (file.getLine() > 0)
      text += ":" + std::to_string(file.getLine()) + ":" + std::to_string(file.getColumn());
    return text;
  }
  if (auto name = dyn_cast<NameLoc>(loc)) {
    std::string where = describeLocation(name.getChildLoc());
    StringRef node = name.getName().getValue();
    std::string label = node.starts_with("#") ? "node " + node.str() : "node '" + node.str() + "'";
    return where.empty() ? label : where + ": " + label;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    // The ONNX importer locates nodes as fused<"OpType">[NameLoc(node, file)].
    std::string text;
    for (Location inner : fused.getLocations()) {
      text = describeLocation(inner);
      if (!text.empty())
        break;
    }
    if (auto op = dyn_cast_if_present<StringAttr>(fused.getMetadata()))
      text += " (" + op.getValue().str() + ")";
    return text;
  }
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    return describeLocation(callSite.getCallee());
  return "";
}

static const char *severityName(DiagnosticSeverity severity) {
  switch (severity) {
  case DiagnosticSeverity::Error: return "error";
  case DiagnosticSeverity::Warning: return "warning";
  case DiagnosticSeverity::Note: return "note";
  case DiagnosticSeverity::Remark: return "remark";
  }
  return "error";
}

static void print(Location loc, DiagnosticSeverity severity, const std::string &message) {
  std::string where = describeLocation(loc);
  llvm::errs() << (where.empty() ? "tfc" : where) << ": " << severityName(severity) << ": "
               << message << "\n";
}

DiagnosticPrinter::DiagnosticPrinter(MLIRContext &context)
    : handler(&context, [](Diagnostic &diag) {
        print(diag.getLocation(), diag.getSeverity(), diag.str());
        for (Diagnostic &note : diag.getNotes())
          print(note.getLocation(), note.getSeverity(), note.str());
        return success();
      }) {
  // Errors are for users of the model, not of MLIR: no IR dumps attached to them.
  context.printOpOnDiagnostic(false);
}

void printError(const llvm::Twine &message) {
  llvm::errs() << "tfc: error: " << message << "\n";
}

} // namespace tfc
