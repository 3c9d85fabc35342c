//! The real TLS-RPT reports in `tests/data/tlsrpt/` (see the PROVENANCE note there), each read
//! with the figures and findings its content implies. The expected numbers were worked out by
//! reading the files, not by running the reader.

#![allow(clippy::disallowed_methods, reason = "the test reads its fixtures")]
#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]

use mta_sts_check::{Container, NOT_GIVEN, ReportsCheck, Verdict, WholeFile, check_reports};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/tlsrpt/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).expect("fixture present")
}

fn check(name: &str) -> ReportsCheck {
    let data = fixture(name);
    check_reports(&[&data])
}

/// Each finding as `RULE severity path`, sorted.
fn findings(check: &ReportsCheck) -> Vec<String> {
    let mut found: Vec<String> = check
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                d.rule.id(),
                d.severity,
                d.json_path_str().unwrap_or("-")
            )
        })
        .collect();
    found.sort();
    found
}

fn sorted(items: &[&str]) -> Vec<String> {
    let mut items: Vec<String> = items.iter().map(|item| (*item).to_owned()).collect();
    items.sort();
    items
}

/// One report in one file: its container, organisation, id, and per-policy figures.
fn assert_one_report(
    check: &ReportsCheck,
    container: Container,
    organization: &str,
    report_id: &str,
    policies: &[(&str, &str, u64, u64)],
) {
    assert_eq!(check.files[0].container, Some(container));
    assert_eq!(check.files[0].error, None);
    assert_eq!(check.reports.len(), 1);
    let report = &check.reports[0];
    assert_eq!(report.organization, organization);
    assert_eq!(report.report_id, report_id);
    let got: Vec<(&str, &str, u64, u64)> = report
        .policies
        .iter()
        .map(|p| {
            (
                p.policy_type.as_str(),
                p.domain.as_str(),
                p.successful,
                p.failed,
            )
        })
        .collect();
    assert_eq!(got, policies);
}

const COMPANY_X_ID: &str = "5065427c-23d3-47ca-b6e0-946ea0e8c4be";

#[test]
fn google_sts_report_with_mx_host_list() {
    let check = check("dmarc-report-viewer__google.json");
    assert_one_report(
        &check,
        Container::Json,
        "Google Inc.",
        "2025-05-22T00:00:00Z_foo-bar.io",
        &[("sts", "foo-bar.io", 1, 0)],
    );
    // 2025-05-22T00:00:00Z and 23:59:59Z.
    assert_eq!(check.reports[0].start, Some(1_747_872_000));
    assert_eq!(check.reports[0].end, Some(1_747_958_399));
    assert_eq!(
        findings(&check),
        ["TLSRPT-REPORT-010 info policies[0].policy.mx-host"]
    );
    assert_eq!(Verdict::of(&check.diagnostics), Verdict::Pass);
}

#[test]
fn microsoft_tlsa_policy_string_holding_a_json_array() {
    let check = check("dmarc-report-viewer__microsoft.json");
    assert_one_report(
        &check,
        Container::Json,
        "Microsoft Corporation",
        "133925885310113267+random.net",
        &[("sts", "random.net", 2, 0), ("tlsa", "random.net", 2, 0)],
    );
    assert_eq!(
        findings(&check),
        ["TLSRPT-REPORT-008 warning policies[1].policy.policy-string[0]"]
    );
    assert_eq!(check.summary.successful, 4);
    assert_eq!(check.summary.groups().count(), 2);
}

#[test]
fn null_contact_and_prefixed_mx_host() {
    let check = check("dmarc-report-viewer__no-contact.json");
    assert_one_report(
        &check,
        Container::Json,
        "server.com",
        "123_456",
        &[("sts", "server.com", 1, 0)],
    );
    assert_eq!(
        findings(&check),
        sorted(&[
            "TLSRPT-REPORT-006 warning contact-info",
            "TLSRPT-REPORT-010 info policies[0].policy.mx-host",
        ])
    );
    assert_eq!(Verdict::of(&check.diagnostics), Verdict::Warn);
}

#[test]
fn google_no_policy_found_is_clean() {
    let check = check("dmarc-report-viewer__no-policy.json");
    assert_one_report(
        &check,
        Container::Json,
        "Google Inc.",
        "2025-03-27T00:00:00Z_foo-bar.io",
        &[("no-policy-found", "foo-bar.io", 1, 0)],
    );
    assert_eq!(findings(&check), Vec::<String>::new());
}

