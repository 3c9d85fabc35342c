//! Properties of the report reader: a generated report written out as JSON (plain, gzip, or
//! several in one array) reads back as the same report with the same figures; files read apart
//! (as on several threads) and added up in order give what reading them one by one gives; and
//! no input makes the reader panic.
//!
//! Failing seeds are kept in `tests/report_properties.proptest-regressions` and replayed first.

#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use mta_sts_check::{
    FailureDetail, FilePart, MAX_DISTINCT, PolicyResult, PolicyType, RESULT_TYPES, ReportsCheck,
    TlsReport, Verdict, WholeBytesError, WholeFile, check_reports, format_rfc3339,
};
use proptest::prelude::*;
use serde_json::{Value, json};

fn label() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,8}"
}

fn failure() -> impl Strategy<Value = FailureDetail> {
    (0..RESULT_TYPES.len(), any::<u32>(), label(), 0u64..100_000).prop_map(
        |(kind, ip, mx, count)| FailureDetail {
            result_type: RESULT_TYPES[kind].to_owned(),
            sending_ip: Some(std::net::Ipv4Addr::from(ip).to_string()),
            receiving_mx: Some(format!("{mx}.example.com")),
            receiving_helo: None,
            receiving_ip: Some("192.0.2.25".to_owned()),
            count,
            additional_information: Some(format!("https://reports.example/{mx}")),
            reason_code: Some("X509_V_ERR".to_owned()),
        },
    )
}

fn policy() -> impl Strategy<Value = PolicyResult> {
    (
        0..3usize,
        label(),
        0u64..10_000_000,
        proptest::collection::vec(failure(), 0..5),
    )
        .prop_map(|(kind, domain, successful, failures)| {
            let policy_type =
                [PolicyType::Sts, PolicyType::Tlsa, PolicyType::NoPolicyFound][kind].clone();
            let domain = format!("{domain}.example");
            let (policy_strings, mx_hosts) = match policy_type {
                PolicyType::Sts => (
                    vec![
                        "version: STSv1".to_owned(),
                        "mode: enforce".to_owned(),
                        format!("mx: mx.{domain}"),
                        "max_age: 604800".to_owned(),
                    ],
                    vec![format!("mx.{domain}")],
                ),
                PolicyType::Tlsa => (vec!["3 1 1 6007EEE553E85D8D".to_owned()], vec![]),
                _ => (vec![], vec![]),
            };
            PolicyResult {
                failed: failures.iter().map(|f| f.count).sum(),
                policy_type,
                domain,
                mx_hosts,
                policy_strings,
                successful,
                failures,
            }
        })
}

fn report() -> impl Strategy<Value = TlsReport> {
    (
        label(),
        "[A-Za-z0-9_+-]{1,20}",
        0i64..40_000,
        proptest::collection::vec(policy(), 0..4),
    )
        .prop_map(|(organization, report_id, day, policies)| TlsReport {
            contact_info: Some(format!("tlsrpt@{organization}.example")),
            organization,
            report_id,
            start: Some(day * 86_400),
            end: Some(day * 86_400 + 86_399),
            policies,
        })
}

/// The report as RFC 8460 §4.4 JSON.
fn to_json(report: &TlsReport) -> Value {
    let policies: Vec<Value> = report
        .policies
        .iter()
        .map(|policy| {
            let mut described = json!({
                "policy-type": policy.policy_type.as_str(),
                "policy-domain": policy.domain,
            });
            if !policy.policy_strings.is_empty() {
                described["policy-string"] = json!(policy.policy_strings);
            }
            if let [mx] = policy.mx_hosts.as_slice() {
                described["mx-host"] = json!(mx);
            }
            let details: Vec<Value> = policy
                .failures
                .iter()
                .map(|f| {
                    json!({
                        "result-type": f.result_type,
                        "sending-mta-ip": f.sending_ip,
                        "receiving-mx-hostname": f.receiving_mx,
                        "receiving-ip": f.receiving_ip,
                        "failed-session-count": f.count,
                        "additional-information": f.additional_information,
                        "failure-reason-code": f.reason_code,
                    })
                })
                .collect();
            json!({
                "policy": described,
                "summary": {
                    "total-successful-session-count": policy.successful,
                    "total-failure-session-count": policy.failed,
                },
                "failure-details": details,
            })
        })
        .collect();
    json!({
        "organization-name": report.organization,
        "date-range": {
            "start-datetime": format_rfc3339(report.start.expect("generated")),
            "end-datetime": format_rfc3339(report.end.expect("generated")),
        },
        "contact-info": report.contact_info,
        "report-id": report.report_id,
        "policies": policies,
    })
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(data).expect("compress");
    encoder.finish().expect("compress")
}

