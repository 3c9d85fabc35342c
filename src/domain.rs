//! Host names as RFC 5321 §4.1.2 writes them (`Domain`), which is the grammar of `mx` patterns,
//! and the conversion of internationalised names to A-labels: by the `idna` crate with the
//! default `idna` feature, otherwise as `converter` says.
//!
//! ```text
//! Domain     = sub-domain *("." sub-domain)
//! sub-domain = Let-dig [Ldh-str]
//! Let-dig    = ALPHA / DIGIT
//! Ldh-str    = *( ALPHA / DIGIT / "-" ) Let-dig
//! ```
//!
//! The grammar has no length limits; DNS adds them (RFC 1035 §2.3.4): 63 bytes per label and 253
//! bytes for the name written without its final dot.

mod converter;

use std::fmt;

pub use converter::{ALabelConverter, ConverterAlreadySet, set_a_label_converter};

/// The longest label DNS allows.
pub(crate) const MAX_LABEL_BYTES: usize = 63;

/// The longest name DNS allows, written without the final dot.
pub(crate) const MAX_NAME_BYTES: usize = 253;

/// Why a text is not an RFC 5321 `Domain`; `at` is the byte offset of the problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DomainError {
    Empty,
    TrailingDot { at: usize },
    EmptyLabel { at: usize },
    LabelTooLong { at: usize, len: usize },
    NameTooLong { len: usize },
    Character { at: usize, character: char },
    HyphenAtEdge { at: usize },
}

impl DomainError {
    /// The byte offset the error points at, or 0 for the name as a whole.
    pub(crate) const fn offset(self) -> usize {
        match self {
            Self::Empty | Self::NameTooLong { .. } => 0,
            Self::TrailingDot { at }
            | Self::EmptyLabel { at }
            | Self::LabelTooLong { at, .. }
            | Self::Character { at, .. }
            | Self::HyphenAtEdge { at } => at,
        }
    }
}

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the name is empty"),
            Self::TrailingDot { .. } => f.write_str("the name ends with a dot"),
            Self::EmptyLabel { .. } => f.write_str("the name has an empty label"),
            Self::LabelTooLong { len, .. } => {
                write!(
                    f,
                    "a label is {len} bytes long, over the limit of {MAX_LABEL_BYTES}"
                )
            }
            Self::NameTooLong { len } => {
                write!(
                    f,
                    "the name is {len} bytes long, over the limit of {MAX_NAME_BYTES}"
                )
            }
            Self::Character { character, .. } => {
                write!(
                    f,
                    "{} is not allowed in a host name",
                    describe_char(*character)
                )
            }
            Self::HyphenAtEdge { .. } => f.write_str("a label starts or ends with a hyphen"),
        }
    }
}

/// Checks `name` against the RFC 5321 `Domain` grammar and the DNS length limits.
pub(crate) fn check_domain(name: &str) -> Result<(), DomainError> {
    if name.is_empty() {
        return Err(DomainError::Empty);
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(DomainError::NameTooLong { len: name.len() });
    }

    let mut label_start = 0;
    for label in name.split('.') {
        let label_end = label_start + label.len();
        if label.is_empty() {
            return Err(if label_start == name.len() && label_start > 0 {
                DomainError::TrailingDot {
                    at: label_start - 1,
                }
            } else {
                DomainError::EmptyLabel { at: label_start }
            });
        }
        if let Some((at, character)) = label
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-'))
        {
            return Err(DomainError::Character {
                at: label_start + at,
                character,
            });
        }
        if label.starts_with('-') {
            return Err(DomainError::HyphenAtEdge { at: label_start });
        }
        if label.ends_with('-') {
            return Err(DomainError::HyphenAtEdge { at: label_end - 1 });
        }
        if label.len() > MAX_LABEL_BYTES {
            return Err(DomainError::LabelTooLong {
                at: label_start,
                len: label.len(),
            });
        }
        label_start = label_end + 1;
    }
    Ok(())
}

