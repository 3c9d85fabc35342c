//! Entry points for the fuzz targets in `fuzz/`, shared with the test that replays their corpus
//! on stable Rust. Each one feeds bytes to a parser and checks what must hold for any input.
//!
//! Not part of the supported API.

use crate::{MxSet, check_mx, check_policy, check_sts_records, check_tlsrpt_records, presentation};

/// A policy body.
pub fn policy(data: &[u8]) {
    let check = check_policy(data);
    for diagnostic in &check.diagnostics {
        if let Some(span) = diagnostic.span {
            assert!(
                span.start <= span.end && span.end <= data.len(),
                "span outside the input"
            );
        }
    }
    if let Some(policy) = &check.policy {
        // A policy senders can use writes back to a body that reads the same.
        let again = check_policy(policy.to_text().as_bytes());
        assert_eq!(
            again.policy.as_ref(),
            Some(policy),
            "round trip changed the policy"
        );
    }
}

/// TXT RRsets: records are separated by LF and character-strings by 0x1F.
pub fn records(data: &[u8]) {
    let records = split_records(data);
    let _ = check_sts_records(&records);
    let _ = check_tlsrpt_records(&records);
}

/// Zone-file presentation of one TXT record.
pub fn presentation(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let quoted = text
        .trim_start_matches(|c: char| c.is_ascii_whitespace())
        .starts_with('"');
    if let Ok(strings) = presentation::parse_txt(text) {
        // Bare text is the record as one piece; quoted strings follow DNS's 255-byte limit.
        if quoted {
            assert!(
                strings.iter().all(|string| string.len() <= 255),
                "string over 255 bytes"
            );
        } else {
            assert_eq!(strings, [text.as_bytes()], "bare text must stay whole");
        }
    }
}

/// A policy, then 0x00, then MX hosts separated by LF.
pub fn mx(data: &[u8]) {
    let (body, hosts) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let check = check_policy(body);
    let hosts: Vec<String> = hosts
        .split(|&b| b == b'\n')
        .map(|h| String::from_utf8_lossy(h).into_owned())
        .collect();
    let result = check_mx(&check, &MxSet::Hosts(hosts.clone()));
    assert!(result.hosts.len() <= hosts.len());
    if let Some(first) = hosts.first() {
        let _ = check_mx(&check, &MxSet::Implicit(first.clone()));
    }
}

fn split_records(data: &[u8]) -> Vec<Vec<Vec<u8>>> {
    if data.is_empty() {
        return Vec::new();
    }
    data.split(|&b| b == b'\n')
        .map(|record| record.split(|&b| b == 0x1F).map(<[u8]>::to_vec).collect())
        .collect()
}

/// A certificate bundle, judged for a fixed host at a fixed instant.
pub fn certificates(data: &[u8]) {
    let mut options = crate::CertificateOptions::new("mx.example.com", 1_800_000_000);
    options.builtin_roots = false;
    let check = crate::check_certificates(data, &options);
    assert!(
        check
            .path
            .iter()
            .all(|&index| index < check.certificates.len()),
        "path out of range"
    );
}

/// The first bytes of gzip data, for tests that build gzip-looking input.
pub const GZIP_MAGIC: [u8; 2] = [0x1F, 0x8B];

