//! Servers on loopback for the project's tests and private labs: a DNS server answering from
//! zone data, SMTP servers that follow a script (good and broken ones), HTTPS policy hosts, and
//! a test certificate authority to give them certificates. Nothing here talks to any host but
//! the loopback addresses it binds.

pub mod ca;
pub mod dns;
pub mod https;
pub mod scenarios;
pub mod smtp;

/// Counts connections a server accepted, so a test can prove that none came.
pub type ConnectionCount = std::sync::Arc<std::sync::atomic::AtomicUsize>;