/// Whether `name` is written as a dotted-quad IPv4 address, such as `192.0.2.10`.
pub(crate) fn is_dotted_ipv4(name: &str) -> bool {
    name.parse::<std::net::Ipv4Addr>().is_ok()
}

/// The A-label (punycode) form of a host name, lower-cased, following UTS #46 as browsers do.
///
/// Returns `None` when the name cannot be converted (for example, it holds characters that are
/// disallowed in host names). Built without the `idna` feature, the core converts U-labels only
/// through the converter given to [`set_a_label_converter`], and returns `None` for them when
/// there is none.
pub fn to_a_labels(name: &str) -> Option<String> {
    #[cfg(feature = "idna")]
    return idna::domain_to_ascii(name).ok();
    #[cfg(not(feature = "idna"))]
    return converter::to_a_labels_with(name, converter::converter());
}

/// Why a typed domain cannot be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainInputError {
    /// Nothing was typed.
    Empty,
    /// The text is an IP address; MTA-STS is published for domain names.
    IpAddress,
    /// The name has one label only, such as `localhost` or `com`.
    SingleLabel,
    /// The name could not be converted to A-labels (UTS #46 disallows a character in it).
    NotConvertible,
    /// The name has U-labels, and this build cannot convert them: it was built without the
    /// `idna` feature and no converter was set (see [`set_a_label_converter`]).
    Internationalised,
    /// The A-label form breaks the host-name grammar or a DNS length limit; `at` is the byte
    /// offset in the A-label form.
    Invalid { at: usize, reason: String },
}

impl fmt::Display for DomainInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("no domain was given"),
            Self::IpAddress => f.write_str("an IP address is not a domain name"),
            Self::SingleLabel => {
                f.write_str("a domain needs at least two labels, such as example.com")
            }
            Self::NotConvertible => {
                f.write_str("the name holds characters that host names cannot contain")
            }
            Self::Internationalised => f.write_str(
                "this build cannot convert internationalised names; write the name in A-labels \
                 (xn--)",
            ),
            Self::Invalid { at, reason } => write!(f, "{reason} (at byte {at})"),
        }
    }
}

impl std::error::Error for DomainInputError {}

/// The name a user typed, made into the form DNS is asked for: surrounding whitespace and one
/// final dot removed, internationalised labels converted to A-labels, lower case, checked
/// against the host-name grammar and the DNS length limits.
pub fn parse_domain_input(text: &str) -> Result<String, DomainInputError> {
    let text = text.trim();
    let text = text.strip_suffix('.').unwrap_or(text);
    if text.is_empty() {
        return Err(DomainInputError::Empty);
    }
    if text.parse::<std::net::IpAddr>().is_ok() || text.starts_with('[') {
        return Err(DomainInputError::IpAddress);
    }

    let name = match to_a_labels(text) {
        Some(name) => name,
        None if !text.is_ascii() && !converter::converts_u_labels() => {
            return Err(DomainInputError::Internationalised);
        }
        None => return Err(DomainInputError::NotConvertible),
    };
    check_domain(&name).map_err(|error| DomainInputError::Invalid {
        at: error.offset(),
        reason: error.to_string(),
    })?;
    if !name.contains('.') {
        return Err(DomainInputError::SingleLabel);
    }
    Ok(name)
}

