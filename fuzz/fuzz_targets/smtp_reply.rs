//! Fuzz target: the proxy's SMTP reply reader must keep its caps and never panic.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mta_sts_check_proxy::fuzzing::smtp_replies(data));
