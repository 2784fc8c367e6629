/* libtfcrt: loading, signature queries and checked execution of compiled tfc models. */
#define _GNU_SOURCE
#include "tfc/tfc_runtime.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tfc_model {
  void *library; /* NULL for models built from functions */
  const tfc_abi_signature *signature;
  int32_t (*run)(void *const *, void *const *);
};

static _Thread_local char last_error[1024];

static tfc_status fail(tfc_status status, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(last_error, sizeof last_error, format, args);
  va_end(args);
  return status;
}

const char *tfc_last_error(void) { return last_error; }

size_t tfc_dtype_size(int32_t dtype) {
  switch (dtype) {
  case TFC_DTYPE_UINT8: case TFC_DTYPE_INT8: case TFC_DTYPE_BOOL: return 1;
  case TFC_DTYPE_UINT16: case TFC_DTYPE_INT16: case TFC_DTYPE_FLOAT16:
  case TFC_DTYPE_BFLOAT16: return 2;
  case TFC_DTYPE_FLOAT: case TFC_DTYPE_INT32: case TFC_DTYPE_UINT32: return 4;
  case TFC_DTYPE_INT64: case TFC_DTYPE_DOUBLE: case TFC_DTYPE_UINT64: return 8;
  default: return 0;
  }
}

const char *tfc_dtype_name(int32_t dtype) {
  switch (dtype) {
  case TFC_DTYPE_FLOAT: return "FLOAT";
  case TFC_DTYPE_UINT8: return "UINT8";
  case TFC_DTYPE_INT8: return "INT8";
  case TFC_DTYPE_UINT16: return "UINT16";
  case TFC_DTYPE_INT16: return "INT16";
  case TFC_DTYPE_INT32: return "INT32";
  case TFC_DTYPE_INT64: return "INT64";
  case TFC_DTYPE_BOOL: return "BOOL";
  case TFC_DTYPE_FLOAT16: return "FLOAT16";
  case TFC_DTYPE_DOUBLE: return "DOUBLE";
  case TFC_DTYPE_UINT32: return "UINT32";
  case TFC_DTYPE_UINT64: return "UINT64";
  case TFC_DTYPE_BFLOAT16: return "BFLOAT16";
  default: return "UNKNOWN";
  }
}

int64_t tfc_num_elements(int32_t rank, const int64_t *shape) {
  int64_t n = 1;
  for (int32_t i = 0; i < rank; ++i)
    n *= shape[i];
  return n;
}

/* Checks that a signature read from a library is self-consistent before anything uses it. */
static tfc_status check_signature(const tfc_abi_signature *s, const char *origin) {
  if (!s)
    return fail(TFC_ERROR_LOAD, "%s: tfc_compiled_signature returned NULL", origin);
  if (s->abi_version != TFC_MODEL_ABI_VERSION)
    return fail(TFC_ERROR_ABI_VERSION,
                "%s: model ABI version %d, this runtime supports version %d; recompile the "
                "model with a matching tfc",
                origin, (int)s->abi_version, TFC_MODEL_ABI_VERSION);
  if (s->num_inputs < 0 || s->num_outputs < 0 || (s->num_inputs && !s->inputs) ||
      (s->num_outputs && !s->outputs))
    return fail(TFC_ERROR_LOAD, "%s: malformed signature", origin);
  return TFC_OK;
}

static tfc_status make_model(void *library, const tfc_abi_signature *(*signature)(void),
                             int32_t (*run)(void *const *, void *const *), const char *origin,
                             tfc_model **out) {
  const tfc_abi_signature *s = signature();
  tfc_status status = check_signature(s, origin);
  if (status != TFC_OK)
    return status;
  tfc_model *m = calloc(1, sizeof *m);
  if (!m)
    return fail(TFC_ERROR_OUT_OF_MEMORY, "out of memory");
  m->library = library;
  m->signature = s;
  m->run = run;
  *out = m;
  return TFC_OK;
}

tfc_status tfc_model_load(const char *path, tfc_model **model) {
  if (!path || !model)
    return fail(TFC_ERROR_INVALID_ARGUMENT, "tfc_model_load: NULL argument");
  *model = NULL;
  /* dlopen searches the library path for names without a slash; a model path is a file. */
  char buffer[4096];
  const char *name = path;
  if (!strchr(path, '/')) {
    if (snprintf(buffer, sizeof buffer, "./%s", path) >= (int)sizeof buffer)
      return fail(TFC_ERROR_INVALID_ARGUMENT, "%s: path too long", path);
    name = buffer;
  }
  void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (!library)
    return fail(TFC_ERROR_LOAD, "%s: cannot load: %s", path, dlerror());
  void *signature = dlsym(library, "tfc_compiled_signature");
  void *run = dlsym(library, "tfc_compiled_run");
  if (!signature || !run) {
    dlclose(library);
    return fail(TFC_ERROR_LOAD, "%s: not a tfc model (tfc_compiled_signature or "
                                "tfc_compiled_run is missing)", path);
  }
  const tfc_abi_signature *(*signature_fn)(void);
  int32_t (*run_fn)(void *const *, void *const *);
  memcpy(&signature_fn, &signature, sizeof signature_fn);
  memcpy(&run_fn, &run, sizeof run_fn);
  /* Models for x86-64 say whether this CPU has what they were compiled for (the check is
   * baseline code; the model's own would die of an illegal instruction). */
  void *cpu_check = dlsym(library, "tfc_compiled_cpu_check");
  if (cpu_check) {
    const char *(*cpu_check_fn)(void);
    memcpy(&cpu_check_fn, &cpu_check, sizeof cpu_check_fn);
    const char *lacking = cpu_check_fn();
    if (lacking) {
      tfc_status status = fail(TFC_ERROR_CPU, "%s: %s", path, lacking);
      dlclose(library);
      return status;
    }
  }
  tfc_status status = make_model(library, signature_fn, run_fn, path, model);
  if (status != TFC_OK)
    dlclose(library);
  return status;
}

