//! Fuzz target: `mta_sts_check::fuzzing::whole_bytes` must not panic on any input.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mta_sts_check::fuzzing::whole_bytes(data));
