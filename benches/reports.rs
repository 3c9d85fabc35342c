//! How fast the core reads TLS-RPT reports: a generated set held in memory (an array of reports
//! with many failure details, and the same reports one per input), read and added up by
//! `check_reports` (and, for the files, read apart into parts and replayed in order, as the
//! command line's threads do), with throughput in bytes of JSON. The reports are built here,
//! seeded and deterministic, so the figures compare from run to run;
//! `scripts/bench-reports.sh` measures the command line on files against parsedmarc.
//!
//! Run with `cargo bench --bench reports`; criterion prints time and throughput per case.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mta_sts_check::{FilePart, ReportsCheck, check_reports};

/// A small linear congruential generator: enough variety for keys, and the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

const RESULT_TYPES: [&str; 6] = [
    "starttls-not-supported",
    "certificate-host-mismatch",
    "certificate-expired",
    "certificate-not-trusted",
    "validation-failure",
    "sts-policy-fetch-error",
];

/// One report with two policies of `details` failure entries each, as compact JSON.
fn report(rng: &mut Lcg, index: usize, details: usize) -> String {
    let organizations = ["Google Inc.", "Microsoft Corporation", "Example Mail"];
    let mut out = String::new();
    let day = 1_725_321_600 + (index % 30) as u64 * 86_400;
    let _ = write!(
        out,
        r#"{{"organization-name":"{}","date-range":{{"start-datetime":"{}","#,
        organizations[index % organizations.len()],
        mta_sts_check::format_rfc3339(day as i64),
    );
    let _ = write!(
        out,
        r#""end-datetime":"{}"}},"contact-info":"tlsrpt@example.com","report-id":"r{index}","#,
        mta_sts_check::format_rfc3339(day as i64 + 86_399),
    );
    out.push_str(r#""policies":["#);
    for policy in 0..2 {
        if policy > 0 {
            out.push(',');
        }
        let mut failed = 0;
        let mut entries = Vec::new();
        for _ in 0..details {
            let count = 1 + rng.next(40);
            failed += count;
            let mx = format!("mx{}.mail.example.net", rng.next(12));
            entries.push(format!(
                concat!(
                    r#"{{"result-type":"{}","sending-mta-ip":"198.51.{}.{}","#,
                    r#""receiving-mx-hostname":"{mx}","receiving-mx-helo":"{mx}","#,
                    r#""receiving-ip":"203.0.113.{}","failed-session-count":{},"#,
                    r#""additional-information":"https://reports.example/info?id={}","#,
                    r#""failure-reason-code":"X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"}}"#
                ),
                RESULT_TYPES[rng.next(RESULT_TYPES.len() as u64) as usize],
                rng.next(60),
                1 + rng.next(254),
                1 + rng.next(254),
                count,
                rng.next(50),
                mx = mx,
            ));
        }
        let _ = write!(
            out,
            concat!(
                r#"{{"policy":{{"policy-type":"sts","policy-string":["version: STSv1","#,
                r#""mode: enforce","mx: *.mail.example.net","max_age: 604800"],"#,
                r#""policy-domain":"d{}.example.org","mx-host":"*.mail.example.net"}},"#,
                r#""summary":{{"total-successful-session-count":{},"#,
                r#""total-failure-session-count":{}}},"failure-details":[{}]}}"#
            ),
            (index * 7 + policy) % 40,
            rng.next(100_000),
            failed,
            entries.join(",\n"),
        );
    }
    out.push_str("]}");
    out
}

fn report_sets(c: &mut Criterion) {
    let mut rng = Lcg(8460);
    let reports: Vec<String> = (0..200).map(|index| report(&mut rng, index, 100)).collect();
    let array = format!("[{}]", reports.join(",\n"));
    let mut group = c.benchmark_group("reports");
    group.sample_size(20);

    group.throughput(Throughput::Bytes(array.len() as u64));
    group.bench_function(format!("array_of_{}_reports", reports.len()), |b| {
        b.iter(|| black_box(check_reports(&[black_box(array.as_bytes())])));
    });

    let files: Vec<&[u8]> = reports.iter().map(String::as_bytes).collect();
    let total: usize = files.iter().map(|file| file.len()).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function(format!("{}_files_of_one_report", files.len()), |b| {
        b.iter(|| black_box(check_reports(black_box(&files))));
    });

    // The same files read apart, as the command line's threads do, and replayed in order: the
    // cost of recording and replaying over reading into the summary directly.
    group.bench_function(format!("{}_files_read_apart", files.len()), |b| {
        b.iter(|| {
            let mut check = ReportsCheck::default();
            for (input, file) in files.iter().enumerate() {
                check.add_part(FilePart::read(input, black_box(file)));
            }
            black_box(check)
        });
    });

    let big = report(&mut rng, 0, 20_000);
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("one_report_of_40000_failure_details", |b| {
        b.iter(|| black_box(check_reports(&[black_box(big.as_bytes())])));
    });
    group.finish();
}

criterion_group!(benches, report_sets);
criterion_main!(benches);
