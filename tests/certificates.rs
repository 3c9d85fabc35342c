//! The certificate judge on chains generated at test time with `rcgen` (one per finding, each
//! with a passing neighbour) and on the real chains copied from `shared/cases/certs`.
//!
//! Generated chains are trusted through a root passed as an extra root, with Mozilla's set
//! switched off, so that no result depends on which public roots exist.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first failure"
)]
#![allow(clippy::disallowed_methods, reason = "the test reads fixtures")]

use mta_sts_check::{
    CertificateCheck, CertificateOptions, Rule, Severity, Verdict, check_certificates,
    check_policy, parse_rfc3339,
};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, GeneralSubtree, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, NameConstraints,
};

/// The instant every generated chain is judged at.
const NOW: &str = "2026-06-01T00:00:00Z";

fn now() -> i64 {
    parse_rfc3339(NOW).expect("valid instant")
}

fn date(days_from_now: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(now() + days_from_now * 86_400).expect("in range")
}

/// A certificate authority made at test time.
struct Authority {
    params: CertificateParams,
    key: KeyPair,
    pem: String,
}

impl Authority {
    fn root(name: &str) -> Self {
        Self::make(name, None, |_| {})
    }

    fn make(name: &str, parent: Option<&Self>, tweak: impl FnOnce(&mut CertificateParams)) -> Self {
        Self::make_with_key(name, parent, KeyPair::generate().expect("key"), tweak)
    }

    fn make_with_key(
        name: &str,
        parent: Option<&Self>,
        key: KeyPair,
        tweak: impl FnOnce(&mut CertificateParams),
    ) -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.not_before = date(-365);
        params.not_after = date(3650);
        tweak(&mut params);
        let certificate = match parent {
            Some(parent) => params.signed_by(&key, &parent.issuer()).expect("signed"),
            None => params.self_signed(&key).expect("self-signed"),
        };
        Self {
            pem: certificate.pem(),
            params,
            key,
        }
    }

    fn issuer(&self) -> Issuer<'_, &KeyPair> {
        Issuer::from_params(&self.params, &self.key)
    }

    fn intermediate(&self, name: &str, tweak: impl FnOnce(&mut CertificateParams)) -> Self {
        Self::make(name, Some(self), tweak)
    }

    fn leaf_with_key(&self, names: &[&str], key: &impl rcgen::PublicKeyData) -> String {
        leaf_params(names)
            .signed_by(key, &self.issuer())
            .expect("signed")
            .pem()
    }

    fn leaf(&self, names: &[&str], tweak: impl FnOnce(&mut CertificateParams)) -> String {
        let key = KeyPair::generate().expect("key");
        let mut params = leaf_params(names);
        tweak(&mut params);
        params
            .signed_by(&key, &self.issuer())
            .expect("signed")
            .pem()
    }
}

/// The public half of an RSA key of `bits` bits, made up: only the CA signs, so no private key
/// is needed to issue a certificate for it.
struct RsaPublicKey(Vec<u8>);

impl rcgen::PublicKeyData for RsaPublicKey {
    fn der_bytes(&self) -> &[u8] {
        &self.0
    }

    fn algorithm(&self) -> &'static rcgen::SignatureAlgorithm {
        &rcgen::PKCS_RSA_SHA256
    }
}

fn rsa_public_key(bits: usize) -> RsaPublicKey {
    use der::Encode;
    use der::asn1::UintRef;

    let mut modulus = vec![0x5Au8; bits / 8];
    modulus[0] = 0xC3;
    modulus[bits / 8 - 1] = 0x01;
    let exponent = [0x01, 0x00, 0x01];
    // RSAPublicKey (RFC 8017 §A.1.1): a SEQUENCE of the modulus and the public exponent.
    let integers = [
        UintRef::new(&modulus)
            .expect("modulus")
            .to_der()
            .expect("der"),
        UintRef::new(&exponent)
            .expect("exponent")
            .to_der()
            .expect("der"),
    ]
    .concat();
    let header = der::Header::new(der::Tag::Sequence, integers.len().try_into().expect("len"));
    RsaPublicKey([header.to_der().expect("der"), integers].concat())
}

