//! The companion proxy of mta-sts-check, as a library: the STARTTLS probe on port 25 and the
//! policy fetch that a browser cannot do itself, and the HTTP server that offers them to the
//! web app. It gathers facts ([`mta_sts_check::facts`]) and never judges them.
//!
//! Anyone may host it, so every connection it makes goes through [`guard`], which refuses every
//! address that is not globally reachable, and the server limits who may ask for how much.
//! The command line uses [`Gatherer`] directly.

pub mod address;
pub mod config;
mod doh;
mod fetch;
#[doc(hidden)]
pub mod fuzzing;
mod gather;
pub mod guard;
mod http_client;
mod remote;
pub mod resolve;
pub mod server;
mod smtp;
mod tls;

pub use fetch::{MAX_POLICY_BODY_BYTES, POLICY_PATH};
pub use gather::{Deadlines, GatherSettings, Gatherer, MAX_MX_HOSTS, ProbeRefusal};
pub use tls::chain_to_pem;
