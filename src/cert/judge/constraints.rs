//! What the certificates on a path may be used for: the leaf as a TLS server certificate, each
//! issuer as a CA within its path length, and the names every CA above may issue for
//! (RFC 5280 §4.2.1.3, §4.2.1.9, §4.2.1.10, §4.2.1.12).

use super::Judge;
use crate::cert::parsed;
use crate::cert::path::PathEnd;
use crate::diagnostic::Severity;
use crate::rule::Rule;

impl Judge<'_> {
    pub(super) fn constraints(&mut self, path: &[usize], end: &PathEnd) {
        let Some((&leaf_index, issuers)) = path.split_first() else {
            return;
        };
        let leaf = &self.certificates[leaf_index];

        if leaf.is_ca() && path.len() > 1 {
            self.sink.push(
                Rule::CertCaAsLeaf,
                Severity::Error,
                Some(leaf.range.clone()),
                format!(
                    "`{}` is a CA certificate (CA:TRUE) used as a server certificate",
                    leaf.subject
                ),
            );
        }
        if let Some(usage) = leaf.key_usage
            && !usage.digital_signature
            && !usage.key_encipherment
        {
            self.sink.push(
                Rule::CertKeyUsage,
                Severity::Error,
                Some(leaf.range.clone()),
                "the server certificate's key usage allows neither digitalSignature nor \
                 keyEncipherment",
            );
        }
        if leaf.server_auth == Some(false) {
            self.sink.push(
                Rule::CertExtendedKeyUsage,
                Severity::Error,
                Some(leaf.range.clone()),
                "the server certificate's extended key usage does not include serverAuth",
            );
        }

        for (depth, &index) in issuers.iter().enumerate() {
            let issuer = &self.certificates[index];
            let range = Some(issuer.range.clone());
            match issuer.basic_constraints {
                Some((true, Some(limit))) if usize::from(limit) < depth => self.sink.push(
                    Rule::CertNotCa,
                    Severity::Error,
                    range,
                    format!(
                        "`{}` allows {limit} intermediate certificates below it, but {depth} \
                         follow",
                        issuer.subject
                    ),
                ),
                Some((true, _)) => {}
                _ => self.sink.push(
                    Rule::CertNotCa,
                    Severity::Error,
                    range,
                    format!(
                        "`{}` issues a certificate but is not a CA (no CA:TRUE)",
                        issuer.subject
                    ),
                ),
            }
            if issuer.key_usage.is_some_and(|usage| !usage.key_cert_sign) {
                self.sink.push(
                    Rule::CertKeyUsage,
                    Severity::Error,
                    Some(issuer.range.clone()),
                    format!(
                        "`{}` issues a certificate, but its key usage lacks keyCertSign",
                        issuer.subject
                    ),
                );
            }
        }

        let mut constrained: Vec<(&str, &parsed::DnsConstraints)> = issuers
            .iter()
            .filter_map(|&index| {
                let issuer = &self.certificates[index];
                issuer
                    .name_constraints
                    .as_ref()
                    .map(|nc| (issuer.subject.as_str(), nc))
            })
            .collect();
        if let PathEnd::Anchor(index) = end
            && let Some(nc) = &self.anchors[*index].name_constraints
        {
            constrained.push((self.anchors[*index].subject.as_str(), nc));
        }
        // FIXME: name constraints are applied to DNS names only; constraints on IP addresses,
        // e-mail addresses and directory names in the path are not checked.
        for (ca, constraints) in constrained {
            for name in &leaf.dns_names {
                let name = name.to_ascii_lowercase();
                let permitted = constraints.permitted.is_empty()
                    || constraints.permitted.iter().any(|base| within(&name, base));
                let excluded = constraints.excluded.iter().any(|base| within(&name, base));
                if !permitted || excluded {
                    self.sink.push(
                        Rule::CertNameConstraints,
                        Severity::Error,
                        Some(leaf.range.clone()),
                        format!(
                            "`{ca}` may not issue for `{name}`: its name constraints forbid it"
                        ),
                    );
                }
            }
        }
    }
}

/// Whether DNS name `name` is within the constraint subtree `base` (RFC 5280 §4.2.1.10).
fn within(name: &str, base: &str) -> bool {
    let base = base.trim_start_matches('.').to_ascii_lowercase();
    base.is_empty() || name == base || name.ends_with(&format!(".{base}"))
}
