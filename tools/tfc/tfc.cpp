// tfc: the command-line driver (compile, run, rasp) of the transformer-graph compiler.
#include "tools/tfc/Commands.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace {

cl::SubCommand compileCmd("compile",
                          "Compile a model (.onnx, .onnxtxt, or tfc .mlir) to a shared library "
                          "(default), an object file, or IR; or a RASP program (.rasp) to a "
                          "transformer (the same outputs, or ONNX) or to the rasp dialect");
cl::SubCommand runCmd("run", "Run a model, or a library made by `tfc compile`, on tensor "
                             "files and print or check its outputs");

cl::SubCommand raspCmd("rasp", "Run a RASP program with the reference interpreter (or start "
                              "the RASP REPL without one): named s-ops, selectors, layers, "
                              "drawings");

cl::OptionCategory compileCategory("tfc compile options");
cl::OptionCategory raspCategory("tfc rasp options");
cl::OptionCategory runCategory("tfc run options");
cl::OptionCategory modelCategory("Model options (compile and run)");

cl::opt<std::string> compileInput(cl::Positional, cl::Required, cl::desc("<model>"),
                                  cl::sub(compileCmd), cl::cat(compileCategory));
cl::opt<std::string> outputPath("o",
                                cl::desc("Output file (default: <model>.so or <model>.o; "
                                         "IR goes to stdout)"),
                                cl::value_desc("path"), cl::sub(compileCmd),
                                cl::cat(compileCategory));
cl::opt<bool> checkOnly("check",
                        cl::desc("Only check that tfc supports every node of the ONNX model: "
                                 "list each unsupported one (name, operator, domain, opset) "
                                 "and write nothing"),
                        cl::sub(compileCmd), cl::cat(compileCategory));
cl::opt<tfc::EmitKind> emitKind(
    "emit", cl::desc("What to produce:"), cl::init(tfc::EmitKind::Library),
    cl::values(clEnumValN(tfc::EmitKind::ONNX, "onnx",
                          "ONNX model, opset 17 (RASP programs compiled to transformers)"),
               clEnumValN(tfc::EmitKind::RASP, "rasp",
                          "rasp dialect with value sets (RASP programs; needs --vocab and "
                          "--max-seq-len)"),
               clEnumValN(tfc::EmitKind::TFC, "tfc", "tfc dialect after folding"),
               clEnumValN(tfc::EmitKind::Linalg, "linalg", "linalg/tensor/arith on tensors"),
               clEnumValN(tfc::EmitKind::LLVM, "llvm", "optimized LLVM IR (.ll text)"),
               clEnumValN(tfc::EmitKind::Object, "obj",
                          "object file exporting the model ABI (tfc_model_abi.h)"),
               clEnumValN(tfc::EmitKind::Library, "lib",
                          "shared library for libtfcrt / `tfc run` (default)")),
    cl::sub(compileCmd), cl::cat(compileCategory));

cl::OptionCategory raspCompileCategory("RASP program options (compile)");
cl::list<std::string> raspVocab("vocab", cl::desc("The token values, e.g. --vocab a,b,c"),
                                cl::CommaSeparated, cl::value_desc("tokens"),
                                cl::sub(compileCmd), cl::sub(raspCmd),
                                cl::cat(raspCompileCategory));
cl::opt<int64_t> raspMaxSeqLen("max-seq-len", cl::desc("The longest input the program gets"),
                               cl::value_desc("N"), cl::sub(compileCmd), cl::sub(raspCmd),
                               cl::cat(raspCompileCategory));
cl::opt<bool> raspCausal("causal",
                         cl::desc("Compile a decoder: every selector sees only the keys at or "
                                  "before its query (as Tracr's causal evaluation)"),
                         cl::sub(compileCmd), cl::sub(raspCmd), cl::cat(raspCompileCategory));
