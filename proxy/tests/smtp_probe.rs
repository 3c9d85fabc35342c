//! The STARTTLS probe, through the API handler, against scripted SMTP servers on loopback: one
//! test for each way a conversation goes (well, or wrong at each step), each asserting the facts
//! reported and what the probe sent.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod harness;

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::Value;

use mta_sts_check::{CertificateOptions, Rule, check_certificates};
use mta_sts_check_lab::ca::{TestCa, Validity};
use mta_sts_check_lab::dns::{Behaviour, DnsServer, Zone};
use mta_sts_check_lab::smtp::{Script, SmtpServer};

const DOMAIN: &str = "lab.example";
const MX: &str = "mx1.lab.example";

/// A zone where `lab.example` has MX `mx1.lab.example` at 127.0.0.1.
fn zone() -> Zone {
    Zone::new().mx(DOMAIN, 10, MX).a(MX, "127.0.0.1")
}

/// Starts `script` and the lab DNS, probes `mx1.lab.example` and returns the status, the
/// JSON body and the server (to inspect what it received).
async fn probe(script: Script, zone: Zone) -> (StatusCode, Value, SmtpServer) {
    let server = SmtpServer::start("127.0.0.1", script)
        .await
        .expect("the SMTP lab starts");
    let dns = DnsServer::start(zone).await.expect("the DNS lab starts");
    let app = harness::app(harness::settings(&dns, server.address.port(), 443, true));
    let (status, body) =
        harness::get_json(&app, &format!("/api/v1/smtp?domain={DOMAIN}&host={MX}")).await;
    (status, body, server)
}

fn only_address(body: &Value) -> &Value {
    let addresses = body["addresses"].as_array().expect("an address list");
    assert_eq!(addresses.len(), 1, "{body:#}");
    &addresses[0]
}

fn lines(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("lines")
        .iter()
        .map(|line| line.as_str().expect("a line"))
        .collect()
}

fn assert_stopped(address: &Value, step: &str, kind: &str) {
    assert_eq!(address["error"]["step"], step, "{address:#}");
    assert_eq!(address["error"]["kind"], kind, "{address:#}");
}

fn good_tls(names: &[&str], validity: Validity) -> (TestCa, Script) {
    let ca = TestCa::new().expect("a test CA");
    let leaf = ca.leaf(names, validity).expect("a leaf");
    let script = Script::Good(leaf.server_config().expect("a TLS config"));
    (ca, script)
}

#[tokio::test]
async fn a_good_server_yields_every_fact_and_only_harmless_commands() {
    let (ca, script) = good_tls(&[MX], Validity::CURRENT);
    let (status, body, server) = probe(script, zone()).await;
    assert_eq!(status, StatusCode::OK, "{body:#}");
    assert_eq!(body["version"], 1);
    assert_eq!(body["host"], MX);

    let address = only_address(&body);
    assert_eq!(address["address"], "127.0.0.1");
    assert!(address["error"].is_null(), "{address:#}");
    assert_eq!(
        lines(&address["greeting"]),
        ["220-lab.example ESMTP lab server", "220 lab.example ready"]
    );
    assert_eq!(address["starttls_offered"], true);
    assert_eq!(lines(&address["starttls_reply"]), ["220 go ahead"]);
    assert_eq!(address["plaintext_after_starttls"], 0);
    assert_eq!(address["tls"]["version"], "TLSv1.3");
    assert_eq!(address["tls"]["server_name"], MX);
    assert!(
        address["tls"]["cipher_suite"]
            .as_str()
            .expect("a suite")
            .starts_with("TLS13_")
    );
    assert!(
        !lines(&address["ehlo_after_tls"])
            .iter()
            .any(|l| l.contains("STARTTLS"))
    );
    for step in [
        "connect_ms",
        "greeting_ms",
        "ehlo_ms",
        "starttls_ms",
        "tls_ms",
        "ehlo_after_tls_ms",
    ] {
        assert!(address["timings"][step].is_u64(), "{step}: {address:#}");
    }

    assert_eq!(
        server.received(),
        [
            "EHLO probe.lab.example",
            "STARTTLS",
            "EHLO probe.lab.example",
            "QUIT"
        ]
    );

    // The chain reported is the one served, and the core judges it with the lab's root.
    let chain = address["tls"]["chain_pem"].as_str().expect("a chain");
    assert_eq!(chain.matches("BEGIN CERTIFICATE").count(), 2);
    let mut options = CertificateOptions::new(MX, now());
    options.extra_roots = ca.root_pem().as_bytes();
    let check = check_certificates(chain.as_bytes(), &options);
    assert!(
        check
            .diagnostics
            .iter()
            .all(|d| d.severity != mta_sts_check::Severity::Error),
        "{:?}",
        check.diagnostics
    );
}

