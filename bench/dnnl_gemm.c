// oneDNN's single-precision GEMM on one shape, as bench/cpu_inference.py's reference: prints
// the median and minimum seconds of one C = A * B. Usage: dnnl_gemm M K N REPEATS
#include <oneapi/dnnl/dnnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: dnnl_gemm M K N REPEATS\n");
    return 1;
  }
  long m = atol(argv[1]), k = atol(argv[2]), n = atol(argv[3]), repeats = atol(argv[4]);
  float *a = malloc(sizeof(float) * m * k), *b = malloc(sizeof(float) * k * n),
        *c = malloc(sizeof(float) * m * n);
  double *times = malloc(sizeof(double) * repeats);
  for (long i = 0; i < m * k; ++i)
    a[i] = (float)(i % 17) / 17.0f - 0.5f;
  for (long i = 0; i < k * n; ++i)
    b[i] = (float)(i % 13) / 13.0f - 0.5f;
  for (long r = -3; r < repeats; ++r) {
    double start = now();
    if (dnnl_sgemm('N', 'N', m, n, k, 1.0f, a, k, b, n, 0.0f, c, n) != dnnl_success) {
      fprintf(stderr, "dnnl_sgemm failed\n");
      return 1;
    }
    if (r >= 0)
      times[r] = now() - start;
  }
  qsort(times, repeats, sizeof(double), compare);
  printf("%.9f %.9f\n", times[repeats / 2], times[0]);
  return 0;
}
