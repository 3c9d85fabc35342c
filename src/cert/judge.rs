//! The steps of judging a chain: read the certificates, pick the leaf, build the path, then check
//! the name, the dates, the path's end, each certificate's constraints and strength, and the
//! policy's patterns.

use std::borrow::Cow;

use super::anchors::{self, Anchor, AnchorSource};
use super::decode::{self, DecodeProblem, MAX_CERTIFICATE_INPUT_BYTES, MAX_CERTIFICATES};
use super::hostname::{self, NameMatch};
use super::parsed::{self, Parsed};
use super::path::{self, PathEnd};
use super::{AnchorSummary, CertificateCheck, CertificateOptions, CertificateSummary, ChainEnd};
use crate::diagnostic::{Diagnostic, Severity, Sink};
use crate::mx::{MxSet, check_mx};
use crate::rule::Rule;
use crate::time::format_rfc3339;

/// The input number of the extra roots in findings about them.
const ROOTS_INPUT: usize = 1;

/// Judges the certificates in `input` for `options.host` at `options.at`.
pub fn check_certificates(input: &[u8], options: &CertificateOptions<'_>) -> CertificateCheck {
    let mut sink = Sink::new(0, input);
    let mut check = CertificateCheck {
        certificates: Vec::new(),
        path: Vec::new(),
        anchor: None,
        chain_end: ChainEnd::NoCertificate,
        matched_name: None,
        patterns: Vec::new(),
        diagnostics: Vec::new(),
    };
    if input.len() > MAX_CERTIFICATE_INPUT_BYTES {
        sink.push(
            Rule::InputTooLarge,
            Severity::Error,
            None,
            format!(
                "the input is {} bytes long; the checker reads at most \
                 {MAX_CERTIFICATE_INPUT_BYTES} bytes of certificates",
                input.len()
            ),
        );
        check.diagnostics = sink.finish();
        return check;
    }

    let certificates = read(input, &mut sink);
    let mut roots_sink = Sink::new(ROOTS_INPUT, options.extra_roots);
    let roots = if options.extra_roots.is_empty() {
        Vec::new()
    } else {
        read(options.extra_roots, &mut roots_sink)
    };
    let anchors = anchors::anchors(options.builtin_roots, &roots);

    if let Some(leaf) = pick_leaf(&certificates, options.host) {
        let path = path::build(leaf, &certificates, &anchors);
        let mut judge = Judge {
            certificates: &certificates,
            anchors: &anchors,
            options,
            sink,
        };
        judge.name(leaf, &mut check);
        judge.dates(&path.certificates);
        judge.path_end(&path, &mut check);
        judge.order_and_extras(&path.certificates);
        judge.constraints(&path.certificates, &path.end);
        judge.strength(&path.certificates);
        judge.policy(&mut check);
        check.path = path.certificates;
        sink = judge.sink;
    }

    check.certificates = certificates
        .iter()
        .enumerate()
        .map(|(index, certificate)| {
            summary(certificate, check.path.iter().position(|&i| i == index))
        })
        .collect();
    check.diagnostics = sink.finish();
    check.diagnostics.extend(roots_sink.finish());
    check
}

/// Decodes and parses every certificate in `input`, reporting what cannot be read.
fn read(input: &[u8], sink: &mut Sink<'_>) -> Vec<Parsed> {
    let (encoded, problems) = decode::decode(input);
    for problem in problems {
        let (rule, range, message) = match problem {
            DecodeProblem::NotACertificate => (
                Rule::CertUnreadable,
                None,
                "no certificate found: the text holds no `-----BEGIN CERTIFICATE-----` block and \
                 is not DER"
                    .to_owned(),
            ),
            DecodeProblem::UnterminatedBlock { range } => (
                Rule::CertUnreadable,
                Some(range),
                "a `-----BEGIN CERTIFICATE-----` line has no matching END line".to_owned(),
            ),
            DecodeProblem::Base64 { range } => (
                Rule::CertUnreadable,
                Some(range),
                "the text of this PEM block is not valid base64".to_owned(),
            ),
            DecodeProblem::TooMany { count } => (
                Rule::InputTooLarge,
                None,
                format!(
                    "{count} certificates were given; only the first {MAX_CERTIFICATES} are read"
                ),
            ),
        };
        sink.push(rule, Severity::Error, range, message);
    }
    let mut parsed = Vec::new();
    for (number, certificate) in encoded.into_iter().enumerate() {
        match parsed::parse(&certificate.der, certificate.range.clone()) {
            Ok(one) => parsed.push(one),
            Err(error) => sink.push(
                Rule::CertUnreadable,
                Severity::Error,
                Some(certificate.range),
                format!("certificate {} is {}", number + 1, error.detail),
            ),
        }
    }
    parsed
}

