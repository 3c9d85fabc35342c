//! The proxy under load, on loopback: starts the lab's DNS server and a stalling SMTP server,
//! runs the real `mta-sts-check-proxy` binary against them with private targets allowed, sends
//! many probe requests at once (each for another domain, so none is coalesced or cached) while
//! timing `/healthz`, and reports: health latency, the proxy's memory, how long each request
//! took against its deadline, and what was left open afterwards. Exits 1 when a bound is broken.
//!
//! `cargo run -p mta-sts-check-proxy --example load -- <PROXY-BINARY> [REQUESTS]`; see
//! `scripts/load-test.sh`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use mta_sts_check_lab::dns::{DnsServer, Zone};
use mta_sts_check_lab::smtp::{Script, SmtpServer};

/// The proxy's deadline for a whole request, as passed on its command line.
const REQUEST_DEADLINE: Duration = Duration::from_secs(8);
/// How long `/healthz` may take under load.
const HEALTH_BOUND: Duration = Duration::from_millis(100);
/// The most resident memory the proxy may reach.
const MEMORY_BOUND_KIB: u64 = 256 * 1024;

struct Proxy(Child);

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let binary = args.next().expect("usage: load <PROXY-BINARY> [REQUESTS]");
    let requests: usize = args.next().map_or(500, |n| n.parse().expect("a number"));

    let mut zone = Zone::new();
    for n in 0..requests {
        zone = zone
            .mx(
                &format!("load{n}.example"),
                10,
                &format!("mx.load{n}.example"),
            )
            .a(&format!("mx.load{n}.example"), "127.0.0.1");
    }
    let dns = DnsServer::start(zone).await.expect("the DNS lab starts");
    let smtp = SmtpServer::start("127.0.0.1", Script::Stall)
        .await
        .expect("the SMTP lab starts");

    let listen = free_address();
    let proxy = Proxy(
        Command::new(&binary)
            .args(["--listen", &listen, "--allow-private-targets"])
            .args(["--resolver", &dns.address.to_string()])
            .args(["--smtp-port", &smtp.address.port().to_string()])
            .args(["--client-burst", "100000", "--client-per-minute", "100000"])
            .args([
                "--connect-timeout",
                "2",
                "--step-timeout",
                "3",
                "--probe-timeout",
                "5",
            ])
            .args(["--request-timeout", &REQUEST_DEADLINE.as_secs().to_string()])
            .args(["--cache-ttl", "0"])
            .env(
                "RUST_LOG",
                std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".to_owned()),
            )
            .stdout(Stdio::null())
            .spawn()
            .expect("the proxy starts"),
    );
    let pid = proxy.0.id();
    wait_until_healthy(&listen).await;
    let baseline_kib = resident_kib(pid);
    let baseline_fds = open_fds(pid);

    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let health = tokio::spawn(health_probe(listen.clone(), Arc::clone(&done)));
    let memory = tokio::spawn(memory_sampler(pid, Arc::clone(&done)));

    let started = Instant::now();
    let load = (0..requests).map(|n| {
        let listen = listen.clone();
        tokio::spawn(async move {
            let path = format!("/api/v1/smtp?domain=load{n}.example&host=mx.load{n}.example");
            let sent = Instant::now();
            let status = get(&listen, &path).await;
            (status, sent.elapsed())
        })
    });
    let results: Vec<(u16, Duration)> = futures_util::future::join_all(load)
        .await
        .into_iter()
        .map(|joined| joined.expect("a request task"))
        .collect();
    let wall = started.elapsed();
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let health = health.await.expect("the health task");
    let peak_kib = memory.await.expect("the memory task");

    tokio::time::sleep(Duration::from_secs(1)).await;
    let left_open = smtp.open_connections();
    let fds_after = open_fds(pid);

    let mut by_status = std::collections::BTreeMap::new();
    for (status, _) in &results {
        *by_status.entry(*status).or_insert(0) += 1;
    }
    let slowest = results
        .iter()
        .map(|(_, took)| *took)
        .max()
        .unwrap_or_default();
    let health_max = health.iter().copied().max().unwrap_or_default();
    let health_p99 = percentile(&health, 0.99);

    println!("load: {requests} concurrent probe requests against a stalling SMTP server");
    println!(
        "load: statuses {by_status:?}, all done in {:.2} s",
        wall.as_secs_f64()
    );
    println!(
        "load: slowest request {:.2} s (deadline {} s)",
        slowest.as_secs_f64(),
        REQUEST_DEADLINE.as_secs()
    );
    println!(
        "load: /healthz {} answers, p99 {:.1} ms, max {:.1} ms (bound {} ms)",
        health.len(),
        ms(health_p99),
        ms(health_max),
        HEALTH_BOUND.as_millis()
    );
    println!(
        "load: proxy memory {} MiB at rest, {} MiB peak (bound {} MiB)",
        baseline_kib / 1024,
        peak_kib / 1024,
        MEMORY_BOUND_KIB / 1024
    );
    println!(
        "load: afterwards {left_open} SMTP connections open, proxy file descriptors {baseline_fds} \
         before and {fds_after} after"
    );

    let mut broken = Vec::new();
    if results.len() != requests || results.iter().any(|(status, _)| *status == 0) {
        broken.push("a request got no HTTP answer");
    }
    if slowest > REQUEST_DEADLINE + Duration::from_secs(1) {
        broken.push("a request outlived its deadline");
    }
    if health.is_empty() || health_max > HEALTH_BOUND {
        broken.push("/healthz was slow under load");
    }
    if peak_kib > MEMORY_BOUND_KIB {
        broken.push("the proxy's memory went over its bound");
    }
    if left_open > 0 || fds_after > baseline_fds + 4 {
        broken.push("connections were left open");
    }
    drop(proxy);
    if broken.is_empty() {
        println!("load: all bounds held");
        ExitCode::SUCCESS
    } else {
        println!("load: FAILED: {}", broken.join("; "));
        ExitCode::FAILURE
    }
}

