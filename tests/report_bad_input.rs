//! Hostile and broken report files: each is a clear error or finding, never a panic, and never
//! unbounded memory.

#![allow(clippy::disallowed_methods, reason = "the test reads its fixtures")]
#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use mta_sts_check::{
    Container, MAX_DECOMPRESSED_BYTES, MAX_DIAGNOSTICS_PER_INPUT, MAX_REPORT_INPUT_BYTES,
    ReadError, ReportsCheck, check_reports,
};

fn check(data: &[u8]) -> ReportsCheck {
    check_reports(&[data])
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).expect("compress");
    encoder.finish().expect("compress")
}

/// The file was not read: no report, one TLSRPT-REPORT-020 error, and this error.
fn assert_unreadable(check: &ReportsCheck, error: &ReadError) {
    assert_eq!(check.reports.len(), 0);
    assert_eq!(check.files[0].error.as_ref(), Some(error));
    let unreadable: Vec<_> = check
        .diagnostics
        .iter()
        .filter(|d| d.rule.id() == "TLSRPT-REPORT-020")
        .collect();
    assert_eq!(unreadable.len(), 1, "{:?}", check.diagnostics);
    // It points into the file where it can (a JSON syntax error), and otherwise names the file
    // as a whole, so that a front end can say which file it is about.
    let finding = unreadable[0];
    match finding.span {
        Some(span) => assert_eq!((span.input, finding.json_path.as_ref()), (0, None)),
        None => assert_eq!(
            finding
                .json_path
                .as_ref()
                .map(|at| (at.input, at.path.as_str())),
            Some((0, ""))
        ),
    }
}

#[test]
fn text_that_is_not_a_report() {
    assert_unreadable(&check(b"hello world"), &ReadError::NotAReport);
    assert_unreadable(&check(b"  \n"), &ReadError::Empty);
    assert_unreadable(
        &check(b"Subject: hi\r\nContent-Type: text/plain\r\n\r\nhello\r\n"),
        &ReadError::EmailWithoutReport,
    );
}

#[test]
fn a_json_syntax_error_says_where() {
    let text = b"{\"organization-name\": \"x\",\n  \"report-id\": }";
    let check = check(text);
    let Some(ReadError::Json {
        offset,
        line,
        column,
        detail,
    }) = &check.files[0].error
    else {
        panic!("not a JSON error: {:?}", check.files[0].error);
    };
    assert_eq!((*line, *column, *offset), (2, 16, 42));
    assert_eq!(text[*offset], b'}');
    assert!(detail.contains("expected value"), "{detail}");
    let span = check.diagnostics[0].span.expect("a span into the file");
    assert_eq!((span.start, span.line, span.column), (42, 2, 16));
    assert!(check.diagnostics[0].message.contains("line 2, column 16"));
}

#[test]
fn a_column_counts_characters_not_bytes() {
    let check = check("{\"organization-name\": \"ééé\" ]".as_bytes());
    let Some(ReadError::Json { line, column, .. }) = &check.files[0].error else {
        panic!("not a JSON error");
    };
    // `{"organization-name": "ééé" ]`: the `]` is the 29th character and the 32nd byte.
    assert_eq!((*line, *column), (1, 29));
}

#[test]
fn invalid_utf8_is_a_json_error() {
    let check = check(b"{\"organization-name\": \"\xFF\"}");
    assert!(matches!(check.files[0].error, Some(ReadError::Json { .. })));
}

#[test]
fn truncated_and_damaged_gzip() {
    let report = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tlsrpt/mail-auth__rpt01_attachment.json.gz"
    ))
    .expect("fixture");
    let check_cut = check(&report[..report.len() / 2]);
    assert_eq!(check_cut.files[0].container, Some(Container::Gzip));
    assert_unreadable(&check_cut, &ReadError::GzipTruncated);

    // The checksum no longer matches the content.
    let mut damaged = report.clone();
    let at = damaged.len() - 6;
    damaged[at] ^= 0xFF;
    assert_unreadable(&check(&damaged), &ReadError::GzipCorrupt);

    // Only the magic bytes.
    assert_unreadable(&check(&[0x1F, 0x8B]), &ReadError::GzipTruncated);
}

#[test]
fn a_gzip_bomb_stops_at_the_limit() {
    let bomb = gzip(&vec![b' '; MAX_DECOMPRESSED_BYTES + 1]);
    assert!(bomb.len() < 200_000, "the bomb is small: {}", bomb.len());
    assert_unreadable(
        &check(&bomb),
        &ReadError::DecompressedTooLarge {
            limit: MAX_DECOMPRESSED_BYTES,
        },
    );
}

