// tfc-emit-parallel-tasks refuses a dispatcher whose task does not exist.
// RUN: tfc-opt %s --tfc-emit-parallel-tasks --verify-diagnostics

// expected-error @+1 {{internal error: no parallel task @missing}}
llvm.func @dispatch(i64) attributes {tfc.parallel_task = @missing}