fn leaf_params(names: &[&str]) -> CertificateParams {
    let mut params =
        CertificateParams::new(names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>())
            .expect("params");
    params
        .distinguished_name
        .push(DnType::CommonName, names.first().copied().unwrap_or("leaf"));
    params.not_before = date(-30);
    params.not_after = date(60);
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params
}

/// A root, an intermediate and a leaf for `mx.example.com`.
struct Lab {
    root: Authority,
    intermediate: Authority,
}

impl Lab {
    fn new() -> Self {
        let root = Authority::root("Test Root");
        let intermediate = root.intermediate("Test Intermediate", |_| {});
        Self { root, intermediate }
    }

    fn chain(&self, leaf: &str) -> String {
        format!("{leaf}{}", self.intermediate.pem)
    }

    fn judge(&self, chain: &str, host: &str) -> CertificateCheck {
        judge_with_roots(chain, host, &self.root.pem)
    }
}

fn judge_with_roots(chain: &str, host: &str, roots: &str) -> CertificateCheck {
    let mut options = CertificateOptions::new(host, now());
    options.builtin_roots = false;
    options.extra_roots = roots.as_bytes();
    check_certificates(chain.as_bytes(), &options)
}

fn severities(check: &CertificateCheck, rule: Rule) -> Vec<Severity> {
    check
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| d.severity)
        .collect()
}

#[track_caller]
fn assert_finding(check: &CertificateCheck, rule: Rule, severity: Severity) {
    assert!(
        severities(check, rule).contains(&severity),
        "expected {rule} ({severity}) among {:#?}",
        check.diagnostics
    );
}

#[track_caller]
fn assert_no_finding(check: &CertificateCheck, rule: Rule) {
    assert!(
        severities(check, rule).is_empty(),
        "unexpected {rule} in {:#?}",
        check.diagnostics
    );
}

#[test]
fn a_good_chain_passes_and_is_summarised() {
    let lab = Lab::new();
    let check = lab.judge(
        &lab.chain(&lab.intermediate.leaf(&["mx.example.com"], |_| {})),
        "mx.example.com.",
    );
    assert_eq!(check.verdict(), Verdict::Pass, "{:#?}", check.diagnostics);
    assert_eq!(check.path, [0, 1]);
    assert_eq!(check.matched_name.as_deref(), Some("mx.example.com"));
    assert_eq!(
        check.anchor.as_ref().map(|a| a.subject.as_str()),
        Some("CN=Test Root")
    );
    assert_finding(&check, Rule::CertSuppliedRoot, Severity::Info);
    let leaf = &check.certificates[0];
    assert_eq!(leaf.key, "ECDSA P-256");
    assert_eq!(leaf.signature_algorithm, "ecdsa-with-SHA256");
    assert_eq!(leaf.position, Some(0));
    assert_eq!(leaf.fingerprint_sha256.len(), 95);

    // A root sent along with the chain is part of the path, and its own dates do not count.
    let with_root = format!(
        "{}{}",
        lab.chain(&lab.intermediate.leaf(&["mx.example.com"], |_| {})),
        lab.root.pem
    );
    let check = lab.judge(&with_root, "mx.example.com");
    assert_eq!(check.path, [0, 1, 2]);
    assert_no_finding(&check, Rule::CertUnrelated);
    assert_eq!(check.verdict(), Verdict::Pass, "{:#?}", check.diagnostics);
}