/// Reads one file and returns every report in it.
fn read(data: &[u8]) -> Vec<TlsReport> {
    let mut reports = Vec::new();
    let file = mta_sts_check::read_report_file(0, data, &mut |report| reports.push(report));
    assert_eq!(file.error, None);
    assert_eq!(
        Verdict::of(&file.diagnostics),
        Verdict::Pass,
        "{:?}",
        file.diagnostics
    );
    reports
}

/// The inputs read into parts in `reading_order`, then added up in their own order.
fn add_parts(inputs: &[&[u8]], reading_order: &[usize]) -> ReportsCheck {
    let mut parts: Vec<Option<FilePart>> = inputs.iter().map(|_| None).collect();
    for &index in reading_order {
        parts[index] = Some(FilePart::read(index, inputs[index]));
    }
    let mut check = ReportsCheck::default();
    for part in parts {
        check.add_part(part.expect("every input is read"));
    }
    check
}

/// Panics unless the two checks hold the same files, reports, findings and figures.
fn assert_same_check(apart: &ReportsCheck, one_by_one: &ReportsCheck) {
    assert_eq!(apart.files, one_by_one.files);
    assert_eq!(apart.reports, one_by_one.reports);
    assert_eq!(apart.diagnostics, one_by_one.diagnostics);
    let (a, b) = (&apart.summary, &one_by_one.summary);
    assert_eq!(
        (a.reports, a.duplicates, a.successful, a.failed),
        (b.reports, b.duplicates, b.successful, b.failed)
    );
    assert!(a.groups().eq(b.groups()), "the groups differ");
}

/// A report from `organization` whose one policy fails from each address of `addresses`.
fn report_from(organization: &str, report_id: &str, addresses: std::ops::Range<u32>) -> String {
    let failures = addresses
        .map(|n| FailureDetail {
            result_type: "certificate-expired".to_owned(),
            sending_ip: Some(std::net::Ipv4Addr::from(0xC633_6400 + n).to_string()),
            receiving_mx: Some("mx.example.com".to_owned()),
            receiving_ip: Some("192.0.2.25".to_owned()),
            count: u64::from(n % 7 + 1),
            ..FailureDetail::default()
        })
        .collect::<Vec<_>>();
    let report = TlsReport {
        organization: organization.to_owned(),
        contact_info: None,
        report_id: report_id.to_owned(),
        start: Some(0),
        end: Some(86_399),
        policies: vec![PolicyResult {
            policy_type: PolicyType::NoPolicyFound,
            domain: "example.com".to_owned(),
            failed: failures.iter().map(|failure| failure.count).sum(),
            failures,
            ..PolicyResult::default()
        }],
    };
    to_json(&report).to_string()
}