/// A TLS-RPT report file: JSON, gzip or e-mail, read with its figures added up.
pub fn reports(data: &[u8]) {
    let check = crate::check_reports(&[data]);
    let file = &check.files[0];
    assert_eq!(file.reports, check.reports.len(), "reports miscounted");
    assert!(
        // The cap, its closing finding, why the file is unreadable and one about duplicates.
        file.diagnostics.len() <= crate::MAX_DIAGNOSTICS_PER_INPUT + 3,
        "findings not capped"
    );
    if file.error.is_some() {
        assert!(
            file.diagnostics
                .iter()
                .any(|diagnostic| diagnostic.rule == crate::Rule::ReportUnreadable),
            "an unreadable file without its finding"
        );
    }
    for diagnostic in &file.diagnostics {
        if let Some(span) = diagnostic.span {
            assert!(span.start <= data.len(), "span outside the input");
        }
    }
    let total: u64 = check.summary.groups().map(|group| group.failed).sum();
    assert_eq!(total, check.summary.failed, "failed sessions miscounted");

    // Read apart (as on another thread) and added up after itself, the input gives the same
    // figures as read twice one after the other: every report of the second copy a duplicate.
    let twice = crate::check_reports(&[data, data]);
    let mut apart = crate::ReportsCheck::default();
    // The second copy is read first, as another thread may.
    let second = crate::FilePart::read(1, data);
    apart.add_part(crate::FilePart::read(0, data));
    apart.add_part(second);
    assert_same_check(&apart, &twice, "parts");

    // Read whole (as the web app's worker does), the input adds up the same; as bytes and back,
    // it is the same.
    let whole = crate::WholeFile::read(0, data);
    assert_eq!(
        crate::WholeFile::from_bytes(&whole.clone().into_bytes()).as_ref(),
        Ok(&whole),
        "whole file bytes: not read back the same"
    );
    let mut added = crate::ReportsCheck::default();
    added.add_whole(whole, &mut |_, _| {});
    assert_same_check(&added, &check, "whole");
}

/// Panics, naming `how` the checks were made, unless they hold the same files, reports,
/// findings and figures.
fn assert_same_check(made: &crate::ReportsCheck, expected: &crate::ReportsCheck, how: &str) {
    assert_eq!(made.files, expected.files, "{how}: files differ");
    assert_eq!(made.reports, expected.reports, "{how}: reports differ");
    assert_eq!(
        made.diagnostics, expected.diagnostics,
        "{how}: findings differ"
    );
    assert!(
        made.summary.groups().eq(expected.summary.groups()),
        "{how}: groups differ"
    );
    assert_eq!(
        (made.summary.reports, made.summary.duplicates),
        (expected.summary.reports, expected.summary.duplicates),
        "{how}: report counts differ"
    );
}

/// Bytes read as a [`crate::WholeFile`]: an error or a file, never a panic; a file read is
/// written back to bytes that read as the same file.
pub fn whole_bytes(data: &[u8]) {
    if let Ok(whole) = crate::WholeFile::from_bytes(data) {
        let again = crate::WholeFile::from_bytes(&whole.clone().into_bytes());
        assert_eq!(
            again.as_ref(),
            Ok(&whole),
            "whole file bytes: not read back the same"
        );
    }
}

/// A DNS response read as the answer to each kind of query the checker makes: it must give an
/// answer or an error, never a panic, and an answer never holds more records than the message
/// could.
pub fn dns_message(data: &[u8]) {
    use crate::dns_message::{RecordType, read_response};

    for record_type in [
        RecordType::A,
        RecordType::Aaaa,
        RecordType::Mx,
        RecordType::Txt,
        RecordType::Tlsa,
        RecordType::Cname,
    ] {
        if let Ok(answer) = read_response(data, "example.com", record_type) {
            assert!(answer.records.len() <= data.len() / 11);
        }
    }
}

/// What a user types into the Check page or the command line: a domain, and the URL of a
/// resolver or a proxy. Whatever is accepted must be accepted again unchanged when read back,
/// so that normalising twice can never change what is checked or where it is sent.
pub fn typed_input(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(domain) = crate::parse_domain_input(text) {
        assert!(domain.is_ascii(), "a domain left in U-labels: {domain:?}");
        assert_eq!(crate::parse_domain_input(&domain).as_ref(), Ok(&domain));
    }
    if let Ok(url) = crate::parse_service_url(text) {
        let again = crate::parse_service_url(url.as_str());
        assert_eq!(
            again.as_ref(),
            Ok(&url),
            "{text:?} normalised twice differs"
        );
        assert!(url.as_str().starts_with("https://") || url.as_str().starts_with("http://"));
    }
}
