//! The rule catalogue: every rule the core emits, and every requirement of
//! `shared/spec/rules.md` that it does not check yet, with the reason.
//!
//! `docs/RULES.md` is [`render_catalogue`]'s output; a test fails when the file, the code and the
//! specification disagree.

use crate::rule::Rule;

/// A requirement from the specification that the core does not check, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotImplemented {
    /// The id in `shared/spec/rules.md`.
    pub id: &'static str,
    /// Why it is not checked.
    pub reason: &'static str,
}

/// Requirements that no code emits: from the record, policy, MX, certificate, fetch, SMTP and
/// report sections, each with the reason.
pub const NOT_IMPLEMENTED: &[NotImplemented] = &[
    NotImplemented {
        id: "STS-MX-010",
        reason: "needs to know whether an MX target is a CNAME, which takes a DNS lookup that no \
                 domain check passes in yet",
    },
    NotImplemented {
        id: "STS-CERT-001",
        reason: "reported as STS-SMTP-002 (no STARTTLS in the EHLO reply) and STS-SMTP-003 \
                 (STARTTLS refused), with the mode-dependent severity this row asks for",
    },
    NotImplemented {
        id: "STS-CERT-008",
        reason: "revocation needs OCSP or CRL fetches; the certificate judge works offline on \
                 the chain it is given",
    },
    NotImplemented {
        id: "STS-CERT-010",
        reason: "needs a probe that connects with and without SNI",
    },
    NotImplemented {
        id: "STS-CERT-011",
        reason: "not a finding of its own: the domain check probes every address of every MX \
                 host and reports each address's findings under its own subject",
    },
    NotImplemented {
        id: "TLSRPT-TXT-013",
        reason: "needs the certificate of the HTTPS report endpoint, which takes a fetch",
    },
    NotImplemented {
        id: "TLSRPT-TXT-014",
        reason: "needs the record's TTL and the resolver's DNSSEC (AD) bit from a DNS answer",
    },
    NotImplemented {
        id: "TLSRPT-TXT-015",
        reason: "needs the policy domain to tell an outside destination from an own one; the \
                 record check is given records only",
    },
    NotImplemented {
        id: "TLSRPT-TXT-016",
        reason: "needs the policy and the TLS-RPT record of one domain together, which only a \
                 domain check has",
    },
    NotImplemented {
        id: "STS-FETCH-001",
        reason: "the checker builds the policy URL itself from the domain, so the policy can be \
                 nowhere else; a policy kept at another URL is simply not found (STS-FETCH-004)",
    },
    NotImplemented {
        id: "STS-FETCH-002",
        reason: "the checker fetches over HTTPS only, so a plain-HTTP copy is never read and \
                 cannot mislead it",
    },
    NotImplemented {
        id: "STS-FETCH-010",
        reason: "reported by the certificate judge on the policy host's chain, under the \
                 subject `mta-sts.<domain>`: STS-CERT-002 (no matching DNS-ID), STS-CERT-003 \
                 (wildcards) and STS-CERT-004 (a CN without a matching SAN)",
    },
    NotImplemented {
        id: "STS-FETCH-011",
        reason: "a chain for another name is reported as STS-CERT-002 under the subject \
                 `mta-sts.<domain>`; telling SNI trouble apart from a wrong certificate would \
                 take a second handshake without SNI",
    },
    NotImplemented {
        id: "STS-FETCH-013",
        reason: "revocation needs OCSP or CRL fetches; the certificate judge works offline on \
                 the chain it is given",
    },
    NotImplemented {
        id: "STS-FETCH-014",
        reason: "reported as STS-CERT-002 on the policy host's chain: the name checked is \
                 always `mta-sts.<domain>` of the domain asked about, whoever hosts it",
    },
    NotImplemented {
        id: "STS-FETCH-015",
        reason: "advice about how often senders retry, not a property of the domain; the help \
                 of STS-FETCH-016 says that cached policies stay in use meanwhile",
    },
    NotImplemented {
        id: "STS-FETCH-017",
        reason: "about what reporters send; the TLS-RPT record checks cover the record that \
                 receives the reports",
    },
    NotImplemented {
        id: "STS-SMTP-008",
        reason: "the probe never sends MAIL, so it cannot see a `530` reply to it",
    },
    NotImplemented {
        id: "TLSRPT-REPORT-017",
        reason: "nothing in a report shows a transient failure that was left out; the rule \
                 explains reporters' behaviour and has no finding",
    },
    NotImplemented {
        id: "TLSRPT-REPORT-019",
        reason: "needs the file name or the e-mail subject beside the body; the reader is given \
                 content only and does not compare it with either yet",
    },
    NotImplemented {
        id: "STS-DANE-003",
        reason: "DANE-TA(2) matches are not yet followed by the path and name checks of RFC 7672 \
                 §3.2.2, so the difference in name rules is not observed",
    },
    NotImplemented {
        id: "STS-DANE-006",
        reason: "about an arrangement between two parties, which DNS and the probe cannot see",
    },
];

/// The catalogue as Markdown: one table of the rules the core emits, one of those it does not.
pub fn render_catalogue() -> String {
    let mut text = String::from(
        "# Rule catalogue\n\n\
         Generated from `src/rule.rs` and `src/catalogue.rs` by `render_catalogue()`; \
         `cargo test` fails when this file is out of date \
         (`UPDATE_CATALOGUE=1 cargo test --test catalogue` rewrites it).\n\n\
         Ids come from the project's specification of RFC 8461 and RFC 8460 requirements. \
         Ids added by this project continue a series in the same scheme: STS-POLICY-025 and \
         -026, TLSRPT-TXT-018, STS-CERT-013 to -028 for what a certificate chain can get \
         wrong, TLSRPT-REPORT-020 and -021 for unreadable and repeated reports, and the \
         STS-INPUT series about the checker's own limits.\n\n\
         ## Rules the checker emits\n\n\
         | id | RFC | severity | what it finds | how to fix it |\n\
         |---|---|---|---|---|\n",
    );
    for rule in Rule::ALL {
        text.push_str(&format!(
            "| {} | [{}]({}) | {} | {} | {} |\n",
            rule.id(),
            rule.rfc(),
            rule.rfc_url(),
            rule.severity_text(),
            escape(rule.title()),
            escape(rule.help()),
        ));
    }
    text.push_str(
        "\n## Requirements not checked yet\n\n\
         Rows of the specification's TXT record, policy, MX, certificate, TLS-RPT record and \
         TLS-RPT report sections that no code emits, with the reason.\n\n\
         | id | why not |\n|---|---|\n",
    );
    for entry in NOT_IMPLEMENTED {
        text.push_str(&format!("| {} | {} |\n", entry.id, escape(entry.reason)));
    }
    text
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|")
}