tfc_status tfc_model_from_functions(const tfc_abi_signature *(*signature)(void),
                                    int32_t (*run)(void *const *, void *const *),
                                    tfc_model **model) {
  if (!signature || !run || !model)
    return fail(TFC_ERROR_INVALID_ARGUMENT, "tfc_model_from_functions: NULL argument");
  *model = NULL;
  return make_model(NULL, signature, run, "model", model);
}

void tfc_model_free(tfc_model *model) {
  if (!model)
    return;
  if (model->library)
    dlclose(model->library);
  free(model);
}

int32_t tfc_model_num_inputs(const tfc_model *model) {
  return model ? model->signature->num_inputs : 0;
}

int32_t tfc_model_num_outputs(const tfc_model *model) {
  return model ? model->signature->num_outputs : 0;
}

const tfc_abi_tensor *tfc_model_input(const tfc_model *model, int32_t index) {
  if (!model || index < 0 || index >= model->signature->num_inputs)
    return NULL;
  return &model->signature->inputs[index];
}

const tfc_abi_tensor *tfc_model_output(const tfc_model *model, int32_t index) {
  if (!model || index < 0 || index >= model->signature->num_outputs)
    return NULL;
  return &model->signature->outputs[index];
}

/* Writes "[2, 3]" into `out`. */
static void format_shape(char *out, size_t size, int32_t rank, const int64_t *shape) {
  size_t used = (size_t)snprintf(out, size, "[");
  for (int32_t i = 0; i < rank && used < size; ++i)
    used += (size_t)snprintf(out + used, size - used, i ? ", %lld" : "%lld",
                             (long long)shape[i]);
  if (used < size)
    snprintf(out + used, size - used, "]");
}

static tfc_status check_tensor(const char *role, int32_t index, const tfc_abi_tensor *want,
                               const tfc_tensor *got) {
  if (got->dtype != want->dtype)
    return fail(TFC_ERROR_INVALID_ARGUMENT, "%s %d ('%s'): expected dtype %s, got %s", role,
                (int)index, want->name, tfc_dtype_name(want->dtype),
                tfc_dtype_name(got->dtype));
  if (got->rank != want->rank)
    return fail(TFC_ERROR_INVALID_ARGUMENT, "%s %d ('%s'): expected rank %d, got %d", role,
                (int)index, want->name, (int)want->rank, (int)got->rank);
  if (got->rank > 0 && !got->shape)
    return fail(TFC_ERROR_INVALID_ARGUMENT, "%s %d ('%s'): shape is NULL", role, (int)index,
                want->name);
  for (int32_t d = 0; d < want->rank; ++d) {
    if (got->shape[d] != want->shape[d]) {
      char expected[256], actual[256];
      format_shape(expected, sizeof expected, want->rank, want->shape);
      format_shape(actual, sizeof actual, got->rank, got->shape);
      return fail(TFC_ERROR_INVALID_ARGUMENT, "%s %d ('%s'): expected shape %s, got %s", role,
                  (int)index, want->name, expected, actual);
    }
  }
  if (!got->data && tfc_num_elements(want->rank, want->shape) > 0)
    return fail(TFC_ERROR_INVALID_ARGUMENT, "%s %d ('%s'): data is NULL", role, (int)index,
                want->name);
  return TFC_OK;
}

tfc_status tfc_model_run(tfc_model *model, const tfc_tensor *inputs, int32_t num_inputs,
                         const tfc_tensor *outputs, int32_t num_outputs) {
  if (!model)
    return fail(TFC_ERROR_INVALID_ARGUMENT, "tfc_model_run: model is NULL");
  const tfc_abi_signature *s = model->signature;
  if (num_inputs != s->num_inputs || num_outputs != s->num_outputs)
    return fail(TFC_ERROR_INVALID_ARGUMENT,
                "the model takes %d inputs and %d outputs, got %d and %d", (int)s->num_inputs,
                (int)s->num_outputs, (int)num_inputs, (int)num_outputs);
  if ((num_inputs && !inputs) || (num_outputs && !outputs))
    return fail(TFC_ERROR_INVALID_ARGUMENT, "tfc_model_run: tensor array is NULL");
  void **pointers = malloc(sizeof(void *) * (size_t)(num_inputs + num_outputs + 1));
  if (!pointers)
    return fail(TFC_ERROR_OUT_OF_MEMORY, "out of memory");
  tfc_status status = TFC_OK;
  for (int32_t i = 0; i < num_inputs && status == TFC_OK; ++i) {
    status = check_tensor("input", i, &s->inputs[i], &inputs[i]);
    pointers[i] = inputs[i].data;
  }
  for (int32_t i = 0; i < num_outputs && status == TFC_OK; ++i) {
    status = check_tensor("output", i, &s->outputs[i], &outputs[i]);
    pointers[num_inputs + i] = outputs[i].data;
  }
  int32_t result = status == TFC_OK ? model->run(pointers, pointers + num_inputs) : 0;
  if (result == 1) /* the ABI's answer for a CPU without the model's extensions */
    status = fail(TFC_ERROR_CPU, "the model did not run: this CPU lacks an instruction set "
                                 "extension it was compiled for (tfc_compiled_cpu_check names "
                                 "them)");
  else if (result != 0)
    status = fail(TFC_ERROR_RUN, "the model reported a failure");
  free(pointers);
  return status;
}
