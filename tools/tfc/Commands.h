// The subcommands of the tfc CLI and what they share.
#ifndef TFC_TOOLS_TFC_COMMANDS_H
#define TFC_TOOLS_TFC_COMMANDS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include <optional>
#include <string>
#include <vector>

namespace tfc {

/// Exit statuses of the CLI.
enum ExitCode : int {
  kExitOk = 0,
  kExitError = 1,    ///< bad input or options, unsupported model, failed compilation
  kExitMismatch = 2, ///< `tfc run --expect`: some output is outside the tolerance
};

enum class EmitKind { RASP, ONNX, TFC, Linalg, LLVM, Object, Library };

struct ModelOptions {
  std::vector<std::string> shapes; ///< "name=1x128" pins for symbolic input dimensions
  std::vector<std::string> frozenInputs; ///< "name=FILE": inputs compiled in as constants
  std::string cpu = "native";
  unsigned optLevel = 2;
  bool printIRAfterAll = false;
  bool timePasses = false;
  bool fuse = true;          ///< run the fusion passes (--no-fuse turns them off)
  bool fusionReport = false; ///< --fusion-report
  bool microKernels = true;  ///< f32 matmuls call the micro-kernel (--no-microkernels: loops)
  bool memoryPlan = true;    ///< buffers share a planned arena (--no-memory-plan: malloc each)
  /// Keep unpinned symbolic ONNX dimensions as `?` (only for --emit=tfc: code generation
  /// needs static shapes).
  bool keepSymbolicDims = false;
};

/// What compiling a RASP program needs besides the program.
struct RaspCompileOptions {
  std::vector<std::string> vocab;   ///< the token values
  std::optional<int64_t> maxSeqLen; ///< the longest input
  std::string sop;                  ///< the output s-op; empty: the last one assigned
  bool causal = false;              ///< compile a decoder (causal attention)
};

struct CompileOptions {
  std::string input;
  std::string output; ///< empty: stdout for IR, <model>.so / <model>.o otherwise
  EmitKind emit = EmitKind::Library;
  bool checkOnly = false; ///< --check: list the unsupported ONNX nodes, compile nothing
  ModelOptions model;
  RaspCompileOptions rasp;
};

struct RunOptions {
  std::string model;
  std::vector<std::string> inputs;  ///< FILE or NAME=FILE, in input order
  std::vector<std::string> expects; ///< FILE or NAME=FILE, in output order
  double atol = 1e-7;
  double rtol = 1e-3;
  std::string outputDir;
  unsigned repeat = 0; ///< timed runs after the checked one (--repeat)
  unsigned threads = 0; ///< thread pool size (--threads; 0: TFC_NUM_THREADS or all CPUs)
  ModelOptions modelOptions;
};

struct RaspOptions {
  std::string program; ///< empty: the REPL
  std::optional<std::string> input; ///< the example: a string, or a RASP list like [1, 2]
  bool showSelectors = false;
  bool layers = false;
  std::string drawPath;
  std::string output; ///< the s-op to analyse or draw; default: the last one assigned
  bool compile = false; ///< compile into a transformer (then report/explain/verify)
  bool report = false;
  bool explain = false;
  bool verify = false;
  int64_t samples = 10000; ///< random inputs for --verify when exhaustive is too many
  RaspCompileOptions model;
};

int runCompileCommand(const CompileOptions &options);
/// `tfc compile PROG.rasp`: the program as the rasp dialect with its value sets.
int compileRaspProgram(const CompileOptions &options);
int runRaspCommand(const RaspOptions &options);
/// `tfc rasp PROG --compile`: the transformer's report, explanation and verification.
int compileRaspForRasp(const RaspOptions &options);
int runRunCommand(const RunOptions &options);

/// Reads a model (.onnx, .onnxtxt or tfc-dialect .mlir) into `context`. Errors are emitted
/// as diagnostics and the result is null.
mlir::OwningOpRef<mlir::ModuleOp> loadModel(llvm::StringRef path, mlir::MLIRContext &context,
                                            const ModelOptions &options);

/// Writes text produced by `print` to `path` ("-" is stdout); the file only appears once
/// everything is written. Errors are printed.
mlir::LogicalResult writeText(llvm::StringRef path,
                              llvm::function_ref<void(llvm::raw_ostream &)> print);

/// Lowers a tfc-dialect module as `tfc compile --emit=...` asks and writes the result.
int lowerAndWrite(mlir::ModuleOp module, const CompileOptions &options);

/// True for files compiled by `tfc compile --emit=lib` (ELF shared objects).
bool isCompiledLibrary(llvm::StringRef path);

} // namespace tfc

#endif