cl::opt<std::string> raspSOp("sop",
                             cl::desc("The s-op the program outputs (default: the last one "
                                      "it assigns)"),
                             cl::value_desc("name"), cl::sub(compileCmd),
                             cl::cat(raspCompileCategory));

cl::opt<std::string> runModel(cl::Positional, cl::Required, cl::desc("<model or library>"),
                              cl::sub(runCmd), cl::cat(runCategory));
cl::list<std::string> runInputs("input",
                                cl::desc("Input tensor file (.npy or ONNX TensorProto .pb), "
                                         "in input order, or NAME=FILE"),
                                cl::value_desc("file"), cl::sub(runCmd), cl::cat(runCategory));
cl::list<std::string> runExpects("expect",
                                 cl::desc("Expected output file, in output order or "
                                          "NAME=FILE; prints the errors and exits 2 when an "
                                          "output is outside the tolerance"),
                                 cl::value_desc("file"), cl::sub(runCmd), cl::cat(runCategory));
cl::opt<double> runAtol("atol", cl::desc("Absolute tolerance for --expect (default 1e-7)"),
                        cl::init(1e-7), cl::sub(runCmd), cl::cat(runCategory));
cl::opt<double> runRtol("rtol", cl::desc("Relative tolerance for --expect (default 1e-3)"),
                        cl::init(1e-3), cl::sub(runCmd), cl::cat(runCategory));
cl::opt<std::string> runOutputDir("output-dir",
                                  cl::desc("Also write every output to DIR/<name>.npy"),
                                  cl::value_desc("dir"), cl::sub(runCmd), cl::cat(runCategory));
cl::opt<unsigned> runThreads(
    "threads",
    cl::desc("Threads for the model's large matmuls and parallel loops (sets TFC_NUM_THREADS; "
             "default: that variable, else every CPU the process may use). Results are the same "
             "bit for bit at any count"),
    cl::value_desc("N"), cl::init(0), cl::sub(runCmd), cl::cat(runCategory));
cl::opt<unsigned> runRepeat(
    "repeat",
    cl::desc("After the checked run, run the model N more times on the same inputs and print "
             "the median and minimum time of one run (compilation excluded)"),
    cl::value_desc("N"), cl::init(0), cl::sub(runCmd), cl::cat(runCategory));

cl::opt<std::string> raspProgram(cl::Positional, cl::desc("[program.rasp]"), cl::sub(raspCmd),
                                 cl::cat(raspCategory));
cl::opt<std::string> raspInput("input",
                               cl::desc("The example input: a string (its characters are the "
                                        "tokens) or a list such as \"[3, 1, 2]\" (default "
                                        "\"hello\")"),
                               cl::value_desc("example"), cl::sub(raspCmd),
                               cl::cat(raspCategory));
cl::opt<bool> raspShowSelectors("show-selectors",
                                cl::desc("Also print every named selector's matrix"),
                                cl::sub(raspCmd), cl::cat(raspCategory));
cl::opt<bool> raspLayers("layers",
                         cl::desc("Print the layers and heads per layer the output needs "
                                  "(instead of the named s-ops)"),
                         cl::sub(raspCmd), cl::cat(raspCategory));
cl::opt<std::string> raspDraw("draw",
                              cl::desc("Draw the output's computation flow on the example "
                                       "(SVG, with graphviz; instead of the named s-ops)"),
                              cl::value_desc("file.svg"), cl::sub(raspCmd),
                              cl::cat(raspCategory));
cl::opt<std::string> raspOutput("output",
                                cl::desc("The s-op for --layers and --draw (default: the last "
                                         "one the program assigns)"),
                                cl::value_desc("name"), cl::sub(raspCmd),
                                cl::cat(raspCategory));

cl::opt<bool> raspCompile("compile",
                          cl::desc("Compile the program into a transformer (needs --vocab and "
                                   "--max-seq-len); with --report, --explain or --verify"),
                          cl::sub(raspCmd), cl::cat(raspCategory));