fn now() -> i64 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    i64::try_from(seconds).expect("in range")
}

#[tokio::test]
async fn expired_and_wrong_name_chains_are_still_captured() {
    for (names, validity, rule) in [
        (&[MX][..], Validity::EXPIRED, Rule::from_id("STS-CERT-005")),
        (
            &["other.example"][..],
            Validity::CURRENT,
            Rule::from_id("STS-CERT-002"),
        ),
    ] {
        let (ca, script) = good_tls(names, validity);
        let (_, body, _) = probe(script, zone()).await;
        let address = only_address(&body);
        assert!(address["error"].is_null(), "{address:#}");
        let chain = address["tls"]["chain_pem"].as_str().expect("a chain");

        let mut options = CertificateOptions::new(MX, now());
        options.extra_roots = ca.root_pem().as_bytes();
        let check = check_certificates(chain.as_bytes(), &options);
        let rule = rule.expect("a known rule");
        assert!(
            check.diagnostics.iter().any(|d| d.rule == rule),
            "{rule:?}: {:?}",
            check.diagnostics
        );
    }
}

#[tokio::test]
async fn a_refusing_greeting_ends_the_conversation() {
    for reply in [
        "421 4.3.2 busy, come back later",
        "554 5.3.2 no service here",
    ] {
        let (_, body, server) = probe(Script::Greeting(reply), zone()).await;
        let address = only_address(&body);
        assert_stopped(address, "greeting", "rejected");
        assert_eq!(lines(&address["greeting"]), [reply]);
        assert!(server.received().is_empty(), "{:?}", server.received());
    }
}

#[tokio::test]
async fn a_server_without_starttls_is_reported_and_left_politely() {
    let (_, body, server) = probe(Script::NoStarttls, zone()).await;
    let address = only_address(&body);
    assert_stopped(address, "ehlo", "starttls_not_offered");
    assert_eq!(address["starttls_offered"], false);
    assert!(address["tls"].is_null());
    assert_eq!(server.received(), ["EHLO probe.lab.example", "QUIT"]);
}

#[tokio::test]
async fn a_454_to_starttls_is_a_rejection_at_that_step() {
    let (_, body, _) = probe(Script::StarttllsRefused, zone()).await;
    let address = only_address(&body);
    assert_stopped(address, "starttls", "rejected");
    assert_eq!(
        lines(&address["starttls_reply"]),
        ["454 4.7.0 TLS not available"]
    );
}

#[tokio::test]
async fn plaintext_after_the_220_is_discarded_and_reported() {
    let ca = TestCa::new().expect("a test CA");
    let config = ca
        .leaf(&[MX], Validity::CURRENT)
        .expect("a leaf")
        .server_config()
        .expect("tls");
    let (_, body, _) = probe(Script::InjectAfterStarttls(config), zone()).await;
    let address = only_address(&body);
    assert!(address["error"].is_null(), "{address:#}");
    assert_eq!(
        address["plaintext_after_starttls"],
        "250-injected\r\n250 STARTTLS\r\n".len()
    );
    let after = lines(&address["ehlo_after_tls"]);
    assert!(
        !after.iter().any(|line| line.contains("injected")),
        "{after:?}"
    );
}

#[tokio::test]
async fn a_stalling_server_times_out_by_the_deadline() {
    let started = std::time::Instant::now();
    let (_, body, _) = probe(Script::Stall, zone()).await;
    let address = only_address(&body);
    assert_stopped(address, "greeting", "timeout");
    assert!(started.elapsed() < harness::TEST_DEADLINES.total + Duration::from_secs(2));
}

#[tokio::test]
async fn an_endless_line_is_cut_off() {
    let (_, body, _) = probe(Script::HugeLine(1 << 20), zone()).await;
    assert_stopped(only_address(&body), "greeting", "too_long");
}

#[tokio::test]
async fn a_broken_handshake_is_a_tls_error() {
    let (_, body, _) = probe(Script::HandshakeClosed, zone()).await;
    let address = only_address(&body);
    assert_stopped(address, "tls", "handshake");
    assert!(address["tls"].is_null());
}