#[test]
fn names_are_matched_as_mta_sts_requires() {
    let lab = Lab::new();
    let exact = lab.chain(&lab.intermediate.leaf(&["mx.example.com"], |_| {}));
    let check = lab.judge(&exact, "bad host\u{1b}");
    assert_finding(&check, Rule::CertNameMismatch, Severity::Error);
    assert!(
        check
            .diagnostics
            .iter()
            .all(|d| !d.message.contains('\u{1b}'))
    );
    assert_finding(
        &lab.judge(&exact, "other.example.com"),
        Rule::CertNameMismatch,
        Severity::Error,
    );

    let wildcard = lab.chain(&lab.intermediate.leaf(&["*.example.com"], |_| {}));
    assert_no_finding(&lab.judge(&wildcard, "mx.example.com"), Rule::CertWildcard);
    assert_finding(
        &lab.judge(&wildcard, "example.com"),
        Rule::CertWildcard,
        Severity::Error,
    );
    assert_finding(
        &lab.judge(&wildcard, "a.mx.example.com"),
        Rule::CertWildcard,
        Severity::Error,
    );

    let common_name_only = lab.chain(&lab.intermediate.leaf(&["other.example"], |params| {
        params
            .distinguished_name
            .push(DnType::CommonName, "mx.example.com");
    }));
    let check = lab.judge(&common_name_only, "mx.example.com");
    assert_finding(&check, Rule::CertCommonNameOnly, Severity::Error);

    let no_san = lab.chain(&lab.intermediate.leaf(&[], |params| {
        params
            .distinguished_name
            .push(DnType::CommonName, "mx.example.com");
    }));
    let check = lab.judge(&no_san, "mx.example.com");
    assert_finding(&check, Rule::CertNameMismatch, Severity::Error);
    assert_no_finding(&check, Rule::CertCommonNameOnly);
}

#[test]
fn dates_are_judged_at_the_given_instant() {
    let lab = Lab::new();
    let with_dates = |from: i64, to: i64| {
        lab.chain(&lab.intermediate.leaf(&["mx.example.com"], |params| {
            params.not_before = date(from);
            params.not_after = date(to);
        }))
    };
    let check = lab.judge(&with_dates(-90, -1), "mx.example.com");
    assert_finding(&check, Rule::CertValidity, Severity::Error);
    let check = lab.judge(&with_dates(2, 90), "mx.example.com");
    assert_finding(&check, Rule::CertValidity, Severity::Error);
    assert_finding(
        &lab.judge(&with_dates(-90, 10), "mx.example.com"),
        Rule::CertExpiresSoon,
        Severity::Warning,
    );
    assert_finding(
        &lab.judge(&with_dates(-90, 20), "mx.example.com"),
        Rule::CertExpiresSoon,
        Severity::Info,
    );
    let fine = lab.judge(&with_dates(-90, 60), "mx.example.com");
    assert_no_finding(&fine, Rule::CertExpiresSoon);
    assert_no_finding(&fine, Rule::CertValidity);

    let mut options = CertificateOptions::new("mx.example.com", now());
    options.builtin_roots = false;
    options.extra_roots = lab.root.pem.as_bytes();
    options.warn_days = 70;
    let check = check_certificates(with_dates(-90, 60).as_bytes(), &options);
    assert_finding(&check, Rule::CertExpiresSoon, Severity::Warning);
}

#[test]
fn each_break_in_the_chain_is_named() {
    let lab = Lab::new();
    let leaf = lab.intermediate.leaf(&["mx.example.com"], |_| {});

    let missing = lab.judge(&leaf, "mx.example.com");
    assert_eq!(
        missing.chain_end,
        mta_sts_check::ChainEnd::MissingIssuer {
            issuer: "CN=Test Intermediate".to_owned()
        }
    );
    assert_finding(&missing, Rule::CertMissingIntermediate, Severity::Error);
    assert!(
        missing
            .diagnostics
            .iter()
            .any(|d| d.message.contains("Test Intermediate"))
    );

    let untrusted = judge_with_roots(
        &format!("{}{}", lab.chain(&leaf), lab.root.pem),
        "mx.example.com",
        "",
    );
    assert_finding(&untrusted, Rule::CertUntrusted, Severity::Error);
    assert_no_finding(&untrusted, Rule::CertMissingIntermediate);

    let impostor = Authority::make("Test Intermediate", Some(&lab.root), |_| {});
    let forged = lab.judge(&format!("{leaf}{}", impostor.pem), "mx.example.com");
    assert_finding(&forged, Rule::CertBadSignature, Severity::Error);

    let self_signed_key = KeyPair::generate().expect("key");
    let self_signed = leaf_params(&["mx.example.com"])
        .self_signed(&self_signed_key)
        .expect("cert");
    let check = lab.judge(&self_signed.pem(), "mx.example.com");
    assert_finding(&check, Rule::CertSelfSignedLeaf, Severity::Error);
    assert_no_finding(
        &lab.judge(&lab.chain(&leaf), "mx.example.com"),
        Rule::CertSelfSignedLeaf,
    );
}

