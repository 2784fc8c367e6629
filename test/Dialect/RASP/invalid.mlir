// RUN: tfc-opt %s -split-input-file -verify-diagnostics
// Every verifier error of the rasp dialect.

// expected-error @+1 {{'rasp.program' op body must end in rasp.output}}
rasp.program @no_output {
  %t = rasp.tokens str : !rasp.sop<categorical>
}

// -----

// expected-error @+1 {{'rasp.program' op vocab element 1 is not an atom (an i64, f64, string or bool): [1]}}
rasp.program @bad_vocab attributes {vocab = ["a", [1]]} {
  %t = rasp.tokens str : !rasp.sop<categorical>
  rasp.output %t : !rasp.sop<categorical>
}

// -----

// expected-error @+1 {{'rasp.program' op vocab must not be empty}}
rasp.program @empty_vocab attributes {vocab = []} {
  %t = rasp.tokens str : !rasp.sop<categorical>
  rasp.output %t : !rasp.sop<categorical>
}

// -----

// expected-error @+1 {{'rasp.program' op max_seq_len must be at least 1, got 0}}
rasp.program @zero_length attributes {max_seq_len = 0} {
  %t = rasp.tokens str : !rasp.sop<categorical>
  rasp.output %t : !rasp.sop<categorical>
}

// -----

// expected-error @+1 {{'rasp.tokens' op expects parent op 'rasp.program'}}
%t = rasp.tokens str : !rasp.sop<categorical>

// -----

rasp.program @bad_fill {
  // expected-error @+1 {{'rasp.full' op fill must be an atom (an i64, f64, string or bool), got 1 : i32}}
  %f = rasp.full(1 : i32) : !rasp.sop<categorical>
  rasp.output %f : !rasp.sop<categorical>
}

// -----

rasp.program @unsorted_value_set {
  // expected-error @+1 {{'rasp.indices' op value_set must be sorted, without repeats; element 1 (1) comes after 2}}
  %i = rasp.indices {value_set = [2, 1]} : !rasp.sop<categorical>
  rasp.output %i : !rasp.sop<categorical>
}

// -----

rasp.program @equal_values {
  // expected-error @+1 {{'rasp.indices' op value_set must be sorted, without repeats; element 1 (1.0) comes after 1}}
  %i = rasp.indices {value_set = [1, 1.0]} : !rasp.sop<categorical>
  rasp.output %i : !rasp.sop<categorical>
}

// -----

rasp.program @value_set_not_atoms {
  // expected-error @+1 {{'rasp.indices' op value_set element 0 is not an atom}}
  %i = rasp.indices {value_set = [unit]} : !rasp.sop<categorical>
  rasp.output %i : !rasp.sop<categorical>
}

// -----

rasp.program @map_arguments {
  %t = rasp.tokens str : !rasp.sop<categorical>
  // expected-error @+1 {{'rasp.map' op body must have 1 argument, one per input; it has 2}}
  %m = rasp.map %t : !rasp.sop<categorical> -> !rasp.sop<categorical> {
  ^bb0(%x: !rasp.atom, %y: !rasp.atom):
    rasp.yield %x
  }
  rasp.output %m : !rasp.sop<categorical>
}

// -----

rasp.program @map_argument_type {
  %t = rasp.tokens str : !rasp.sop<categorical>
  // expected-error @+1 {{'rasp.map' op body arguments must be !rasp.atom, got 'i64'}}
  %m = rasp.map %t : !rasp.sop<categorical> -> !rasp.sop<categorical> {
  ^bb0(%x: i64):
    %c = rasp.const 1
    rasp.yield %c
  }
  rasp.output %m : !rasp.sop<categorical>
}

// -----

rasp.program @map_without_yield {
  %t = rasp.tokens str : !rasp.sop<categorical>
  // expected-error @+1 {{'rasp.map' op body must end in rasp.yield}}
  %m = rasp.map %t : !rasp.sop<categorical> -> !rasp.sop<categorical> {
  ^bb0(%x: !rasp.atom):
    %c = rasp.const 1
  }
  rasp.output %m : !rasp.sop<categorical>
}

// -----

