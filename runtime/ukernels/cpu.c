// Run-time choice of the matmul kernel for models compiled for an x86-64 CPU without
// AVX-512: such a model links every kernel variant (each compiled for its own CPU level)
// and calls the best one the machine runs, so a library built for older CPUs is not slow on
// newer ones. CPUID and XGETBV only: no libgcc, the model still needs libc alone.
#include "tfc_ukernels.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <stdlib.h>
#include <string.h>

#define TFC_UK_SGEMM_PARAMS                                                                        \
  int64_t batch, const float *a, int64_t aBatchStride, int64_t lda, const float *b,                \
      int64_t bBatchStride, int64_t ldb, int64_t bPacked, float *c, int64_t cBatchStride,          \
      int64_t ldc, int64_t m, int64_t n, int64_t k, int64_t start, const float *bias,              \
      int64_t epilogue
#define TFC_UK_SGEMM_ARGS                                                                          \
  batch, a, aBatchStride, lda, b, bBatchStride, ldb, bPacked, c, cBatchStride, ldc, m, n, k,       \
      start, bias, epilogue

// The variants, renamed when the code generator links them (it points a variant the model's
// CPU level rules out at the model's own).
void tfc_uk_sgemm_generic(TFC_UK_SGEMM_PARAMS);
void tfc_uk_sgemm_avx2(TFC_UK_SGEMM_PARAMS);
void tfc_uk_sgemm_avx512(TFC_UK_SGEMM_PARAMS);

// 2: x86-64-v4 (AVX-512 F, BW, CD, DQ, VL), 1: x86-64-v3 (AVX2, FMA, BMI1/2, F16C, LZCNT,
// MOVBE), 0: below; each with the OS saving the wider registers (XCR0), as the variants are
// compiled with -march=x86-64-v4 and -march=x86-64-v3.
static int detectLevel(void) {
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
    return 0;
  unsigned leaf1 = ecx;
  if (!(leaf1 & bit_OSXSAVE) || !(leaf1 & bit_AVX))
    return 0;
  unsigned xcr0, xcr0High;
  __asm__ volatile("xgetbv" : "=a"(xcr0), "=d"(xcr0High) : "c"(0));
  if ((xcr0 & 0x6) != 0x6) // SSE and AVX state
    return 0;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
    return 0;
  unsigned leaf7 = ebx;
  if (!__get_cpuid(0x80000001, &eax, &ebx, &ecx, &edx))
    return 0;
  int v3 = (leaf1 & bit_FMA) && (leaf1 & bit_MOVBE) && (leaf1 & bit_F16C) && (leaf7 & bit_AVX2) &&
           (leaf7 & bit_BMI) && (leaf7 & bit_BMI2) && (ecx & bit_LZCNT);
  if (!v3)
    return 0;
  int v4 = (leaf7 & bit_AVX512F) && (leaf7 & bit_AVX512BW) && (leaf7 & bit_AVX512CD) &&
           (leaf7 & bit_AVX512DQ) && (leaf7 & bit_AVX512VL) &&
           (xcr0 & 0xE0) == 0xE0; // opmask and the upper ZMM state
  return v4 ? 2 : 1;
}

// The level in use: detected once; TFC_UK_ISA=generic or avx2 caps it (to compare the
// variants, or to test them all on one machine).
static int level(void) {
  static int chosen = -1;
  int current = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
  if (current >= 0)
    return current;
  current = detectLevel();
  const char *cap = getenv("TFC_UK_ISA");
  if (cap && strcmp(cap, "generic") == 0)
    current = 0;
  else if (cap && strcmp(cap, "avx2") == 0 && current > 1)
    current = 1;
  __atomic_store_n(&chosen, current, __ATOMIC_RELAXED);
  return current;
}

// Named tfc_uk_sgemm when the code generator links it.
void tfc_uk_sgemm_dispatch(TFC_UK_SGEMM_PARAMS) {
  switch (level()) {
  case 2: tfc_uk_sgemm_avx512(TFC_UK_SGEMM_ARGS); return;
  case 1: tfc_uk_sgemm_avx2(TFC_UK_SGEMM_ARGS); return;
  default: tfc_uk_sgemm_generic(TFC_UK_SGEMM_ARGS); return;
  }
}
#endif
