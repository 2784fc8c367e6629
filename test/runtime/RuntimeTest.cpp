// Unit tests of libtfcrt against models compiled by tfc (made by the ctest fixture).
#include "tfc/tfc_runtime.h"
#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

std::string scalePath, negatePath, notModelPath, scratchDir;

struct ModelGuard {
  tfc_model *model = nullptr;
  ~ModelGuard() { tfc_model_free(model); }
};

tfc_tensor tensor(int32_t dtype, const std::vector<int64_t> &shape, void *data) {
  return tfc_tensor{dtype, static_cast<int32_t>(shape.size()), shape.data(), data};
}

TEST(Load, MissingFileIsAnError) {
  tfc_model *model = reinterpret_cast<tfc_model *>(0x1);
  EXPECT_EQ(tfc_model_load((scratchDir + "/does-not-exist.so").c_str(), &model), TFC_ERROR_LOAD);
  EXPECT_EQ(model, nullptr);
  EXPECT_NE(std::string(tfc_last_error()).find("cannot load"), std::string::npos);
}

TEST(Load, FileThatIsNotALibrary) {
  std::string path = scratchDir + "/garbage.so";
  std::ofstream(path) << "not an ELF file";
  tfc_model *model = nullptr;
  EXPECT_EQ(tfc_model_load(path.c_str(), &model), TFC_ERROR_LOAD);
  EXPECT_EQ(model, nullptr);
}

TEST(Load, LibraryWithoutModelABI) {
  tfc_model *model = nullptr;
  EXPECT_EQ(tfc_model_load(notModelPath.c_str(), &model), TFC_ERROR_LOAD);
  EXPECT_NE(std::string(tfc_last_error()).find("not a tfc model"), std::string::npos);
}

TEST(Load, NullArguments) {
  tfc_model *model = nullptr;
  EXPECT_EQ(tfc_model_load(nullptr, &model), TFC_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(tfc_model_load(scalePath.c_str(), nullptr), TFC_ERROR_INVALID_ARGUMENT);
  tfc_model_free(nullptr); // allowed
}

TEST(Signature, NamesTypesAndShapes) {
  ModelGuard m;
  ASSERT_EQ(tfc_model_load(scalePath.c_str(), &m.model), TFC_OK) << tfc_last_error();
  ASSERT_EQ(tfc_model_num_inputs(m.model), 2);
  ASSERT_EQ(tfc_model_num_outputs(m.model), 2);
  const tfc_abi_tensor *x = tfc_model_input(m.model, 0);
  EXPECT_STREQ(x->name, "x");
  EXPECT_EQ(x->dtype, TFC_DTYPE_FLOAT);
  ASSERT_EQ(x->rank, 2);
  EXPECT_EQ(x->shape[0], 2);
  EXPECT_EQ(x->shape[1], 3);
  const tfc_abi_tensor *ids = tfc_model_input(m.model, 1);
  EXPECT_STREQ(ids->name, "ids");
  EXPECT_EQ(ids->dtype, TFC_DTYPE_INT64);
  EXPECT_STREQ(tfc_model_output(m.model, 0)->name, "scaled");
  EXPECT_STREQ(tfc_model_output(m.model, 1)->name, "doubled");
  EXPECT_EQ(tfc_model_input(m.model, 2), nullptr);
  EXPECT_EQ(tfc_model_input(m.model, -1), nullptr);
  EXPECT_EQ(tfc_model_output(m.model, 2), nullptr);
}

TEST(Run, ComputesOutputs) {
  ModelGuard m;
  ASSERT_EQ(tfc_model_load(scalePath.c_str(), &m.model), TFC_OK) << tfc_last_error();
  float x[6] = {1, 2, 3, 4, 5, 6}, scaled[6] = {};
  int64_t ids[3] = {1, -2, 1LL << 40}, doubled[3] = {};
  std::vector<int64_t> xs = {2, 3}, is = {3};
  tfc_tensor inputs[2] = {tensor(TFC_DTYPE_FLOAT, xs, x), tensor(TFC_DTYPE_INT64, is, ids)};
  tfc_tensor outputs[2] = {tensor(TFC_DTYPE_FLOAT, xs, scaled),
                           tensor(TFC_DTYPE_INT64, is, doubled)};
  ASSERT_EQ(tfc_model_run(m.model, inputs, 2, outputs, 2), TFC_OK) << tfc_last_error();
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(scaled[i], 2 * x[i]);
  EXPECT_EQ(doubled[0], 2);
  EXPECT_EQ(doubled[1], -4);
  EXPECT_EQ(doubled[2], 1LL << 41);
}

class RunErrors : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(tfc_model_load(scalePath.c_str(), &guard.model), TFC_OK) << tfc_last_error();
    inputs[0] = tensor(TFC_DTYPE_FLOAT, xs, x);
    inputs[1] = tensor(TFC_DTYPE_INT64, is, ids);
    outputs[0] = tensor(TFC_DTYPE_FLOAT, xs, scaled);
    outputs[1] = tensor(TFC_DTYPE_INT64, is, doubled);
  }
  /// Runs and expects rejection with a message containing `text`, and no output written.
  void expectRejected(const char *text) {
    std::memset(scaled, 0x7f, sizeof scaled);
    EXPECT_EQ(tfc_model_run(guard.model, inputs, 2, outputs, 2), TFC_ERROR_INVALID_ARGUMENT);
    EXPECT_NE(std::string(tfc_last_error()).find(text), std::string::npos) << tfc_last_error();
    unsigned char expected[sizeof scaled];
    std::memset(expected, 0x7f, sizeof expected);
    EXPECT_EQ(std::memcmp(scaled, expected, sizeof scaled), 0) << "outputs written";
  }
  ModelGuard guard;
  float x[6] = {}, scaled[6] = {};
  int64_t ids[3] = {}, doubled[3] = {};
  std::vector<int64_t> xs = {2, 3}, is = {3}, wrong = {3, 2}, rank1 = {6};
  tfc_tensor inputs[2], outputs[2];
};

