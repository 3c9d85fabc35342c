//! Every fact about one domain that the judge weighs together: the three DNS lookups, the
//! policy fetch and one STARTTLS probe per MX host. A front end gathers them (all at once where
//! it can) and passes them to [`crate::check_domain`] with the instant to judge at.

use serde::{Deserialize, Serialize};

use super::dns::DnsAnswer;
use super::fetch::PolicyFetch;
use super::smtp::SmtpProbe;

/// What was gathered about a domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainFacts {
    pub version: u32,
    /// The policy domain (A-labels, no final dot).
    pub domain: String,
    /// `_mta-sts.<domain>` TXT.
    pub sts_txt: DnsAnswer,
    /// `_smtp._tls.<domain>` TXT.
    pub tlsrpt_txt: DnsAnswer,
    /// `<domain>` MX.
    pub mx: DnsAnswer,
    /// The policy fetch; `None` when it was not attempted.
    pub policy_fetch: Option<PolicyFetch>,
    /// One probe per MX host, in MX preference order.
    pub smtp: Vec<SmtpProbe>,
    /// The TLSA lookup of `_25._tcp.<host>` for each MX host probed (DANE, RFC 7672).
    #[serde(default)]
    pub tlsa: Vec<DnsAnswer>,
    /// The A and AAAA lookups of the names the front end resolved itself: the policy host
    /// `mta-sts.<domain>`, and `<domain>` when it has no MX records (see
    /// [`super::address_names`]). Shown beside the addresses the proxy connected to.
    #[serde(default)]
    pub addresses: Vec<DnsAnswer>,
}
