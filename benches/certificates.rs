//! How long the certificate judge takes: a three-certificate chain (leaf, intermediate, root)
//! generated once, judged against the supplied root alone and against Mozilla's root set too,
//! and its leaf alone, where no signature is checked.
//!
//! Run with `cargo bench --bench certificates`.

#![allow(clippy::expect_used, reason = "a benchmark stops on a broken fixture")]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mta_sts_check::{CertificateOptions, check_certificates};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};

/// A root, an intermediate and a leaf for `mx.example.com`, as PEM: (chain, root).
fn chain() -> (String, String) {
    let ca = |name: &str| {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
    };
    let root_key = KeyPair::generate().expect("key");
    let root_params = ca("Bench Root");
    let root = root_params.self_signed(&root_key).expect("root");
    let intermediate_key = KeyPair::generate().expect("key");
    let intermediate_params = ca("Bench Intermediate");
    let intermediate = intermediate_params
        .signed_by(
            &intermediate_key,
            &Issuer::from_params(&root_params, &root_key),
        )
        .expect("intermediate");
    let leaf = CertificateParams::new(vec!["mx.example.com".to_owned()])
        .expect("params")
        .signed_by(
            &KeyPair::generate().expect("key"),
            &Issuer::from_params(&intermediate_params, &intermediate_key),
        )
        .expect("leaf");
    (
        format!("{}{}{}", leaf.pem(), intermediate.pem(), root.pem()),
        root.pem(),
    )
}

fn judge(c: &mut Criterion) {
    let (chain, root) = chain();
    let at = 1_800_000_000;
    let mut supplied = CertificateOptions::new("mx.example.com", at);
    supplied.builtin_roots = false;
    supplied.extra_roots = root.as_bytes();
    c.bench_function("three_certificate_chain/supplied_root", |b| {
        b.iter(|| black_box(check_certificates(black_box(chain.as_bytes()), &supplied)));
    });

    // The leaf alone, with no roots: its issuer is missing, so no signature is checked. The
    // difference to the runs above is what the two signature checks cost.
    let leaf_end = chain
        .find("-----END CERTIFICATE-----")
        .map_or(chain.len(), |at| at + 25);
    let leaf_only = chain[..leaf_end].to_owned();
    let mut nothing_to_verify = CertificateOptions::new("mx.example.com", at);
    nothing_to_verify.builtin_roots = false;
    c.bench_function(
        "three_certificate_chain/leaf_alone_no_signature_checks",
        |b| {
            b.iter(|| {
                black_box(check_certificates(
                    black_box(leaf_only.as_bytes()),
                    &nothing_to_verify,
                ))
            });
        },
    );

    let mut with_mozilla = supplied.clone();
    with_mozilla.builtin_roots = true;
    c.bench_function("three_certificate_chain/with_mozilla_roots", |b| {
        b.iter(|| {
            black_box(check_certificates(
                black_box(chain.as_bytes()),
                &with_mozilla,
            ))
        });
    });
}

criterion_group!(benches, judge);
criterion_main!(benches);
