//! Which addresses the proxy may connect to: only those the IANA IPv4 and IPv6 Special-Purpose
//! Address Registries (RFC 6890 and its updates) mark globally reachable. Anyone may host the
//! proxy, so it must never become a way into the network it runs in.
//!
//! IPv6 addresses that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4 and
//! Teredo) are judged by the IPv4 address inside them, so that `::ffff:127.0.0.1` is loopback.
//! IPv6 outside `2000::/3` is refused too: it is not allocated for global unicast.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A registry row that makes an address unreachable from the public internet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecialPurpose {
    ThisNetwork,
    PrivateUse,
    SharedAddressSpace,
    Loopback,
    LinkLocal,
    IetfProtocolAssignments,
    Documentation,
    SixToFourRelayAnycast,
    Benchmarking,
    Reserved,
    LimitedBroadcast,
    Multicast,
    Unspecified,
    Nat64LocalUse,
    DiscardOnly,
    DummyPrefix,
    SegmentRoutingSids,
    UniqueLocal,
    SiteLocal,
    NotGlobalUnicast,
}

impl SpecialPurpose {
    /// The row's name as people know it.
    pub const fn name(self) -> &'static str {
        match self {
            Self::ThisNetwork => "\"this network\" (0.0.0.0/8)",
            Self::PrivateUse => "private-use",
            Self::SharedAddressSpace => "shared address space (100.64.0.0/10)",
            Self::Loopback => "loopback",
            Self::LinkLocal => "link-local",
            Self::IetfProtocolAssignments => "IETF protocol assignments",
            Self::Documentation => "documentation",
            Self::SixToFourRelayAnycast => "deprecated 6to4 relay anycast (192.88.99.0/24)",
            Self::Benchmarking => "benchmarking",
            Self::Reserved => "reserved (240.0.0.0/4)",
            Self::LimitedBroadcast => "limited broadcast",
            Self::Multicast => "multicast",
            Self::Unspecified => "unspecified",
            Self::Nat64LocalUse => "local-use NAT64 (64:ff9b:1::/48)",
            Self::DiscardOnly => "discard-only (100::/64)",
            Self::DummyPrefix => "dummy IPv6 prefix (100:0:0:1::/64)",
            Self::SegmentRoutingSids => "segment routing SIDs (5f00::/16)",
            Self::UniqueLocal => "unique-local (fc00::/7)",
            Self::SiteLocal => "site-local (fec0::/10)",
            Self::NotGlobalUnicast => "outside global unicast (2000::/3)",
        }
    }
}

impl fmt::Display for SpecialPurpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The special purpose that makes `address` unreachable from the internet, or `None` when it is
/// globally reachable.
pub fn special_purpose(address: IpAddr) -> Option<SpecialPurpose> {
    match address {
        IpAddr::V4(v4) => special_purpose_v4(v4),
        IpAddr::V6(v6) => special_purpose_v6(v6),
    }
}

fn special_purpose_v4(address: Ipv4Addr) -> Option<SpecialPurpose> {
    use SpecialPurpose as S;

    let bits = u32::from(address);
    let within = |prefix: [u8; 4], len: u32| {
        let mask = u32::MAX << (32 - len);
        bits & mask == u32::from(Ipv4Addr::from(prefix)) & mask
    };

    let rows: [([u8; 4], u32, SpecialPurpose); 16] = [
        ([0, 0, 0, 0], 8, S::ThisNetwork),
        ([10, 0, 0, 0], 8, S::PrivateUse),
        ([100, 64, 0, 0], 10, S::SharedAddressSpace),
        ([127, 0, 0, 0], 8, S::Loopback),
        ([169, 254, 0, 0], 16, S::LinkLocal),
        ([172, 16, 0, 0], 12, S::PrivateUse),
        ([192, 0, 0, 0], 24, S::IetfProtocolAssignments),
        ([192, 0, 2, 0], 24, S::Documentation),
        ([192, 88, 99, 0], 24, S::SixToFourRelayAnycast),
        ([192, 168, 0, 0], 16, S::PrivateUse),
        ([198, 18, 0, 0], 15, S::Benchmarking),
        ([198, 51, 100, 0], 24, S::Documentation),
        ([203, 0, 113, 0], 24, S::Documentation),
        ([224, 0, 0, 0], 4, S::Multicast),
        // Before 240.0.0.0/4, which holds it, so that the more specific row names it.
        ([255, 255, 255, 255], 32, S::LimitedBroadcast),
        ([240, 0, 0, 0], 4, S::Reserved),
    ];
    rows.iter()
        .find(|(prefix, len, _)| within(*prefix, *len))
        .map(|&(_, _, purpose)| purpose)
}