#[test]
fn order_and_unrelated_certificates_are_pointed_out() {
    let lab = Lab::new();
    let leaf = lab.intermediate.leaf(&["mx.example.com"], |_| {});
    let reversed = lab.judge(&format!("{}{leaf}", lab.intermediate.pem), "mx.example.com");
    assert_finding(&reversed, Rule::CertOrder, Severity::Info);
    assert_eq!(reversed.path, [1, 0]);
    assert_eq!(reversed.verdict(), Verdict::Pass);
    assert_no_finding(
        &lab.judge(&lab.chain(&leaf), "mx.example.com"),
        Rule::CertOrder,
    );

    let stranger = Authority::root("Unrelated Root");
    let extra = lab.judge(
        &format!("{}{}", lab.chain(&leaf), stranger.pem),
        "mx.example.com",
    );
    assert_finding(&extra, Rule::CertUnrelated, Severity::Info);
    assert_eq!(extra.certificates[2].position, None);
}

#[test]
fn constraints_on_the_path_are_enforced() {
    let lab = Lab::new();
    let ca_leaf = lab.intermediate.leaf(&["mx.example.com"], |params| {
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    });
    assert_finding(
        &lab.judge(&lab.chain(&ca_leaf), "mx.example.com"),
        Rule::CertCaAsLeaf,
        Severity::Error,
    );

    let not_ca = lab
        .root
        .intermediate("Not A CA", |params| params.is_ca = IsCa::ExplicitNoCa);
    let check = lab.judge(
        &format!("{}{}", not_ca.leaf(&["mx.example.com"], |_| {}), not_ca.pem),
        "mx.example.com",
    );
    assert_finding(&check, Rule::CertNotCa, Severity::Error);

    let short_root = Authority::make("Short Root", None, |params| {
        params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    });
    let below = short_root.intermediate("Too Deep", |_| {});
    let check = judge_with_roots(
        &format!("{}{}", below.leaf(&["mx.example.com"], |_| {}), below.pem),
        "mx.example.com",
        &short_root.pem,
    );
    assert!(
        check.diagnostics.iter().all(|d| d.rule != Rule::CertNotCa),
        "{:#?}",
        check.diagnostics
    );

    let no_sign = lab.root.intermediate("No Signing", |params| {
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    });
    let check = lab.judge(
        &format!(
            "{}{}",
            no_sign.leaf(&["mx.example.com"], |_| {}),
            no_sign.pem
        ),
        "mx.example.com",
    );
    assert_finding(&check, Rule::CertKeyUsage, Severity::Error);

    let client_only = lab.intermediate.leaf(&["mx.example.com"], |params| {
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    });
    assert_finding(
        &lab.judge(&lab.chain(&client_only), "mx.example.com"),
        Rule::CertExtendedKeyUsage,
        Severity::Error,
    );

    let constrained = lab.root.intermediate("Constrained", |params| {
        params.name_constraints = Some(NameConstraints {
            permitted_subtrees: vec![GeneralSubtree::DnsName("example.org".into())],
            excluded_subtrees: Vec::new(),
        });
    });
    let outside = format!(
        "{}{}",
        constrained.leaf(&["mx.example.com"], |_| {}),
        constrained.pem
    );
    assert_finding(
        &lab.judge(&outside, "mx.example.com"),
        Rule::CertNameConstraints,
        Severity::Error,
    );
    let inside = format!(
        "{}{}",
        constrained.leaf(&["mx.example.org"], |_| {}),
        constrained.pem
    );
    assert_no_finding(
        &lab.judge(&inside, "mx.example.org"),
        Rule::CertNameConstraints,
    );
}

#[test]
fn a_path_length_limit_is_enforced() {
    let root = Authority::make("Short Root", None, |params| {
        params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    });
    let first = root.intermediate("First", |_| {});
    let second = first.intermediate("Second", |_| {});
    let chain = format!(
        "{}{}{}",
        second.leaf(&["mx.example.com"], |_| {}),
        second.pem,
        first.pem
    );
    let check = judge_with_roots(&chain, "mx.example.com", &root.pem);
    assert!(check.anchor.is_some(), "{:#?}", check.diagnostics);
    // The supplied root is the anchor, outside the path: the limit of `First` (none) applies.
    assert_no_finding(&check, Rule::CertNotCa);

    let limited = root.intermediate("Limited", |params| {
        params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    });
    let below = limited.intermediate("Below", |_| {});
    let chain = format!(
        "{}{}{}",
        below.leaf(&["mx.example.com"], |_| {}),
        below.pem,
        limited.pem
    );
    assert_finding(
        &judge_with_roots(&chain, "mx.example.com", &root.pem),
        Rule::CertNotCa,
        Severity::Error,
    );
}