#[test]
fn an_oversized_input_is_refused_before_reading() {
    let big = vec![b' '; MAX_REPORT_INPUT_BYTES + 1];
    assert_unreadable(
        &check(&big),
        &ReadError::TooLarge {
            limit: MAX_REPORT_INPUT_BYTES,
        },
    );
}

#[test]
fn an_error_on_the_first_line_has_one_position_with_or_without_a_byte_order_mark() {
    for (data, offset, column) in [
        (&b"{\"organization-name\": tru}"[..], 25, 26),
        (&b"\xEF\xBB\xBF{\"organization-name\": tru}"[..], 28, 27),
    ] {
        let checked = check(data);
        let Some(ReadError::Json {
            offset: said_offset,
            line: 1,
            column: said_column,
            ..
        }) = checked.files[0].error
        else {
            panic!("not a JSON error on line 1: {:?}", checked.files[0].error);
        };
        let span = checked.diagnostics[0]
            .span
            .expect("a syntax error points into the file");
        assert_eq!((said_offset, said_column), (offset, column));
        assert_eq!((span.start, span.line, span.column), (offset, 1, column));
    }
}

#[test]
fn deeply_nested_json_is_an_error() {
    // Unclosed: serde_json skips what the format does not name without recursing, so the
    // error is the end of the input, not a stack overflow.
    let deep = "[".repeat(100_000);
    let check_deep = check(deep.as_bytes());
    let Some(ReadError::Json { detail, .. }) = &check_deep.files[0].error else {
        panic!("not a JSON error");
    };
    assert!(detail.contains("EOF while parsing"), "{detail}");

    // Closed: read, and the nested value is reported as the wrong type.
    let closed = format!("[{}{}]", "[".repeat(100_000), "]".repeat(100_000));
    let check_closed = check(closed.as_bytes());
    assert_eq!(check_closed.files[0].error, None);
    assert_eq!(check_closed.diagnostics[0].json_path_str(), Some("[0]"));

    // Deep inside a member of the format.
    let inside = format!(
        "{{\"organization-name\": {}1{}}}",
        "{\"a\":".repeat(100_000),
        "}".repeat(100_000)
    );
    let check_inside = check(inside.as_bytes());
    assert_eq!(check_inside.files[0].error, None);
    assert!(check_inside.diagnostics.iter().any(|d| {
        d.json_path_str() == Some("organization-name") && d.message.contains("an object")
    }));

    // Deep where the format expects objects: the visitors nest at most as deep as the format.
    let policies = format!(
        "{{\"policies\": [{{\"policy\": {{\"policy-string\": [{}{}]}}}}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let check_policies = check(policies.as_bytes());
    assert_eq!(check_policies.files[0].error, None);
    assert_eq!(check_policies.reports.len(), 1);
}

#[test]
fn wrong_types_are_findings_not_failures() {
    let check = check(
        br#"{"organization-name": 5, "date-range": "today", "contact-info": [],
            "report-id": {"a": 1}, "policies": [7, {"policy": "sts", "summary": [],
            "failure-details": {"result-type": 1, "failed-session-count": true}}]}"#,
    );
    assert_eq!(check.reports.len(), 1);
    assert_eq!(check.files[0].error, None);
    let mut paths: Vec<(&str, &str)> = check
        .diagnostics
        .iter()
        .map(|d| (d.rule.id(), d.json_path_str().unwrap_or("-")))
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            ("TLSRPT-REPORT-002", "date-range"),
            ("TLSRPT-REPORT-002", "organization-name"),
            ("TLSRPT-REPORT-002", "policies[0]"),
            ("TLSRPT-REPORT-002", "policies[1].failure-details"),
            (
                "TLSRPT-REPORT-002",
                "policies[1].failure-details[0].result-type"
            ),
            ("TLSRPT-REPORT-002", "policies[1].policy"),
            ("TLSRPT-REPORT-002", "policies[1].summary"),
            ("TLSRPT-REPORT-002", "report-id"),
            ("TLSRPT-REPORT-006", "contact-info"),
            (
                "TLSRPT-REPORT-011",
                "policies[1].failure-details[0].failed-session-count"
            ),
            ("TLSRPT-REPORT-018", "policies[1].failure-details[0]"),
        ]
    );
}

