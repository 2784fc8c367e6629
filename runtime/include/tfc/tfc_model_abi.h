/* The C ABI exported by a model compiled with tfc (--emit=obj or --emit=lib).
 *
 * A compiled model exports two functions, and a third for x86-64 (the CPU check). Tensors
 * are dense, row-major, in the host's byte order; booleans take one byte each. Shapes are
 * static: they are part of the signature.
 * Programs normally go through libtfcrt (tfc_runtime.h), which loads a library, checks
 * caller tensors against the signature and calls tfc_compiled_run; a program that links an
 * object file directly can call these functions itself.
 */
#ifndef TFC_MODEL_ABI_H
#define TFC_MODEL_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever the layout of the structures or the functions below change. */
#define TFC_MODEL_ABI_VERSION 1

/* Element types, numbered as ONNX's TensorProto.DataType. */
enum {
  TFC_DTYPE_FLOAT = 1,
  TFC_DTYPE_UINT8 = 2,
  TFC_DTYPE_INT8 = 3,
  TFC_DTYPE_UINT16 = 4,
  TFC_DTYPE_INT16 = 5,
  TFC_DTYPE_INT32 = 6,
  TFC_DTYPE_INT64 = 7,
  TFC_DTYPE_BOOL = 9,
  TFC_DTYPE_FLOAT16 = 10,
  TFC_DTYPE_DOUBLE = 11,
  TFC_DTYPE_UINT32 = 12,
  TFC_DTYPE_UINT64 = 13,
  TFC_DTYPE_BFLOAT16 = 16
};

typedef struct tfc_abi_tensor {
  const char *name;     /* the ONNX input or output name */
  int32_t dtype;        /* a TFC_DTYPE_* code */
  int32_t rank;
  const int64_t *shape; /* rank entries; NULL when rank is 0 */
} tfc_abi_tensor;

typedef struct tfc_abi_signature {
  int32_t abi_version; /* TFC_MODEL_ABI_VERSION of the compiler that made the model */
  int32_t num_inputs;
  int32_t num_outputs;
  int32_t reserved;
  const tfc_abi_tensor *inputs;
  const tfc_abi_tensor *outputs;
} tfc_abi_signature;

/* The model's inputs and outputs, in order. The data is constant and lives as long as the
 * model is loaded. */
const tfc_abi_signature *tfc_compiled_signature(void);

/* Runs the model: inputs[i] and outputs[i] point to buffers of the signature's shapes and
 * types. Outputs must not overlap inputs or each other. Returns 0, or 1 without running when
 * this CPU lacks an instruction set extension the model was compiled for (x86-64; see
 * tfc_compiled_cpu_check). Not re-entrant for the same buffers; distinct calls with distinct
 * buffers may run concurrently. */
int32_t tfc_compiled_run(void *const *inputs, void *const *outputs);

/* x86-64 models only: NULL when this CPU has every instruction set extension the model was
 * compiled for (--mcpu), else a message naming those it lacks. Runs on any x86-64 CPU. */
const char *tfc_compiled_cpu_check(void);

#ifdef __cplusplus
}
#endif

#endif /* TFC_MODEL_ABI_H */
