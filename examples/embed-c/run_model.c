/* Embedding a compiled model in a C program with libtfcrt: load, inspect, run.
 *
 *   tfc compile model.onnx -o model.so
 *   cc run_model.c -I<tfc>/runtime/include -L<build>/lib -ltfcrt -o run_model
 *   ./run_model model.so
 *
 * Prints the signature, runs the model once on inputs filled with a fixed pattern (floats
 * 1, 2, ..., 7, 1, ...; integers 0, 1, 0, ..., valid as token ids, masks and type ids), and
 * prints a checksum per output.
 */
#include "tfc/tfc_runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fill(void *data, int32_t dtype, int64_t count) {
  for (int64_t i = 0; i < count; ++i) {
    double real = (double)(1 + i % 7);
    int64_t integer = i % 2;
    switch (dtype) {
    case TFC_DTYPE_FLOAT: ((float *)data)[i] = (float)real; break;
    case TFC_DTYPE_DOUBLE: ((double *)data)[i] = real; break;
    case TFC_DTYPE_INT64: ((int64_t *)data)[i] = integer; break;
    case TFC_DTYPE_INT32: ((int32_t *)data)[i] = (int32_t)integer; break;
    default: memset((char *)data + i * tfc_dtype_size(dtype), (int)integer, tfc_dtype_size(dtype));
    }
  }
}

static double checksum(const void *data, int32_t dtype, int64_t count) {
  double sum = 0;
  for (int64_t i = 0; i < count; ++i) {
    switch (dtype) {
    case TFC_DTYPE_FLOAT: sum += ((const float *)data)[i]; break;
    case TFC_DTYPE_DOUBLE: sum += ((const double *)data)[i]; break;
    case TFC_DTYPE_INT64: sum += (double)((const int64_t *)data)[i]; break;
    case TFC_DTYPE_INT32: sum += ((const int32_t *)data)[i]; break;
    default: sum += ((const unsigned char *)data)[i * tfc_dtype_size(dtype)];
    }
  }
  return sum;
}

/* Allocates a tensor of the signature entry `info`; data must be freed by the caller. */
static tfc_tensor make_tensor(const tfc_abi_tensor *info) {
  int64_t count = tfc_num_elements(info->rank, info->shape);
  tfc_tensor t = {info->dtype, info->rank, info->shape,
                  calloc((size_t)(count > 0 ? count : 1), tfc_dtype_size(info->dtype))};
  return t;
}

static void describe(const char *role, const tfc_abi_tensor *info) {
  printf("%s '%s': %s [", role, info->name, tfc_dtype_name(info->dtype));
  for (int32_t d = 0; d < info->rank; ++d)
    printf(d ? "x%lld" : "%lld", (long long)info->shape[d]);
  printf("]\n");
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s MODEL.so\n", argv[0]);
    return 2;
  }
  tfc_model *model;
  if (tfc_model_load(argv[1], &model) != TFC_OK) {
    fprintf(stderr, "error: %s\n", tfc_last_error());
    return 1;
  }
  int32_t num_inputs = tfc_model_num_inputs(model), num_outputs = tfc_model_num_outputs(model);
  tfc_tensor *inputs = calloc((size_t)num_inputs + 1, sizeof *inputs);
  tfc_tensor *outputs = calloc((size_t)num_outputs + 1, sizeof *outputs);
  for (int32_t i = 0; i < num_inputs; ++i) {
    const tfc_abi_tensor *info = tfc_model_input(model, i);
    describe("input", info);
    inputs[i] = make_tensor(info);
    fill(inputs[i].data, info->dtype, tfc_num_elements(info->rank, info->shape));
  }
  for (int32_t i = 0; i < num_outputs; ++i) {
    describe("output", tfc_model_output(model, i));
    outputs[i] = make_tensor(tfc_model_output(model, i));
  }
  int status = 0;
  if (tfc_model_run(model, inputs, num_inputs, outputs, num_outputs) != TFC_OK) {
    fprintf(stderr, "error: %s\n", tfc_last_error());
    status = 1;
  } else {
    for (int32_t i = 0; i < num_outputs; ++i) {
      const tfc_abi_tensor *info = tfc_model_output(model, i);
      printf("checksum of '%s': %.6g\n", info->name,
             checksum(outputs[i].data, info->dtype, tfc_num_elements(info->rank, info->shape)));
    }
  }
  for (int32_t i = 0; i < num_inputs; ++i)
    free(inputs[i].data);
  for (int32_t i = 0; i < num_outputs; ++i)
    free(outputs[i].data);
  free(inputs);
  free(outputs);
  tfc_model_free(model);
  return status;
}