#[test]
fn parts_keep_the_keys_the_cap_lets_in_one_by_one() {
    // The first file fills the breakdown by sending IP with 900 addresses; the second brings
    // 500, 200 of them seen before, so the cap is reached inside it: the addresses it repeats
    // keep their own counts, and of the 300 new ones the last 200 go under "(other)", as when
    // the files are read one by one.
    let first = report_from("Org", "r1", 0..900);
    let second = report_from("Org", "r2", 700..1_200);
    let inputs: [&[u8]; 2] = [first.as_bytes(), second.as_bytes()];
    let one_by_one = check_reports(&inputs);
    let group = one_by_one.summary.groups().next().expect("one group");
    assert_eq!(group.by_sending_ip.len(), MAX_DISTINCT + 1);
    let other: u64 = (1_000..1_200u64).map(|n| n % 7 + 1).sum();
    assert_eq!(group.by_sending_ip.get(mta_sts_check::OTHER), Some(other));
    let repeated = std::net::Ipv4Addr::from(0xC633_6400 + 800).to_string();
    assert_eq!(group.by_sending_ip.get(&repeated), Some(2 * (800 % 7 + 1)));
    for reading_order in [[0, 1], [1, 0]] {
        assert_same_check(&add_parts(&inputs, &reading_order), &one_by_one);
    }
}

/// Each file's text: its reports, with ids `id-0` to `id-2` so that reports repeat within and
/// across files, as one object or as an array.
fn texts_of(files: &[(Vec<(TlsReport, usize)>, bool)]) -> Vec<String> {
    files
        .iter()
        .map(|(reports, as_array)| {
            let reports: Vec<Value> = reports
                .iter()
                .map(|(report, id)| {
                    to_json(&TlsReport {
                        report_id: format!("id-{id}"),
                        ..report.clone()
                    })
                })
                .collect();
            match reports.as_slice() {
                [one] if !as_array => one.to_string(),
                _ => Value::Array(reports).to_string(),
            }
        })
        .collect()
}

