/* A shared library without the model ABI, to check that the runtime refuses it. */
int not_a_model(void) { return 42; }
