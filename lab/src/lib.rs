//! Servers on loopback for the project's tests and private labs: a DNS server answering from
//! zone data, SMTP servers that follow a script (good and broken ones), HTTPS policy hosts, and
//! a test certificate authority to give them certificates. Nothing here talks to any host but
//! the loopback addresses it binds.

pub mod ca;
pub mod dns;
mod doh;
pub mod https;
pub mod scenarios;
pub mod smtp;

/// Counts connections a server accepted, so a test can prove that none came.
pub type ConnectionCount = std::sync::Arc<std::sync::atomic::AtomicUsize>;

static LATENCY_MS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Makes every lab server wait this long before each answer (a DNS response, an SMTP reply, an
/// HTTP response), as if it were far away. Zero by default.
pub fn set_latency(latency: std::time::Duration) {
    let ms = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX);
    LATENCY_MS.store(ms, std::sync::atomic::Ordering::SeqCst);
}

/// Waits for the configured latency.
pub(crate) async fn delay() {
    let ms = LATENCY_MS.load(std::sync::atomic::Ordering::SeqCst);
    if ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
}
