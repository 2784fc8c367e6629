// The core's measured fp32 peak: independent FMA chains in registers, the widest vectors the
// compiler may use (-march=native), best of several runs. Prints GFLOP/s. Used by
// bench/cpu_inference.py as the denominator of "% of peak".
#include <stdio.h>
#include <time.h>

// Chains: enough to cover the FMA latency on both FMA units, few enough to stay in registers
// with x and y (16 of AVX-512's 32; 12 of AVX's 16, where 16 chains spilled and read ~40
// GFLOP/s on a core that does ~125).
#if defined(__AVX512F__)
#define LANES 16
#define CHAINS 16
#elif defined(__AVX__)
#define LANES 8
#define CHAINS 12
#else
#define LANES 4
#define CHAINS 12
#endif
typedef float vec __attribute__((vector_size(LANES * 4)));

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
  double best = 0;
  for (int run = 0; run < 5; ++run) {
    vec x, y;
    for (int i = 0; i < LANES; ++i)
      x[i] = 0.999999f, y[i] = 1e-7f;
    // Named accumulators (an array would live in memory under gcc).
    vec a0 = x, a1 = x * 2, a2 = x * 3, a3 = x * 4, a4 = x * 5, a5 = x * 6, a6 = x * 7,
        a7 = x * 8, a8 = x * 9, a9 = x * 10, a10 = x * 11, a11 = x * 12;
#if CHAINS == 16
    vec a12 = x * 13, a13 = x * 14, a14 = x * 15, a15 = x * 16;
#endif
    long iterations = 20000000;
    double start = now();
    for (long it = 0; it < iterations; ++it) {
      // Contracted to one FMA each (-ffp-contract=fast); the asm keeps them in registers.
#define STEP(v) v = v * x + y;
      STEP(a0) STEP(a1) STEP(a2) STEP(a3) STEP(a4) STEP(a5) STEP(a6) STEP(a7)
      STEP(a8) STEP(a9) STEP(a10) STEP(a11)
      __asm__ volatile("" : "+v"(a0), "+v"(a1), "+v"(a2), "+v"(a3), "+v"(a4), "+v"(a5));
      __asm__ volatile("" : "+v"(a6), "+v"(a7), "+v"(a8), "+v"(a9), "+v"(a10), "+v"(a11));
#if CHAINS == 16
      STEP(a12) STEP(a13) STEP(a14) STEP(a15)
      __asm__ volatile("" : "+v"(a12), "+v"(a13), "+v"(a14), "+v"(a15));
#endif
    }
    double seconds = now() - start;
    vec sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
#if CHAINS == 16
    sum += a12 + a13 + a14 + a15;
#endif
    double gflops = 2.0 * LANES * CHAINS * iterations / seconds / 1e9;
    if (gflops > best)
      best = gflops;
    if (sum[0] == 12345.0f)
      puts("");
  }
  printf("%.2f\n", best);
  return 0;
}
