// `tfc run`: execute a model (JIT-compiled, or a compiled library) on tensor files.
#include "passes/Target/CPU/LLVMCodegen.h"
#include "passes/Target/CPU/Pipeline.h"
#include "runtime/include/tfc/tfc_runtime.h"
#include "tools/tfc/Commands.h"
#include "tools/tfc/Diagnostics.h"
#include "tools/tfc/TensorFiles.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <string>
#include "llvm/Support/Format.h"
#include <algorithm>
#include <chrono>

using namespace mlir;

namespace tfc {
namespace {

using ModelPtr = std::unique_ptr<tfc_model, decltype(&tfc_model_free)>;

std::string describe(const tfc_abi_tensor *t) {
  llvm::SmallVector<int64_t> shape(t->shape, t->shape + t->rank);
  return dtypeName(t->dtype) + " [" + shapeString(shape) + "]";
}

/// Maps FILE / NAME=FILE arguments onto the model's tensors: names select a tensor, plain
/// files fill the remaining ones in order.
FailureOr<std::vector<std::string>> assignFiles(ArrayRef<std::string> specs,
                                                const tfc_model *model, bool inputs) {
  int32_t count = inputs ? tfc_model_num_inputs(model) : tfc_model_num_outputs(model);
  auto entry = [&](int32_t i) {
    return inputs ? tfc_model_input(model, i) : tfc_model_output(model, i);
  };
  const char *role = inputs ? "input" : "output";
  const char *flag = inputs ? "--input" : "--expect";
  std::vector<std::string> files(count);
  std::vector<std::string> positional;
  for (const std::string &spec : specs) {
    auto [name, file] = StringRef(spec).split('=');
    int32_t named = -1;
    if (!file.empty())
      for (int32_t i = 0; i < count; ++i)
        if (name == entry(i)->name)
          named = i;
    if (named < 0) {
      if (!file.empty() && !llvm::sys::fs::exists(spec)) {
        std::string names;
        for (int32_t i = 0; i < count; ++i)
          names += (i ? ", " : "") + std::string(entry(i)->name);
        printError(std::string(flag) + " " + spec + ": the model has no " + role + " named '" +
                   name.str() + "' (its " + role + "s: " + names + ")");
        return failure();
      }
      positional.push_back(spec);
      continue;
    }
    if (!files[named].empty()) {
      printError(std::string(flag) + ": " + role + " '" + name.str() + "' is given twice");
      return failure();
    }
    files[named] = file.str();
  }
  size_t next = 0;
  for (int32_t i = 0; i < count; ++i)
    if (files[i].empty() && next < positional.size())
      files[i] = positional[next++];
  if (next < positional.size()) {
    printError("the model has " + llvm::Twine(count) + " " + role + "s; " +
               llvm::Twine(specs.size()) + " " + flag + " files were given");
    return failure();
  }
  for (int32_t i = 0; i < count; ++i)
    if (files[i].empty() && inputs) {
      printError(std::string("input ") + std::to_string(i) + " ('" + entry(i)->name + "', " +
                 describe(entry(i)) + ") has no --input file");
      return failure();
    }
  return files;
}

/// Loads a compiled library, or imports, compiles and JIT-loads any other model file.
ModelPtr openModel(const RunOptions &options, MLIRContext &context,
                   std::unique_ptr<JitModel> &jit) {
  ModelPtr model(nullptr, tfc_model_free);
  tfc_model *raw = nullptr;
  if (isCompiledLibrary(options.model)) {
    if (!options.modelOptions.shapes.empty() || !options.modelOptions.frozenInputs.empty()) {
      printError("--shape and --freeze-input cannot change a compiled library");
      return model;
    }
    if (tfc_model_load(options.model.c_str(), &raw) != TFC_OK)
      printError(tfc_last_error());
    model.reset(raw);
    return model;
  }
  OwningOpRef<ModuleOp> module = loadModel(options.model, context, options.modelOptions);
  if (!module)
    return model;
  PipelineOptions pipeline{options.modelOptions.printIRAfterAll,
                           options.modelOptions.timePasses, options.modelOptions.fuse,
                           options.modelOptions.fusionReport,
                           options.modelOptions.microKernels,
                           options.modelOptions.memoryPlan};
  if (failed(lowerModule(*module, Stage::LLVM, pipeline)))
    return model;
  CodegenOptions codegen;
  codegen.cpu = options.modelOptions.cpu;
  codegen.optLevel = options.modelOptions.optLevel;
  auto compiled = JitModel::create(*module, codegen);
  if (failed(compiled))
    return model;
  jit = std::move(*compiled);
  if (const char *lacking = jit->cpuCheckFn ? jit->cpuCheckFn() : nullptr) {
    printError(lacking);
    return model;
  }
  if (tfc_model_from_functions(jit->signatureFn, jit->runFn, &raw) != TFC_OK)
    printError(tfc_last_error());
  model.reset(raw);
  return model;
}

/// numpy has no bfloat16, so tools store it as uint16 bit patterns (ONNX's test data does):
/// a UINT16 file for a BFLOAT16 tensor is taken as those bits.
void adoptBFloat16Bits(TensorData &t, int32_t wanted) {
  if (wanted == static_cast<int32_t>(DType::BFloat16) &&
      t.dtype == static_cast<int32_t>(DType::UInt16))
    t.dtype = wanted;
}

tfc_tensor viewOf(TensorData &t) {
  return tfc_tensor{t.dtype, static_cast<int32_t>(t.shape.size()), t.shape.data(),
                    t.bytes.empty() ? nullptr : t.bytes.data()};
}

std::string safeFileName(StringRef name) {
  std::string s;
  for (char c : name)
    s.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'
                    ? c
                    : '_');
  return s.empty() ? "output" : s;
}

} // namespace

