/* A program that links a model's object file (the add.onnxtxt model: Y = X + B, X 2x3, B 3)
 * and calls its C ABI directly, as an embedding program does. */
#include "tfc/tfc_model_abi.h"

#include <stdio.h>

int main(void) {
  float x[6] = {1, 2, 3, 4, 5, 6}, b[3] = {10, 20, 30}, y[6] = {0};
  void *inputs[] = {x, b}, *outputs[] = {y};
  const char *lacking = tfc_compiled_cpu_check();
  printf("check: %s\n", lacking ? lacking : "ok");
  int32_t status = tfc_compiled_run(inputs, outputs);
  printf("run: %d, y[5] = %g\n", (int)status, y[5]);
  return 0;
}
