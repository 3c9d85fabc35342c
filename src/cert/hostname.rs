//! Whether a certificate is valid for a host name, the way MTA-STS requires (RFC 8461 §4.2 and
//! §3.3, RFC 6125 §6.4): subject alternative name DNS-IDs only, never the common name; a
//! wildcard only as the whole leftmost label, covering exactly one label; ASCII case ignored;
//! internationalised names compared as A-labels.

/// How a certificate's names relate to a host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NameMatch {
    /// This DNS-ID covers the host.
    Matched(String),
    /// No DNS-ID covers the host.
    Unmatched(Unmatched),
}

/// What a certificate that does not match offers instead, to explain the failure.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Unmatched {
    /// A partial-label wildcard (`m*.example.com`) that lenient TLS libraries would accept.
    pub(crate) partial_wildcard: Option<String>,
    /// A `*.` DNS-ID whose base is a suffix of the host, but more than one label away.
    pub(crate) too_deep_wildcard: Option<String>,
    /// A `*.` DNS-ID whose base is the host itself.
    pub(crate) wildcard_for_base: Option<String>,
    /// Whether the common name names the host (and would match with CN fallback).
    pub(crate) common_name_matches: bool,
}

/// The form a host name is compared in: A-labels, lower case, no trailing dot.
pub(crate) fn reference_name(host: &str) -> String {
    let host = host.strip_suffix('.').unwrap_or(host);
    crate::domain::to_a_labels(host).unwrap_or_else(|| host.to_ascii_lowercase())
}

/// Matches `host` (as given by the user or DNS) against the DNS-IDs and common names.
pub(crate) fn match_host(host: &str, dns_names: &[String], common_names: &[String]) -> NameMatch {
    let host = reference_name(host);
    let mut unmatched = Unmatched::default();

    for presented in dns_names {
        let presented_lower = presented.to_ascii_lowercase();
        let presented_lower = presented_lower
            .strip_suffix('.')
            .unwrap_or(&presented_lower);
        if covers(presented_lower, &host) {
            return NameMatch::Matched(presented.clone());
        }
        if let Some(base) = presented_lower.strip_prefix("*.") {
            if base == host {
                unmatched.wildcard_for_base = Some(presented.clone());
            } else if host.ends_with(&format!(".{base}")) {
                unmatched.too_deep_wildcard = Some(presented.clone());
            }
        } else if presented_lower.contains('*') && partial_wildcard_covers(presented_lower, &host) {
            unmatched.partial_wildcard = Some(presented.clone());
        }
    }
    unmatched.common_name_matches = common_names
        .iter()
        .any(|name| covers(&name.to_ascii_lowercase(), &host));
    NameMatch::Unmatched(unmatched)
}

/// Whether one presented DNS-ID (lower case) covers `host` under the MTA-STS rules.
pub(crate) fn covers(presented: &str, host: &str) -> bool {
    match presented.strip_prefix("*.") {
        Some(base) if !base.contains('*') && base.contains('.') => match host.split_once('.') {
            Some((first, rest)) => !first.is_empty() && rest == base,
            None => false,
        },
        Some(_) => false,
        None => !presented.contains('*') && presented == host,
    }
}

/// Whether a wildcard inside the first label (`m*`, `*x`, `m*x`) would cover the host under
/// RFC 6125's lenient reading, which MTA-STS does not allow.
fn partial_wildcard_covers(presented: &str, host: &str) -> bool {
    let (Some((label, base)), Some((host_label, host_base))) =
        (presented.split_once('.'), host.split_once('.'))
    else {
        return false;
    };
    if base != host_base || base.contains('*') || label.matches('*').count() != 1 {
        return false;
    }
    let (prefix, suffix) = label.split_once('*').unwrap_or((label, ""));
    host_label.len() >= prefix.len() + suffix.len()
        && host_label.starts_with(prefix)
        && host_label.ends_with(suffix)
        && !host_label.starts_with("xn--")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn exact_and_wildcard_names_match_as_mta_sts_requires() {
        assert_eq!(
            match_host("MX.Example.com.", &names(&["mx.example.com"]), &[]),
            NameMatch::Matched("mx.example.com".into())
        );
        assert_eq!(
            match_host("mx.example.com", &names(&["*.example.com"]), &[]),
            NameMatch::Matched("*.example.com".into())
        );
    }

    #[test]
    fn compares_u_labels_as_a_labels() {
        let matched = match_host(
            "mail.bücher.example",
            &names(&["mail.xn--bcher-kva.example"]),
            &[],
        );
        // Without the `idna` feature and with no converter set, the U-label host stays as it is
        // and matches nothing; tests/without_idna.rs checks the match with a converter.
        if cfg!(feature = "idna") {
            assert_eq!(
                matched,
                NameMatch::Matched("mail.xn--bcher-kva.example".into())
            );
        } else {
            assert!(matches!(matched, NameMatch::Unmatched(_)));
        }
    }

    #[test]
    fn explains_near_misses() {
        let NameMatch::Unmatched(base) = match_host("example.com", &names(&["*.example.com"]), &[])
        else {
            panic!("must not match")
        };
        assert_eq!(base.wildcard_for_base.as_deref(), Some("*.example.com"));

        let NameMatch::Unmatched(deep) =
            match_host("a.mx.example.com", &names(&["*.example.com"]), &[])
        else {
            panic!("must not match")
        };
        assert_eq!(deep.too_deep_wildcard.as_deref(), Some("*.example.com"));

        let NameMatch::Unmatched(partial) =
            match_host("mx1.example.com", &names(&["mx*.example.com"]), &[])
        else {
            panic!("must not match")
        };
        assert_eq!(partial.partial_wildcard.as_deref(), Some("mx*.example.com"));

        let NameMatch::Unmatched(cn) = match_host(
            "mx.example.com",
            &names(&["other.example"]),
            &names(&["mx.example.com"]),
        ) else {
            panic!("must not match")
        };
        assert!(cn.common_name_matches);
    }

    #[test]
    fn a_bare_star_or_a_top_level_wildcard_covers_nothing() {
        assert!(!covers("*", "example"));
        assert!(!covers("*.com", "example.com"));
        assert!(!covers("*.*.example.com", "a.b.example.com"));
    }
}