#[test]
fn a_whole_file_as_bytes_cut_anywhere_or_extended_is_refused() {
    let data = include_bytes!("data/tlsrpt/dmarc-report-viewer__google.json");
    let whole = WholeFile::read(0, data);
    assert_eq!(whole.reports.len(), 1);
    let bytes = whole.clone().into_bytes();
    assert_eq!(WholeFile::from_bytes(&bytes).as_ref(), Ok(&whole));
    for end in 0..bytes.len() {
        assert!(
            WholeFile::from_bytes(&bytes[..end]).is_err(),
            "cut at {end} of {}",
            bytes.len()
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        WholeFile::from_bytes(&longer),
        Err(WholeBytesError::TrailingBytes {
            offset: bytes.len()
        })
    );
}

proptest! {
    #[test]
    fn parts_read_in_any_order_add_up_as_files_read_one_by_one(
        files in proptest::collection::vec(
            (proptest::collection::vec((report(), 0..3usize), 1..4), any::<bool>()),
            1..6,
        ),
        seed in any::<u64>(),
    ) {
        let texts = texts_of(&files);
        let inputs: Vec<&[u8]> = texts.iter().map(String::as_bytes).collect();
        let mut reading_order: Vec<usize> = (0..inputs.len()).collect();
        reading_order.rotate_left(usize::try_from(seed % inputs.len() as u64).unwrap_or(0));
        if seed & 1 == 1 {
            reading_order.reverse();
        }
        assert_same_check(&add_parts(&inputs, &reading_order), &check_reports(&inputs));
    }

    #[test]
    fn files_read_whole_and_passed_as_bytes_add_up_as_files_read_one_by_one(
        files in proptest::collection::vec(
            (proptest::collection::vec((report(), 0..3usize), 1..4), any::<bool>()),
            1..5,
        ),
    ) {
        let texts = texts_of(&files);
        let inputs: Vec<&[u8]> = texts.iter().map(String::as_bytes).collect();
        let mut check = ReportsCheck::default();
        let mut seen = Vec::new();
        for (index, input) in inputs.iter().enumerate() {
            let sent = WholeFile::read(index, input).into_bytes();
            let whole = WholeFile::from_bytes(&sent).expect("the bytes read back");
            assert_eq!(&whole.reports, &read(input));
            check.add_whole(whole, &mut |report, duplicate| seen.push((report, duplicate)));
        }
        let one_by_one = check_reports(&inputs);
        assert_same_check(&check, &one_by_one);
        // Each report is handed on whole, flagged as the check's figures flag it.
        let flags: Vec<bool> = one_by_one.reports.iter().map(|report| report.duplicate).collect();
        assert_eq!(seen.iter().map(|(_, duplicate)| *duplicate).collect::<Vec<_>>(), flags);
    }

    #[test]
    fn a_written_report_reads_back_the_same(report in report()) {
        let text = to_json(&report).to_string();
        prop_assert_eq!(read(text.as_bytes()), vec![report.clone()]);
        prop_assert_eq!(read(&gzip(text.as_bytes())), vec![report]);
    }

    #[test]
    fn totals_add_up_across_reports(reports in proptest::collection::vec(report(), 0..6)) {
        // Distinct ids, so that no report counts as a duplicate.
        let reports: Vec<TlsReport> = reports
            .into_iter()
            .enumerate()
            .map(|(n, report)| {
                TlsReport { report_id: format!("{n}-{}", report.report_id), ..report }
            })
            .collect();
        let array = Value::Array(reports.iter().map(to_json).collect()).to_string();
        prop_assert_eq!(read(array.as_bytes()), reports.clone());

        let check = check_reports(&[array.as_bytes()]);
        let successful: u64 = reports.iter().flat_map(|r| &r.policies).map(|p| p.successful).sum();
        let failed: u64 = reports.iter().flat_map(|r| &r.policies).map(|p| p.failed).sum();
        prop_assert_eq!(check.summary.successful, successful);
        prop_assert_eq!(check.summary.failed, failed);
        prop_assert_eq!(check.summary.reports, reports.len());
        let by_type: u64 = check.summary.groups().flat_map(|g| g.by_result_type.values()).sum();
        prop_assert_eq!(by_type, failed);

        // Each report given twice counts once.
        let twice = check_reports(&[array.as_bytes(), array.as_bytes()]);
        prop_assert_eq!(twice.summary.successful, successful);
        prop_assert_eq!(twice.summary.duplicates, reports.len());
    }

    #[test]
    fn changed_whole_file_bytes_never_panic_and_read_back_the_same(
        files in proptest::collection::vec(
            (proptest::collection::vec((report(), 0..3usize), 1..3), any::<bool>()),
            1..2,
        ),
        changes in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4),
        cut in any::<usize>(),
    ) {
        // A real file's bytes with a few bytes changed and maybe cut short: read as an error or
        // as a file, and a file read writes back to bytes that read as the same file.
        let texts = texts_of(&files);
        let mut bytes = WholeFile::read(0, texts[0].as_bytes()).into_bytes();
        for (at, value) in changes {
            let at = at % bytes.len();
            bytes[at] = value;
        }
        bytes.truncate(bytes.len() - cut % 4);
        mta_sts_check::fuzzing::whole_bytes(&bytes);
    }

    #[test]
    fn no_input_makes_the_reader_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        mta_sts_check::fuzzing::whole_bytes(&data);
        mta_sts_check::fuzzing::reports(&data);
        let mut gz = mta_sts_check::fuzzing::GZIP_MAGIC.to_vec();
        gz.extend(&data);
        mta_sts_check::fuzzing::reports(&gz);
    }

    #[test]
    fn report_like_text_never_panics(pieces in proptest::collection::vec(prop_oneof![
        Just("{".to_owned()), Just("}".to_owned()), Just("[".to_owned()), Just("]".to_owned()),
        Just(",".to_owned()), Just(":".to_owned()), Just("\"policies\"".to_owned()),
        Just("\"policy\"".to_owned()), Just("\"summary\"".to_owned()),
        Just("\"failure-details\"".to_owned()), Just("\"failed-session-count\"".to_owned()),
        Just("\"date-range\"".to_owned()), Just("\"start-datetime\"".to_owned()),
        Just("\"mx-host\"".to_owned()), Just("1".to_owned()), Just("-1".to_owned()),
        Just("null".to_owned()), Just("\"x\"".to_owned()), Just("1e400".to_owned()),
    ], 0..64)) {
        mta_sts_check::fuzzing::reports(pieces.concat().as_bytes());
    }
}
