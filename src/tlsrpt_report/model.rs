//! A TLS-RPT report as read: the facts of RFC 8460 §4.4 with every deviation already reported,
//! so that the summary and the front ends work with plain values.
//!
//! ```text
//! report: organization-name, date-range {start-datetime, end-datetime}, contact-info,
//!         report-id, policies [{policy {policy-type, policy-string, policy-domain, mx-host},
//!                               summary {total-successful-session-count,
//!                                        total-failure-session-count},
//!                               failure-details [{result-type, sending-mta-ip, ...}]}]
//! ```

/// One report (RFC 8460 §4.4), read leniently.
///
/// FIXME: every string of a report is copied into an owned `String` here, and allocation is the
/// largest remaining cost when reading large batches of reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlsReport {
    /// `organization-name`, empty when missing.
    pub organization: String,
    /// `contact-info`, when it is a string.
    pub contact_info: Option<String>,
    /// `report-id`, empty when missing.
    pub report_id: String,
    /// `start-datetime` in Unix seconds, when readable (read as UTC without an offset).
    pub start: Option<i64>,
    /// `end-datetime` in Unix seconds, when readable.
    pub end: Option<i64>,
    /// One entry per element of `policies`.
    pub policies: Vec<PolicyResult>,
}

/// One element of `policies`: the policy applied and the sessions counted under it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyResult {
    /// `policy-type`.
    pub policy_type: PolicyType,
    /// `policy-domain`, empty when missing.
    pub domain: String,
    /// `mx-host`: every pattern, whether sent as a string or an array.
    pub mx_hosts: Vec<String>,
    /// `policy-string`: the elements that are strings.
    pub policy_strings: Vec<String>,
    /// `total-successful-session-count` (0 when unreadable).
    pub successful: u64,
    /// `total-failure-session-count` (0 when unreadable).
    pub failed: u64,
    /// `failure-details`.
    pub failures: Vec<FailureDetail>,
}

/// `policy-type` (RFC 8460 §4.4).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PolicyType {
    /// `sts`: an MTA-STS policy.
    Sts,
    /// `tlsa`: DANE TLSA records.
    Tlsa,
    /// `no-policy-found`.
    NoPolicyFound,
    /// `policy-type` missing or not a string.
    #[default]
    Missing,
    /// A value outside the three of the RFC.
    Other(String),
}

impl PolicyType {
    /// The type for a `policy-type` value.
    pub fn from_text(text: &str) -> Self {
        match text {
            "sts" => Self::Sts,
            "tlsa" => Self::Tlsa,
            "no-policy-found" => Self::NoPolicyFound,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The value as written in a report (`missing` when there is none).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Sts => "sts",
            Self::Tlsa => "tlsa",
            Self::NoPolicyFound => "no-policy-found",
            Self::Missing => "missing",
            Self::Other(text) => text,
        }
    }
}

/// One element of `failure-details`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FailureDetail {
    /// `result-type`, as sent (registered or not; empty when missing).
    pub result_type: String,
    /// `sending-mta-ip`.
    pub sending_ip: Option<String>,
    /// `receiving-mx-hostname`.
    pub receiving_mx: Option<String>,
    /// `receiving-mx-helo`.
    pub receiving_helo: Option<String>,
    /// `receiving-ip`.
    pub receiving_ip: Option<String>,
    /// `failed-session-count` (0 when unreadable).
    pub count: u64,
    /// `additional-information`.
    pub additional_information: Option<String>,
    /// `failure-reason-code`.
    pub reason_code: Option<String>,
}

/// The result types of the IANA "STARTTLS Validation Result Types" registry (RFC 8460 §6.6).
pub const RESULT_TYPES: [&str; 11] = [
    "starttls-not-supported",
    "certificate-host-mismatch",
    "certificate-expired",
    "certificate-not-trusted",
    "validation-failure",
    "tlsa-invalid",
    "dnssec-invalid",
    "dane-required",
    "sts-policy-fetch-error",
    "sts-policy-invalid",
    "sts-webpki-invalid",
];
