// Activations that the matmul micro-kernel applies to the blocks of C it finishes (the
// epilogue of tfc.matmul_epilogue): branch-free f32 code that the vectorizer maps onto the
// variant's vector width, with no libm calls. Maximum errors: docs/cpu-performance.md,
// bounded by test/e2e/matmul-epilogue.test.
#ifndef TFC_UKERNELS_ACTIVATIONS_H
#define TFC_UKERNELS_ACTIVATIONS_H

#include "tfc_ukernels.h"

#include <stdint.h>
#include <string.h>

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

// Applies `epilogue` (a TFC_UK_EPILOGUE_*) to v[0..n). One loop per activation, so each
// vectorizes. NaN stays NaN (every activation keeps a factor x, and ReLU tests for it).
static inline void tfcUkActivate(int64_t epilogue, float *v, int64_t n) {
  switch (epilogue) {
  case TFC_UK_EPILOGUE_RELU:
    for (int64_t j = 0; j < n; ++j)
      v[j] = v[j] < 0.0f ? 0.0f : v[j];
    break;
  case TFC_UK_EPILOGUE_GELU:
    for (int64_t j = 0; j < n; ++j)
      v[j] = 0.5f * v[j] * (1.0f + tfcUkErf(v[j] * 0.707106781186547524f));
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
