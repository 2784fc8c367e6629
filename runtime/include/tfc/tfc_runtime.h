/* libtfcrt: load models compiled by tfc, inspect their signature, run them on caller tensors.
 *
 *   tfc_model *m;
 *   if (tfc_model_load("model.so", &m) != TFC_OK) { puts(tfc_last_error()); return 1; }
 *   tfc_tensor in = {TFC_DTYPE_FLOAT, 2, shape, data}, out = {...};
 *   if (tfc_model_run(m, &in, 1, &out, 1) != TFC_OK) puts(tfc_last_error());
 *   tfc_model_free(m);
 *
 * Every call that fails returns a status other than TFC_OK and leaves a one-line message,
 * readable with tfc_last_error() on the same thread, that names the offending tensor.
 */
#ifndef TFC_RUNTIME_H
#define TFC_RUNTIME_H

#include "tfc/tfc_model_abi.h"
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tfc_status {
  TFC_OK = 0,
  TFC_ERROR_INVALID_ARGUMENT = 1, /* null pointer, wrong tensor count, dtype, rank or shape */
  TFC_ERROR_LOAD = 2,             /* the library cannot be opened or lacks the model ABI */
  TFC_ERROR_ABI_VERSION = 3,      /* the model was made by an incompatible compiler */
  TFC_ERROR_RUN = 4,              /* the model reported a failure while running */
  TFC_ERROR_OUT_OF_MEMORY = 5,
  TFC_ERROR_CPU = 6 /* this CPU lacks an instruction set extension the model was compiled for */
} tfc_status;

typedef struct tfc_model tfc_model;

/* A tensor handed to tfc_model_run. The caller owns `shape` and `data`; `data` holds the
 * elements dense and row-major (booleans one byte each). */
typedef struct tfc_tensor {
  int32_t dtype; /* TFC_DTYPE_* */
  int32_t rank;
  const int64_t *shape;
  void *data;
} tfc_tensor;

/* Opens a shared library made by `tfc compile --emit=lib`. */
tfc_status tfc_model_load(const char *path, tfc_model **model);

/* Wraps a model whose ABI functions are already in the process (linked in statically, or
 * compiled in memory). The functions must stay valid until tfc_model_free. */
tfc_status tfc_model_from_functions(const tfc_abi_signature *(*signature)(void),
                                    int32_t (*run)(void *const *inputs, void *const *outputs),
                                    tfc_model **model);

/* Releases the model (and closes its library). NULL is allowed. */
void tfc_model_free(tfc_model *model);

int32_t tfc_model_num_inputs(const tfc_model *model);
int32_t tfc_model_num_outputs(const tfc_model *model);
/* The description of input/output `index`, or NULL when out of range. */
const tfc_abi_tensor *tfc_model_input(const tfc_model *model, int32_t index);
const tfc_abi_tensor *tfc_model_output(const tfc_model *model, int32_t index);

/* Runs the model. Each tensor must match its signature entry exactly (dtype, rank, shape);
 * output buffers are written. Nothing is written when the arguments are rejected. */
tfc_status tfc_model_run(tfc_model *model, const tfc_tensor *inputs, int32_t num_inputs,
                         const tfc_tensor *outputs, int32_t num_outputs);

/* The message of the last failed call on this thread ("" if none). */
const char *tfc_last_error(void);

/* Bytes per element of a dtype (0 if unknown) and its name ("FLOAT", "INT64", ...). */
size_t tfc_dtype_size(int32_t dtype);
const char *tfc_dtype_name(int32_t dtype);

/* Number of elements of a shape. */
int64_t tfc_num_elements(int32_t rank, const int64_t *shape);

#ifdef __cplusplus
}
#endif

#endif /* TFC_RUNTIME_H */