#[test]
fn microsoft_fetch_error_without_addresses() {
    for (name, id) in [
        ("dmarc-report-viewer__no_ip_and_mx.json", "1234567890+"),
        (
            "issue__dmarc-report-viewer-57__microsoft-no-ip.json",
            "133944884956529435+",
        ),
    ] {
        let check = check(name);
        assert_one_report(
            &check,
            Container::Json,
            "Microsoft Corporation",
            id,
            &[("sts", "xxxxxxxx.xx", 0, 3)],
        );
        assert_eq!(
            findings(&check),
            sorted(&[
                "TLSRPT-REPORT-018 warning policies[0].policy.policy-string",
                "TLSRPT-REPORT-018 warning policies[0].failure-details[0]",
            ]),
            "{name}"
        );
        let group = check.summary.groups().next().expect("one group");
        assert_eq!(group.by_result_type.get("sts-policy-fetch-error"), Some(3));
        assert_eq!(group.by_receiving_mx.get(NOT_GIVEN), Some(3));
        assert_eq!(group.by_sending_ip.get(NOT_GIVEN), Some(3));
    }
}

#[test]
fn rfc_example_figures() {
    for name in [
        "dmarc-report-viewer__rfc-example.json",
        "parsedmarc__rfc8460.json",
    ] {
        let check = check(name);
        assert_one_report(
            &check,
            Container::Json,
            "Company-X",
            COMPANY_X_ID,
            &[("sts", "company-y.example", 5326, 303)],
        );
        let group = check.summary.groups().next().expect("one group");
        assert_eq!(group.by_result_type.get("certificate-expired"), Some(100));
        assert_eq!(
            group.by_result_type.get("starttls-not-supported"),
            Some(200)
        );
        assert_eq!(group.by_result_type.get("validation-failure"), Some(3));
        assert_eq!(
            group.by_receiving_mx.get("mx1.mail.company-y.example"),
            Some(100)
        );
        assert_eq!(
            group.by_receiving_mx.get("mx2.mail.company-y.example"),
            Some(200)
        );
        assert_eq!(
            group
                .by_receiving_mx
                .get("mx-backup.mail.company-y.example"),
            Some(3)
        );
        assert_eq!(group.by_sending_ip.get("2001:db8:abcd:0012::1"), Some(100));
        assert_eq!(group.by_sending_ip.get("2001:db8:abcd:0013::1"), Some(200));
        assert_eq!(group.by_sending_ip.get("198.51.100.62"), Some(3));
        assert_eq!(
            group.additional_information.iter().collect::<Vec<_>>(),
            ["https://reports.company-x.example/report_info?id=5065427c-23d3#StarttlsNotSupported"]
        );
        // 303 of 5629 sessions.
        let rate = group.failure_rate().expect("sessions");
        assert!((rate - 303.0 / 5629.0).abs() < 1e-12);
        // 2016-04-01T00:00:00Z.
        assert_eq!(group.first, Some(1_459_468_800));
        assert_eq!(group.last, Some(1_459_555_199));
    }
}

#[test]
fn rfc_example_findings_differ_only_in_the_mx_host_form() {
    // The example writes IPv6 addresses with a leading zero (`0012`), against RFC 5952, and
    // leaves `receiving-ip` out of its first entry.
    let common = [
        "TLSRPT-REPORT-014 warning policies[0].failure-details[0].sending-mta-ip",
        "TLSRPT-REPORT-014 warning policies[0].failure-details[1].sending-mta-ip",
        "TLSRPT-REPORT-018 warning policies[0].failure-details[0]",
    ];
    assert_eq!(
        findings(&check("parsedmarc__rfc8460.json")),
        sorted(&common)
    );
    let mut with_list = common.to_vec();
    with_list.push("TLSRPT-REPORT-010 info policies[0].policy.mx-host");
    assert_eq!(
        findings(&check("dmarc-report-viewer__rfc-example.json")),
        sorted(&with_list)
    );
    let mut with_spaces = with_list.clone();
    with_spaces
        .push("TLSRPT-REPORT-015 warning policies[0].failure-details[1].additional-information");
    assert_eq!(
        findings(&check("mail-auth__rpt01.json")),
        sorted(&with_spaces)
    );
}

#[test]
fn gzip_attachment_reads_like_its_json() {
    let check = check("mail-auth__rpt01_attachment.json.gz");
    assert_one_report(
        &check,
        Container::Gzip,
        "Company-X",
        COMPANY_X_ID,
        &[("sts", "company-y.example", 5326, 303)],
    );
    let plain = check_reports(&[&fixture("mail-auth__rpt01.json")]);
    assert_eq!(findings(&check), findings(&plain));
}

#[test]
fn email_with_a_gzip_report_part() {
    let check = check("synthetic__multipart-report-rpt01-gzip.eml");
    assert_one_report(
        &check,
        Container::Email,
        "Company-X",
        COMPANY_X_ID,
        &[("sts", "company-y.example", 5326, 303)],
    );
}