#[test]
fn strength_and_algorithms_are_judged() {
    let lab = Lab::new();
    let ed_root = Authority::make_with_key(
        "Ed Root",
        None,
        KeyPair::generate_for(&rcgen::PKCS_ED25519).expect("key"),
        |_| {},
    );
    let check = judge_with_roots(
        &ed_root.leaf(&["mx.example.com"], |_| {}),
        "mx.example.com",
        &ed_root.pem,
    );
    assert_finding(&check, Rule::CertUnknownAlgorithm, Severity::Warning);
    assert_eq!(check.verdict(), Verdict::Warn, "{:#?}", check.diagnostics);

    let weak = lab
        .intermediate
        .leaf_with_key(&["mx.example.com"], &rsa_public_key(1024));
    assert_finding(
        &lab.judge(&lab.chain(&weak), "mx.example.com"),
        Rule::CertWeakKey,
        Severity::Error,
    );
    let strong = lab
        .intermediate
        .leaf_with_key(&["mx.example.com"], &rsa_public_key(2048));
    let check = lab.judge(&lab.chain(&strong), "mx.example.com");
    assert_no_finding(&check, Rule::CertWeakKey);
    assert_eq!(check.certificates[0].key, "RSA 2048 bits");

    let real_sha1 = std::fs::read("tests/data/certs/cpython__nullbytecert.pem").expect("fixture");
    let check = check_certificates(&real_sha1, &CertificateOptions::new("x.example", now()));
    assert_finding(&check, Rule::CertWeakSignature, Severity::Error);
    assert_no_finding(
        &lab.judge(
            &lab.chain(&lab.intermediate.leaf(&["mx.example.com"], |_| {})),
            "mx.example.com",
        ),
        Rule::CertWeakSignature,
    );
}

/// A 2048-bit RSA key from `scripts/gen-rsa-vectors.py`, published for tests: ring, which signs
/// for rcgen, can sign with RSA keys but cannot make them.
const TEST_CA_RSA_KEY: &str = include_str!("data/rsa/test-ca-rsa-2048.pk8.pem");

#[test]
fn rsa_signatures_are_verified_with_each_hash() {
    use mta_sts_check::ChainEnd;

    for algorithm in [
        &rcgen::PKCS_RSA_SHA256,
        &rcgen::PKCS_RSA_SHA384,
        &rcgen::PKCS_RSA_SHA512,
    ] {
        let key = KeyPair::from_pkcs8_pem_and_sign_algo(TEST_CA_RSA_KEY, algorithm).expect("key");
        let root = Authority::make_with_key("RSA Root", None, key, |_| {});
        let leaf = root.leaf(&["mx.example.com"], |_| {});
        let check = judge_with_roots(&leaf, "mx.example.com", &root.pem);
        assert_eq!(check.chain_end, ChainEnd::Trusted, "{algorithm:?}");
        assert_eq!(check.verdict(), Verdict::Pass, "{:#?}", check.diagnostics);
        assert_eq!(check.certificates[0].key, "ECDSA P-256");

        // The root alone: its self-signature is checked, as no root is trusted.
        let check = judge_with_roots(&root.pem, "mx.example.com", "");
        assert_eq!(check.chain_end, ChainEnd::UntrustedRoot, "{algorithm:?}");
        assert_eq!(check.certificates[0].key, "RSA 2048 bits");

        // The signature is the last field of a certificate: flip its last bit.
        let mut forged = pem_to_der(&leaf);
        *forged.last_mut().expect("bytes") ^= 1;
        let check = judge_with_roots(&mta_sts_check::to_pem(&forged), "mx.example.com", &root.pem);
        assert_eq!(
            check.chain_end,
            ChainEnd::BadSignature {
                issuer: "CN=RSA Root".to_owned()
            },
            "{algorithm:?}"
        );
        assert_finding(&check, Rule::CertBadSignature, Severity::Error);
    }
}

