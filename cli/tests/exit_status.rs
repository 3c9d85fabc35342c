//! Exit statuses of every command: 0 for pass and warn, 1 for fail, 2 when the check could not
//! run (usage errors, unreadable files, bad presentation syntax), with the reason on stderr.

mod common;

use common::{BAD_POLICY, GOOD_POLICY, Scratch, WARN_POLICY};

#[test]
fn policy_passes_warns_and_fails() {
    let scratch = Scratch::new();
    scratch.file("good.txt", GOOD_POLICY);
    scratch.file("warn.txt", WARN_POLICY);
    scratch.file("bad.txt", BAD_POLICY);

    scratch.run(&["policy", "good.txt"]).assert_code(0);
    scratch.run(&["policy", "warn.txt"]).assert_code(0);
    scratch.run(&["policy", "bad.txt"]).assert_code(1);
    scratch.run(&["policy", "--json", "bad.txt"]).assert_code(1);
}

#[test]
fn policy_reads_standard_input_for_a_dash() {
    let scratch = Scratch::new();

    let run = scratch.run_with_stdin(&["policy", "-"], BAD_POLICY);
    run.assert_code(1);
    assert!(
        run.stdout().contains(" --> <stdin>:3:21"),
        "{}",
        run.stdout()
    );

    scratch
        .run_with_stdin(&["policy", "-"], GOOD_POLICY)
        .assert_code(0);
}

#[test]
fn a_missing_or_unreadable_file_is_exit_2_with_the_reason() {
    let scratch = Scratch::new();

    let run = scratch.run(&["policy", "no-such-file.txt"]);
    run.assert_code(2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("cannot read `no-such-file.txt`"),
        "{}",
        run.stderr
    );

    let run = scratch.run(&["policy", "."]);
    run.assert_code(2);
    assert!(run.stderr.contains("cannot read `.`"), "{}", run.stderr);

    let run = scratch.run(&["mx", "--policy", "no-such-file.txt", "mx.example.com"]);
    run.assert_code(2);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
}

#[test]
fn usage_errors_are_exit_2_and_help_is_exit_0() {
    let scratch = Scratch::new();
    scratch.file("good.txt", GOOD_POLICY);

    for args in [
        &[][..],
        &["policy"][..],
        &["policy", "a.txt", "b.txt"][..],
        &["no-such-command"][..],
        &["policy", "--no-such-flag", "good.txt"][..],
        &["sts-record"][..],
        &["tlsrpt-record", "--json"][..],
        &["mx", "mx.example.com"][..],
        &["mx", "--policy", "good.txt"][..],
        &[
            "mx",
            "--policy",
            "good.txt",
            "--domain",
            "example.com",
            "mx.example.com",
        ][..],
    ] {
        let run = scratch.run(args);
        run.assert_code(2);
        assert!(run.stdout.is_empty(), "{args:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }

    for args in [
        &["--help"][..],
        &["policy", "--help"][..],
        &["cert", "--help"][..],
        &["--version"][..],
    ] {
        let run = scratch.run(args);
        run.assert_code(0);
        assert!(!run.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn sts_records_pass_warn_and_fail() {
    let scratch = Scratch::new();

    scratch
        .run(&["sts-record", "v=STSv1; id=20240101"])
        .assert_code(0);
    scratch
        .run(&["sts-record", r#""v=STSv1; id=2024" "0101""#])
        .assert_code(0);
    scratch
        .run(&["sts-record", "v=STSv1 ; id=20240101"])
        .assert_code(0);
    scratch
        .run(&["sts-record", "v=STSv1; id=2024", "v=STSv1; id=2025"])
        .assert_code(1);
    scratch.run(&["sts-record", "v=STSv1;"]).assert_code(1);
}

#[test]
fn tlsrpt_records_pass_and_fail() {
    let scratch = Scratch::new();

    scratch
        .run(&["tlsrpt-record", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"])
        .assert_code(0);
    scratch
        .run(&["tlsrpt-record", "v=TLSRPTv1; rua=ftp://example.com/x"])
        .assert_code(1);
}

#[test]
fn bad_presentation_syntax_is_exit_2_naming_the_argument_and_byte() {
    let scratch = Scratch::new();

    let run = scratch.run(&["sts-record", "v=STSv1; id=1", r#""v=STSv1; id=2024" "01"#]);
    run.assert_code(2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("TXT argument 2, byte 19"),
        "{}",
        run.stderr
    );

    let run = scratch.run(&["tlsrpt-record", r#""v=TLSRPTv1;" rua"#]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("TXT argument 1, byte 14"),
        "{}",
        run.stderr
    );

    let run = scratch.run(&["sts-record", r#""\999""#]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("TXT argument 1, byte 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn mx_passes_warns_and_fails() {
    let scratch = Scratch::new();
    scratch.file("good.txt", GOOD_POLICY);

    scratch
        .run(&["mx", "--policy", "good.txt", "mail.example.com."])
        .assert_code(0);
    // A backup MX outside the patterns is a warning.
    scratch
        .run(&[
            "mx",
            "--policy",
            "good.txt",
            "mail.example.com",
            "backup.example.org",
        ])
        .assert_code(0);
    // Under enforce, no covered MX at all is an error.
    scratch
        .run(&["mx", "--policy", "good.txt", "mx.example.org"])
        .assert_code(1);
    scratch
        .run(&["mx", "--policy", "good.txt", "--domain", "example.com"])
        .assert_code(1);
    scratch
        .run(&["mx", "--policy", "good.txt", "--domain", "mail.example.com"])
        .assert_code(0);
    scratch
        .run(&["mx", "--policy", "good.txt", "."])
        .assert_code(0);
    // An empty host is no null MX (only `.` is): it is not a host name at all.
    scratch
        .run(&["mx", "--policy", "good.txt", ""])
        .assert_code(1);
}

#[test]
fn mx_fails_when_the_policy_fails() {
    let scratch = Scratch::new();
    scratch.file("bad.txt", b"version: STSv2\n");

    scratch
        .run(&["mx", "--policy", "bad.txt", "mail.example.com"])
        .assert_code(1);
}
