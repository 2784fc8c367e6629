// Activations that the matmul micro-kernel applies to the blocks of C it finishes (the
// epilogue of tfc.matmul_epilogue): branch-free f32 code that the vectorizer maps onto the
// variant's vector width, with no libm calls. Maximum errors: docs/cpu-performance.md,
// bounded by test/e2e/matmul-epilogue.test.
#ifndef TFC_UKERNELS_ACTIVATIONS_H
#define TFC_UKERNELS_ACTIVATIONS_H

#include "tfc_ukernels.h"

#include <stdint.h>
#include <string.h>

#if defined(TFC_UK_AVX512)
#include <immintrin.h>
#endif

// e^x for x clamped to [-87, 88] (the results stay normal floats): x = n ln2 + r with
// |r| <= ln2 / 2 (ln2 split in two so that n ln2 is exact for |n| <= 128), e^r by its
// Taylor polynomial of degree 7 (truncation below 1e-8 relative), times 2^n built in the
// exponent bits.
static inline float tfcUkExp(float x) {
  x = x < -87.0f ? -87.0f : x > 88.0f ? 88.0f : x;
  float n = __builtin_floorf(x * 1.44269504088896341f + 0.5f);
  float r = x - n * 0.693145751953125f;
  r = r - n * 1.42860682030941723e-6f;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  int32_t bits = ((int32_t)n + 127) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

// erf by Abramowitz and Stegun 7.1.26: 1 - t (a1 + a2 t + ... + a5 t^4) e^(-x^2) with
// t = 1 / (1 + p |x|), absolute error below 1.5e-7 in exact arithmetic; odd in x.
static inline float tfcUkErf(float x) {
  float ax = x < 0.0f ? -x : x;
  float t = 1.0f / (1.0f + 0.3275911f * ax);
  float poly = 1.061405429f;
  poly = poly * t - 1.453152027f;
  poly = poly * t + 1.421413741f;
  poly = poly * t - 0.284496736f;
  poly = poly * t + 0.254829592f;
  float y = 1.0f - poly * t * tfcUkExp(-ax * ax);
  return x < 0.0f ? -y : y;
}

// tanh(|x|) = 1 - 2 / (e^(2|x|) + 1): an absolute error of a few 1e-8 (not a relative one:
// tanh of a tiny x comes out as a multiple of 2^-24).
static inline float tfcUkTanh(float x) {
  float ax = x < 0.0f ? -x : x;
  float y = 1.0f - 2.0f / (tfcUkExp(2.0f * ax) + 1.0f);
  return x < 0.0f ? -y : y;
}

#if defined(TFC_UK_AVX512)

// GELU(x) = x Phi(x) without a division or e^x: Phi(-|x|) from a piecewise polynomial of
// degree 5 over 16 intervals of [0, 8) (scripts/fit_gelu_table.py fits it), its coefficients
// picked per lane from one register each by vpermps, and Phi(x) = 1 - Phi(-x) for x >= 0.
// Past 8, Phi(-|x|) < 7e-16 is 0, so GELU(x) is x or -0 (and NaN stays NaN: x times the
// factor). About half the time of the erf path below, and a smaller error (1.2e-7).
// c(a) = Phi(-a) on [0, 8): row j holds the u^j coefficients of the 16 intervals.
// Max error of x Phi(x) in float32: 1.2e-07 (scripts/fit_gelu_table.py).
// The script's layout, four coefficients a line:
// clang-format off
static const float kGeluTable[6][16] __attribute__((aligned(64))) = {
    {0.5f, 0.308537513f, 0.158655256f, 0.0668072104f,
     0.0227501392f, 0.00620966638f, 0.00134989666f, 0.000232628037f,
     3.16708756e-05f, 3.39759094e-06f, 2.86638794e-07f, 1.89881337e-08f,
     9.8647035e-10f, 4.01528463e-11f, 1.27948411e-12f, 3.18975362e-14f},
    {-0.199470192f, -0.176030993f, -0.120984964f, -0.0647594854f,
     -0.02699605f, -0.00876423623f, -0.00221582246f, -0.000436265807f,
     -6.68883149e-05f, -7.98581823e-06f, -7.42414102e-07f, -5.37426104e-08f,
     -3.02918801e-09f, -1.32940992e-10f, -4.54264057e-12f, -1.20855813e-13f},
    {-1.07283558e-05f, 0.0219844282f, 0.0302413777f, 0.0242924597f,
     0.0135044446f, 0.005478682f, 0.00166076655f, 0.00038090552f,
     6.65949556e-05f, 8.91797936e-06f, 9.17733928e-07f, 7.27462748e-08f,
     4.44943105e-09f, 2.10269732e-10f, 7.68568802e-12f, 2.17464379e-13f},
    {0.00835442357f, 0.0055853799f, 2.33142964e-05f, -0.00340589928f,
     -0.00340365223f, -0.00192232372f, -0.000733695051f, -0.000200648341f,
     -4.04066777e-05f, -6.08411437e-06f, -6.91519574e-07f, -5.97113754e-08f,
     -3.93488708e-09f, -1.98561168e-10f, -7.69242395e-12f, -2.29254766e-13f},
    {-7.44432182e-05f, -0.00142454379f, -0.00131210941f, -0.000318225735f,
     0.000339465507f, 0.000382581435f, 0.000198481372f, 6.58395657e-05f,
     1.52295406e-05f, 2.55099599e-06f, 3.15816948e-07f, 2.92630364e-08f,
     2.04644279e-09f, 1.0865403e-10f, 4.39898161e-12f, 1.36257759e-13f},
    {-0.000261529232f, 3.43762576e-06f, 0.000184332297f, 0.000134080969f,
     1.53245364e-05f, -3.44706677e-05f, -2.69993798e-05f, -1.07887072e-05f,
     -2.80304107e-06f, -5.10054576e-07f, -6.72775045e-08f, -6.55808297e-09f,
     -4.78205975e-10f, -2.63004497e-11f, -1.09744126e-12f, -3.48958906e-14f},
};
// clang-format on

static inline __m512 tfcUkGelu16(__m512 x) {
  __m512 a = _mm512_abs_ps(x);
  __m512 t = _mm512_mul_ps(a, _mm512_set1_ps(2.0f));
  __m512 index = _mm512_roundscale_ps(t, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
  __m512 u = _mm512_sub_ps(t, index);
  // Lanes past the table (a >= 8, NaN) use only the low 4 bits of their index; the mask
  // drops what they compute.
  __m512i lane = _mm512_cvttps_epi32(index);
  __m512 c = _mm512_permutexvar_ps(lane, _mm512_load_ps(kGeluTable[5]));
  for (int j = 4; j >= 0; --j)
    c = _mm512_fmadd_ps(c, u, _mm512_permutexvar_ps(lane, _mm512_load_ps(kGeluTable[j])));
  c = _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(a, _mm512_set1_ps(8.0f), _CMP_LT_OQ), c);
  __mmask16 positive = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_GE_OQ);
  __m512 factor = _mm512_mask_sub_ps(c, positive, _mm512_set1_ps(1.0f), c);
  return _mm512_mul_ps(x, factor);
}