fn special_purpose_v6(address: Ipv6Addr) -> Option<SpecialPurpose> {
    use SpecialPurpose as S;

    if address.is_unspecified() {
        return Some(S::Unspecified);
    }
    if address.is_loopback() {
        return Some(S::Loopback);
    }
    if let Some(embedded) = embedded_ipv4(address) {
        return special_purpose_v4(embedded);
    }

    let bits = u128::from(address);
    let within = |prefix: u128, len: u32| bits >> (128 - len) == prefix >> (128 - len);
    let rows: [(u128, u32, SpecialPurpose); 13] = [
        (0x0064_ff9b_0001 << 80, 48, S::Nat64LocalUse),
        (0x0100 << 112, 64, S::DiscardOnly),
        (0x0100_0000_0000_0001 << 64, 64, S::DummyPrefix),
        (0x2001_0002_0000 << 80, 48, S::Benchmarking),
        (0x2001_0db8 << 96, 32, S::Documentation),
        (0x2001 << 112, 23, S::IetfProtocolAssignments),
        (0x3fff << 112, 20, S::Documentation),
        (0x5f00 << 112, 16, S::SegmentRoutingSids),
        (0xfc00 << 112, 7, S::UniqueLocal),
        (0xfe80 << 112, 10, S::LinkLocal),
        (0xfec0 << 112, 10, S::SiteLocal),
        (0xff00 << 112, 8, S::Multicast),
        (0x2000 << 112, 3, S::NotGlobalUnicast),
    ];
    for &(prefix, len, purpose) in &rows {
        let inside = within(prefix, len);
        if purpose == S::NotGlobalUnicast {
            return (!inside).then_some(purpose);
        }
        if inside {
            return Some(purpose);
        }
    }
    None
}

/// The IPv4 address an IPv6 address stands for, for the forms that carry one: IPv4-mapped
/// (`::ffff:0:0/96`), IPv4-compatible (`::/96`, deprecated), NAT64 (`64:ff9b::/96`), 6to4
/// (`2002::/16`) and Teredo (`2001::/32`, the client address, stored inverted).
pub fn embedded_ipv4(address: Ipv6Addr) -> Option<Ipv4Addr> {
    let bits = u128::from(address);
    let low32 = Ipv4Addr::from((bits & 0xffff_ffff) as u32);

    if bits >> 32 == 0xffff || bits >> 32 == 0 {
        return Some(low32);
    }
    if bits >> 32 == 0x0064_ff9b_0000_0000_0000_0000 {
        return Some(low32);
    }
    if bits >> 112 == 0x2002 {
        return Some(Ipv4Addr::from(((bits >> 80) & 0xffff_ffff) as u32));
    }
    if bits >> 96 == 0x2001_0000 {
        return Some(Ipv4Addr::from(!((bits & 0xffff_ffff) as u32)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purpose(text: &str) -> Option<SpecialPurpose> {
        special_purpose(text.parse().expect("test addresses parse"))
    }

    #[test]
    fn public_addresses_pass() {
        for text in [
            "1.1.1.1",
            "8.8.8.8",
            "192.0.1.1",
            "192.31.196.1",
            "198.20.0.1",
            "223.255.255.255",
            "2606:4700:4700::1111",
            "2a00:1450:4001::1",
            "64:ff9b::808:808",
            "2002:0808:0808::1",
        ] {
            assert_eq!(purpose(text), None, "{text}");
        }
    }

    #[test]
    fn embedded_ipv4_is_judged_by_the_ipv4_address() {
        assert_eq!(purpose("::ffff:127.0.0.1"), Some(SpecialPurpose::Loopback));
        assert_eq!(purpose("::10.0.0.1"), Some(SpecialPurpose::PrivateUse));
        assert_eq!(
            purpose("64:ff9b::a9fe:a9fe"),
            Some(SpecialPurpose::LinkLocal)
        );
        assert_eq!(
            purpose("2002:c0a8:0101::1"),
            Some(SpecialPurpose::PrivateUse)
        );
        // Teredo stores the client's address inverted: !7f000001 = 80fffffe.
        assert_eq!(
            purpose("2001:0:4136:e378:8000:63bf:80ff:fffe"),
            Some(SpecialPurpose::Loopback)
        );
        assert_eq!(purpose("2001:0:4136:e378:8000:63bf:f7f7:f7f7"), None);
    }

    #[test]
    fn the_most_specific_row_names_the_address() {
        assert_eq!(purpose("0.0.0.0"), Some(SpecialPurpose::ThisNetwork));
        assert_eq!(
            purpose("255.255.255.255"),
            Some(SpecialPurpose::LimitedBroadcast)
        );
        assert_eq!(purpose("2001:db8::1"), Some(SpecialPurpose::Documentation));
        assert_eq!(purpose("2001:2::1"), Some(SpecialPurpose::Benchmarking));
        assert_eq!(purpose("4000::1"), Some(SpecialPurpose::NotGlobalUnicast));
    }
}
