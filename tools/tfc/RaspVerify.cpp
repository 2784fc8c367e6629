// `tfc rasp --compile --verify`: the compiled transformer, run on the CPU, against the RASP
// interpreter on every input up to the maximum length (or on random samples).
#include "tools/tfc/RaspCompile.h"

#include "frontend/rasp/Evaluate.h"
#include "passes/Target/CPU/LLVMCodegen.h"
#include "passes/Target/CPU/Pipeline.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <random>

using namespace mlir;

namespace tfc {

namespace {
constexpr int64_t kMaxExhaustive = 100'000;
constexpr int64_t kBatch = 64;
constexpr int kShownMismatches = 10;

std::string showInput(const std::vector<int64_t> &ids, const rasp::CompiledTransformer &m) {
  std::string s = "[";
  for (size_t i = 0; i < ids.size(); ++i)
    s += (i ? ", " : "") + rasp::Atom::ofString(m.vocab[ids[i]]).str(true);
  return s + "]";
}

std::string showSequence(const std::vector<std::string> &values) {
  std::string s = "[";
  for (size_t i = 0; i < values.size(); ++i)
    s += (i ? ", " : "") + values[i];
  return s + "]";
}

/// Numerical outputs agree when within float32's reach of the reference.
bool sameNumber(double model, double reference) {
  return std::fabs(model - reference) <= 1e-4 * std::max(1.0, std::fabs(reference));
}
} // namespace

int verifyTransformer(const rasp::CompiledTransformer &model, MLIRContext &context,
                      const rasp::SOpPtr &output, int64_t samples) {
  OwningOpRef<ModuleOp> module = transformerModule(model, context, kBatch);
  if (failed(lowerModule(*module, Stage::LLVM, PipelineOptions{})))
    return kExitError;
  auto jit = JitModel::create(*module, CodegenOptions{});
  if (failed(jit))
    return kExitError;

  int64_t v = static_cast<int64_t>(model.vocab.size()), n = model.maxSeqLen, t = n + 1;
  // How many inputs there are, up to the limit.
  int64_t total = 0, power = 1;
  for (int64_t len = 1; len <= n && total <= kMaxExhaustive; ++len) {
    power = power > kMaxExhaustive ? power : power * v;
    total += power;
  }
  bool exhaustive = total <= kMaxExhaustive;
  int64_t count = exhaustive ? total : samples;
  std::mt19937_64 rng(20261122);
  std::vector<int64_t> current; // the next exhaustive input, as token ids
  auto nextInput = [&]() {
    if (!exhaustive) {
      std::vector<int64_t> ids(std::uniform_int_distribution<int64_t>(1, n)(rng));
      for (int64_t &id : ids)
        id = std::uniform_int_distribution<int64_t>(0, v - 1)(rng);
      return ids;
    }
    // Counting in base v, then the next length.
    size_t i = 0;
    while (i < current.size() && ++current[i] == v)
      current[i++] = 0;
    if (i == current.size())
      current.assign(current.size() + 1, 0);
    return current;
  };

  int64_t k = model.unembedding.cols, mismatches = 0, rejected = 0, checked = 0;
  std::vector<int64_t> tokens(kBatch * t);
  std::vector<float> logits(kBatch * t * k);
  for (int64_t start = 0; start < count; start += kBatch) {
    int64_t b = std::min(kBatch, count - start);
    std::vector<std::vector<int64_t>> batch;
    for (int64_t i = 0; i < kBatch; ++i) {
      std::vector<int64_t> ids = i < b ? nextInput() : std::vector<int64_t>{};
      tokens[i * t] = model.bosId();
      for (int64_t p = 1; p < t; ++p)
        tokens[i * t + p] = p - 1 < static_cast<int64_t>(ids.size()) ? ids[p - 1] : model.padId();
      batch.push_back(std::move(ids));
    }
    void *inputs[] = {tokens.data()};
    void *outputs[] = {logits.data()};
    (*jit)->runFn(inputs, outputs);
    for (int64_t i = 0; i < b; ++i) {
      rasp::Sequence input;
      for (int64_t id : batch[i])
        input.push_back(rasp::Atom::ofString(model.vocab[id]));
      rasp::Sequence expected;
      std::string error;
      if (!rasp::tryEvaluate(output, input, model.causal, expected, error)) {
        ++rejected; // the program itself fails on this input: nothing to compare
        continue;
      }
      ++checked;
      bool same = true;
      std::vector<std::string> got, want;
      for (size_t p = 0; p < expected.size(); ++p) {
        const float *row = &logits[(i * t + p + 1) * k];
        if (model.numericalOutput) {
          same = same && expected[p].isNumber() && sameNumber(row[0], expected[p].toDouble());
          got.push_back(std::to_string(row[0]));
        } else {
          int64_t best = std::max_element(row, row + k) - row;
          same = same && model.outputValues[best] == expected[p];
          got.push_back(model.outputValues[best].str(true));
        }
        want.push_back(expected[p].str(true));
      }
      if (same)
        continue;
      if (mismatches++ < kShownMismatches)
        llvm::outs() << "mismatch on " << showInput(batch[i], model) << ": interpreter "
                     << showSequence(want) << ", transformer " << showSequence(got) << "\n";
    }
  }
  llvm::outs() << "verified " << checked << " inputs"
               << (exhaustive ? " (all inputs of length 1 to " + std::to_string(n) + ")"
                              : " (random, of length 1 to " + std::to_string(n) + ")")
               << (model.causal ? ", causal" : "") << ": " << mismatches << " mismatches";
  if (rejected)
    llvm::outs() << "; " << rejected << " inputs skipped where the interpreter fails";
  llvm::outs() << "\n";
  return mismatches ? kExitMismatch : kExitOk;
}

} // namespace tfc
