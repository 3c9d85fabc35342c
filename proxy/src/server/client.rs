//! Who is asking: the key a client's requests are counted under. IPv4 clients count by address
//! and IPv6 clients by /64, since one host usually holds a whole /64. `X-Forwarded-For` is
//! believed only when the connection comes from a trusted reverse proxy, and then only as far
//! as the chain of trusted proxies goes.

use std::net::{IpAddr, Ipv6Addr};
use std::str::FromStr;

use axum::http::HeaderMap;

/// A network in CIDR form, such as `10.0.0.0/8` or `::1/128`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Network {
    address: IpAddr,
    prefix: u8,
}

impl Network {
    pub fn contains(self, address: IpAddr) -> bool {
        match (self.address, address) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let shift = 32 - u32::from(self.prefix);
                shift == 32 || u32::from(net) >> shift == u32::from(ip) >> shift
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let shift = 128 - u32::from(self.prefix);
                shift == 128 || u128::from(net) >> shift == u128::from(ip) >> shift
            }
            _ => false,
        }
    }
}

impl FromStr for Network {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address: IpAddr = address
            .parse()
            .map_err(|_| format!("{text:?} is not an IP address or network"))?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(prefix) => prefix
                .parse::<u8>()
                .ok()
                .filter(|&prefix| prefix <= max)
                .ok_or_else(|| format!("{text:?} has a prefix length over {max}"))?,
        };
        Ok(Self { address, prefix })
    }
}

/// The key a client's requests are counted under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ClientKey {
    V4(u32),
    /// The upper 64 bits of the address.
    V6(u64),
}

impl ClientKey {
    pub(crate) fn of(address: IpAddr) -> Self {
        match address {
            IpAddr::V4(v4) => Self::V4(u32::from(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self::V4(u32::from(v4)),
                None => Self::V6((u128::from(v6) >> 64) as u64),
            },
        }
    }
}

impl std::fmt::Display for ClientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Self::V4(bits) => write!(f, "{}", std::net::Ipv4Addr::from(bits)),
            Self::V6(bits) => write!(f, "{}/64", Ipv6Addr::from(u128::from(bits) << 64)),
        }
    }
}

/// The client's address: the peer's, or when the peer is a trusted proxy, the right-most
/// address in `X-Forwarded-For` that is not itself a trusted proxy.
pub(crate) fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[Network]) -> IpAddr {
    let is_trusted = |address: IpAddr| trusted.iter().any(|network| network.contains(address));
    if !is_trusted(peer) {
        return peer;
    }

    let mut client = peer;
    let hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect::<Vec<_>>();
    for hop in hops.into_iter().rev() {
        let Ok(address) = hop.trim().parse::<IpAddr>() else {
            break;
        };
        client = address;
        if !is_trusted(address) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("test addresses parse")
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        assert_eq!(
            ClientKey::of(ip("2001:db8:1:2::1")),
            ClientKey::of(ip("2001:db8:1:2:ffff::9"))
        );
        assert_ne!(
            ClientKey::of(ip("2001:db8:1:2::1")),
            ClientKey::of(ip("2001:db8:1:3::1"))
        );
        assert_eq!(
            ClientKey::of(ip("::ffff:192.0.2.1")),
            ClientKey::of(ip("192.0.2.1"))
        );
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let trusted = ["10.0.0.0/8".parse().expect("a network")];
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "198.51.100.7, 203.0.113.9, 10.1.1.1"
                .parse()
                .expect("a header"),
        );

        assert_eq!(
            client_address(ip("192.0.2.1"), &headers, &trusted),
            ip("192.0.2.1")
        );
        assert_eq!(
            client_address(ip("10.0.0.1"), &headers, &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_address(ip("10.0.0.1"), &HeaderMap::new(), &trusted),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn networks_parse_and_match() {
        let net: Network = "192.0.2.0/24".parse().expect("a network");
        assert!(net.contains(ip("192.0.2.200")));
        assert!(!net.contains(ip("192.0.3.1")));
        assert!(
            "::/0"
                .parse::<Network>()
                .expect("a network")
                .contains(ip("2001:db8::1"))
        );
        assert!("10.0.0.0/33".parse::<Network>().is_err());
        assert!("example".parse::<Network>().is_err());
    }
}