rasp.program @sequence_map_one_input {
  %t = rasp.tokens str : !rasp.sop<categorical>
  // expected-error @+1 {{'rasp.sequence_map' op needs at least two inputs (rasp.map takes one), got 1}}
  %m = rasp.sequence_map %t : (!rasp.sop<categorical>) -> !rasp.sop<categorical> {
  ^bb0(%x: !rasp.atom):
    rasp.yield %x
  }
  rasp.output %m : !rasp.sop<categorical>
}

// -----

rasp.program @aggregate_default {
  %t = rasp.tokens str : !rasp.sop<categorical>
  %s = rasp.select %t, %t, eq : !rasp.sop<categorical>, !rasp.sop<categorical>
  // expected-error @+1 {{'rasp.aggregate' op default must be an atom (an i64, f64, string or bool), got [0]}}
  %a = rasp.aggregate %s, %t default([0]) : !rasp.sop<categorical> -> !rasp.sop<categorical>
  rasp.output %a : !rasp.sop<categorical>
}

// -----

rasp.program @const_not_atom {
  %t = rasp.tokens str : !rasp.sop<categorical>
  %m = rasp.map %t : !rasp.sop<categorical> -> !rasp.sop<categorical> {
  ^bb0(%x: !rasp.atom):
    // expected-error @+1 {{'rasp.const' op value must be an atom (an i64, f64, string or bool), got 1.000000e+00 : f32}}
    %c = rasp.const 1.0 : f32
    rasp.yield %c
  }
  rasp.output %m : !rasp.sop<categorical>
}

// -----

rasp.program @lookup_values {
  %t = rasp.tokens str : !rasp.sop<categorical>
  %m = rasp.map %t : !rasp.sop<categorical> -> !rasp.sop<categorical> {
  ^bb0(%x: !rasp.atom):
    // expected-error @+1 {{'rasp.lookup' op values element 1 is not an atom}}
    %l = rasp.lookup %x in [1, [2]]
    rasp.yield %l
  }
  rasp.output %m : !rasp.sop<categorical>
}

// -----

rasp.program @lookup_keys {
  %t = rasp.tokens str : !rasp.sop<categorical>
  %m = rasp.map %t : !rasp.sop<categorical> -> !rasp.sop<categorical> {
  ^bb0(%x: !rasp.atom):
    // expected-error @+1 {{'rasp.lookup' op has 1 keys but 2 values}}
    %l = rasp.lookup %x in [1, 2] keys ["a"]
    rasp.yield %l
  }
  rasp.output %m : !rasp.sop<categorical>
}

// -----

rasp.program @lookup_key_atoms {
  %t = rasp.tokens str : !rasp.sop<categorical>
  %m = rasp.map %t : !rasp.sop<categorical> -> !rasp.sop<categorical> {
  ^bb0(%x: !rasp.atom):
    // expected-error @+1 {{'rasp.lookup' op keys element 0 is not an atom}}
    %l = rasp.lookup %x in [1] keys [unit]
    rasp.yield %l
  }
  rasp.output %m : !rasp.sop<categorical>
}

// -----

rasp.program @contains_elements {
  %t = rasp.tokens str : !rasp.sop<categorical>
  %m = rasp.map %t : !rasp.sop<categorical> -> !rasp.sop<categorical> {
  ^bb0(%x: !rasp.atom):
    // expected-error @+1 {{'rasp.contains' op elements element 0 is not an atom}}
    %l = rasp.contains %x in [[1]]
    rasp.yield %l
  }
  rasp.output %m : !rasp.sop<categorical>
}

// -----

rasp.program @element_op_outside_map {
  // expected-error @+1 {{'rasp.const' op expects parent op to be one of 'rasp.map, rasp.sequence_map'}}
  %c = rasp.const 1
  %t = rasp.tokens str : !rasp.sop<categorical>
  rasp.output %t : !rasp.sop<categorical>
}

// -----

func.func @output_outside_program(%x: !rasp.sop<categorical>) {
  // expected-error @+1 {{'rasp.output' op expects parent op 'rasp.program'}}
  rasp.output %x : !rasp.sop<categorical>
}
