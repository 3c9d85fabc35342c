//! The judge of mta-sts-check: it reads MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) records and
//! policies and says, finding by finding, what a compliant sender will make of them.
//!
//! The core gathers nothing: it does no I/O and has no clock. The browser app, the proxy and the
//! command line collect facts (TXT character-strings, policy bytes, MX host names) and pass them
//! in; every verdict, online or offline, comes from the functions here.
//!
//! Entry points:
//! - [`check_policy`] for a policy body,
//! - [`check_sts_records`] for the TXT RRset at `_mta-sts.<domain>`,
//! - [`check_tlsrpt_records`] for the TXT RRset at `_smtp._tls.<domain>`,
//! - [`check_mx`] for which MX hosts a policy's `mx` patterns cover,
//! - [`check_certificates`] for a certificate chain presented for a host,
//! - [`check_reports`] for TLS-RPT report files (JSON, gzip or e-mail) and their summary,
//! - [`presentation::parse_txt`] to read a TXT record written as in a zone file.
//!
//! Each returns its reading together with a list of [`Diagnostic`]s, and [`Verdict::of`] turns
//! any list of findings into `pass`, `warn` or `fail`. [`wire`] gives the JSON form that every
//! front end prints.

mod catalogue;
mod cert;
mod dane;
mod diagnostic;
pub mod dns_message;
mod domain;
mod domain_check;
pub mod facts;
#[doc(hidden)]
pub mod fuzzing;
mod mx;
#[doc(hidden)]
pub mod order;
mod policy;
pub mod presentation;
mod report_uri;
mod rrset;
mod rule;
mod service_url;
mod sts_record;
mod time;
mod tlsrpt_record;
mod tlsrpt_report;
mod txt_fields;
pub mod wire;

pub use catalogue::{NOT_IMPLEMENTED, NotImplemented, render_catalogue};
pub use cert::{
    AnchorSource, AnchorSummary, CertificateCheck, CertificateOptions, CertificateSummary,
    ChainEnd, MAX_CERTIFICATE_INPUT_BYTES, MAX_CERTIFICATES, check_certificates, to_pem,
};
pub use dane::{DaneOutcome, match_tlsa};
pub use diagnostic::{Diagnostic, JsonPath, MAX_DIAGNOSTICS_PER_INPUT, Severity, Span, Verdict};
pub use domain::{
    ALabelConverter, ConverterAlreadySet, DomainInputError, parse_domain_input,
    set_a_label_converter, to_a_labels,
};
pub use domain_check::{
    AddressCheck, DomainCheck, DomainOptions, DomainSummary, Finding, HostCheck, PolicySnapshot,
    Suggestion, check_domain, suggest,
};
pub use mx::{MxCheck, MxHostMatch, MxSet, check_mx};
pub use policy::{
    MAX_AGE_LIMIT, MAX_POLICY_BYTES, Mode, MxPattern, Policy, PolicyCheck, SENDER_POLICY_CAP_BYTES,
    check_policy,
};
pub use presentation::{RecordLines, parse_lines};
pub use rule::Rule;
pub use service_url::{ServiceUrl, ServiceUrlError, parse_service_url};
pub use sts_record::{StsRecord, StsRecordCheck, check_sts_records};
pub use time::{TimeError, format_rfc3339, parse_rfc3339};
pub use tlsrpt_record::{ReportDestination, TlsRptRecord, TlsRptRecordCheck, check_tlsrpt_records};
pub use tlsrpt_report::{
    Container, Counts, FailureDetail, FilePart, Group, MAX_DECOMPRESSED_BYTES, MAX_DISTINCT,
    MAX_REPORT_INPUT_BYTES, NOT_GIVEN, OTHER, PolicyFigures, PolicyResult, PolicyType,
    RESULT_TYPES, ReadError, ReportFigures, ReportFile, ReportsCheck, Summary, TlsReport,
    WholeBytesError, WholeFile, check_reports, read_report_file,
};
pub use txt_fields::{MAX_TXT_RECORD_BYTES, MAX_TXT_RECORDS, is_hidden as is_hidden_char};