fn free_address() -> String {
    let socket = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    socket.local_addr().expect("an address").to_string()
}

async fn wait_until_healthy(listen: &str) {
    for _ in 0..200 {
        if get(listen, "/healthz").await == 200 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the proxy did not come up on {listen}");
}

/// A GET over a fresh connection; the status, or 0 when there was no answer.
async fn get(listen: &str, path: &str) -> u16 {
    let Ok(mut stream) = TcpStream::connect(listen).await else {
        return 0;
    };
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {listen}\r\nX-Requested-With: load\r\n\
         Connection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).await.is_err() {
        return 0;
    }
    let mut response = Vec::new();
    if stream.read_to_end(&mut response).await.is_err() {
        return 0;
    }
    String::from_utf8_lossy(&response)
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

async fn health_probe(listen: String, done: Arc<std::sync::atomic::AtomicBool>) -> Vec<Duration> {
    let mut latencies = Vec::new();
    while !done.load(std::sync::atomic::Ordering::SeqCst) {
        let sent = Instant::now();
        if get(&listen, "/healthz").await == 200 {
            latencies.push(sent.elapsed());
        } else {
            latencies.push(Duration::from_secs(3600));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    latencies
}

async fn memory_sampler(pid: u32, done: Arc<std::sync::atomic::AtomicBool>) -> u64 {
    let mut peak = 0;
    while !done.load(std::sync::atomic::Ordering::SeqCst) {
        peak = peak.max(resident_kib(pid));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    peak.max(status_field(pid, "VmHWM:"))
}

fn resident_kib(pid: u32) -> u64 {
    status_field(pid, "VmRSS:")
}

fn status_field(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .unwrap_or(0)
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, Iterator::count)
}

fn percentile(values: &[Duration], fraction: f64) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    let index = ((sorted.len() as f64 * fraction).ceil() as usize).saturating_sub(1);
    sorted.get(index).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
