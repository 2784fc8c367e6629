// Passes over the rasp dialect.
#ifndef TFC_RASP_PASSES_TD
#define TFC_RASP_PASSES_TD

include "mlir/Pass/PassBase.td"

def InferValueSets : Pass<"rasp-infer-value-sets", "tfc::rasp::ProgramOp"> {
  let summary = "Annotate every s-op with the values it can take";
  let description = [{
    For the program's `vocab` and `max_seq_len`, stores on every s-op its `value_set`: the
    sorted values it takes on some input of length 1 to max_seq_len (the empty input adds
    nothing). tokens: the vocabulary as the tokens op reads it; indices: 0 .. max_seq_len - 1;
    selector_width: 0 .. max_seq_len; full: its fill; maps: their body evaluated on every
    combination of input values (failures are dropped: the program fails on such inputs);
    aggregates: the default, the values themselves, and, when the values are all numbers and
    the encoding is numerical, every mean of 2 to max_seq_len of them. A categorical aggregate
    is taken to select at most one position, as Tracr does; the compiler checks it.
    Fails, located at the s-op, when a set would exceed `max-values`.
  }];
  let options = [
    Option<"maxValues", "max-values", "int64_t", /*default=*/"100000",
           "The largest value set allowed">
  ];
}

#endif // TFC_RASP_PASSES_TD