#[test]
fn email_with_two_report_parts() {
    let check = check("synthetic__multipart-mixed-google-gzip-and-smtp-tls-json.eml");
    assert_eq!(check.files[0].container, Some(Container::Email));
    assert_eq!(check.reports.len(), 2);
    assert_eq!(
        check.reports[0].report_id,
        "2024-09-03T00:00:00Z_cardinalhealth.ca"
    );
    assert_eq!(
        check.reports[1].report_id,
        "2024-01-09T00:00:00Z_example.com"
    );
    assert_eq!(check.summary.successful, 48);
    assert_eq!(check.summary.failed, 3);
    // Paths name the part when a message holds several reports.
    assert!(
        check
            .diagnostics
            .iter()
            .any(|d| d.json_path_str() == Some("part2.policies[0].failure-details[1]")),
        "{:?}",
        findings(&check)
    );
}

#[test]
fn google_empty_sending_ip_truncated_excerpt() {
    let check = check("issue__PS.MTA-STS-33__google-empty-sending-ip.TRUNCATED.json");
    assert_one_report(
        &check,
        Container::Json,
        "Google Inc.",
        "2024-08-02T00:00:00Z_icewolf.li",
        &[("sts", "icewolf.li", 0, 10)],
    );
    assert_eq!(
        findings(&check),
        sorted(&[
            "TLSRPT-REPORT-010 info policies[0].policy.mx-host",
            "TLSRPT-REPORT-013 info policies[0].failure-details[0]",
            "TLSRPT-REPORT-014 warning policies[0].failure-details[0].sending-mta-ip",
            "TLSRPT-REPORT-016 info policies[0].failure-details",
        ])
    );
    let group = check.summary.groups().next().expect("one group");
    assert_eq!(group.by_sending_ip.get(NOT_GIVEN), Some(4));
    assert_eq!(
        group.by_receiving_mx.get("icewolf-li.h-v1.mx.microsoft"),
        Some(4)
    );
}

#[test]
fn small_senders_with_null_contact() {
    let check = check("issue__dmarc-report-viewer-71__null-contact.json");
    assert_one_report(
        &check,
        Container::Json,
        "refluxstop.de",
        "1768089600_5665667737528564296",
        &[("sts", "hin.ch", 1, 0)],
    );
    assert_eq!(
        findings(&check),
        sorted(&[
            "TLSRPT-REPORT-006 warning contact-info",
            "TLSRPT-REPORT-010 info policies[0].policy.mx-host",
        ])
    );

    let check = check_reports(&[&fixture(
        "issue__parsedmarc-575__egressif-null-contact.json",
    )]);
    assert_one_report(
        &check,
        Container::Json,
        "mx.egressif.io",
        "1730332800_11732957880687192466",
        &[("no-policy-found", "redacted.example.com", 1, 0)],
    );
    assert_eq!(
        findings(&check),
        sorted(&[
            "TLSRPT-REPORT-006 warning contact-info",
            "TLSRPT-REPORT-010 info policies[0].policy.mx-host",
        ])
    );
}

#[test]
fn week_long_google_report() {
    let check = check("mail-auth__rpt02.json");
    assert_one_report(
        &check,
        Container::Json,
        "Google Inc.",
        "2020-01-01T00:00:00Z_example.com",
        &[("sts", "example.com", 23, 1)],
    );
    assert_eq!(findings(&check), ["TLSRPT-REPORT-005 info date-range"]);
    assert_eq!(Verdict::of(&check.diagnostics), Verdict::Pass);
}

#[test]
fn google_report_without_domain_and_with_unknown_type() {
    let check = check("mail-auth__rpt03.json");
    assert_one_report(
        &check,
        Container::Json,
        "Google Inc.",
        "2019-04-14T00:00:00Z_example.org",
        &[
            ("no-policy-found", "", 1, 0),
            ("invalid-policy-type", "", 1, 0),
        ],
    );
    assert_eq!(
        findings(&check),
        sorted(&[
            "TLSRPT-REPORT-002 error policies[0].policy.policy-domain",
            "TLSRPT-REPORT-002 error policies[0].summary.total-failure-session-count",
            "TLSRPT-REPORT-002 error policies[1].policy.policy-domain",
            "TLSRPT-REPORT-002 error policies[1].summary.total-failure-session-count",
            "TLSRPT-REPORT-007 error policies[1].policy.policy-type",
        ])
    );
    assert_eq!(Verdict::of(&check.diagnostics), Verdict::Fail);
}

#[test]
fn real_google_gzip_report() {
    let check = check("parsedmarc__google.com_2024-09-03.json.gz");
    assert_one_report(
        &check,
        Container::Gzip,
        "Google Inc.",
        "2024-09-03T00:00:00Z_cardinalhealth.ca",
        &[("no-policy-found", "cardinalhealth.ca", 48, 0)],
    );
    assert_eq!(findings(&check), Vec::<String>::new());
}