#[tokio::test]
async fn a_server_with_only_old_tls_is_told_apart() {
    for script in [Script::OnlyOldTls, Script::OldServerHello] {
        let (_, body, _) = probe(script, zone()).await;
        assert_stopped(only_address(&body), "tls", "tls_version_too_old");
    }
}

#[tokio::test]
async fn every_address_is_probed_and_reported_on_its_own() {
    let (_, script) = good_tls(&[MX], Validity::CURRENT);
    // The lab listens on 127.0.0.1 only, so the IPv6 loopback address refuses the connection.
    let (_, body, _) = probe(script, zone().a(MX, "::1")).await;
    let addresses = body["addresses"].as_array().expect("addresses");
    assert_eq!(addresses.len(), 2, "{body:#}");
    assert_eq!(addresses[0]["address"], "127.0.0.1");
    assert!(addresses[0]["error"].is_null());
    assert_eq!(addresses[1]["address"], "::1");
    assert_stopped(&addresses[1], "connect", "refused");
}

#[tokio::test]
async fn only_hosts_in_the_mx_set_are_probed() {
    let (_, script) = good_tls(&[MX], Validity::CURRENT);
    let server = SmtpServer::start("127.0.0.1", script).await.expect("lab");
    let zone = zone()
        .a("elsewhere.example", "127.0.0.1")
        .mx("null.example", 0, ".")
        .a("null.example", "127.0.0.1")
        .a("implicit.example", "127.0.0.1")
        .behave("broken.example", Behaviour::ServFail);
    let dns = DnsServer::start(zone).await.expect("lab");
    let app = harness::app(harness::settings(&dns, server.address.port(), 443, true));

    let (status, body) = harness::get_json(
        &app,
        "/api/v1/smtp?domain=lab.example&host=elsewhere.example",
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("not_an_mx_host"))
    );
    let (status, _) =
        harness::get_json(&app, "/api/v1/smtp?domain=null.example&host=null.example").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a null MX accepts no mail");
    let (status, body) = harness::get_json(
        &app,
        "/api/v1/smtp?domain=broken.example&host=broken.example",
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_GATEWAY, Some("mx_lookup_failed"))
    );
    assert_eq!(server.connection_count(), 0);

    let (status, body) = harness::get_json(
        &app,
        "/api/v1/smtp?domain=implicit.example&host=implicit.example",
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the domain is its own MX when it has none: {body:#}"
    );
    assert_eq!(server.connection_count(), 1);

    let (status, body) = harness::get_json(
        &app,
        "/api/v1/smtp?domain=LAB.example.&host=MX1.Lab.Example",
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "names are compared in DNS form: {body:#}"
    );
}

#[tokio::test]
async fn a_host_without_addresses_is_a_dns_fact() {
    let dns = DnsServer::start(Zone::new().mx(DOMAIN, 10, MX))
        .await
        .expect("lab");
    let app = harness::app(harness::settings(&dns, 25, 443, true));
    let (status, body) =
        harness::get_json(&app, &format!("/api/v1/smtp?domain={DOMAIN}&host={MX}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["error"]["step"], "dns");
    assert_eq!(body["error"]["kind"], "no_addresses");
    assert_eq!(body["addresses"], serde_json::json!([]));
}

#[tokio::test]
async fn internationalised_names_are_asked_for_as_a_labels() {
    let (_, script) = good_tls(&["mx.xn--bcher-kva.example"], Validity::CURRENT);
    let zone = Zone::new()
        .mx("xn--bcher-kva.example", 10, "mx.xn--bcher-kva.example")
        .a("mx.xn--bcher-kva.example", "127.0.0.1");
    let server = SmtpServer::start("127.0.0.1", script).await.expect("lab");
    let dns = DnsServer::start(zone).await.expect("lab");
    let app = harness::app(harness::settings(&dns, server.address.port(), 443, true));

    let uri = "/api/v1/smtp?domain=b%C3%BCcher.example&host=MX.B%C3%9CCHER.example";
    let (status, body) = harness::get_json(&app, uri).await;
    assert_eq!(status, StatusCode::OK, "{body:#}");
    assert_eq!(body["domain"], "xn--bcher-kva.example");
    assert_eq!(body["host"], "mx.xn--bcher-kva.example");
    assert_eq!(
        only_address(&body)["tls"]["server_name"],
        "mx.xn--bcher-kva.example"
    );
}
