//! How fast the core checks policies: every real policy in `tests/data/policies`, and generated
//! policies of 6.4 KiB, 64 KiB and 640 KiB, to show that ten times the input costs about ten
//! times the time.
//!
//! Run with `cargo bench --bench policy`; criterion prints time and throughput per input.

#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "reads fixtures"
)]
#![allow(clippy::expect_used, reason = "a benchmark stops on a broken fixture")]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mta_sts_check::{check_policy, check_sts_records};

/// A policy of about `size` bytes: the required fields, then `mx` lines and extensions, some
/// with problems, so that every kind of line is read.
fn generated_policy(size: usize) -> Vec<u8> {
    let mut body = b"version: STSv1\r\nmode: enforce\r\nmax_age: 604800\r\n".to_vec();
    let mut n = 0;
    while body.len() < size {
        let line = match n % 4 {
            0 => format!("mx: mx{n}.example.com\r\n"),
            1 => format!("mx: *.pool{n}.example.net\r\n"),
            2 => format!("note{n}: a comment for line {n}\r\n"),
            _ => format!("mx: bad{n}.example.com.\r\n"),
        };
        body.extend_from_slice(line.as_bytes());
        n += 1;
    }
    body.truncate(size);
    body
}

fn real_policies(c: &mut Criterion) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/policies");
    let mut bodies: Vec<Vec<u8>> = std::fs::read_dir(folder)
        .expect("fixtures")
        .map(|entry| std::fs::read(entry.expect("entry").path()).expect("fixture"))
        .collect();
    bodies.sort();
    let total: usize = bodies.iter().map(Vec::len).sum();

    let mut group = c.benchmark_group("real_policies");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function(format!("all_{}_fixtures", bodies.len()), |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(check_policy(black_box(body)));
            }
        });
    });
    group.finish();
}

fn generated_policies(c: &mut Criterion) {
    let mut group = c.benchmark_group("generated_policy");
    for size in [6_554, 65_536, 655_360] {
        let body = generated_policy(size);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(format!("{size}_bytes"), |b| {
            b.iter(|| black_box(check_policy(black_box(&body))));
        });
    }
    group.finish();
}

fn records(c: &mut Criterion) {
    let records = vec![
        vec![b"v=STSv1; id=20240101T000000".to_vec()],
        vec![b"v=spf1 -all".to_vec()],
    ];
    c.bench_function("sts_record_rrset", |b| {
        b.iter(|| black_box(check_sts_records(black_box(&records))));
    });
}

criterion_group!(benches, real_policies, generated_policies, records);
criterion_main!(benches);
