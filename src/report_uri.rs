//! One destination of a TLS-RPT `rua` field: an RFC 3986 URI whose scheme is `mailto:` or
//! `https:` (RFC 8460 §3), in which `,`, `!` and `;` must be percent-encoded.

use crate::domain;

/// Why a destination cannot receive reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum UriProblem {
    /// Nothing between two commas, or after `rua=`.
    Empty,
    /// `!` appears unencoded; `size_suffix` when it looks like DMARC's `!10m`.
    Bang { at: usize, size_suffix: bool },
    /// A character that URIs do not contain, such as a space.
    Character { at: usize, character: char },
    /// `%` not followed by two hexadecimal digits.
    PercentEscape { at: usize },
    /// No `scheme:` in front.
    NoScheme,
    /// A scheme other than `mailto` or `https`.
    Scheme { scheme: String },
    /// A `mailto:` whose address is not `local@domain`.
    MailAddress { detail: String },
    /// An `https:` with no host, or a host that is not a host name or address.
    HttpsHost { detail: String },
}

/// A destination that can receive reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportDestination {
    /// Reports by e-mail to this address (as written, after `mailto:`).
    Mailto(String),
    /// Reports by HTTPS POST to this URI.
    Https(String),
}

impl std::fmt::Display for ReportDestination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Mailto(address) => write!(f, "mailto:{address}"),
            Self::Https(uri) => f.write_str(uri),
        }
    }
}

/// Reads one destination.
pub(crate) fn parse(uri: &str) -> Result<ReportDestination, UriProblem> {
    if uri.is_empty() {
        return Err(UriProblem::Empty);
    }
    if let Some(at) = uri.find('!') {
        let suffix = &uri[at + 1..];
        let size_suffix = !suffix.is_empty()
            && suffix
                .trim_end_matches(['k', 'm', 'g', 't'])
                .bytes()
                .all(|b| b.is_ascii_digit());
        return Err(UriProblem::Bang { at, size_suffix });
    }
    if let Some((at, character)) = uri.char_indices().find(|&(_, c)| !is_uri_char(c)) {
        return Err(UriProblem::Character { at, character });
    }
    check_percent_escapes(uri)?;

    let Some((scheme, rest)) = split_scheme(uri) else {
        return Err(UriProblem::NoScheme);
    };
    if scheme.eq_ignore_ascii_case("mailto") {
        check_mail_address(rest)?;
        Ok(ReportDestination::Mailto(rest.to_owned()))
    } else if scheme.eq_ignore_ascii_case("https") {
        check_https(rest)?;
        Ok(ReportDestination::Https(uri.to_owned()))
    } else {
        Err(UriProblem::Scheme {
            scheme: scheme.to_owned(),
        })
    }
}

/// RFC 3986 characters: unreserved, reserved, and `%` for escapes.
fn is_uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

fn check_percent_escapes(uri: &str) -> Result<(), UriProblem> {
    let bytes = uri.as_bytes();
    for (at, _) in uri.match_indices('%') {
        let hex = bytes.get(at + 1..at + 3);
        if !hex.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
            return Err(UriProblem::PercentEscape { at });
        }
    }
    Ok(())
}

/// `scheme ":" rest`, where scheme = ALPHA *(ALPHA / DIGIT / "+" / "-" / ".").
fn split_scheme(uri: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = uri.split_once(':')?;
    let mut bytes = scheme.bytes();
    let first_is_letter = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
    let rest_ok = bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    (first_is_letter && rest_ok).then_some((scheme, rest))
}

/// `local-part "@" domain`, before any `?` header fields.
fn check_mail_address(rest: &str) -> Result<(), UriProblem> {
    let address = rest.split_once('?').map_or(rest, |(address, _)| address);
    if address.is_empty() {
        return Err(UriProblem::MailAddress {
            detail: "the address is empty".to_owned(),
        });
    }
    let Some((local, host)) = address.rsplit_once('@') else {
        return Err(UriProblem::MailAddress {
            detail: format!("`{address}` has no `@`"),
        });
    };
    if local.is_empty() {
        return Err(UriProblem::MailAddress {
            detail: format!("`{address}` has nothing before the `@`"),
        });
    }
    if host.starts_with('[') && host.ends_with(']') {
        return Ok(());
    }
    domain::check_domain(host).map_err(|error| UriProblem::MailAddress {
        detail: format!("`{host}`: {error}"),
    })
}

