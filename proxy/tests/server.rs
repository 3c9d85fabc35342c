//! The HTTP server around the probe: the header every API request needs, CORS, security
//! headers, static files, limits per client and per target, coalescing of identical requests,
//! the global limit on work in flight, request deadlines, and the deadline on reading headers,
//! the last over a real socket.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod harness;

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

use mta_sts_check_lab::dns::{DnsServer, Zone};
use mta_sts_check_lab::smtp::{Script, SmtpServer};
use mta_sts_check_proxy::server::{Rate, ServerConfig, serve};

const SMTP_URI: &str = "/api/v1/smtp?domain=lab.example&host=mx1.lab.example";

fn zone() -> Zone {
    Zone::new()
        .mx("lab.example", 10, "mx1.lab.example")
        .mx("lab.example", 20, "mx2.lab.example")
        .a("mx1.lab.example", "127.0.0.1")
        .a("mx2.lab.example", "127.0.0.1")
        .mx("other.example", 10, "mx1.lab.example")
}

async fn lab(script: Script) -> (SmtpServer, DnsServer) {
    let smtp = SmtpServer::start("127.0.0.1", script).await.expect("lab");
    let dns = DnsServer::start(zone()).await.expect("lab");
    (smtp, dns)
}

fn peer(text: &str) -> SocketAddr {
    text.parse().expect("an address")
}

#[tokio::test]
async fn api_requests_need_x_requested_with_and_cors_allows_only_configured_origins() {
    let (smtp, dns) = lab(Script::NoStarttls).await;
    let config = ServerConfig {
        allowed_origins: vec!["https://checker.example".to_owned()],
        ..ServerConfig::default()
    };
    let app = harness::app_with(
        harness::settings(&dns, smtp.address.port(), 443, true),
        config,
    );

    let bare = Request::get(SMTP_URI).body(Body::empty()).expect("request");
    let response = app.clone().oneshot(bare).await.expect("answer");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(smtp.connection_count(), 0);

    let preflight = |origin: &str| {
        Request::options(SMTP_URI)
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "x-requested-with")
            .body(Body::empty())
            .expect("request")
    };
    let allowed = app
        .clone()
        .oneshot(preflight("https://checker.example"))
        .await
        .expect("answer");
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://checker.example"
    );
    let other = app
        .clone()
        .oneshot(preflight("https://evil.example"))
        .await
        .expect("answer");
    assert!(other.headers().get("access-control-allow-origin").is_none());
    assert_eq!(smtp.connection_count(), 0, "preflights probe nothing");
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_the_app_is_served() {
    let dir = std::env::temp_dir().join(format!("mta-sts-proxy-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    std::fs::write(
        dir.join("index.html"),
        "<html><script type=\"module\">import init from '/app.js';init();</script></html>",
    )
    .expect("written");
    let dns = DnsServer::start(Zone::new()).await.expect("lab");
    let config = ServerConfig {
        static_dir: Some(dir.clone()),
        connect_origins: vec!["https://dns.example".to_owned()],
        ..ServerConfig::default()
    };
    let app = harness::app_with(harness::settings(&dns, 25, 443, true), config);

    for (uri, status) in [
        ("/", StatusCode::OK),
        ("/healthz", StatusCode::OK),
        ("/missing", StatusCode::NOT_FOUND),
    ] {
        let response = app
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
            .await
            .expect("answer");
        assert_eq!(response.status(), status, "{uri}");
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(headers["x-frame-options"], "DENY", "{uri}");
        let csp = headers["content-security-policy"].to_str().expect("ascii");
        assert!(
            csp.contains("'wasm-unsafe-eval'") && csp.contains("'sha256-"),
            "{csp}"
        );
        assert!(
            csp.contains("connect-src 'self' https: https://dns.example"),
            "{csp}"
        );
    }
    std::fs::remove_dir_all(dir).expect("cleaned up");
}

#[tokio::test]
async fn clients_are_limited_by_address_and_ipv6_clients_by_their_64() {
    let (smtp, dns) = lab(Script::NoStarttls).await;
    let config = ServerConfig {
        client_rate: Rate {
            burst: 2,
            per_minute: 1,
        },
        cache_ttl: Duration::from_secs(60),
        ..ServerConfig::default()
    };
    let app = harness::app_with(
        harness::settings(&dns, smtp.address.port(), 443, true),
        config,
    );

    for client in ["[2001:db8:1:2::1]:1000", "[2001:db8:1:2::ffff]:1000"] {
        let (status, _) = harness::get_json_from(&app, SMTP_URI, peer(client)).await;
        assert_eq!(status, StatusCode::OK, "{client}");
    }
    let request = Request::get(SMTP_URI)
        .header("x-requested-with", "t")
        .extension(ConnectInfo(peer("[2001:db8:1:2::7]:1000")))
        .body(Body::empty())
        .expect("request");
    let limited = app.clone().oneshot(request).await.expect("answer");
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS, "same /64");
    assert!(limited.headers().contains_key("retry-after"));

    let (status, _) = harness::get_json_from(&app, SMTP_URI, peer("[2001:db8:1:3::1]:1000")).await;
    assert_eq!(status, StatusCode::OK, "another /64");
}