#[test]
fn a_policy_says_which_patterns_cover_the_host() {
    let lab = Lab::new();
    let chain = lab.chain(&lab.intermediate.leaf(&["mx.example.com"], |_| {}));
    let policy =
        check_policy(b"version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 604800\n");
    let mut options = CertificateOptions::new("mx.example.com", now());
    options.builtin_roots = false;
    options.extra_roots = lab.root.pem.as_bytes();
    options.policy = Some(&policy);
    let check = check_certificates(chain.as_bytes(), &options);
    assert_finding(&check, Rule::CertPolicyPatterns, Severity::Info);
    assert_eq!(check.patterns, [("*.example.com".to_owned(), true)]);

    let elsewhere =
        check_policy(b"version: STSv1\nmode: enforce\nmx: mail.example.net\nmax_age: 604800\n");
    options.policy = Some(&elsewhere);
    let check = check_certificates(chain.as_bytes(), &options);
    assert_finding(&check, Rule::MxNotCovered, Severity::Error);
    assert_no_finding(&check, Rule::CertPolicyPatterns);
}

#[test]
fn certificates_that_sign_each_other_end_in_bounded_time() {
    let key_a = KeyPair::generate().expect("key");
    let key_b = KeyPair::generate().expect("key");
    let mut params_a = CertificateParams::new(Vec::<String>::new()).expect("params");
    params_a
        .distinguished_name
        .push(DnType::CommonName, "Loop A");
    params_a.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let mut params_b = params_a.clone();
    params_b.distinguished_name = rcgen::DistinguishedName::new();
    params_b
        .distinguished_name
        .push(DnType::CommonName, "Loop B");
    let a = params_a
        .signed_by(&key_a, &Issuer::from_params(&params_b, &key_b))
        .expect("a");
    let b = params_b
        .signed_by(&key_b, &Issuer::from_params(&params_a, &key_a))
        .expect("b");
    let leaf = leaf_params(&["mx.example.com"])
        .signed_by(
            &KeyPair::generate().expect("key"),
            &Issuer::from_params(&params_a, &key_a),
        )
        .expect("leaf");
    let chain = format!("{}{}{}", leaf.pem(), a.pem(), b.pem());
    let check = judge_with_roots(&chain, "mx.example.com", "");
    assert_eq!(check.verdict(), Verdict::Fail);
    assert!(check.path.len() <= 3, "{:?}", check.path);
}

#[test]
fn unreadable_input_is_reported_where_it_is() {
    let options = CertificateOptions::new("mx.example.com", now());
    let check = check_certificates(b"hello", &options);
    assert_finding(&check, Rule::CertUnreadable, Severity::Error);

    let bad_base64 = b"x\n-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n";
    let check = check_certificates(bad_base64, &options);
    let finding = check
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::CertUnreadable)
        .expect("one");
    assert_eq!(finding.span.map(|s| (s.start, s.line)), Some((2, 2)));

    let lab = Lab::new();
    let pem = lab.intermediate.leaf(&["mx.example.com"], |_| {});
    let full = pem_to_der(&pem);
    let check = check_certificates(&full[..full.len() / 2], &options);
    assert_finding(&check, Rule::CertUnreadable, Severity::Error);
    let check = check_certificates(&full, &options);
    assert_no_finding(&check, Rule::CertUnreadable);
}

#[test]
fn oversized_input_is_refused_with_its_limit() {
    let options = CertificateOptions::new("mx.example.com", now());
    let check = check_certificates(&vec![b'A'; 5 * 1024 * 1024], &options);
    assert_finding(&check, Rule::InputTooLarge, Severity::Error);

    let lab = Lab::new();
    let many = lab.intermediate.pem.repeat(1_000);
    assert!(many.len() < 1024 * 1024, "{} bytes", many.len());
    let check = check_certificates(many.as_bytes(), &options);
    assert_finding(&check, Rule::InputTooLarge, Severity::Error);
}

fn pem_to_der(pem: &str) -> Vec<u8> {
    use base64ct::Encoding;
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    base64ct::Base64::decode_vec(&body).expect("base64")
}
