// The f32 matmul micro-kernel that compiled models call: C += A * B,
// register-tiled.
//
// This file is compiled to LLVM bitcode three times (AVX-512, AVX2 + FMA,
// baseline x86-64) and embedded in tfc; code generation links the variant that
// the target CPU supports into each model, so a compiled model still depends on
// libc only. See docs/cpu-performance.md.
//
// B is either row-major (leading dimension ldb) or packed at compile time into
// panels of TFC_UK_NR columns: panel p holds columns [p*NR, p*NR+NR) as K rows
// of NR contiguous floats, zero-padded past N. A packed panel is a row-major
// matrix with leading dimension NR, so one tile routine serves both layouts.
#include "tfc_ukernels.h"

#include <stdint.h>

#if defined(TFC_UK_AVX512)
#include <immintrin.h>
#endif

// Rows of A per tile, and the depth of one pass over a B panel: KC rows of NR
// floats (72 KiB) stay in the L2 cache while every row tile of A streams past
// them. Measured on Zen 5: KC 128 reloads the C tiles too often, a whole-K pass
// misses L2 for large K.
enum { MR = 8, KC = 384 };

static int64_t minI64(int64_t a, int64_t b) { return a < b ? a : b; }

#if defined(TFC_UK_AVX512)

// One MR x NR tile over kc steps: 24 zmm accumulators, three B vectors per
// step, A broadcast from memory. Rows past `rows` repeat the last valid row
// (their results are dropped), columns past `cols` are masked, so edge tiles
// need no copies. The first row tile of a panel slice is the one that brings B
// in from L3 or memory; it prefetches B PREFETCH_ROWS rows ahead, which took
// 128x768x3072 from ~70% to ~95% of peak (the hardware prefetcher alone falls
// behind).
enum { PREFETCH_ROWS = 16 };

static inline __attribute__((always_inline)) void tileImpl(const float *a, int64_t lda,
                                                           const float *b, int64_t ldb, float *c,
                                                           int64_t ldc, int64_t kc, int64_t rows,
                                                           int64_t cols, int prefetch) {
  const float *arow[MR];
  for (int i = 0; i < MR; ++i)
    arow[i] = a + minI64(i, rows - 1) * lda;
  __mmask16 mask[3];
  for (int j = 0; j < 3; ++j) {
    int64_t valid = cols - 16 * j;
    mask[j] = valid >= 16  ? (__mmask16)0xFFFF
              : valid <= 0 ? (__mmask16)0
                           : (__mmask16)((1u << valid) - 1u);
  }
  __m512 acc[MR][3];
  for (int i = 0; i < MR; ++i)
    for (int j = 0; j < 3; ++j)
      acc[i][j] =
          i < rows ? _mm512_maskz_loadu_ps(mask[j], c + i * ldc + 16 * j) : _mm512_setzero_ps();
  for (int64_t k = 0; k < kc; ++k) {
    const float *brow = b + k * ldb;
    if (prefetch)
      for (int j = 0; j < 3; ++j)
        _mm_prefetch((const char *)(brow + PREFETCH_ROWS * ldb + 16 * j), _MM_HINT_T0);
    __m512 b0 = _mm512_maskz_loadu_ps(mask[0], brow);
    __m512 b1 = _mm512_maskz_loadu_ps(mask[1], brow + 16);
    __m512 b2 = _mm512_maskz_loadu_ps(mask[2], brow + 32);
    for (int i = 0; i < MR; ++i) {
      __m512 ai = _mm512_set1_ps(arow[i][k]);
      acc[i][0] = _mm512_fmadd_ps(ai, b0, acc[i][0]);
      acc[i][1] = _mm512_fmadd_ps(ai, b1, acc[i][1]);
      acc[i][2] = _mm512_fmadd_ps(ai, b2, acc[i][2]);
    }
  }
  for (int i = 0; i < MR; ++i) {
    if (i >= rows)
      break;
    for (int j = 0; j < 3; ++j)
      _mm512_mask_storeu_ps(c + i * ldc + 16 * j, mask[j], acc[i][j]);
  }
}

static void tile(const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc,
                 int64_t kc, int64_t rows, int64_t cols, int first) {
  if (first)
    tileImpl(a, lda, b, ldb, c, ldc, kc, rows, cols, 1);
  else
    tileImpl(a, lda, b, ldb, c, ldc, kc, rows, cols, 0);
}

#else

// Portable tile: fixed trip counts that the vectorizer maps onto whatever
// vector width the variant is compiled for (ymm with AVX2, xmm with baseline
// SSE2). Same edge handling as above, with a scalar path for a partial column
// panel.
static void tile(const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc,
                 int64_t kc, int64_t rows, int64_t cols, int first) {
  (void)first;
  enum { HALF = TFC_UK_NR / 2 };
  if (cols < TFC_UK_NR) {
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j) {
        float sum = c[i * ldc + j];
        for (int64_t k = 0; k < kc; ++k)
          sum += a[i * lda + k] * b[k * ldb + j];
        c[i * ldc + j] = sum;
      }
    return;
  }
  // Half a panel at a time keeps the accumulators (MR/2 x HALF floats) in 16
  // ymm registers.
  for (int half = 0; half < 2; ++half)
    for (int i0 = 0; i0 < MR; i0 += MR / 2) {
      float acc[MR / 2][HALF];
      const float *arow[MR / 2];
      for (int i = 0; i < MR / 2; ++i) {
        arow[i] = a + minI64(i0 + i, rows - 1) * lda;
        for (int j = 0; j < HALF; ++j)
          acc[i][j] = i0 + i < rows ? c[(i0 + i) * ldc + half * HALF + j] : 0.0f;
      }
      for (int64_t k = 0; k < kc; ++k) {
        const float *brow = b + k * ldb + half * HALF;
        for (int i = 0; i < MR / 2; ++i) {
          float ai = arow[i][k];
          for (int j = 0; j < HALF; ++j)
            acc[i][j] += ai * brow[j];
        }
      }
      for (int i = 0; i < MR / 2 && i0 + i < rows; ++i)
        for (int j = 0; j < HALF; ++j)
          c[(i0 + i) * ldc + half * HALF + j] = acc[i][j];
    }
}

#endif

void TFC_UK_SGEMM(int64_t batch, const float *a, int64_t aBatchStride, int64_t lda, const float *b,
                  int64_t bBatchStride, int64_t ldb, int64_t bPacked, float *c,
                  int64_t cBatchStride, int64_t ldc, int64_t m, int64_t n, int64_t k) {
  for (int64_t s = 0; s < batch; ++s) {
    const float *as = a + s * aBatchStride, *bs = b + s * bBatchStride;
    float *cs = c + s * cBatchStride;
    for (int64_t j0 = 0; j0 < n; j0 += TFC_UK_NR) {
      const float *panel = bPacked ? bs + (j0 / TFC_UK_NR) * k * TFC_UK_NR : bs + j0;
      int64_t panelLd = bPacked ? TFC_UK_NR : ldb;
      int64_t cols = minI64(TFC_UK_NR, n - j0);
      for (int64_t k0 = 0; k0 < k; k0 += KC) {
        int64_t kc = minI64(KC, k - k0);
        for (int64_t i0 = 0; i0 < m; i0 += MR)
          tile(as + i0 * lda + k0, lda, panel + k0 * panelLd, panelLd, cs + i0 * ldc + j0, ldc, kc,
               minI64(MR, m - i0), cols, i0 == 0);
      }
    }
  }
}