int runRunCommand(const RunOptions &options) {
  // Read by the model's thread pool when it starts, on the first large matmul.
  if (options.threads > 0)
    setenv("TFC_NUM_THREADS", std::to_string(options.threads).c_str(), /*overwrite=*/1);
  DialectRegistry registry;
  registerCompilerDialects(registry);
  MLIRContext context(registry);
  DiagnosticPrinter diagnostics(context);
  std::unique_ptr<JitModel> jit;
  ModelPtr model = openModel(options, context, jit);
  if (!model)
    return kExitError;

  auto inputFiles = assignFiles(options.inputs, model.get(), /*inputs=*/true);
  if (failed(inputFiles))
    return kExitError;
  std::vector<TensorData> inputs;
  for (auto [i, path] : llvm::enumerate(*inputFiles)) {
    auto t = readTensorFile(path);
    if (!t) {
      printError(llvm::toString(t.takeError()));
      return kExitError;
    }
    const tfc_abi_tensor *want = tfc_model_input(model.get(), static_cast<int32_t>(i));
    adoptBFloat16Bits(*t, want->dtype);
    if (t->dtype != want->dtype || t->shape.size() != static_cast<size_t>(want->rank) ||
        !std::equal(t->shape.begin(), t->shape.end(), want->shape)) {
      printError(path + ": input '" + want->name + "' is " + describe(want) +
                 ", the file holds " + dtypeName(t->dtype) + " [" + shapeString(t->shape) + "]");
      return kExitError;
    }
    inputs.push_back(std::move(*t));
  }

  std::vector<TensorData> outputs;
  for (int32_t i = 0; i < tfc_model_num_outputs(model.get()); ++i) {
    const tfc_abi_tensor *o = tfc_model_output(model.get(), i);
    TensorData t;
    t.name = o->name;
    t.dtype = o->dtype;
    t.shape.assign(o->shape, o->shape + o->rank);
    t.bytes.assign(static_cast<size_t>(t.numElements()) * dtypeSize(t.dtype), 0);
    outputs.push_back(std::move(t));
  }
  std::vector<tfc_tensor> inViews, outViews;
  for (TensorData &t : inputs)
    inViews.push_back(viewOf(t));
  for (TensorData &t : outputs)
    outViews.push_back(viewOf(t));
  auto runOnce = [&] {
    return tfc_model_run(model.get(), inViews.data(), static_cast<int32_t>(inViews.size()),
                         outViews.data(), static_cast<int32_t>(outViews.size())) == TFC_OK;
  };
  if (!runOnce()) {
    printError(tfc_last_error());
    return kExitError;
  }
  if (options.repeat > 0) {
    // Timed after the first run, so page faults on the weights and caches are warm.
    std::vector<double> seconds;
    for (unsigned i = 0; i < options.repeat; ++i) {
      auto start = std::chrono::steady_clock::now();
      if (!runOnce()) {
        printError(tfc_last_error());
        return kExitError;
      }
      seconds.push_back(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    llvm::outs() << llvm::format("time: median %.4f ms, min %.4f ms over %u runs\n",
                                 1e3 * seconds[seconds.size() / 2], 1e3 * seconds.front(),
                                 options.repeat);
  }

  if (!options.outputDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(options.outputDir)) {
      printError(options.outputDir + ": " + ec.message());
      return kExitError;
    }
    for (const TensorData &t : outputs) {
      llvm::SmallString<256> path(options.outputDir);
      llvm::sys::path::append(path, safeFileName(t.name) + ".npy");
      if (llvm::Error err = writeNpyFile(path, t)) {
        printError(llvm::toString(std::move(err)));
        return kExitError;
      }
    }
  }

  if (options.expects.empty()) {
    for (const TensorData &t : outputs) {
      llvm::outs() << "output '" << t.name << "': ";
      printTensor(llvm::outs(), t);
    }
    return kExitOk;
  }

  auto expectFiles = assignFiles(options.expects, model.get(), /*inputs=*/false);
  if (failed(expectFiles))
    return kExitError;
  bool allOk = true;
  for (auto [i, path] : llvm::enumerate(*expectFiles)) {
    const TensorData &actual = outputs[i];
    llvm::outs() << "output '" << actual.name << "' " << dtypeName(actual.dtype) << " ["
                 << shapeString(actual.shape) << "]: ";
    if (path.empty()) {
      llvm::outs() << "no --expect file, not checked\n";
      continue;
    }
    auto expected = readTensorFile(path);
    if (!expected) {
      printError(llvm::toString(expected.takeError()));
      return kExitError;
    }
    adoptBFloat16Bits(*expected, actual.dtype);
    if (expected->dtype != actual.dtype || expected->shape != actual.shape) {
      llvm::outs() << "FAIL: expected " << dtypeName(expected->dtype) << " ["
                   << shapeString(expected->shape) << "] (" << path << ")\n";
      allOk = false;
      continue;
    }
    Comparison c = compareTensors(actual, *expected, options.atol, options.rtol);
    llvm::outs() << llvm::format("max abs error %.3g, max rel error %.3g", c.maxAbsError,
                                 c.maxRelError);
    if (c.mismatches == 0) {
      llvm::outs() << ": ok\n";
      continue;
    }
    allOk = false;
    llvm::outs() << llvm::format(": FAIL, %lld of %lld elements outside atol %g + rtol %g "
                                 "(first at index %lld: got %.9g, expected %.9g)\n",
                                 static_cast<long long>(c.mismatches),
                                 static_cast<long long>(expected->numElements()), options.atol,
                                 options.rtol, static_cast<long long>(c.firstMismatch),
                                 elementAsDouble(actual, c.firstMismatch),
                                 elementAsDouble(*expected, c.firstMismatch));
  }
  return allOk ? kExitOk : kExitMismatch;
}

} // namespace tfc