/// `//` authority path, where the authority has a host.
fn check_https(rest: &str) -> Result<(), UriProblem> {
    let Some(after) = rest.strip_prefix("//") else {
        return Err(UriProblem::HttpsHost {
            detail: "`//` and a host must follow `https:`".into(),
        });
    };
    let authority = after.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if host_port.starts_with('[') {
        return match host_port.split_once(']') {
            Some((literal, "")) if literal.len() > 1 => Ok(()),
            Some((literal, port))
                if literal.len() > 1 && port.strip_prefix(':').is_some_and(is_port_number) =>
            {
                Ok(())
            }
            _ => Err(UriProblem::HttpsHost {
                detail: format!("`{host_port}` is malformed"),
            }),
        };
    }
    let (host, port) = match host_port.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_port, None),
    };
    if host.is_empty() {
        return Err(UriProblem::HttpsHost {
            detail: "the URI has no host".into(),
        });
    }
    if let Some(port) = port.filter(|port| !is_port_number(port)) {
        return Err(UriProblem::HttpsHost {
            detail: format!("`{port}` is not a port number"),
        });
    }
    // A host name may end in the root dot (RFC 3986 §3.2.2 allows it).
    let host = host.strip_suffix('.').unwrap_or(host);
    domain::check_domain(host).map_err(|error| UriProblem::HttpsHost {
        detail: format!("`{host}`: {error}"),
    })
}

/// A port number: 1 to 5 digits, at most 65535.
fn is_port_number(port: &str) -> bool {
    (1..=5).contains(&port.len())
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|n| n <= 65_535)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_mailto_and_https_destinations() {
        assert_eq!(
            parse("mailto:tlsrpt@example.com"),
            Ok(ReportDestination::Mailto("tlsrpt@example.com".into()))
        );
        assert_eq!(
            parse("https://r.example.com:8443/tlsrpt?x=1"),
            Ok(ReportDestination::Https(
                "https://r.example.com:8443/tlsrpt?x=1".into()
            ))
        );
        assert!(parse("https://[2001:db8::1]/r").is_ok());
        assert!(parse("mailto:a%2Cb@example.com").is_ok());
    }

    #[test]
    fn names_what_is_wrong() {
        assert_eq!(parse(""), Err(UriProblem::Empty));
        assert_eq!(
            parse("mailto:tls@example.com!10m"),
            Err(UriProblem::Bang {
                at: 22,
                size_suffix: true
            })
        );
        assert_eq!(parse("tls@example.com"), Err(UriProblem::NoScheme));
        assert_eq!(
            parse("http://r.example/"),
            Err(UriProblem::Scheme {
                scheme: "http".into()
            })
        );
        assert!(matches!(
            parse("mailto:@example.com"),
            Err(UriProblem::MailAddress { .. })
        ));
        assert!(matches!(
            parse("mailto:a@-x.example"),
            Err(UriProblem::MailAddress { .. })
        ));
        assert!(matches!(
            parse("https://r.example:99999/"),
            Err(UriProblem::HttpsHost { .. })
        ));
        assert!(parse("https://example.com./tlsrpt").is_ok());
        assert!(matches!(
            parse("https:///x"),
            Err(UriProblem::HttpsHost { .. })
        ));
        assert!(matches!(
            parse("https://r.example:99x/"),
            Err(UriProblem::HttpsHost { .. })
        ));
        assert_eq!(
            parse("mailto:a b@x.example"),
            Err(UriProblem::Character {
                at: 8,
                character: ' '
            })
        );
        assert_eq!(
            parse("mailto:a%2@x.example"),
            Err(UriProblem::PercentEscape { at: 8 })
        );
    }
}