TEST_F(RunErrors, WrongCounts) {
  EXPECT_EQ(tfc_model_run(guard.model, inputs, 1, outputs, 2), TFC_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(tfc_last_error(), "the model takes 2 inputs and 2 outputs, got 1 and 2");
  EXPECT_EQ(tfc_model_run(guard.model, inputs, 2, outputs, 3), TFC_ERROR_INVALID_ARGUMENT);
}

TEST_F(RunErrors, WrongDtype) {
  inputs[1].dtype = TFC_DTYPE_INT32;
  expectRejected("input 1 ('ids'): expected dtype INT64, got INT32");
}

TEST_F(RunErrors, WrongShape) {
  inputs[0].shape = wrong.data();
  expectRejected("input 0 ('x'): expected shape [2, 3], got [3, 2]");
}

TEST_F(RunErrors, WrongRank) {
  outputs[0].rank = 1;
  outputs[0].shape = rank1.data();
  expectRejected("output 0 ('scaled'): expected rank 2, got 1");
}

TEST_F(RunErrors, NullData) {
  inputs[0].data = nullptr;
  expectRejected("input 0 ('x'): data is NULL");
}

TEST_F(RunErrors, NullShape) {
  inputs[0].shape = nullptr;
  expectRejected("input 0 ('x'): shape is NULL");
}

TEST_F(RunErrors, NullArrays) {
  EXPECT_EQ(tfc_model_run(guard.model, nullptr, 2, outputs, 2), TFC_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(tfc_model_run(nullptr, inputs, 2, outputs, 2), TFC_ERROR_INVALID_ARGUMENT);
}

// Every compiled model exports the same symbol names; loaded side by side they must not mix.
TEST(Run, TwoModelsInOneProcess) {
  ModelGuard scale, negate;
  ASSERT_EQ(tfc_model_load(scalePath.c_str(), &scale.model), TFC_OK) << tfc_last_error();
  ASSERT_EQ(tfc_model_load(negatePath.c_str(), &negate.model), TFC_OK) << tfc_last_error();
  EXPECT_EQ(tfc_model_num_inputs(negate.model), 1);
  float x[4] = {1, -2, 3, -4}, y[4] = {};
  std::vector<int64_t> shape = {4};
  tfc_tensor in = tensor(TFC_DTYPE_FLOAT, shape, x), out = tensor(TFC_DTYPE_FLOAT, shape, y);
  ASSERT_EQ(tfc_model_run(negate.model, &in, 1, &out, 1), TFC_OK) << tfc_last_error();
  EXPECT_EQ(y[1], 2.0f);
  EXPECT_EQ(y[3], 4.0f);
}

// Models compiled in memory (the JIT of `tfc run`) or linked in go through the same checks.
const tfc_abi_tensor fakeTensor = {"v", TFC_DTYPE_FLOAT, 0, nullptr};
const tfc_abi_signature fakeSignature = {TFC_MODEL_ABI_VERSION, 1, 1, 0, &fakeTensor, &fakeTensor};
const tfc_abi_signature *fakeSignatureFn() { return &fakeSignature; }
int32_t fakeRun(void *const *in, void *const *out) {
  *static_cast<float *>(out[0]) = *static_cast<const float *>(in[0]) + 1;
  return 0;
}
const tfc_abi_signature futureSignature = {TFC_MODEL_ABI_VERSION + 1, 0, 0, 0, nullptr, nullptr};
const tfc_abi_signature *futureSignatureFn() { return &futureSignature; }
int32_t failingRun(void *const *, void *const *) { return 7; }
// What a model's tfc_compiled_run returns on a CPU without the model's extensions.
int32_t refusingRun(void *const *, void *const *) { return 1; }

TEST(FromFunctions, RunsAScalarModel) {
  ModelGuard m;
  ASSERT_EQ(tfc_model_from_functions(fakeSignatureFn, fakeRun, &m.model), TFC_OK);
  float in = 41, out = 0;
  tfc_tensor a = {TFC_DTYPE_FLOAT, 0, nullptr, &in}, b = {TFC_DTYPE_FLOAT, 0, nullptr, &out};
  ASSERT_EQ(tfc_model_run(m.model, &a, 1, &b, 1), TFC_OK) << tfc_last_error();
  EXPECT_EQ(out, 42);
}

TEST(FromFunctions, RejectsOtherABIVersions) {
  tfc_model *model = nullptr;
  EXPECT_EQ(tfc_model_from_functions(futureSignatureFn, fakeRun, &model), TFC_ERROR_ABI_VERSION);
  EXPECT_EQ(model, nullptr);
  EXPECT_NE(std::string(tfc_last_error()).find("recompile"), std::string::npos);
}

/// tfc_model_run's status for the scalar fake model whose tfc_compiled_run is `run`.
tfc_status runFake(int32_t (*run)(void *const *, void *const *)) {
  ModelGuard m;
  EXPECT_EQ(tfc_model_from_functions(fakeSignatureFn, run, &m.model), TFC_OK);
  float in = 0, out = 0;
  tfc_tensor a = {TFC_DTYPE_FLOAT, 0, nullptr, &in}, b = {TFC_DTYPE_FLOAT, 0, nullptr, &out};
  return tfc_model_run(m.model, &a, 1, &b, 1);
}

TEST(FromFunctions, ReportsRunFailures) { EXPECT_EQ(runFake(failingRun), TFC_ERROR_RUN); }

TEST(FromFunctions, ReportsACpuWithoutTheModelsExtensions) {
  EXPECT_EQ(runFake(refusingRun), TFC_ERROR_CPU);
  EXPECT_NE(std::string(tfc_last_error()).find("tfc_compiled_cpu_check"), std::string::npos);
}

TEST(Dtypes, SizesAndNames) {
  EXPECT_EQ(tfc_dtype_size(TFC_DTYPE_FLOAT), 4u);
  EXPECT_EQ(tfc_dtype_size(TFC_DTYPE_BOOL), 1u);
  EXPECT_EQ(tfc_dtype_size(TFC_DTYPE_BFLOAT16), 2u);
  EXPECT_EQ(tfc_dtype_size(TFC_DTYPE_UINT64), 8u);
  EXPECT_EQ(tfc_dtype_size(8 /* STRING */), 0u);
  EXPECT_STREQ(tfc_dtype_name(TFC_DTYPE_INT64), "INT64");
  EXPECT_STREQ(tfc_dtype_name(99), "UNKNOWN");
  int64_t shape[3] = {2, 0, 5};
  EXPECT_EQ(tfc_num_elements(3, shape), 0);
  EXPECT_EQ(tfc_num_elements(0, nullptr), 1);
}

} // namespace

int main(int argc, char **argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (argc != 5) {
    fprintf(stderr, "usage: %s SCALE.so NEGATE.so NOT_A_MODEL.so SCRATCH_DIR\n", argv[0]);
    return 2;
  }
  scalePath = argv[1];
  negatePath = argv[2];
  notModelPath = argv[3];
  scratchDir = argv[4];
  return RUN_ALL_TESTS();
}
