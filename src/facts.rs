//! Facts: what the proxy (or the command line, doing the proxy's work itself) observed on the
//! network, as plain data with no judgement in it. They live in the core so that the proxy that
//! writes them and the front ends that pass them to the judge share one definition.
//!
//! Every fact type carries [`FACTS_VERSION`] on the wire as `"version"`, so a front end can tell
//! a proxy that speaks another shape apart from a broken one.

mod dns;
mod domain;
mod fetch;
mod plan;
mod smtp;
mod tls;

pub use dns::{DnsAnswer, DnsRecord, DnsStatus, TxtString};
pub use domain::DomainFacts;
pub use fetch::{FetchError, FetchErrorKind, FetchHeaders, FetchStep, FetchTimings, PolicyFetch};
pub use plan::{
    MAX_MX_HOSTS, POLICY_PATH, ProbeTarget, address_names, fetch_from_proxy, fetch_not_gathered,
    probe_from_proxy, probe_not_gathered, probe_skipped, probe_targets,
};
pub use smtp::{
    MAX_REPLY_LINE_BYTES, MAX_REPLY_LINES, ProbeError, ProbeErrorKind, ProbeStep, ProbeTimings,
    SmtpAddressProbe, SmtpProbe,
};
pub use tls::TlsFacts;

/// The version of the fact shapes below; bumped when a field changes meaning or disappears.
pub const FACTS_VERSION: u32 = 1;
