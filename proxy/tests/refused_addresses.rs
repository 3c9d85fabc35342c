//! The address guard through the HTTP handlers, one test per row of the IANA special-purpose
//! registries (and the IPv6 forms that embed an IPv4 address): a domain whose MX host and
//! policy host resolve to the row's address, served by the lab's DNS server, must be refused
//! before any connection. The connector records every dial and would route it to a lab SMTP
//! server, whose connection count must stay at zero.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod harness;

use axum::http::StatusCode;

use mta_sts_check_lab::dns::{DnsServer, Zone};
use mta_sts_check_lab::smtp::{Script, SmtpServer};

/// Asks the proxy, private targets off, to probe and fetch for a domain whose hosts resolve to
/// `address`; returns the SMTP address facts, the fetch facts, the dial attempts and the lab
/// listener's connection count.
async fn ask(address: &str) -> (serde_json::Value, serde_json::Value, usize, usize) {
    let listener = SmtpServer::start("127.0.0.1", Script::NoStarttls)
        .await
        .expect("lab");
    let zone = Zone::new()
        .mx("target.example", 10, "mx.target.example")
        .a("mx.target.example", address)
        .a("mta-sts.target.example", address);
    let dns = DnsServer::start(zone).await.expect("lab");
    let mut settings = harness::settings(&dns, 25, 443, false);
    let connector = harness::record_connections(&mut settings, Some(listener.address));
    let app = harness::app(settings);

    let (status, smtp) = harness::get_json(
        &app,
        "/api/v1/smtp?domain=target.example&host=mx.target.example",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{smtp:#}");
    let (status, policy) = harness::get_json(&app, "/api/v1/policy?domain=target.example").await;
    assert_eq!(status, StatusCode::OK, "{policy:#}");
    (
        smtp["addresses"][0].clone(),
        policy,
        connector.attempts().len(),
        listener.connection_count(),
    )
}

async fn assert_refused(address: &str) {
    let (smtp, policy, dials, connections) = ask(address).await;
    assert_eq!(
        smtp["error"]["kind"], "forbidden_address",
        "{address}: {smtp:#}"
    );
    assert_eq!(smtp["error"]["step"], "connect", "{address}: {smtp:#}");
    assert_eq!(
        policy["error"]["kind"], "forbidden_address",
        "{address}: {policy:#}"
    );
    assert_eq!((dials, connections), (0, 0), "{address} was dialled");
}

macro_rules! refused {
    ($($test:ident: $address:literal,)*) => {$(
        #[tokio::test]
        async fn $test() {
            assert_refused($address).await;
        }
    )*};
}

refused! {
    ipv4_this_network_0_0_0_0_8: "0.1.2.3",
    ipv4_private_use_10_0_0_0_8: "10.1.2.3",
    ipv4_shared_address_space_100_64_0_0_10: "100.64.1.1",
    ipv4_loopback_127_0_0_0_8: "127.0.0.1",
    ipv4_loopback_elsewhere_in_127_0_0_0_8: "127.1.2.3",
    ipv4_link_local_169_254_0_0_16: "169.254.1.1",
    ipv4_link_local_metadata_address: "169.254.169.254",
    ipv4_private_use_172_16_0_0_12: "172.16.5.4",
    ipv4_ietf_protocol_assignments_192_0_0_0_24: "192.0.0.8",
    ipv4_documentation_192_0_2_0_24: "192.0.2.55",
    ipv4_deprecated_6to4_relay_anycast_192_88_99_0_24: "192.88.99.1",
    ipv4_private_use_192_168_0_0_16: "192.168.1.1",
    ipv4_benchmarking_198_18_0_0_15: "198.19.255.1",
    ipv4_documentation_198_51_100_0_24: "198.51.100.1",
    ipv4_documentation_203_0_113_0_24: "203.0.113.1",
    ipv4_multicast_224_0_0_0_4: "224.0.0.1",
    ipv4_reserved_240_0_0_0_4: "240.0.0.1",
    ipv4_limited_broadcast: "255.255.255.255",
    ipv6_unspecified: "::",
    ipv6_loopback: "::1",
    ipv6_ipv4_mapped_private: "::ffff:10.0.0.1",
    ipv6_ipv4_mapped_loopback: "::ffff:127.0.0.1",
    ipv6_ipv4_compatible_private: "::a00:1",
    ipv6_nat64_well_known_prefix_private: "64:ff9b::a00:1",
    ipv6_nat64_local_use_64_ff9b_1_48: "64:ff9b:1::1",
    ipv6_discard_only_100_64: "100::1",
    ipv6_dummy_prefix_100_0_0_1_64: "100:0:0:1::1",
    ipv6_ietf_protocol_assignments_2001_23: "2001:1::1",
    ipv6_teredo_with_private_client: "2001:0:4136:e378:8000:63bf:f5ff:fffe",
    ipv6_benchmarking_2001_2_48: "2001:2::1",
    ipv6_documentation_2001_db8_32: "2001:db8::1",
    ipv6_6to4_with_private_ipv4: "2002:a00:1::1",
    ipv6_documentation_3fff_20: "3fff::1",
    ipv6_segment_routing_5f00_16: "5f00::1",
    ipv6_unique_local_fc00_7: "fd00::1",
    ipv6_link_local_fe80_10: "fe80::1",
    ipv6_site_local_fec0_10: "fec0::1",
    ipv6_multicast_ff00_8: "ff02::1",
    ipv6_outside_global_unicast: "4000::1",
}

#[tokio::test]
async fn public_addresses_are_dialled_exactly_as_resolved() {
    for address in ["198.20.0.1", "2a00:1450:4001::1", "64:ff9b::808:808"] {
        let (smtp, _, dials, connections) = ask(address).await;
        assert!(
            smtp["error"].is_null() || smtp["error"]["kind"] != "forbidden_address",
            "{smtp:#}"
        );
        assert_eq!(dials, 2, "{address}: one probe and one fetch");
        assert_eq!(connections, 2, "{address}");
    }
}

#[tokio::test]
async fn address_literals_are_not_names() {
    let dns = DnsServer::start(Zone::new()).await.expect("lab");
    let mut settings = harness::settings(&dns, 25, 443, false);
    let connector = harness::record_connections(&mut settings, None);
    let app = harness::app(settings);
    for literal in [
        "127.0.0.1",
        "10.0.0.1",
        "169.254.169.254",
        "%3A%3A1",
        "%5B%3A%3A1%5D",
        "0x7f000001",
    ] {
        let (status, body) = harness::get_json(
            &app,
            &format!("/api/v1/smtp?domain={literal}&host={literal}"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{literal}: {body:#}");
        let (status, _) =
            harness::get_json(&app, &format!("/api/v1/policy?domain={literal}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{literal}");
    }
    assert!(connector.attempts().is_empty());
}
