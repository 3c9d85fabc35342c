//! The probe against an SMTP server the project did not write: aiosmtpd, installed by
//! `scripts/setup.sh` into a virtual environment, doing STARTTLS with a chain from the test CA.
//! When the server is missing the test fails, telling how to install it.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod harness;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use axum::http::StatusCode;

use mta_sts_check::{CertificateOptions, Severity, check_certificates};
use mta_sts_check_lab::ca::{TestCa, Validity};
use mta_sts_check_lab::dns::{DnsServer, Zone};

/// The running aiosmtpd; killed when dropped.
struct Aiosmtpd(Child);

impl Drop for Aiosmtpd {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn python() -> String {
    std::env::var("MTA_STS_CHECK_PYTHON").unwrap_or_else(|_| {
        let cache = std::env::var("XDG_CACHE_HOME")
            .unwrap_or_else(|_| format!("{}/.cache", std::env::var("HOME").expect("HOME is set")));
        format!("{cache}/mta-sts-check/tools/venv/bin/python")
    })
}

fn free_port() -> u16 {
    let socket = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    socket.local_addr().expect("an address").port()
}

fn start_aiosmtpd(chain_pem: &str, key_pem: &str) -> (Aiosmtpd, u16) {
    let dir = std::env::temp_dir().join(format!("mta-sts-aiosmtpd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let (chain, key) = (dir.join("chain.pem"), dir.join("key.pem"));
    std::fs::write(&chain, chain_pem).expect("written");
    std::fs::write(&key, key_pem).expect("written");

    let port = free_port();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/aiosmtpd_lab.py");
    let mut child = Command::new(python())
        .arg(script)
        .arg(port.to_string())
        .arg(&chain)
        .arg(&key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| {
            panic!(
                "aiosmtpd is needed for this test ({error}): run `bash scripts/setup.sh`, or set \
                 MTA_STS_CHECK_PYTHON to a Python with aiosmtpd"
            )
        });
    let stdout = child.stdout.take().expect("piped");
    let mut ready = String::new();
    BufReader::new(stdout)
        .read_line(&mut ready)
        .expect("a line from aiosmtpd");
    assert_eq!(ready.trim(), "ready", "aiosmtpd did not start");
    std::fs::remove_dir_all(&dir).expect("the key files are read and can go");
    (Aiosmtpd(child), port)
}

#[tokio::test]
async fn aiosmtpd_with_starttls_yields_the_same_facts_as_the_lab() {
    let ca = TestCa::new().expect("a test CA");
    let leaf = ca
        .leaf(&["mx.aiosmtpd.example"], Validity::CURRENT)
        .expect("a leaf");
    let (_server, port) = start_aiosmtpd(&leaf.chain_pem, &leaf.key_pem);

    let zone = Zone::new()
        .mx("aiosmtpd.example", 10, "mx.aiosmtpd.example")
        .a("mx.aiosmtpd.example", "127.0.0.1");
    let dns = DnsServer::start(zone).await.expect("lab");
    let app = harness::app(harness::settings(&dns, port, 443, true));
    let (status, body) = harness::get_json(
        &app,
        "/api/v1/smtp?domain=aiosmtpd.example&host=mx.aiosmtpd.example",
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    let address = &body["addresses"][0];
    assert!(address["error"].is_null(), "{address:#}");
    let greeting = address["greeting"][0].as_str().expect("a greeting");
    assert!(
        greeting.starts_with("220 aiosmtpd.lab.example Python SMTP"),
        "{greeting}"
    );
    assert_eq!(address["starttls_offered"], true);
    assert!(
        address["starttls_reply"][0]
            .as_str()
            .expect("a reply")
            .starts_with("220")
    );
    let after: Vec<&str> = address["ehlo_after_tls"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|line| line.as_str().expect("text"))
        .collect();
    assert!(after[0].starts_with("250"), "{after:?}");
    assert!(
        !after.iter().any(|line| line.contains("STARTTLS")),
        "{after:?}"
    );
    assert_eq!(address["tls"]["version"], "TLSv1.3");

    let chain = address["tls"]["chain_pem"].as_str().expect("a chain");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let mut options =
        CertificateOptions::new("mx.aiosmtpd.example", i64::try_from(now).expect("fits"));
    options.extra_roots = ca.root_pem().as_bytes();
    let check = check_certificates(chain.as_bytes(), &options);
    assert!(
        check
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error),
        "{:?}",
        check.diagnostics
    );
}
