//! The policy fetch, through the API handler, against HTTPS policy hosts on loopback: a good
//! policy, a redirect, a 404, HTML, an oversized body and a stall, each asserting the facts
//! reported; the body goes to the core's policy judge as it came.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod harness;

use std::time::Duration;

use axum::http::StatusCode;
use base64ct::{Base64, Encoding};
use serde_json::Value;

use mta_sts_check::check_policy;
use mta_sts_check_lab::ca::{TestCa, Validity};
use mta_sts_check_lab::dns::{DnsServer, Zone};
use mta_sts_check_lab::https::{Answer, PolicyHost};

const DOMAIN: &str = "lab.example";
const POLICY: &str =
    "version: STSv1\r\nmode: enforce\r\nmx: mx1.lab.example\r\nmax_age: 604800\r\n";

async fn fetch(answer: Answer, validity: Validity) -> (StatusCode, Value, PolicyHost) {
    let ca = TestCa::new().expect("a test CA");
    let leaf = ca.leaf(&["mta-sts.lab.example"], validity).expect("a leaf");
    let host = PolicyHost::start("127.0.0.1", leaf.server_config().expect("tls"), answer)
        .await
        .expect("the policy host starts");
    let dns = DnsServer::start(Zone::new().a("mta-sts.lab.example", "127.0.0.1"))
        .await
        .expect("the DNS lab starts");
    let app = harness::app(harness::settings(&dns, 25, host.address.port(), true));
    let (status, body) = harness::get_json(&app, &format!("/api/v1/policy?domain={DOMAIN}")).await;
    (status, body, host)
}

fn body_bytes(fetch: &Value) -> Vec<u8> {
    Base64::decode_vec(fetch["body_base64"].as_str().expect("a body")).expect("base64")
}

#[tokio::test]
async fn a_good_policy_arrives_byte_for_byte_with_its_facts() {
    let (status, fetch, host) = fetch(Answer::policy(POLICY), Validity::CURRENT).await;
    assert_eq!(status, StatusCode::OK, "{fetch:#}");
    assert!(fetch["error"].is_null(), "{fetch:#}");
    assert_eq!(fetch["status"], 200);
    assert_eq!(fetch["headers"]["content_type"], "text/plain");
    assert_eq!(fetch["addresses"], serde_json::json!(["127.0.0.1"]));
    assert_eq!(fetch["connected_to"], "127.0.0.1");
    assert_eq!(fetch["tls"]["server_name"], "mta-sts.lab.example");
    assert_eq!(
        fetch["tls"]["chain_pem"]
            .as_str()
            .expect("pem")
            .matches("BEGIN")
            .count(),
        2
    );
    assert_eq!(fetch["body_truncated"], false);
    assert_eq!(
        fetch["url"],
        format!(
            "https://mta-sts.lab.example:{}/.well-known/mta-sts.txt",
            host.address.port()
        )
    );

    let body = body_bytes(&fetch);
    assert_eq!(body, POLICY.as_bytes());
    let check = check_policy(&body);
    assert!(check.policy.is_some(), "{:?}", check.diagnostics);
}

#[tokio::test]
async fn a_redirect_is_reported_and_not_followed() {
    let answer = Answer {
        status: 301,
        headers: vec![(
            "location",
            "https://www.lab.example/.well-known/mta-sts.txt".to_owned(),
        )],
        body: Vec::new(),
        delay: Duration::ZERO,
    };
    let (_, fetch, host) = fetch(answer, Validity::CURRENT).await;
    assert_eq!(fetch["status"], 301);
    assert_eq!(
        fetch["headers"]["location"],
        "https://www.lab.example/.well-known/mta-sts.txt"
    );
    assert_eq!(
        host.connection_count(),
        1,
        "one request, no second one to the target"
    );
}

#[tokio::test]
async fn a_missing_policy_and_an_html_page_are_facts_too() {
    let not_found = Answer {
        status: 404,
        ..Answer::policy("no such file")
    };
    let (_, fetch404, _) = fetch(not_found, Validity::CURRENT).await;
    assert_eq!(fetch404["status"], 404);
    assert!(fetch404["error"].is_null());

    let html = Answer {
        headers: vec![
            ("content-type", "text/html; charset=utf-8".to_owned()),
            ("cache-control", "max-age=31536000".to_owned()),
        ],
        ..Answer::policy("<html><body>welcome</body></html>")
    };
    let (_, fetch_html, _) = fetch(html, Validity::CURRENT).await;
    assert_eq!(
        fetch_html["headers"]["content_type"],
        "text/html; charset=utf-8"
    );
    assert_eq!(fetch_html["headers"]["cache_control"], "max-age=31536000");
}

#[tokio::test]
async fn a_body_over_64_kib_is_cut_and_flagged() {
    let big = format!("{POLICY}{}", "x".repeat(100 * 1024));
    let (_, fetch, _) = fetch(Answer::policy(&big), Validity::CURRENT).await;
    assert_eq!(fetch["body_truncated"], true);
    let body = body_bytes(&fetch);
    assert_eq!(body.len(), mta_sts_check_proxy::MAX_POLICY_BODY_BYTES);
    assert_eq!(&body[..], &big.as_bytes()[..body.len()]);
    assert_eq!(fetch["headers"]["content_length"], big.len().to_string());
}

#[tokio::test]
async fn a_stalling_host_times_out_by_the_deadline() {
    let stall = Answer {
        delay: Duration::from_secs(3600),
        ..Answer::policy(POLICY)
    };
    let started = std::time::Instant::now();
    let (_, fetch, _) = fetch(stall, Validity::CURRENT).await;
    assert_eq!(fetch["error"]["step"], "response", "{fetch:#}");
    assert_eq!(fetch["error"]["kind"], "timeout");
    assert!(
        fetch["tls"].is_object(),
        "the facts up to the stall are kept"
    );
    assert!(started.elapsed() < harness::TEST_DEADLINES.total + Duration::from_secs(2));
}

#[tokio::test]
async fn an_expired_certificate_is_captured_for_the_judge() {
    let (_, fetch, _) = fetch(Answer::policy(POLICY), Validity::EXPIRED).await;
    assert!(fetch["error"].is_null(), "{fetch:#}");
    assert_eq!(fetch["status"], 200);
    assert!(
        fetch["tls"]["chain_pem"]
            .as_str()
            .expect("pem")
            .contains("BEGIN CERTIFICATE")
    );
}

#[tokio::test]
async fn a_policy_host_that_does_not_resolve_is_a_dns_fact() {
    let dns = DnsServer::start(Zone::new()).await.expect("lab");
    let app = harness::app(harness::settings(&dns, 25, 443, true));
    let (status, fetch) = harness::get_json(&app, "/api/v1/policy?domain=lab.example").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fetch["error"]["step"], "dns");
    assert_eq!(fetch["error"]["kind"], "no_addresses");
}
