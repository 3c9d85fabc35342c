//! The URLs of the services a front end talks to (a DNS-over-HTTPS resolver, the companion
//! proxy), as a user types them: `https://` anywhere, plain `http://` only to a loopback
//! address, for labs on one's own machine. An RFC 8484 URI template's `{?dns}` is dropped;
//! credentials, queries and fragments are refused, since nothing here would send them safely.

use std::fmt;
use std::net::IpAddr;

/// The longest URL accepted.
const MAX_URL_BYTES: usize = 2048;

/// A service URL, without a final `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceUrl(String);

impl ServiceUrl {
    /// The URL as text, e.g. `https://dns.example/dns-query`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ServiceUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a service URL is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceUrlError {
    Empty,
    TooLong {
        len: usize,
    },
    /// Not `https://` (nor `http://` to a loopback address).
    Scheme,
    /// `http://` to a host that is not a loopback address.
    PlainHttpNotLoopback {
        host: String,
    },
    NoHost,
    /// A character that has no place in the URL, at this byte offset.
    BadCharacter {
        offset: usize,
    },
    BadPort,
    Credentials,
    QueryOrFragment,
}

impl fmt::Display for ServiceUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the URL is empty"),
            Self::TooLong { len } => {
                write!(
                    f,
                    "the URL is {len} bytes long; at most {MAX_URL_BYTES} are accepted"
                )
            }
            Self::Scheme => f.write_str("the URL must start with https://"),
            Self::PlainHttpNotLoopback { host } => write!(
                f,
                "plain http:// is allowed only to a loopback address (127.0.0.1, [::1], \
                 localhost), not to {host}; use https://"
            ),
            Self::NoHost => f.write_str("the URL has no host"),
            Self::BadCharacter { offset } => {
                write!(f, "the URL has a character it cannot hold at byte {offset}")
            }
            Self::BadPort => f.write_str("the URL's port is not a number from 1 to 65535"),
            Self::Credentials => f.write_str("the URL must not hold a user name or password"),
            Self::QueryOrFragment => {
                f.write_str("the URL must not have a query (?...) or a fragment (#...)")
            }
        }
    }
}

impl std::error::Error for ServiceUrlError {}

/// Reads a service URL typed by a user.
pub fn parse_service_url(text: &str) -> Result<ServiceUrl, ServiceUrlError> {
    let text = text.trim();
    let text = text.strip_suffix("{?dns}").unwrap_or(text);
    if text.is_empty() {
        return Err(ServiceUrlError::Empty);
    }
    if text.len() > MAX_URL_BYTES {
        return Err(ServiceUrlError::TooLong { len: text.len() });
    }
    if let Some(offset) = text
        .bytes()
        .position(|byte| !byte.is_ascii_graphic() || byte == b'\\')
    {
        return Err(ServiceUrlError::BadCharacter { offset });
    }
    if text.contains(['?', '#']) {
        return Err(ServiceUrlError::QueryOrFragment);
    }

    let lower = text.to_ascii_lowercase();
    let (https, rest) = if lower.starts_with("https://") {
        (true, &text["https://".len()..])
    } else if lower.starts_with("http://") {
        (false, &text["http://".len()..])
    } else {
        return Err(ServiceUrlError::Scheme);
    };
    let authority = rest.split('/').next().unwrap_or_default();
    let path = rest[authority.len()..].trim_end_matches('/');
    if authority.contains('@') {
        return Err(ServiceUrlError::Credentials);
    }
    let host = host_of(authority)?;
    if !https && !is_loopback(&host) {
        return Err(ServiceUrlError::PlainHttpNotLoopback { host });
    }

    let scheme = if https { "https" } else { "http" };
    Ok(ServiceUrl(format!(
        "{scheme}://{}{path}",
        authority.to_ascii_lowercase()
    )))
}

/// The host of `authority` (`host`, `host:port`, `[v6]` or `[v6]:port`), lowercase.
fn host_of(authority: &str) -> Result<String, ServiceUrlError> {
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (inside, after) = bracketed.split_once(']').ok_or(ServiceUrlError::NoHost)?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or(ServiceUrlError::BadPort)?),
        };
        (format!("[{inside}]"), port)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host.to_owned(), Some(port)),
            None => (authority.to_owned(), None),
        }
    };
    if host.is_empty() || host == "[]" {
        return Err(ServiceUrlError::NoHost);
    }
    if let Some(port) = port
        && !matches!(port.parse::<u16>(), Ok(1..))
    {
        return Err(ServiceUrlError::BadPort);
    }
    Ok(host.to_ascii_lowercase())
}

/// Whether `host` names this machine only: `localhost`, 127.0.0.0/8 or `[::1]`.
fn is_loopback(host: &str) -> bool {
    if host == "localhost" {
        return true;
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>()
        .is_ok_and(|address| address.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_only_to_loopback() {
        let ok = |text| parse_service_url(text).map(|url| url.to_string());
        assert_eq!(
            ok("https://Cloudflare-DNS.com/dns-query{?dns}"),
            Ok("https://cloudflare-dns.com/dns-query".to_owned())
        );
        assert_eq!(
            ok("http://127.0.0.1:8080/"),
            Ok("http://127.0.0.1:8080".to_owned())
        );
        assert_eq!(
            ok("http://[::1]:53/dns-query"),
            Ok("http://[::1]:53/dns-query".to_owned())
        );
        assert_eq!(
            ok("http://localhost:9"),
            Ok("http://localhost:9".to_owned())
        );
        assert!(matches!(
            parse_service_url("http://dns.example/dns-query"),
            Err(ServiceUrlError::PlainHttpNotLoopback { .. })
        ));
        assert!(matches!(
            parse_service_url("http://127.0.0.1.example/"),
            Err(ServiceUrlError::PlainHttpNotLoopback { .. })
        ));
    }

    #[test]
    fn what_cannot_be_sent_safely_is_refused() {
        let error = |text| parse_service_url(text).err();
        assert_eq!(error(""), Some(ServiceUrlError::Empty));
        assert_eq!(error("ftp://x"), Some(ServiceUrlError::Scheme));
        assert_eq!(error("javascript:alert(1)"), Some(ServiceUrlError::Scheme));
        assert_eq!(
            error("https://u:p@dns.example"),
            Some(ServiceUrlError::Credentials)
        );
        assert_eq!(
            error("https://dns.example/?a=b"),
            Some(ServiceUrlError::QueryOrFragment)
        );
        assert_eq!(
            error("https://dns.example:0/"),
            Some(ServiceUrlError::BadPort)
        );
        assert_eq!(
            error("https://dns.example:99999/"),
            Some(ServiceUrlError::BadPort)
        );
        assert_eq!(error("https:///path"), Some(ServiceUrlError::NoHost));
        assert_eq!(
            error("https://a b"),
            Some(ServiceUrlError::BadCharacter { offset: 9 })
        );
        assert_eq!(
            error(&"h".repeat(3000)),
            Some(ServiceUrlError::TooLong { len: 3000 })
        );
    }
}
