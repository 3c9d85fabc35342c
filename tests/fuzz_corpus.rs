//! Replays every fuzz input kept in the repository on stable Rust: the corpus in
//! `fuzz/corpus/<target>/` and every crash the fuzzers found, kept in `fuzz/regressions/<target>/`.
//!
//! The fuzzers themselves run on nightly (see the README); this test makes sure that what they
//! once found stays fixed and that the corpus still runs clean.

#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "the test reads inputs"
)]
#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]

use std::path::Path;

type Entry = fn(&[u8]);

const TARGETS: [(&str, Entry); 9] = [
    ("policy", mta_sts_check::fuzzing::policy),
    ("records", mta_sts_check::fuzzing::records),
    ("presentation", mta_sts_check::fuzzing::presentation),
    ("mx", mta_sts_check::fuzzing::mx),
    ("certificates", mta_sts_check::fuzzing::certificates),
    ("reports", mta_sts_check::fuzzing::reports),
    ("dns_message", mta_sts_check::fuzzing::dns_message),
    ("typed_input", mta_sts_check::fuzzing::typed_input),
    ("whole_bytes", mta_sts_check::fuzzing::whole_bytes),
];

fn replay(folder: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder);
    let mut count = 0;
    for (target, entry) in TARGETS {
        let Ok(files) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for file in files {
            let path = file.expect("a directory entry").path();
            let data = std::fs::read(&path).expect("a readable input");
            let outcome = std::panic::catch_unwind(|| entry(&data));
            assert!(outcome.is_ok(), "{target}: {} panics", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn the_corpus_runs_clean() {
    let count = replay("corpus");
    assert!(count >= 60, "only {count} corpus inputs found");
}

#[test]
fn every_crash_found_stays_fixed() {
    let count = replay("regressions");
    assert!(
        count >= 1,
        "the crashes found so far are kept in fuzz/regressions"
    );
}