cl::opt<bool> raspReport("report",
                         cl::desc("Print the compiled model's layers, heads, widths and "
                                  "parameter count"),
                         cl::sub(raspCmd), cl::cat(raspCategory));
cl::opt<bool> raspExplain("explain",
                          cl::desc("Print what every head and MLP of the compiled model "
                                   "computes, per layer"),
                          cl::sub(raspCmd), cl::cat(raspCategory));
cl::opt<bool> raspVerify(
    "verify",
    cl::desc("Run the compiled model (CPU) on every input up to --max-seq-len when there are "
             "at most 100000 of them, else on --samples random ones, and compare with the "
             "interpreter; exit status 2 on any mismatch"),
    cl::sub(raspCmd), cl::cat(raspCategory));
cl::opt<int64_t> raspSamples("samples",
                             cl::desc("Random inputs --verify checks when there are too many "
                                      "for all (default 10000)"),
                             cl::init(10000), cl::sub(raspCmd), cl::cat(raspCategory));

cl::list<std::string> shapes("shape",
                             cl::desc("Fix the shape of an input with symbolic dimensions, "
                                      "e.g. --shape input_ids=1x128"),
                             cl::value_desc("name=DIMS"), cl::sub(compileCmd), cl::sub(runCmd),
                             cl::cat(modelCategory));
cl::list<std::string> frozenInputs(
    "freeze-input",
    cl::desc("Compile the model with input NAME fixed to the tensor in FILE (it leaves the "
             "signature); needed when an input sets a shape, e.g. Reshape's shape"),
    cl::value_desc("name=FILE"), cl::sub(compileCmd), cl::sub(runCmd), cl::cat(modelCategory));
cl::opt<std::string> mcpu("mcpu",
                          cl::desc("Target CPU: native (default: the host) or an LLVM CPU "
                                   "name such as x86-64-v3 (below AVX-512, the matmul "
                                   "kernels for AVX2 and AVX-512 are linked too and chosen "
                                   "at run time; for x86-64, an AVX2 copy of the model's code "
                                   "too); the model refuses to run on a CPU without the "
                                   "target's extensions"),
                          cl::init("native"), cl::sub(compileCmd), cl::sub(runCmd),
                          cl::cat(modelCategory));
cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimisation level 0-3 (default 2)"),
                           cl::Prefix, cl::init(2), cl::sub(compileCmd), cl::sub(runCmd),
                           cl::cat(modelCategory));
cl::opt<bool> printIRAfterAll("print-ir-after-all",
                              cl::desc("Print the module after every compiler pass "
                                       "(constants of more than 16 elements elided)"),
                              cl::sub(compileCmd), cl::sub(runCmd), cl::cat(modelCategory));
cl::opt<bool> noFuse("no-fuse",
                     cl::desc("Skip the fusion passes (raising attention, layer and RMS norm "
                              "and GELU from primitives), to compare with the fused model"),
                     cl::sub(compileCmd), cl::sub(runCmd), cl::cat(modelCategory));
cl::opt<bool> fusionReport(
    "fusion-report",
    cl::desc("Print, per fusion pattern, how many fused ops the model has, and a remark "
             "for each partial match that did not fuse (and why)"),
    cl::sub(compileCmd), cl::sub(runCmd), cl::cat(modelCategory));
cl::opt<bool> noMicroKernels(
    "no-microkernels",
    cl::desc("Lower f32 matmuls to plain loops instead of calling the register-tiled "
             "micro-kernel with packed weights, to compare with it"),
    cl::sub(compileCmd), cl::sub(runCmd), cl::cat(modelCategory));
cl::opt<bool> noMemoryPlan(
    "no-memory-plan",
    cl::desc("Allocate every intermediate buffer separately instead of placing them in one "
             "arena planned at compile time, to compare with it"),
    cl::sub(compileCmd), cl::sub(runCmd), cl::cat(modelCategory));
cl::opt<bool> timePasses("time-passes", cl::desc("Report the time spent in each pass"),
                         cl::sub(compileCmd), cl::sub(runCmd), cl::cat(modelCategory));

