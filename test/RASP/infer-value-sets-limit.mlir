// RUN: tfc-opt %s -verify-diagnostics --pass-pipeline='builtin.module(rasp.program(rasp-infer-value-sets{max-values=4}))'
// A value set larger than --max-values is an error at the s-op.

rasp.program @too_many attributes {vocab = ["a"], max_seq_len = 8} {
  // expected-error @+1 {{the s-op can take 8 values, more than 4 (--max-values)}}
  %i = rasp.indices : !rasp.sop<categorical>
  rasp.output %i : !rasp.sop<categorical>
}