#[tokio::test]
async fn forwarded_for_counts_only_behind_a_trusted_proxy() {
    let (smtp, dns) = lab(Script::NoStarttls).await;
    let config = ServerConfig {
        client_rate: Rate {
            burst: 1,
            per_minute: 1,
        },
        trusted_proxies: vec!["10.0.0.0/8".parse().expect("a network")],
        ..ServerConfig::default()
    };
    let app = harness::app_with(
        harness::settings(&dns, smtp.address.port(), 443, true),
        config,
    );
    let send = |from: &str, forwarded: &str| {
        Request::get(SMTP_URI)
            .header("x-requested-with", "t")
            .header("x-forwarded-for", forwarded)
            .extension(ConnectInfo(peer(from)))
            .body(Body::empty())
            .expect("request")
    };

    // Behind the trusted proxy, two different clients each have their own bucket.
    for client in ["198.51.100.1", "198.51.100.2"] {
        let response = app
            .clone()
            .oneshot(send("10.0.0.5:1", client))
            .await
            .expect("answer");
        assert_eq!(response.status(), StatusCode::OK, "{client}");
    }
    // An untrusted peer cannot escape its bucket by claiming another address.
    let first = app
        .clone()
        .oneshot(send("192.0.2.9:1", "198.51.100.3"))
        .await
        .expect("answer");
    assert_eq!(first.status(), StatusCode::OK);
    let second = app
        .clone()
        .oneshot(send("192.0.2.9:1", "198.51.100.4"))
        .await
        .expect("answer");
    assert_eq!(second.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn identical_requests_share_one_probe_and_targets_are_limited() {
    let (smtp, dns) = lab(Script::NoStarttls).await;
    let config = ServerConfig {
        target_rate: Rate {
            burst: 1,
            per_minute: 1,
        },
        cache_ttl: Duration::from_secs(60),
        ..ServerConfig::default()
    };
    let app = harness::app_with(
        harness::settings(&dns, smtp.address.port(), 443, true),
        config,
    );

    let requests = (0..8).map(|_| harness::get_json(&app, SMTP_URI));
    let answers = futures_util::future::join_all(requests).await;
    assert!(answers.iter().all(|(status, _)| *status == StatusCode::OK));
    assert_eq!(smtp.connection_count(), 1, "eight requests, one probe");

    let (status, body) = harness::get_json(&app, SMTP_URI).await;
    assert_eq!(status, StatusCode::OK, "answered from the cache");
    assert_eq!(body, answers[0].1);
    assert_eq!(smtp.connection_count(), 1);

    // The same host for another domain is a new probe of the same target: over its limit.
    let same_target = "/api/v1/smtp?domain=other.example&host=mx1.lab.example";
    let (status, body) = harness::get_json(&app, same_target).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body:#}");
    assert_eq!(smtp.connection_count(), 1);
    let other = "/api/v1/smtp?domain=lab.example&host=mx2.lab.example";
    let (status, _) = harness::get_json(&app, other).await;
    assert_eq!(status, StatusCode::OK, "mx2 is another target");
    let (status, body) = harness::get_json(&app, "/api/v1/policy?domain=lab.example").await;
    assert_eq!(status, StatusCode::OK, "{body:#}");
}

#[tokio::test]
async fn work_in_flight_is_capped_and_requests_end_by_their_deadline() {
    let (smtp, dns) = lab(Script::Stall).await;
    let config = ServerConfig {
        max_in_flight: 1,
        queue_wait: Duration::from_millis(200),
        request_deadline: Duration::from_secs(10),
        ..ServerConfig::default()
    };
    let app = harness::app_with(
        harness::settings(&dns, smtp.address.port(), 443, true),
        config,
    );

    let first = harness::get_json(&app, SMTP_URI);
    let second = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        harness::get_json(&app, "/api/v1/smtp?domain=lab.example&host=mx2.lab.example").await
    };
    let ((first_status, first_body), (second_status, second_body)) = tokio::join!(first, second);
    assert_eq!(first_status, StatusCode::OK);
    assert_eq!(first_body["addresses"][0]["error"]["kind"], "timeout");
    assert_eq!(
        second_status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{second_body:#}"
    );
    assert_eq!(second_body["error"], "busy");

    let config = ServerConfig {
        request_deadline: Duration::from_millis(300),
        ..ServerConfig::default()
    };
    let app = harness::app_with(
        harness::settings(&dns, smtp.address.port(), 443, true),
        config,
    );
    let started = std::time::Instant::now();
    let (status, body) = harness::get_json(&app, SMTP_URI).await;
    assert_eq!(status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(body["error"], "deadline");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn bad_input_is_a_clear_400_that_reveals_nothing_internal() {
    let dns = DnsServer::start(Zone::new()).await.expect("lab");
    let app = harness::app(harness::settings(&dns, 25, 443, true));
    for (uri, fragment) in [
        (
            "/api/v1/smtp?domain=lab.example",
            "`host` parameter is missing",
        ),
        ("/api/v1/policy", "`domain` parameter is missing"),
        ("/api/v1/policy?domain=a..example", "empty label"),
        ("/api/v1/policy?domain=localhost", "at least two labels"),
    ] {
        let (status, body) = harness::get_json(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(body["error"], "bad_request");
        assert!(
            body["message"].as_str().expect("text").contains(fragment),
            "{uri}: {body:#}"
        );
    }
    let long = format!("/api/v1/policy?domain={}.example", "a".repeat(3000));
    let (status, _) = harness::get_json(&app, &long).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_client_that_sends_headers_slowly_is_cut_off() {
    let dns = DnsServer::start(Zone::new()).await.expect("lab");
    let config = ServerConfig {
        header_read_timeout: Duration::from_millis(500),
        ..ServerConfig::default()
    };
    let app = harness::app_with(harness::settings(&dns, 25, 443, true), config.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bound");
    let address = listener.local_addr().expect("an address");
    let server = tokio::spawn(async move { serve(listener, app, &config).await });

    let mut healthy = tokio::net::TcpStream::connect(address)
        .await
        .expect("connected");
    healthy
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("sent");
    let mut answer = String::new();
    healthy.read_to_string(&mut answer).await.expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    let mut slow = tokio::net::TcpStream::connect(address)
        .await
        .expect("connected");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("sent");
    let started = std::time::Instant::now();
    let mut rest = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
    assert!(read.is_ok(), "the server closed the connection");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    server.abort();
}
