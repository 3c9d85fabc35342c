//! Fuzz target: `mta_sts_check::fuzzing::typed_input` must not panic on any input.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mta_sts_check::fuzzing::typed_input(data));