#[test]
fn mail_ru_fetch_errors_that_add_up_to_more_than_the_total() {
    let check = check("parsedmarc__mail.ru.json");
    assert_one_report(
        &check,
        Container::Json,
        "Mail.ru",
        "b28254de-7b2e-be36-bb5c-4c3b92da8b25@mail.ru",
        &[("sts", "example.com", 0, 1)],
    );
    assert_eq!(
        findings(&check),
        sorted(&[
            "TLSRPT-REPORT-016 info policies[0].failure-details",
            "TLSRPT-REPORT-018 warning policies[0].failure-details[0]",
            "TLSRPT-REPORT-018 warning policies[0].failure-details[1]",
            "TLSRPT-REPORT-018 warning policies[0].policy.policy-string",
        ])
    );
    let group = check.summary.groups().next().expect("one group");
    assert_eq!(group.failed, 1);
    assert_eq!(group.by_result_type.get("sts-policy-fetch-error"), Some(2));
}

#[test]
fn validation_failures_without_reason_codes() {
    let check = check("parsedmarc__smtp_tls.json");
    assert_one_report(
        &check,
        Container::Json,
        "Example Inc.",
        "2024-01-09T00:00:00Z_example.com",
        &[("sts", "example.com", 0, 3)],
    );
    assert_eq!(
        findings(&check),
        sorted(&[
            "TLSRPT-REPORT-013 info policies[0].failure-details[0]",
            "TLSRPT-REPORT-013 info policies[0].failure-details[1]",
        ])
    );
    let group = check.summary.groups().next().expect("one group");
    assert_eq!(group.by_sending_ip.get("209.85.222.201"), Some(2));
    assert_eq!(group.by_sending_ip.get("209.85.208.176"), Some(1));
    assert_eq!(group.by_receiving_mx.get("example.com"), Some(3));
    assert_eq!(group.failure_rate(), Some(1.0));
}

#[test]
fn every_fixture_together_counts_each_report_once() {
    let dir = format!("{}/tests/data/tlsrpt", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| !name.ends_with(".md"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 20);
    let data: Vec<Vec<u8>> = names.iter().map(|name| fixture(name)).collect();
    let inputs: Vec<&[u8]> = data.iter().map(Vec::as_slice).collect();
    let check = check_reports(&inputs);

    // 18 single-report files, one e-mail with one report and one with two.
    assert_eq!(check.reports.len(), 21);
    // The Company-X example comes five times, the Google cardinalhealth.ca and the Example Inc.
    // reports twice each.
    assert_eq!(check.summary.duplicates, 6);
    assert_eq!(check.summary.reports, 15);
    assert_eq!(check.summary.successful, 5408);
    assert_eq!(check.summary.failed, 324);
    let microsoft = check
        .summary
        .groups()
        .find(|g| g.organization == "Microsoft Corporation" && g.domain == "xxxxxxxx.xx")
        .expect("the Microsoft fetch-error group");
    assert_eq!(microsoft.reports, 2);
    assert_eq!(microsoft.failed, 6);
    // One finding per file that repeats reports (the e-mail with two parts repeats both),
    // pointing at that file.
    let repeating: Vec<&str> = check
        .diagnostics
        .iter()
        .filter(|d| d.rule.id() == "TLSRPT-REPORT-021")
        .map(|d| names[d.json_path.as_ref().expect("a path").input].as_str())
        .collect();
    assert_eq!(
        repeating,
        [
            "mail-auth__rpt01.json",
            "mail-auth__rpt01_attachment.json.gz",
            "parsedmarc__rfc8460.json",
            "synthetic__multipart-mixed-google-gzip-and-smtp-tls-json.eml",
            "synthetic__multipart-report-rpt01-gzip.eml",
        ]
    );
}

#[test]
fn files_added_one_at_a_time_add_up_like_check_reports() {
    let google = fixture("parsedmarc__google.com_2024-09-03.json.gz");
    let rpt01 = fixture("mail-auth__rpt01_attachment.json.gz");
    let mut check = ReportsCheck::default();
    let mut seen = Vec::new();
    for (input, data) in [&google, &rpt01, &google].into_iter().enumerate() {
        check.add_whole(WholeFile::read(input, data), &mut |report, duplicate| {
            seen.push((report.report_id, duplicate));
        });
    }
    let at_once = check_reports(&[&google, &rpt01, &google]);
    assert_eq!(check.reports, at_once.reports);
    assert_eq!(check.diagnostics, at_once.diagnostics);
    assert_eq!(check.files, at_once.files);
    assert_eq!(
        (check.summary.successful, check.summary.failed),
        (48 + 5326, 303)
    );
    assert_eq!(
        seen,
        [
            ("2024-09-03T00:00:00Z_cardinalhealth.ca".to_owned(), false),
            (COMPANY_X_ID.to_owned(), false),
            ("2024-09-03T00:00:00Z_cardinalhealth.ca".to_owned(), true),
        ]
    );
}
