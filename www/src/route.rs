//! The pages of the app and their addresses in the URL's fragment: `#/check` (also the page for
//! an empty or unknown fragment), `#/check/<domain>` for a permalink to a domain's check,
//! `#/policy`, `#/certificate` and `#/reports`.
//!
//! No Yew here: the frame in `app.rs` reads the fragment and renders what these functions say.

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    Check,
    Policy,
    Certificate,
    Reports,
}

impl Route {
    /// Every page, in the order the navigation lists them.
    pub(crate) const ALL: [Self; 4] = [Self::Check, Self::Policy, Self::Certificate, Self::Reports];

    /// The fragment that shows this page, with its `#`.
    pub(crate) const fn hash(self) -> &'static str {
        match self {
            Self::Check => "#/check",
            Self::Policy => "#/policy",
            Self::Certificate => "#/certificate",
            Self::Reports => "#/reports",
        }
    }

    /// The page's name in the navigation.
    pub(crate) const fn label(self) -> &'static str {
        match self {
            Self::Check => "Check",
            Self::Policy => "Policy",
            Self::Certificate => "Certificate",
            Self::Reports => "Reports",
        }
    }

    /// The document title while the page is shown.
    pub(crate) const fn title(self) -> &'static str {
        match self {
            Self::Check => "Check a domain · mta-sts-check",
            Self::Policy => "Policy · mta-sts-check",
            Self::Certificate => "Certificate · mta-sts-check",
            Self::Reports => "Reports · mta-sts-check",
        }
    }

    /// The page a fragment such as `#/certificate` or `#/check/example.com` shows; the Check
    /// page for any other.
    pub(crate) fn from_hash(hash: &str) -> Self {
        if hash.starts_with("#/check/") {
            return Self::Check;
        }
        Self::ALL
            .into_iter()
            .find(|route| route.hash() == hash)
            .unwrap_or(Self::Check)
    }
}

/// The domain a `#/check/<domain>` fragment names, percent-decoded; `None` for other fragments.
pub(crate) fn checked_domain(hash: &str) -> Option<String> {
    let encoded = hash.strip_prefix("#/check/")?;
    let mut bytes = Vec::with_capacity(encoded.len());
    let mut rest = encoded.as_bytes();
    while let Some((&byte, after)) = rest.split_first() {
        let escaped = (byte == b'%')
            .then(|| after.get(..2))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(decoded) => {
                bytes.push(decoded);
                rest = &after[2..];
            }
            None => {
                bytes.push(byte);
                rest = after;
            }
        }
    }
    let domain = String::from_utf8_lossy(&bytes).trim().to_owned();
    (!domain.is_empty()).then_some(domain)
}

/// The fragment of the permalink to `domain`'s check, any byte outside letters, digits, `.`
/// and `-` percent-encoded.
pub(crate) fn check_hash(domain: &str) -> String {
    let mut hash = String::from("#/check/");
    for byte in domain.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'-' {
            hash.push(char::from(byte));
        } else {
            hash.push_str(&format!("%{byte:02X}"));
        }
    }
    hash
}