/// The leaf: a certificate that issued none of the others, preferring one that is not a CA and
/// one valid for the host, then the first given.
fn pick_leaf(certificates: &[Parsed], host: &str) -> Option<usize> {
    let issues_another = |index: usize| {
        certificates.iter().enumerate().any(|(other, certificate)| {
            other != index
                && certificate.issuer_der == certificates[index].subject_der
                && !certificate.is_self_issued()
        })
    };
    let candidates: Vec<usize> = (0..certificates.len())
        .filter(|&i| !issues_another(i))
        .collect();
    let matches_host = |&index: &usize| {
        let certificate = &certificates[index];
        matches!(
            hostname::match_host(host, &certificate.dns_names, &[]),
            NameMatch::Matched(_)
        )
    };
    candidates
        .iter()
        .copied()
        .find(|index| matches_host(index) && !certificates[*index].is_ca())
        .or_else(|| {
            candidates
                .iter()
                .copied()
                .find(|&index| !certificates[index].is_ca())
        })
        .or_else(|| candidates.first().copied())
        .or_else(|| (!certificates.is_empty()).then_some(0))
}

mod constraints;

struct Judge<'a> {
    certificates: &'a [Parsed],
    anchors: &'a [Cow<'a, Anchor>],
    options: &'a CertificateOptions<'a>,
    sink: Sink<'a>,
}

