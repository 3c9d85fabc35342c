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
/// The strings are `S`: owned `String`s for callers of [`crate::read_report_file`], and `&str`
/// borrowed from the input while [`crate::check_reports`] adds a report up, so that reading a
/// report copies none of its strings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlsReport<S = String> {
    /// `organization-name`, empty when missing.
    pub organization: S,
    /// `contact-info`, when it is a string.
    pub contact_info: Option<S>,
    /// `report-id`, empty when missing.
    pub report_id: S,
    /// `start-datetime` in Unix seconds, when readable (read as UTC without an offset).
    pub start: Option<i64>,
    /// `end-datetime` in Unix seconds, when readable.
    pub end: Option<i64>,
    /// One entry per element of `policies`.
    pub policies: Vec<PolicyResult<S>>,
}

impl TlsReport<&str> {
    /// The same report with owned strings.
    pub fn to_owned_report(&self) -> TlsReport {
        let owned = |text: &&str| (*text).to_owned();
        TlsReport {
            organization: self.organization.to_owned(),
            contact_info: self.contact_info.as_ref().map(owned),
            report_id: self.report_id.to_owned(),
            start: self.start,
            end: self.end,
            policies: self
                .policies
                .iter()
                .map(|policy| PolicyResult {
                    policy_type: policy.policy_type.clone(),
                    domain: policy.domain.to_owned(),
                    mx_hosts: policy.mx_hosts.iter().map(owned).collect(),
                    policy_strings: policy.policy_strings.iter().map(owned).collect(),
                    successful: policy.successful,
                    failed: policy.failed,
                    failures: policy
                        .failures
                        .iter()
                        .map(|failure| FailureDetail {
                            result_type: failure.result_type.to_owned(),
                            sending_ip: failure.sending_ip.as_ref().map(owned),
                            receiving_mx: failure.receiving_mx.as_ref().map(owned),
                            receiving_helo: failure.receiving_helo.as_ref().map(owned),
                            receiving_ip: failure.receiving_ip.as_ref().map(owned),
                            count: failure.count,
                            additional_information: failure
                                .additional_information
                                .as_ref()
                                .map(owned),
                            reason_code: failure.reason_code.as_ref().map(owned),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// One element of `policies`: the policy applied and the sessions counted under it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyResult<S = String> {
    /// `policy-type`.
    pub policy_type: PolicyType,
    /// `policy-domain`, empty when missing.
    pub domain: S,
    /// `mx-host`: every pattern, whether sent as a string or an array.
    pub mx_hosts: Vec<S>,
    /// `policy-string`: the elements that are strings.
    pub policy_strings: Vec<S>,
    /// `total-successful-session-count` (0 when unreadable).
    pub successful: u64,
    /// `total-failure-session-count` (0 when unreadable).
    pub failed: u64,
    /// `failure-details`.
    pub failures: Vec<FailureDetail<S>>,
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
pub struct FailureDetail<S = String> {
    /// `result-type`, as sent (registered or not; empty when missing).
    pub result_type: S,
    /// `sending-mta-ip`.
    pub sending_ip: Option<S>,
    /// `receiving-mx-hostname`.
    pub receiving_mx: Option<S>,
    /// `receiving-mx-helo`.
    pub receiving_helo: Option<S>,
    /// `receiving-ip`.
    pub receiving_ip: Option<S>,
    /// `failed-session-count` (0 when unreadable).
    pub count: u64,
    /// `additional-information`.
    pub additional_information: Option<S>,
    /// `failure-reason-code`.
    pub reason_code: Option<S>,
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