tfc::ModelOptions modelOptions() {
  tfc::ModelOptions options;
  options.shapes.assign(shapes.begin(), shapes.end());
  options.frozenInputs.assign(frozenInputs.begin(), frozenInputs.end());
  options.cpu = mcpu;
  options.optLevel = optLevel;
  options.printIRAfterAll = printIRAfterAll;
  options.timePasses = timePasses;
  options.fuse = !noFuse;
  options.fusionReport = fusionReport;
  options.microKernels = !noMicroKernels;
  options.memoryPlan = !noMemoryPlan;
  return options;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::SetVersionPrinter([](raw_ostream &os) {
    os << "tfc " TFC_VERSION " (MLIR/LLVM " LLVM_VERSION_STRING ")\n";
  });
  // Only tfc's own options: libLLVM registers many that users of tfc never need.
  cl::HideUnrelatedOptions(
      {&compileCategory, &raspCompileCategory, &runCategory, &raspCategory, &modelCategory});
  cl::ParseCommandLineOptions(argc, argv,
                              "tfc: a compiler for transformer graphs\n\n"
                              "  tfc compile MODEL [-o OUT] [--emit=tfc|linalg|llvm|obj|lib]\n"
                              "  tfc compile --check MODEL\n"
                              "  tfc compile PROG.rasp --vocab a,b,c --max-seq-len N "
                              "[--emit=rasp|onnx|tfc|...]\n"
                              "  tfc run MODEL|LIB --input FILE... [--expect FILE...]\n"
                              "  tfc rasp [PROG.rasp] [--input EXAMPLE] [--layers] [--draw F]\n"
                              "  tfc rasp PROG.rasp --compile --vocab a,b --max-seq-len N "
                              "[--verify] [--report] [--explain]\n\n"
                              "Run `tfc <command> --help` for the options of a command. Exit "
                              "status: 0 success, 1 error, 2 outputs outside tolerance.\n");
  if (compileCmd) {
    tfc::CompileOptions options;
    options.input = compileInput;
    options.output = outputPath;
    options.emit = emitKind;
    options.checkOnly = checkOnly;
    options.model = modelOptions();
    options.rasp.vocab.assign(raspVocab.begin(), raspVocab.end());
    if (raspMaxSeqLen.getNumOccurrences())
      options.rasp.maxSeqLen = raspMaxSeqLen;
    options.rasp.sop = raspSOp;
    options.rasp.causal = raspCausal;
    return tfc::runCompileCommand(options);
  }
  if (runCmd) {
    tfc::RunOptions options;
    options.model = runModel;
    options.inputs.assign(runInputs.begin(), runInputs.end());
    options.expects.assign(runExpects.begin(), runExpects.end());
    options.atol = runAtol;
    options.rtol = runRtol;
    options.outputDir = runOutputDir;
    options.repeat = runRepeat;
    options.threads = runThreads;
    options.modelOptions = modelOptions();
    return tfc::runRunCommand(options);
  }
  if (raspCmd) {
    tfc::RaspOptions options;
    options.program = raspProgram;
    if (raspInput.getNumOccurrences())
      options.input = raspInput.getValue();
    options.showSelectors = raspShowSelectors;
    options.layers = raspLayers;
    options.drawPath = raspDraw;
    options.output = raspOutput;
    options.compile = raspCompile;
    options.report = raspReport;
    options.explain = raspExplain;
    options.verify = raspVerify;
    options.samples = raspSamples;
    options.model.vocab.assign(raspVocab.begin(), raspVocab.end());
    if (raspMaxSeqLen.getNumOccurrences())
      options.model.maxSeqLen = raspMaxSeqLen;
    options.model.sop = raspOutput;
    options.model.causal = raspCausal;
    return tfc::runRaspCommand(options);
  }
  errs() << "tfc: error: give a command: compile, run or rasp (see tfc --help)\n";
  return tfc::kExitError;
}