// GELU, in place, of the 16 floats at `v` that `lanes` selects.
static inline __attribute__((always_inline)) void tfcUkGeluVector(float *v, __mmask16 lanes) {
  _mm512_mask_storeu_ps(v, lanes, tfcUkGelu16(_mm512_maskz_loadu_ps(lanes, v)));
}

#endif

// Applies `epilogue` (a TFC_UK_EPILOGUE_*) to v[0..n). One loop per activation, so each
// vectorizes. NaN stays NaN (every activation keeps a factor x, and ReLU tests for it).
static inline void tfcUkActivate(int64_t epilogue, float *v, int64_t n) {
  switch (epilogue) {
  case TFC_UK_EPILOGUE_RELU:
    for (int64_t j = 0; j < n; ++j)
      v[j] = v[j] < 0.0f ? 0.0f : v[j];
    break;
  case TFC_UK_EPILOGUE_GELU:
#if defined(TFC_UK_AVX512)
    for (int64_t j = 0; j < n; j += 16) {
      tfcUkGeluVector(v + j, n - j >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - j)) - 1u));
    }
#else
    for (int64_t j = 0; j < n; ++j)
      v[j] = 0.5f * v[j] * (1.0f + tfcUkErf(v[j] * 0.707106781186547524f));
#endif
    break;
  case TFC_UK_EPILOGUE_GELU_TANH:
    for (int64_t j = 0; j < n; ++j) {
      float x = v[j];
      v[j] = 0.5f * x * (1.0f + tfcUkTanh(0.797884560802865356f * (x + 0.044715f * x * x * x)));
    }
    break;
  case TFC_UK_EPILOGUE_SILU:
    for (int64_t j = 0; j < n; ++j)
      v[j] = v[j] / (1.0f + tfcUkExp(-v[j]));
    break;
  default: break;
  }
}

#endif
