// What the CPU running a model can do: the check that it has every instruction set
// extension the model was compiled for, and the run-time choice of the matmul kernel for
// models compiled for an x86-64 CPU without AVX-512 (such a model links every kernel
// variant, each compiled for its own CPU level, and calls the best one the machine runs, so
// a library built for older CPUs is not slow on newer ones). CPUID and XGETBV only: no
// libgcc, the model still needs libc alone. This file is compiled for the baseline x86-64
// in every variant, as the check runs before anything that needs more.
#include "tfc_ukernels.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// XCR0, the register state the OS saves (0 when it has no XSAVE support).
static unsigned readXcr0(void) {
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_OSXSAVE))
    return 0;
  unsigned xcr0, xcr0High;
  __asm__ volatile("xgetbv" : "=a"(xcr0), "=d"(xcr0High) : "c"(0));
  return xcr0;
}

// One CPUID bit (see TFC_UK_CPU_* in tfc_ukernels.h): whether the CPU reports it, with the
// register state its instructions need saved by the OS.
static int hasFeature(uint32_t code, unsigned xcr0) {
  static const unsigned leaves[][2] = {{1, 0}, {7, 0}, {7, 1}, {0x80000001, 0}};
  unsigned selector = (code >> TFC_UK_CPU_LEAF_SHIFT) & 0xF;
  if (selector >= sizeof leaves / sizeof *leaves)
    return 0;
  unsigned regs[4];
  if (!__get_cpuid_count(leaves[selector][0], leaves[selector][1], &regs[0], &regs[1], &regs[2],
                         &regs[3]))
    return 0;
  unsigned state = (code >> TFC_UK_CPU_XCR0_SHIFT) & 0xFF;
  unsigned reg = (code >> TFC_UK_CPU_REG_SHIFT) & 0x3, bit = code & 0x1F;
  return (regs[reg] >> bit & 1) && (xcr0 & state) == state;
}

const char *tfc_uk_cpu_missing(const uint32_t *codes, int32_t count, const char *names,
                               const char *target) {
  // Checked once (the answer cannot change while the process runs), by the first caller;
  // one that comes meanwhile waits the few microseconds it takes.
  static int state; // 0 unchecked, 1 being checked, 2 checked
  static char message[1280];
  int unchecked = 0;
  // A plain load first: every run calls this, and a failed compare-exchange still takes the
  // cache line exclusively (concurrent runs would contend for it).
  if (__atomic_load_n(&state, __ATOMIC_ACQUIRE) == 2 ||
      !__atomic_compare_exchange_n(&state, &unchecked, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
    while (__atomic_load_n(&state, __ATOMIC_ACQUIRE) != 2)
      __asm__ volatile("pause");
    return message[0] ? message : 0;
  }
  unsigned xcr0 = readXcr0();
  // The code generator's table names at most ~40 extensions of at most 16 characters.
  char missing[1024] = "";
  size_t used = 0;
  int lacking = 0;
  const char *name = names;
  for (int32_t i = 0; i < count; ++i) {
    const char *end = name ? strchr(name, ',') : 0;
    size_t length = !name ? 0 : end ? (size_t)(end - name) : strlen(name);
    if (!hasFeature(codes[i], xcr0)) {
      lacking = 1;
      if (name && used + length + 3 < sizeof missing) {
        memcpy(missing + used, ", ", used ? 2 : 0);
        used += used ? 2 : 0;
        memcpy(missing + used, name, length);
        used += length;
        missing[used] = 0;
      }
    }
    name = end ? end + 1 : 0;
  }
  if (lacking)
    snprintf(message, sizeof message,
             "this CPU lacks %s, which the model was compiled for (--mcpu=%s); recompile it "
             "with --mcpu set to this CPU or an x86-64 level it has (x86-64-v4, x86-64-v3, "
             "x86-64)",
             missing, target);
  __atomic_store_n(&state, 2, __ATOMIC_RELEASE);
  return message[0] ? message : 0;
}

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
  unsigned leaf1 = ecx, xcr0 = readXcr0();
  if (!(leaf1 & bit_AVX) || (xcr0 & 0x6) != 0x6) // SSE and AVX state
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

int tfc_uk_cpu_level(void) {
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
  switch (tfc_uk_cpu_level()) {
  case 2: tfc_uk_sgemm_avx512(TFC_UK_SGEMM_ARGS); return;
  case 1: tfc_uk_sgemm_avx2(TFC_UK_SGEMM_ARGS); return;
  default: tfc_uk_sgemm_generic(TFC_UK_SGEMM_ARGS); return;
  }
}
#endif