#[test]
fn a_document_that_is_not_an_object() {
    assert_unreadable(&check(b"42"), &ReadError::NotAnObject { found: "a number" });
    assert_unreadable(
        &check(b"\"report\""),
        &ReadError::NotAnObject { found: "a string" },
    );
    // An array: the elements that are objects are read, the others reported.
    let check = check(br#"[{"report-id": "a"}, "x"]"#);
    assert_eq!(check.reports.len(), 1);
    assert!(
        check
            .diagnostics
            .iter()
            .any(|d| d.json_path_str() == Some("[1]") && d.rule.id() == "TLSRPT-REPORT-002")
    );
}

#[test]
fn trailing_data_after_the_report_is_an_error() {
    let check = check(br#"{"report-id": "a"} {"report-id": "b"}"#);
    assert!(matches!(
        check.files[0].error,
        Some(ReadError::Json {
            line: 1,
            column: 20,
            ..
        })
    ));
}

#[test]
fn findings_are_capped_per_file_with_a_count_of_the_rest() {
    let entry = r#"{"result-type": "x", "sending-mta-ip": "010.0.0.1", "receiving-ip": "1.2.3.4",
        "receiving-mx-hostname": "mx", "failed-session-count": 1}"#;
    let details = vec![entry; 300].join(",");
    let report = format!(
        r#"{{"organization-name": "o", "date-range": {{"start-datetime": "2024-01-01T00:00:00Z",
        "end-datetime": "2024-01-01T23:59:59Z"}}, "contact-info": "a@b.example",
        "report-id": "r", "policies": [{{"policy": {{"policy-type": "no-policy-found",
        "policy-domain": "example.com"}}, "summary": {{"total-successful-session-count": 0,
        "total-failure-session-count": 300}}, "failure-details": [{details}]}}]}}"#
    );
    let check = check(report.as_bytes());
    assert_eq!(check.diagnostics.len(), MAX_DIAGNOSTICS_PER_INPUT + 1);
    let last = check.diagnostics.last().expect("a closing finding");
    assert_eq!(last.rule.id(), "STS-INPUT-002");
    // 300 unknown result types and 300 bad addresses, 200 shown.
    assert!(
        last.message.starts_with("400 more findings"),
        "{}",
        last.message
    );
    // The figures are still complete.
    assert_eq!(check.summary.failed, 300);
    let group = check.summary.groups().next().expect("a group");
    assert_eq!(group.by_result_type.get("x"), Some(300));
}

#[test]
fn e_mail_edge_cases() {
    let mut deep = String::new();
    for level in (0..20).rev() {
        deep = format!(
            "Content-Type: multipart/mixed; boundary=b{level}\r\n\r\n--b{level}\r\n{deep}\r\n\
             --b{level}--\r\n"
        );
    }
    assert_unreadable(
        &check(deep.as_bytes()),
        &ReadError::EmailTooDeep { limit: 8 },
    );
    let bad_base64 = "Content-Type: application/tlsrpt+json\r\n\
                      Content-Transfer-Encoding: base64\r\n\r\n!!!!\r\n";
    assert_unreadable(&check(bad_base64.as_bytes()), &ReadError::EmailBase64);
    let quoted = "Content-Type: application/tlsrpt+json\r\n\
                  Content-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n";
    assert_unreadable(
        &check(quoted.as_bytes()),
        &ReadError::EmailEncoding {
            encoding: "quoted-printable".into(),
        },
    );
    // The whole message is the report, as some reporters send it.
    let whole = "Content-Type: application/tlsrpt+json\r\n\r\n{\"report-id\": \"a\"}\r\n";
    assert_eq!(check(whole.as_bytes()).reports.len(), 1);
}

#[test]
fn many_copies_of_one_report_give_one_finding() {
    let copies = vec![r#"{"organization-name": "o", "report-id": "r"}"#; 1000].join(",");
    let check = check(format!("[{copies}]").as_bytes());
    assert_eq!(check.reports.len(), 1000);
    assert_eq!(check.summary.duplicates, 999);
    let duplicates: Vec<_> = check
        .diagnostics
        .iter()
        .filter(|d| d.rule.id() == "TLSRPT-REPORT-021")
        .collect();
    assert_eq!(duplicates.len(), 1);
    assert!(
        duplicates[0]
            .message
            .starts_with("999 reports were given before")
    );
}

#[test]
fn a_byte_order_mark_is_skipped_and_still_counted_in_offsets() {
    let read = check(b"\xEF\xBB\xBF{\"report-id\": \"a\"}");
    assert_eq!(read.reports.len(), 1);
    let broken = check(b"\xEF\xBB\xBF{\"report-id\": }");
    let span = broken.diagnostics[0].span.expect("a span");
    // The `}` is byte 17 of the file and, counting the mark as a character, the 16th.
    assert_eq!((span.start, span.column), (17, 16));
}
