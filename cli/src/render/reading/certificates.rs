//! What senders make of a chain, for people: the path drawn from the leaf to its anchor or to
//! where it breaks, the name and policy patterns that cover the host, then each certificate.
//!
//! Certificates are numbered from 1 in input order, as the core's findings number them.
//! Every field comes from the certificate and is escaped before it is shown.

use mta_sts_check::{AnchorSource, CertificateCheck, CertificateSummary, ChainEnd, format_rfc3339};

use super::shown;
use crate::render::escape;
use crate::render::style::{Paint, Style};

/// The most characters of a subject or issuer shown in full: more than a value elsewhere, as
/// distinguished names are long.
const MAX_DN_CHARS: usize = 400;

/// The width of the labels in a certificate's description.
const LABEL_WIDTH: usize = 14;

/// Writes the path, the matches and each certificate, followed by no blank line.
pub(super) fn write(out: &mut String, check: &CertificateCheck, style: Style) {
    write_path(out, check, style);
    if check.certificates.is_empty() {
        return;
    }

    let label = style.paint(Paint::Bold, "matched name:");
    match &check.matched_name {
        Some(name) => out.push_str(&format!("{label} {}\n", shown(name))),
        None => out.push_str(&format!("{label} none: no DNS name covers the host\n")),
    }
    for (pattern, covers) in &check.patterns {
        let verb = if *covers { "covers" } else { "does not cover" };
        out.push_str(&format!("`mx: {}` {verb} the host\n", shown(pattern)));
    }

    for (index, certificate) in check.certificates.iter().enumerate() {
        out.push('\n');
        write_certificate(out, index, certificate, check, style);
    }
}

/// `path: [1] CN=mx.example.com → [2] CN=R11 → anchor CN=ISRG Root X1 (Mozilla)`, or the
/// steps as far as they go and why the path breaks there.
fn write_path(out: &mut String, check: &CertificateCheck, style: Style) {
    let label = style.paint(Paint::Bold, "path:");
    if check.path.is_empty() {
        out.push_str(&format!("{label} none: no certificate could be read\n"));
        return;
    }

    let steps: Vec<String> = check
        .path
        .iter()
        .map(|&index| {
            let subject = check
                .certificates
                .get(index)
                .map_or("", |certificate| certificate.subject.as_str());
            format!("[{}] {}", index + 1, shown(short_name(subject)))
        })
        .collect();
    let end = match (&check.anchor, &check.chain_end) {
        (Some(anchor), _) => {
            let source = match anchor.source {
                AnchorSource::Builtin => "Mozilla",
                AnchorSource::Supplied => "supplied",
            };
            let anchor = format!("anchor {} ({source})", shown(short_name(&anchor.subject)));
            format!(" → {}", style.paint(Paint::Pass, &anchor))
        }
        (None, end) => format!(" {}", style.paint(Paint::Error, &breaks(end, check))),
    };
    out.push_str(&format!("{label} {}{end}\n", steps.join(" → ")));
}

/// Why the path stops before a trust anchor, in a few words: the finding says the rest.
fn breaks(end: &ChainEnd, check: &CertificateCheck) -> String {
    let why = match end {
        ChainEnd::MissingIssuer { issuer } => {
            format!(
                "issuer {} not sent and not a trusted root",
                shown(short_name(issuer))
            )
        }
        ChainEnd::BadSignature { issuer } => format!(
            "{} has the issuer's name but not its key",
            shown(short_name(issuer))
        ),
        ChainEnd::UntrustedRoot if check.path.len() == 1 => {
            "self-signed, not a trusted root".to_owned()
        }
        ChainEnd::UntrustedRoot => "a root senders do not trust".to_owned(),
        ChainEnd::Unverifiable { detail } => {
            format!("signature not checked: {}", shown(detail))
        }
        ChainEnd::TooLong => "no trusted root within the path length limit".to_owned(),
        _ => "no trusted root".to_owned(),
    };
    format!("✗ breaks here: {why}")
}

/// One certificate: where it is in the path, then its fields.
fn write_certificate(
    out: &mut String,
    index: usize,
    certificate: &CertificateSummary,
    check: &CertificateCheck,
    style: Style,
) {
    let role = match certificate.position {
        None => "not in path".to_owned(),
        Some(0) => "server certificate".to_owned(),
        Some(position) if position + 1 == check.path.len() && certificate.self_issued => {
            "root".to_owned()
        }
        Some(position) => format!("intermediate {position}"),
    };
    let heading = format!("[{}] {role}", index + 1);
    out.push_str(&format!("{}\n", style.paint(Paint::Bold, &heading)));

    let names = |names: &[String]| {
        if names.is_empty() {
            "none".to_owned()
        } else {
            names
                .iter()
                .map(|name| shown(name))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut kind = Vec::new();
    if certificate.is_ca {
        kind.push("CA");
    }
    if certificate.self_issued {
        kind.push("self-issued");
    }

    let mut fields = vec![
        (
            "subject",
            escape::bounded(&certificate.subject, MAX_DN_CHARS),
        ),
        ("issuer", escape::bounded(&certificate.issuer, MAX_DN_CHARS)),
        ("DNS names", names(&certificate.dns_names)),
    ];
    if !certificate.ip_addresses.is_empty() {
        fields.push(("IP addresses", names(&certificate.ip_addresses)));
    }
    fields.extend([
        (
            "valid",
            format!(
                "{} to {}",
                format_rfc3339(certificate.not_before),
                format_rfc3339(certificate.not_after)
            ),
        ),
        ("key", shown(&certificate.key)),
        ("signature", shown(&certificate.signature_algorithm)),
        ("SHA-256", shown(&certificate.fingerprint_sha256)),
    ]);
    if !kind.is_empty() {
        fields.push(("kind", kind.join(", ")));
    }
    for (label, value) in fields {
        out.push_str(&format!("  {:LABEL_WIDTH$}{value}\n", format!("{label}:")));
    }
}

/// The common name part of a distinguished name in RFC 4514 form, such as `CN=R11` for
/// `CN=R11,O=Let's Encrypt,C=US`, else its first part; the whole name if it has one part.
fn short_name(name: &str) -> &str {
    let parts = rdns(name);
    parts
        .iter()
        .find(|part| {
            part.get(..3)
                .is_some_and(|key| key.eq_ignore_ascii_case("CN="))
        })
        .or(parts.first())
        .copied()
        .unwrap_or(name)
}

/// The parts of an RFC 4514 name, split at each comma not escaped with `\`.
fn rdns(name: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (at, character) in name.char_indices() {
        match character {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' => {
                parts.push(&name[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&name[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::short_name;

    #[test]
    fn the_short_name_is_the_common_name_or_the_first_part() {
        assert_eq!(short_name("CN=R11,O=Let's Encrypt,C=US"), "CN=R11");
        assert_eq!(short_name("EMAIL=a@b.example,CN=x\\00y,O=z"), "CN=x\\00y");
        assert_eq!(short_name("O=a\\,b,cn=c"), "cn=c");
        assert_eq!(short_name("O=a\\\\,C=XY"), "O=a\\\\");
        assert_eq!(short_name("CN=x+OU=y"), "CN=x+OU=y");
        assert_eq!(short_name(""), "");
    }
}
