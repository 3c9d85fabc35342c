//! How long the certificate judge takes: a three-certificate chain (leaf, intermediate, root)
//! generated once, judged against the supplied root alone and against Mozilla's root set too,
//! and its leaf alone, where no signature is checked. Then real RSA certificates from the test
//! data, each of which costs exactly one RSA signature check.
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

/// A self-signed certificate judged with no roots checks one signature, its own; a leaf judged
/// with its CA as the only root checks one too. The generated chain above is ECDSA, so these
/// are what RSA verification costs, next to `leaf_alone_no_signature_checks`.
fn judge_rsa(c: &mut Criterion) {
    let at = 1_800_000_000;
    let self_signed_4096 =
        include_str!("../tests/data/certs/cpython__selfsigned_pythontestdotnet.pem");
    let mut no_roots = CertificateOptions::new("self-signed.pythontest.net", at);
    no_roots.builtin_roots = false;
    c.bench_function("rsa/self_signed_4096_sha256", |b| {
        b.iter(|| {
            black_box(check_certificates(
                black_box(self_signed_4096.as_bytes()),
                &no_roots,
            ))
        });
    });

    let leaf_3072 = include_str!("../tests/data/certs/cpython__keycert3-localhost.cert.pem");
    let ca_3072 = include_str!("../tests/data/certs/cpython__pycacert@4b37ed8d.pem");
    let mut ca_root = CertificateOptions::new("localhost", at);
    ca_root.builtin_roots = false;
    ca_root.extra_roots = ca_3072.as_bytes();
    c.bench_function("rsa/leaf_under_3072_bit_ca_sha256", |b| {
        b.iter(|| {
            black_box(check_certificates(
                black_box(leaf_3072.as_bytes()),
                &ca_root,
            ))
        });
    });

    let self_signed_2048 = include_str!("../tests/data/certs/cpython__nullbytecert.pem");
    c.bench_function("rsa/self_signed_2048_sha1", |b| {
        b.iter(|| {
            black_box(check_certificates(
                black_box(self_signed_2048.as_bytes()),
                &no_roots,
            ))
        });
    });
}

criterion_group!(benches, judge, judge_rsa);
criterion_main!(benches);
