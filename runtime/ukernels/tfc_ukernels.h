// The micro-kernels' C interface: what generated code calls and how packed
// weights are laid out.
#ifndef TFC_UKERNELS_H
#define TFC_UKERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Columns per packed B panel. The compiler packs constant weights in this
/// layout, so it is part of the contract between the code generator and every
/// kernel variant.
#define TFC_UK_NR 48

/// The symbol a compiled model calls. Each variant's bitcode defines it under
/// this one name; the code generator links the model's variant, and below
/// AVX-512 on x86-64 also the better ones, renamed, behind cpu.c's dispatcher.
#ifndef TFC_UK_SGEMM
#define TFC_UK_SGEMM tfc_uk_sgemm
#endif

/// The activations the kernel can apply to C once its product is complete (the epilogue of
/// tfc.matmul_epilogue; the code generator passes these numbers).
#define TFC_UK_EPILOGUE_NONE 0
#define TFC_UK_EPILOGUE_RELU 1
#define TFC_UK_EPILOGUE_GELU 2
#define TFC_UK_EPILOGUE_GELU_TANH 3
#define TFC_UK_EPILOGUE_SILU 4

/// What a product adds A * B to: C's contents, zero, or a bias row (n values, one per
/// column, the same for every row and batch entry). Starting from zero or the bias, C is
/// only written, never read.
#define TFC_UK_START_ACCUMULATE 0
#define TFC_UK_START_ZERO 1
#define TFC_UK_START_BIAS 2

/// For each of `batch` problems s: C_s = epilogue(S + A_s * B_s), where S is C_s, zero or
/// the bias row by `start` (a TFC_UK_START_*; `bias` is read only for TFC_UK_START_BIAS),
/// A_s = a + s*aBatchStride is m x k (leading dimension lda), C_s is m x n (ldc) and B_s
/// = b + s*bBatchStride is k x n, row-major with leading dimension ldb, or
/// (bPacked != 0) in TFC_UK_NR-column panels, each k x TFC_UK_NR, zero-padded
/// past n. A batch stride of 0 broadcasts that operand. `epilogue` is a TFC_UK_EPILOGUE_*.
void TFC_UK_SGEMM(int64_t batch, const float *a, int64_t aBatchStride, int64_t lda, const float *b,
                  int64_t bBatchStride, int64_t ldb, int64_t bPacked, float *c,
                  int64_t cBatchStride, int64_t ldc, int64_t m, int64_t n, int64_t k, int64_t start,
                  const float *bias, int64_t epilogue);

/// An instruction set extension as a CPUID bit (x86-64): the bit (0-31), the register
/// (0 eax, 1 ebx, 2 ecx, 3 edx) << TFC_UK_CPU_REG_SHIFT, the leaf (0: 1, 1: 7 subleaf 0,
/// 2: 7 subleaf 1, 3: 0x80000001) << TFC_UK_CPU_LEAF_SHIFT, and the XCR0 bits that the OS
/// must set for its registers (0x6 AVX, 0xE6 AVX-512) << TFC_UK_CPU_XCR0_SHIFT. The code
/// generator writes these (passes/Target/CPU/CPUCheck.cpp).
#define TFC_UK_CPU_REG_SHIFT 5
#define TFC_UK_CPU_LEAF_SHIFT 8
#define TFC_UK_CPU_XCR0_SHIFT 16

/// NULL when this CPU has the `count` extensions of `codes` (TFC_UK_CPU_* above; `names`
/// lists their names, comma-separated, in the same order), else a message naming the ones
/// it lacks and `target`, the CPU the model was compiled for. Checked once per process.
const char *tfc_uk_cpu_missing(const uint32_t *codes, int32_t count, const char *names,
                               const char *target);

/// The x86-64 level of this CPU, detected once: 2 x86-64-v4 (AVX-512), 1 x86-64-v3 (AVX2),
/// 0 below; TFC_UK_ISA=generic or avx2 caps it (to compare the versions of a model's code
/// and kernels, or to test them all on one machine). Libraries compiled below AVX-512 choose
/// their matmul kernel by it, and those below x86-64-v3 their model code.
int tfc_uk_cpu_level(void);

/// A share of parallel work: units [begin, end).
typedef void (*tfc_uk_task)(void *ctx, int64_t begin, int64_t end);

/// Runs `task` over the units [0, count), split into one contiguous range per pool thread
/// (the caller's thread takes the first). The pool has TFC_NUM_THREADS threads, or one per
/// CPU the process may run on; a call made while another is in progress runs alone.
void tfc_uk_parallel(int64_t count, tfc_uk_task task, void *ctx);

/// The pool's thread count (starting it on first use).
int tfc_uk_num_threads(void);

#ifdef __cplusplus
}
#endif

#endif
