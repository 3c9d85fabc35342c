//! Replays the SMTP reply fuzz corpus (`fuzz/corpus/smtp_reply/`) and every crash kept in
//! `fuzz/regressions/smtp_reply/` on stable Rust, so what the fuzzer once found stays fixed.

#![allow(clippy::expect_used)]

use std::path::Path;

#[test]
fn the_smtp_reply_corpus_runs_clean() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut replayed = 0;
    for folder in ["corpus", "regressions"] {
        let Ok(files) = std::fs::read_dir(fuzz.join(folder).join("smtp_reply")) else {
            continue;
        };
        for file in files {
            let data = std::fs::read(file.expect("an entry").path()).expect("readable");
            mta_sts_check_proxy::fuzzing::smtp_replies(&data);
            replayed += 1;
        }
    }
    assert!(
        replayed >= 6,
        "the seed corpus is missing: {replayed} inputs"
    );
}