/// A character as a reader can identify it, with its code point for the invisible ones.
pub(crate) fn describe_char(character: char) -> String {
    if character.is_ascii_graphic() {
        format!("`{character}`")
    } else if character == ' ' {
        "a space".to_owned()
    } else if character == '\t' {
        "a tab".to_owned()
    } else if character.is_control() || !character.is_ascii() && character.is_whitespace() {
        format!("U+{:04X}", u32::from(character))
    } else {
        format!("`{character}` (U+{:04X})", u32::from(character))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_typed_domains_as_dns_asks_for_them() {
        assert_eq!(
            parse_domain_input(" Example.COM. "),
            Ok("example.com".to_owned())
        );
        assert_eq!(parse_domain_input(""), Err(DomainInputError::Empty));
        assert_eq!(parse_domain_input("."), Err(DomainInputError::Empty));
        assert_eq!(
            parse_domain_input("192.0.2.1"),
            Err(DomainInputError::IpAddress)
        );
        assert_eq!(parse_domain_input("::1"), Err(DomainInputError::IpAddress));
        assert_eq!(
            parse_domain_input("localhost"),
            Err(DomainInputError::SingleLabel)
        );
        assert!(matches!(
            parse_domain_input("a..example"),
            Err(DomainInputError::Invalid { at: 2, .. })
        ));
        assert!(matches!(
            parse_domain_input("mail_x.example"),
            Err(DomainInputError::Invalid { .. } | DomainInputError::NotConvertible)
        ));
        let long = format!("{}.example", "a".repeat(64));
        assert!(matches!(
            parse_domain_input(&long),
            Err(DomainInputError::Invalid { at: 0, .. } | DomainInputError::NotConvertible)
        ));
        assert!(parse_domain_input("https://example.com/").is_err());
    }

    #[test]
    #[cfg(feature = "idna")]
    fn reads_typed_u_labels_as_a_labels() {
        assert_eq!(
            parse_domain_input("bücher.example"),
            Ok("xn--bcher-kva.example".to_owned())
        );
    }

    /// Without the feature, and with no converter set in this test binary (tests/without_idna.rs
    /// sets one in its own), U-labels are refused with the reason, and A-labels pass.
    #[test]
    #[cfg(not(feature = "idna"))]
    fn refuses_u_labels_it_cannot_convert() {
        assert_eq!(
            parse_domain_input("bücher.example"),
            Err(DomainInputError::Internationalised)
        );
        assert_eq!(
            parse_domain_input("XN--BCHER-KVA.example"),
            Ok("xn--bcher-kva.example".to_owned())
        );
        assert_eq!(to_a_labels("mail.bücher.example"), None);
        assert_eq!(
            parse_domain_input("b\u{fc}cher..example"),
            Err(DomainInputError::Internationalised)
        );
        let long = format!("{}.example", "a".repeat(64));
        assert!(matches!(
            parse_domain_input(&long),
            Err(DomainInputError::Invalid { at: 0, .. })
        ));
    }

    #[test]
    fn accepts_host_names() {
        for name in [
            "mail.example.com",
            "mail.loc",
            "localhost",
            "a-b.x1.example",
            "192.0.2.1",
        ] {
            assert_eq!(check_domain(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn rejects_what_rfc_5321_does_not_allow() {
        assert_eq!(check_domain(""), Err(DomainError::Empty));
        assert_eq!(
            check_domain("mail.example.com."),
            Err(DomainError::TrailingDot { at: 16 })
        );
        assert_eq!(
            check_domain(".example.com"),
            Err(DomainError::EmptyLabel { at: 0 })
        );
        assert_eq!(check_domain("a..b"), Err(DomainError::EmptyLabel { at: 2 }));
        assert_eq!(
            check_domain("_mx.example.com"),
            Err(DomainError::Character {
                at: 0,
                character: '_'
            })
        );
        assert_eq!(
            check_domain("-a.example"),
            Err(DomainError::HyphenAtEdge { at: 0 })
        );
        assert_eq!(
            check_domain("a-.example"),
            Err(DomainError::HyphenAtEdge { at: 1 })
        );
        let long_label = format!("{}.example", "a".repeat(64));
        assert_eq!(
            check_domain(&long_label),
            Err(DomainError::LabelTooLong { at: 0, len: 64 })
        );
        let long_name = ["abcdefghi"; 26].join(".");
        assert_eq!(
            check_domain(&long_name),
            Err(DomainError::NameTooLong { len: 259 })
        );
    }

    #[test]
    #[cfg(feature = "idna")]
    fn converts_u_labels_to_a_labels() {
        assert_eq!(
            to_a_labels("mail.bücher.example").as_deref(),
            Some("mail.xn--bcher-kva.example")
        );
        assert_eq!(
            to_a_labels("MAIL.Example.COM").as_deref(),
            Some("mail.example.com")
        );
    }
}