impl Judge<'_> {
    /// Whether `certificate` is one of the trust anchors (same name and key).
    fn is_anchor(&self, certificate: &Parsed) -> bool {
        self.anchors.iter().any(|anchor| {
            anchor.subject_der == certificate.subject_der && anchor.spki_der == certificate.spki_der
        })
    }

    fn name(&mut self, leaf: usize, check: &mut CertificateCheck) {
        let certificate = &self.certificates[leaf];
        let host = hostname::reference_name(self.options.host);
        let range = Some(certificate.range.clone());
        for name in certificate
            .dns_names
            .iter()
            .filter(|n| n.chars().any(char::is_control))
        {
            self.sink.push(
                Rule::CertControlCharacterInName,
                Severity::Error,
                range.clone(),
                format!(
                    "the DNS name `{}` contains a control character",
                    name.escape_debug()
                ),
            );
        }
        if let Err(error) = crate::domain::check_domain(&host) {
            self.sink.push(
                Rule::CertNameMismatch,
                Severity::Error,
                None,
                format!(
                    "`{}` is not a host name ({error}), so no certificate is valid for it",
                    self.options.host.escape_debug()
                ),
            );
            return;
        }
        let unmatched =
            match hostname::match_host(&host, &certificate.dns_names, &certificate.common_names) {
                NameMatch::Matched(name) => {
                    check.matched_name = Some(name);
                    return;
                }
                NameMatch::Unmatched(unmatched) => unmatched,
            };

        if let Some(wildcard) = unmatched
            .wildcard_for_base
            .as_ref()
            .or(unmatched.too_deep_wildcard.as_ref())
            .or(unmatched.partial_wildcard.as_ref())
        {
            let why = if unmatched.partial_wildcard.as_ref() == Some(wildcard) {
                "a wildcard inside a label is not accepted by MTA-STS"
            } else if unmatched.wildcard_for_base.as_ref() == Some(wildcard) {
                "a wildcard never covers the name it is attached to"
            } else {
                "a wildcard covers exactly one label"
            };
            self.sink.push(
                Rule::CertWildcard,
                Severity::Error,
                range,
                format!(
                    "`{}` does not cover `{host}`: {why}",
                    wildcard.escape_debug()
                ),
            );
            return;
        }
        if unmatched.common_name_matches {
            // Without a SAN extension the certificate has no DNS-ID at all (STS-CERT-002); with
            // one, the common name is ignored because DNS-IDs are present (STS-CERT-004).
            let rule = if certificate.has_san_extension {
                Rule::CertCommonNameOnly
            } else {
                Rule::CertNameMismatch
            };
            self.sink.push(
                rule,
                Severity::Error,
                range,
                format!(
                    "`{host}` appears only in the common name; MTA-STS checks subject \
                     alternative names only{}",
                    if certificate.has_san_extension {
                        ""
                    } else {
                        " (the certificate has none)"
                    }
                ),
            );
            return;
        }
        let offered = if certificate.dns_names.is_empty() {
            "the certificate has no DNS names".to_owned()
        } else {
            format!("it names {}", list(&certificate.dns_names, 5))
        };
        self.sink.push(
            Rule::CertNameMismatch,
            Severity::Error,
            range,
            format!("the certificate is not valid for `{host}`: {offered}"),
        );
    }

    fn dates(&mut self, path: &[usize]) {
        let at = self.options.at;
        for (position, &index) in path.iter().enumerate() {
            let certificate = &self.certificates[index];
            // A trust anchor's own dates do not matter: it is trusted as a name and a key.
            if self.is_anchor(certificate) {
                continue;
            }
            let which = describe_position(position);
            let range = Some(certificate.range.clone());
            if at < certificate.not_before {
                self.sink.push(
                    Rule::CertValidity,
                    Severity::Error,
                    range,
                    format!(
                        "the {which} is not valid until {}",
                        format_rfc3339(certificate.not_before)
                    ),
                );
            } else if at > certificate.not_after {
                self.sink.push(
                    Rule::CertValidity,
                    Severity::Error,
                    range,
                    format!(
                        "the {which} expired at {}",
                        format_rfc3339(certificate.not_after)
                    ),
                );
            } else {
                let left = certificate.not_after - at;
                let days = left / 86_400;
                let severity = if left < i64::from(self.options.warn_days) * 86_400 {
                    Some(Severity::Warning)
                } else if left < i64::from(self.options.info_days) * 86_400 {
                    Some(Severity::Info)
                } else {
                    None
                };
                if let Some(severity) = severity {
                    self.sink.push(
                        Rule::CertExpiresSoon,
                        severity,
                        range,
                        format!(
                            "the {which} expires in {days} days, at {}",
                            format_rfc3339(certificate.not_after)
                        ),
                    );
                }
            }
        }
    }

    fn path_end(&mut self, path: &path::Path, check: &mut CertificateCheck) {
        let Some(&last) = path.certificates.last() else {
            return;
        };
        let certificate = &self.certificates[last];
        let range = Some(certificate.range.clone());
        check.chain_end = match &path.end {
            PathEnd::Anchor(_) => ChainEnd::Trusted,
            PathEnd::UntrustedRoot => ChainEnd::UntrustedRoot,
            PathEnd::MissingIssuer => ChainEnd::MissingIssuer {
                issuer: certificate.issuer.clone(),
            },
            PathEnd::BadSignature { issuer } => ChainEnd::BadSignature {
                issuer: issuer.clone(),
            },
            PathEnd::Unverifiable { detail } => ChainEnd::Unverifiable {
                detail: detail.clone(),
            },
            PathEnd::TooLong => ChainEnd::TooLong,
        };
        match &path.end {
            PathEnd::Anchor(index) => {
                let anchor = &self.anchors[*index];
                check.anchor = Some(AnchorSummary {
                    subject: anchor.subject.clone(),
                    source: anchor.source,
                });
                if anchor.source == AnchorSource::Supplied {
                    self.sink.push(
                        Rule::CertSuppliedRoot,
                        Severity::Info,
                        None,
                        format!(
                            "the chain ends at `{}`, a root you supplied",
                            anchor.subject
                        ),
                    );
                }
            }
            PathEnd::UntrustedRoot if path.certificates.len() == 1 => self.sink.push(
                Rule::CertSelfSignedLeaf,
                Severity::Error,
                range,
                format!("the certificate `{}` is self-signed", certificate.subject),
            ),
            PathEnd::UntrustedRoot => self.sink.push(
                Rule::CertUntrusted,
                Severity::Error,
                range,
                format!(
                    "the chain ends at `{}`, a root senders do not trust",
                    certificate.subject
                ),
            ),
            PathEnd::MissingIssuer => self.sink.push(
                Rule::CertMissingIntermediate,
                Severity::Error,
                range,
                format!(
                    "the issuer of `{}` is missing: `{}` was not sent and is not a trusted root",
                    certificate.subject, certificate.issuer
                ),
            ),
            PathEnd::BadSignature { issuer } => self.sink.push(
                Rule::CertBadSignature,
                Severity::Error,
                range,
                format!(
                    "`{issuer}` has the issuer's name, but its key does not verify the signature \
                     on `{}`",
                    certificate.subject
                ),
            ),
            PathEnd::Unverifiable { detail } => self.sink.push(
                Rule::CertUnknownAlgorithm,
                Severity::Warning,
                range,
                format!(
                    "the signature on `{}` could not be checked: {detail}",
                    certificate.subject
                ),
            ),
            PathEnd::TooLong => self.sink.push(
                Rule::CertUntrusted,
                Severity::Error,
                range,
                "no path to a trusted root within 8 certificates".to_owned(),
            ),
        }
    }

    fn order_and_extras(&mut self, path: &[usize]) {
        let in_order = path
            .iter()
            .enumerate()
            .all(|(position, &index)| position == index);
        if !in_order {
            let order: Vec<String> = path.iter().map(|index| (index + 1).to_string()).collect();
            self.sink.push(
                Rule::CertOrder,
                Severity::Info,
                None,
                format!(
                    "the certificates are not in leaf-to-root order; the path uses them as {}",
                    order.join(", ")
                ),
            );
        }
        for (index, certificate) in self.certificates.iter().enumerate() {
            if !path.contains(&index) {
                self.sink.push(
                    Rule::CertUnrelated,
                    Severity::Info,
                    Some(certificate.range.clone()),
                    format!(
                        "certificate {} (`{}`) is not part of the chain",
                        index + 1,
                        certificate.subject
                    ),
                );
            }
        }
    }

    fn strength(&mut self, path: &[usize]) {
        for (position, &index) in path.iter().enumerate() {
            let certificate = &self.certificates[index];
            let which = describe_position(position);
            let range = Some(certificate.range.clone());
            let is_anchor = self.is_anchor(certificate);
            if let super::algorithm::KeyKind::Rsa { bits } = certificate.key
                && bits < 2048
            {
                self.sink.push(
                    Rule::CertWeakKey,
                    Severity::Error,
                    range.clone(),
                    format!("the {which} has an RSA key of {bits} bits"),
                );
            }
            if let super::algorithm::KeyKind::Other(kind) = &certificate.key {
                self.sink.push(
                    Rule::CertUnknownAlgorithm,
                    Severity::Warning,
                    range.clone(),
                    format!("the {which} has a key of unknown type {kind}"),
                );
            }
            if is_anchor {
                continue;
            }
            if let Some(hash) = certificate.signature_algorithm.weak_hash() {
                self.sink.push(
                    Rule::CertWeakSignature,
                    Severity::Error,
                    range,
                    format!(
                        "the {which} is signed with {hash} ({})",
                        certificate.signature_algorithm.name()
                    ),
                );
            }
        }
    }

    fn policy(&mut self, check: &mut CertificateCheck) {
        let Some(policy_check) = self.options.policy else {
            return;
        };
        let Some(policy) = &policy_check.policy else {
            return;
        };
        let host = hostname::reference_name(self.options.host);
        check.patterns = policy
            .mx
            .iter()
            .map(|pattern| (pattern.to_string(), pattern.matches(&host)))
            .collect();
        let covering: Vec<&str> = check
            .patterns
            .iter()
            .filter(|(_, covers)| *covers)
            .map(|(p, _)| p.as_str())
            .collect();
        let mx = check_mx(
            policy_check,
            &MxSet::Hosts(vec![self.options.host.to_owned()]),
        );
        let uncovered = mx.diagnostics.iter().any(|d| d.rule == Rule::MxNotCovered);
        let mut diagnostics: Vec<Diagnostic> = mx
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == Rule::MxNotCovered || d.rule == Rule::MxULabel)
            .collect();
        if !uncovered {
            let valid = if check.matched_name.is_some() {
                "is"
            } else {
                "is not"
            };
            diagnostics.push(Diagnostic::new(
                Rule::CertPolicyPatterns,
                Severity::Info,
                format!(
                    "`{host}` is covered by {}, and the certificate {valid} valid for it",
                    covering
                        .iter()
                        .map(|p| format!("`mx: {p}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        for diagnostic in diagnostics {
            self.sink.push_with_help(
                diagnostic.rule,
                diagnostic.severity,
                None,
                diagnostic.message,
                diagnostic.help,
            );
        }
    }
}

fn describe_position(position: usize) -> String {
    match position {
        0 => "server certificate".to_owned(),
        n => format!("intermediate certificate {n}"),
    }
}

fn list(names: &[String], limit: usize) -> String {
    let mut shown: Vec<String> = names
        .iter()
        .take(limit)
        .map(|name| format!("`{}`", name.escape_debug()))
        .collect();
    if names.len() > limit {
        shown.push(format!("and {} more", names.len() - limit));
    }
    shown.join(", ")
}

fn summary(certificate: &Parsed, position: Option<usize>) -> CertificateSummary {
    CertificateSummary {
        subject: certificate.subject.clone(),
        issuer: certificate.issuer.clone(),
        dns_names: certificate.dns_names.clone(),
        ip_addresses: certificate.ip_addresses.clone(),
        not_before: certificate.not_before,
        not_after: certificate.not_after,
        key: certificate.key.describe(),
        signature_algorithm: certificate.signature_algorithm.name(),
        fingerprint_sha256: certificate.fingerprint.clone(),
        position,
        is_ca: certificate.is_ca(),
        self_issued: certificate.is_self_issued(),
        start: certificate.range.start,
        end: certificate.range.end,
    }
}
