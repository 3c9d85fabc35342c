//! From the typed JSON pass to a [`TlsReport`]: every member read leniently, every deviation
//! from RFC 8460 §4.4 reported with the JSON path of the value, such as
//! `policies[0].failure-details[3].result-type`.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::diagnostic::{Severity, Sink};
use crate::rule::Rule;
use crate::time::parse_rfc3339;
use crate::tlsrpt_report::json::{
    DateRangeFields, FailureFields, Items, Kind, Member, Object, PolicyEntryFields, PolicyFields,
    ReportFields, Scalar, Shape, Strings, SummaryFields,
};
use crate::tlsrpt_report::model::{
    FailureDetail, PolicyResult, PolicyType, RESULT_TYPES, TlsReport,
};
use crate::txt_fields::show;

/// The largest integer an I-JSON reader keeps exactly (RFC 7493 §2.2).
const MAX_EXACT_INTEGER: u64 = 1 << 53;

/// Where a value is, as a chain of steps from the report's root that is only written out when
/// a finding needs it, so that reading a clean report formats no path at all.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a Self>,
    step: Step,
}

#[derive(Clone, Copy)]
enum Step {
    Root,
    Member(&'static str),
    Index(usize),
}

impl<'a> At<'a> {
    const ROOT: At<'static> = At {
        parent: None,
        step: Step::Root,
    };

    fn member(&'a self, member: Member) -> Self {
        Self {
            parent: Some(self),
            step: Step::Member(member.name()),
        }
    }

    fn index(&'a self, index: usize) -> Self {
        Self {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The last member name on the way, such as `report-id`.
    fn name(&self) -> &'static str {
        match self.step {
            Step::Member(name) => name,
            Step::Root | Step::Index(_) => self.parent.map_or("", |parent| parent.name()),
        }
    }

    fn write(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write(out);
        }
        match self.step {
            Step::Root => {}
            Step::Member(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Step::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
}

/// Judges reports into one input's sink, with paths below `prefix`.
pub(crate) struct Judge<'s, 'a> {
    sink: &'s mut Sink<'a>,
    prefix: String,
}

impl<'s, 'a> Judge<'s, 'a> {
    /// Paths start with `prefix` (empty for a document that is one report, `[2]` for the third
    /// report of an array).
    pub(crate) const fn new(sink: &'s mut Sink<'a>, prefix: String) -> Self {
        Self { sink, prefix }
    }

    /// Reads one report.
    pub(crate) fn report(&mut self, object: &Object<ReportFields<'_>>) -> TlsReport {
        let root = At::ROOT;
        self.repeated(&object.repeated, &root);
        let fields = &object.fields;
        let mut report = TlsReport {
            organization: self.required(
                fields.organization_name.as_ref(),
                &root.member(Member::OrganizationName),
            ),
            contact_info: self.contact(
                fields.contact_info.as_ref(),
                &root.member(Member::ContactInfo),
            ),
            report_id: self.required(fields.report_id.as_ref(), &root.member(Member::ReportId)),
            ..TlsReport::default()
        };
        self.date_range(
            &fields.date_range,
            &root.member(Member::DateRange),
            &mut report,
        );
        let at = root.member(Member::Policies);
        match &fields.policies {
            Shape::Missing => self.missing(&at),
            Shape::Wrong(kind) => self.error(
                Rule::ReportPoliciesNotArray,
                &at,
                format!(
                    "`policies` is {}, not an array; no policy is read",
                    kind.phrase()
                ),
            ),
            Shape::Value(items) => {
                if items.single {
                    self.error(
                        Rule::ReportPoliciesNotArray,
                        &at,
                        "`policies` is one object, not an array; read as one policy",
                    );
                }
                for (index, item) in items.items.iter().enumerate() {
                    let at = at.index(index);
                    if let Some(entry) = self.object(item, &at) {
                        report.policies.push(self.policy_entry(entry, &at));
                    }
                }
            }
        }
        report
    }

    fn date_range(
        &mut self,
        shape: &Shape<Object<DateRangeFields<'_>>>,
        at: &At<'_>,
        report: &mut TlsReport,
    ) {
        let Some(range) = self.object(shape, at) else {
            return;
        };
        self.repeated(&range.repeated, at);
        report.start = self.datetime(
            range.fields.start.as_ref(),
            &at.member(Member::StartDatetime),
        );
        report.end = self.datetime(range.fields.end.as_ref(), &at.member(Member::EndDatetime));
        let (Some(start), Some(end)) = (report.start, report.end) else {
            return;
        };
        if end < start {
            self.error(
                Rule::ReportDateRange,
                at,
                "the date range ends before it starts",
            );
            return;
        }
        let whole_day = start.rem_euclid(86_400) == 0 && matches!(end - start, 86_399 | 86_400);
        if !whole_day {
            self.push(
                Rule::ReportDateRange,
                Severity::Info,
                at,
                format!(
                    "the report covers {} seconds from {}, not one whole UTC day",
                    end - start,
                    crate::time::format_rfc3339(start)
                ),
            );
        }
    }

    fn datetime(&mut self, value: Option<&Scalar<'_>>, at: &At<'_>) -> Option<i64> {
        let text = self.string(value, at, true)?;
        match parse_rfc3339(&text) {
            Ok(seconds) => Some(seconds),
            Err(error) if error.offset == text.len() && text.len() >= 19 => {
                let utc = parse_rfc3339(&format!("{text}Z")).ok()?;
                self.push(
                    Rule::ReportDateTime,
                    Severity::Warning,
                    at,
                    format!("`{}` has no time zone; read as UTC", show(text.as_bytes())),
                );
                Some(utc)
            }
            Err(error) => {
                self.error(
                    Rule::ReportDateTime,
                    at,
                    format!(
                        "`{}` is not an RFC 3339 date-time: {error}",
                        show(text.as_bytes())
                    ),
                );
                None
            }
        }
    }

    fn contact(&mut self, value: Option<&Scalar<'_>>, at: &At<'_>) -> Option<String> {
        let problem = match value {
            None => "`contact-info` is missing".to_owned(),
            Some(Scalar::Str(text)) if is_email(text) => return Some(text.to_string()),
            Some(Scalar::Str(text)) => {
                self.push(
                    Rule::ReportContactInfo,
                    Severity::Warning,
                    at,
                    format!("`{}` is not an e-mail address", show(text.as_bytes())),
                );
                return Some(text.to_string());
            }
            Some(other) => {
                format!(
                    "`contact-info` is {}, not an e-mail address",
                    other.kind().phrase()
                )
            }
        };
        self.push(Rule::ReportContactInfo, Severity::Warning, at, problem);
        None
    }

    fn policy_entry(&mut self, entry: &Object<PolicyEntryFields<'_>>, at: &At<'_>) -> PolicyResult {
        self.repeated(&entry.repeated, at);
        let fields = &entry.fields;
        let mut result = PolicyResult::default();
        let policy_at = at.member(Member::Policy);
        if let Some(policy) = self.object(&fields.policy, &policy_at) {
            self.policy(policy, &policy_at, &mut result);
        }
        let summary_at = at.member(Member::Summary);
        if let Some(summary) = self.object(&fields.summary, &summary_at) {
            self.summary(summary, &summary_at, &mut result);
        }
        let details_at = at.member(Member::FailureDetails);
        match &fields.failure_details {
            Shape::Missing => {}
            Shape::Wrong(kind) => self.wrong_kind(&details_at, *kind, "an array"),
            Shape::Value(items) => self.failure_details(items, &details_at, &mut result),
        }
        result
    }

    fn policy(
        &mut self,
        policy: &Object<PolicyFields<'_>>,
        at: &At<'_>,
        result: &mut PolicyResult,
    ) {
        self.repeated(&policy.repeated, at);
        let fields = &policy.fields;
        let type_at = at.member(Member::PolicyType);
        if let Some(text) = self.string(fields.policy_type.as_ref(), &type_at, true) {
            result.policy_type = PolicyType::from_text(&text);
            if let PolicyType::Other(other) = &result.policy_type {
                let message = format!(
                    "`{}` is not `sts`, `tlsa` or `no-policy-found`",
                    show(other.as_bytes())
                );
                self.error(Rule::ReportPolicyType, &type_at, message);
            }
        }
        let domain_at = at.member(Member::PolicyDomain);
        if let Some(domain) = self.string(fields.policy_domain.as_ref(), &domain_at, true) {
            self.a_labels(&domain, &domain_at);
            result.domain = domain;
        }
        self.policy_strings(
            &fields.policy_string,
            &at.member(Member::PolicyString),
            result,
        );
        self.mx_hosts(&fields.mx_host, &at.member(Member::MxHost), result);
    }

    fn policy_strings(
        &mut self,
        shape: &Shape<Strings<'_>>,
        at: &At<'_>,
        result: &mut PolicyResult,
    ) {
        let expected = matches!(result.policy_type, PolicyType::Sts | PolicyType::Tlsa);
        match shape {
            Shape::Missing if expected => self.push(
                Rule::ReportMembersMissing,
                Severity::Warning,
                at,
                format!(
                    "`policy-string` is missing for this `{}` policy",
                    result.policy_type.as_str()
                ),
            ),
            Shape::Missing => {}
            Shape::Wrong(kind) => self.wrong_kind(at, *kind, "an array of strings"),
            Shape::Value(Strings::One(text)) => {
                self.push(
                    Rule::ReportPolicyString,
                    Severity::Warning,
                    at,
                    "`policy-string` is one string, not an array of strings",
                );
                result.policy_strings.push(text.to_string());
            }
            Shape::Value(Strings::Many(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let item_at = at.index(index);
                    let Some(text) = self.string(Some(item), &item_at, false) else {
                        continue;
                    };
                    self.policy_line(&text, &result.policy_type, &item_at);
                    result.policy_strings.push(text);
                }
            }
        }
    }

    fn policy_line(&mut self, text: &str, policy_type: &PolicyType, at: &At<'_>) {
        let problem = match policy_type {
            PolicyType::Sts if text.contains('\n') => {
                "holds several policy lines; give one per element"
            }
            PolicyType::Tlsa if text.starts_with('[') || text.contains('"') => {
                "holds a JSON-encoded list; give one TLSA record per element"
            }
            PolicyType::Tlsa if text.split_ascii_whitespace().count() != 4 => {
                "is not `usage selector mtype hexdata` with the hex data unbroken"
            }
            _ => return,
        };
        self.push(
            Rule::ReportPolicyString,
            Severity::Warning,
            at,
            format!("`{}` {problem}", show(text.as_bytes())),
        );
    }

    fn mx_hosts(&mut self, shape: &Shape<Strings<'_>>, at: &At<'_>, result: &mut PolicyResult) {
        match shape {
            Shape::Missing => {}
            Shape::Wrong(kind) => self.wrong_kind(at, *kind, "a string or an array of strings"),
            Shape::Value(Strings::One(text)) => {
                self.a_labels(text, at);
                result.mx_hosts.push(text.to_string());
            }
            Shape::Value(Strings::Many(items)) => {
                // FIXME: entries written like a policy line (`mx: mx.example.com`, seen from a
                // small reporter) are kept as sent and not reported.
                self.push(
                    Rule::ReportMxHostForm,
                    Severity::Info,
                    at,
                    match items.len() {
                        1 => "`mx-host` is an array of 1 pattern; read as such".to_owned(),
                        count => format!("`mx-host` is an array of {count} patterns; read as such"),
                    },
                );
                for (index, item) in items.iter().enumerate() {
                    let item_at = at.index(index);
                    if let Some(text) = self.string(Some(item), &item_at, false) {
                        self.a_labels(&text, &item_at);
                        result.mx_hosts.push(text);
                    }
                }
            }
        }
    }

    fn summary(
        &mut self,
        summary: &Object<SummaryFields<'_>>,
        at: &At<'_>,
        result: &mut PolicyResult,
    ) {
        self.repeated(&summary.repeated, at);
        let fields = &summary.fields;
        result.successful = self.count(
            fields.successful.as_ref(),
            &at.member(Member::TotalSuccessful),
        );
        result.failed = self.count(fields.failed.as_ref(), &at.member(Member::TotalFailure));
    }

    fn failure_details(
        &mut self,
        items: &Items<FailureFields<'_>>,
        at: &At<'_>,
        result: &mut PolicyResult,
    ) {
        if items.single {
            self.error(
                Rule::ReportSchema,
                at,
                "`failure-details` is one object, not an array; read as one entry",
            );
        }
        for (index, item) in items.items.iter().enumerate() {
            let item_at = at.index(index);
            if let Some(detail) = self.object(item, &item_at) {
                let detail = self.failure(detail, &item_at);
                result.failures.push(detail);
            }
        }
        let sum = result
            .failures
            .iter()
            .fold(0u64, |sum, detail| sum.saturating_add(detail.count));
        if !result.failures.is_empty() && sum != result.failed {
            self.push(
                Rule::ReportFailureSum,
                Severity::Info,
                at,
                format!(
                    "the failure details count {sum} failed sessions, the summary {}",
                    result.failed
                ),
            );
        }
    }

    fn failure(&mut self, object: &Object<FailureFields<'_>>, at: &At<'_>) -> FailureDetail {
        self.repeated(&object.repeated, at);
        let fields = &object.fields;
        let type_at = at.member(Member::ResultType);
        let mut detail = FailureDetail {
            result_type: self
                .string(fields.result_type.as_ref(), &type_at, true)
                .unwrap_or_default(),
            count: self.count(
                fields.failed_session_count.as_ref(),
                &at.member(Member::FailedSessionCount),
            ),
            ..FailureDetail::default()
        };
        if !detail.result_type.is_empty() && !RESULT_TYPES.contains(&detail.result_type.as_str()) {
            let message = format!(
                "`{}` is not a registered result type; counted under its own name",
                show(detail.result_type.as_bytes())
            );
            self.push(Rule::ReportResultType, Severity::Warning, &type_at, message);
        }
        detail.sending_ip = self.ip(
            fields.sending_mta_ip.as_ref(),
            &at.member(Member::SendingMtaIp),
        );
        detail.receiving_ip = self.ip(
            fields.receiving_ip.as_ref(),
            &at.member(Member::ReceivingIp),
        );
        let mx_at = at.member(Member::ReceivingMxHostname);
        detail.receiving_mx = self.string(fields.receiving_mx_hostname.as_ref(), &mx_at, false);
        if let Some(mx) = &detail.receiving_mx {
            self.a_labels(mx, &mx_at);
        }
        detail.receiving_helo = self.string(
            fields.receiving_mx_helo.as_ref(),
            &at.member(Member::ReceivingMxHelo),
            false,
        );
        let info_at = at.member(Member::AdditionalInformation);
        detail.additional_information =
            self.string(fields.additional_information.as_ref(), &info_at, false);
        if let Some(uri) = &detail.additional_information
            && !is_uri(uri)
        {
            let message = format!("`{}` is not a URI", show(uri.as_bytes()));
            self.push(
                Rule::ReportAdditionalInformation,
                Severity::Warning,
                &info_at,
                message,
            );
        }
        detail.reason_code = self.string(
            fields.failure_reason_code.as_ref(),
            &at.member(Member::FailureReasonCode),
            false,
        );
        let wants_code = matches!(
            detail.result_type.as_str(),
            "certificate-not-trusted" | "validation-failure"
        );
        if wants_code && detail.reason_code.is_none() {
            self.push(
                Rule::ReportReasonCode,
                Severity::Info,
                at,
                format!(
                    "a `{}` entry without `failure-reason-code`",
                    detail.result_type
                ),
            );
        }
        self.expected_members(fields, at);
        detail
    }

    fn expected_members(&mut self, fields: &FailureFields<'_>, at: &At<'_>) {
        let missing: Vec<&str> = [
            (&fields.sending_mta_ip, Member::SendingMtaIp),
            (&fields.receiving_mx_hostname, Member::ReceivingMxHostname),
            (&fields.receiving_ip, Member::ReceivingIp),
        ]
        .into_iter()
        .filter(|(value, _)| value.is_none())
        .map(|(_, member)| member.name())
        .collect();
        if !missing.is_empty() {
            self.push(
                Rule::ReportMembersMissing,
                Severity::Warning,
                at,
                format!("this entry has no `{}`", missing.join("`, `")),
            );
        }
    }

    /// An IP address member: kept as sent, checked for its canonical form.
    fn ip(&mut self, value: Option<&Scalar<'_>>, at: &At<'_>) -> Option<String> {
        let text = self.string(value, at, false)?;
        if !is_canonical_ip(&text) {
            self.push(
                Rule::ReportIpAddress,
                Severity::Warning,
                at,
                format!(
                    "`{}` is not an IP address in canonical form",
                    show(text.as_bytes())
                ),
            );
        }
        Some(text)
    }

    /// A session count: a non-negative integer, read from a string too, 0 when unreadable.
    fn count(&mut self, value: Option<&Scalar<'_>>, at: &At<'_>) -> u64 {
        let (count, problem) = match value {
            None => {
                self.missing(at);
                return 0;
            }
            Some(Scalar::Unsigned(count)) if *count > MAX_EXACT_INTEGER => {
                self.error(
                    Rule::ReportNotIJson,
                    at,
                    format!("{count} is beyond 2^53, the largest integer I-JSON keeps exactly"),
                );
                return *count;
            }
            Some(Scalar::Unsigned(count)) => return *count,
            Some(Scalar::Str(text)) => match text.trim().parse::<u64>() {
                Ok(count) => (
                    count,
                    format!("\"{count}\" is a string, not a number; read as {count}"),
                ),
                Err(_) => (0, format!("`{}` is not a number", show(text.as_bytes()))),
            },
            Some(Scalar::Signed(count)) => (0, format!("{count} is negative")),
            Some(Scalar::Float(count)) => (0, not_an_integer(*count)),
            Some(other) => (
                0,
                format!("the count is {}, not a number", other.kind().phrase()),
            ),
        };
        self.error(Rule::ReportCount, at, problem);
        count
    }

    /// A string member; `required` says whether a missing one is reported.
    fn string(
        &mut self,
        value: Option<&Scalar<'_>>,
        at: &At<'_>,
        required: bool,
    ) -> Option<String> {
        match value {
            None if required => {
                self.missing(at);
                None
            }
            None => None,
            Some(Scalar::Str(text)) => Some(text.to_string()),
            Some(other) => {
                self.wrong_kind(at, other.kind(), "a string");
                None
            }
        }
    }

    fn required(&mut self, value: Option<&Scalar<'_>>, at: &At<'_>) -> String {
        self.string(value, at, true).unwrap_or_default()
    }

    fn object<'o, T>(&mut self, shape: &'o Shape<Object<T>>, at: &At<'_>) -> Option<&'o Object<T>> {
        match shape {
            Shape::Missing => self.missing(at),
            Shape::Wrong(kind) => self.wrong_kind(at, *kind, "an object"),
            Shape::Value(object) => return Some(object),
        }
        None
    }

    fn a_labels(&mut self, name: &str, at: &At<'_>) {
        if !name.is_ascii() {
            self.push(
                Rule::ReportALabels,
                Severity::Warning,
                at,
                format!("`{}` is not written in A-labels", show(name.as_bytes())),
            );
        }
    }

    fn repeated(&mut self, members: &[Member], at: &At<'_>) {
        for member in members {
            self.error(
                Rule::ReportNotIJson,
                &at.member(*member),
                format!(
                    "`{}` appears more than once in this object; the last is read",
                    member.name()
                ),
            );
        }
    }

    fn missing(&mut self, at: &At<'_>) {
        let message = format!("`{}` is missing", at.name());
        self.error(Rule::ReportSchema, at, message);
    }

    fn wrong_kind(&mut self, at: &At<'_>, kind: Kind, expected: &str) {
        self.error(
            Rule::ReportSchema,
            at,
            format!("the value is {}, not {expected}", kind.phrase()),
        );
    }

    fn error(&mut self, rule: Rule, at: &At<'_>, message: impl Into<String>) {
        self.push(rule, Severity::Error, at, message);
    }

    fn push(&mut self, rule: Rule, severity: Severity, at: &At<'_>, message: impl Into<String>) {
        let mut path = String::new();
        at.write(&mut path);
        let path = join(&self.prefix, &path);
        self.sink.push_at_path(rule, severity, path, message);
    }
}

/// `prefix.rest`, or either alone when the other is empty; `prefix[0]` stays unseparated.
pub(crate) fn join(prefix: &str, rest: &str) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) if rest.starts_with('[') => format!("{prefix}{rest}"),
        (false, false) => format!("{prefix}.{rest}"),
    }
}

/// One `@` between a non-empty local part and a domain with a dot, and no spaces.
/// Why a count with a fraction or exponent is refused. A whole value is quoted (`100.0`); any
/// other is described in words, because formatting an `f64` links about 16 KiB of float
/// formatting code into the web app for this one message.
fn not_an_integer(count: f64) -> String {
    // 2^53: below it every whole f64 converts to i64 exactly.
    if count.fract() != 0.0 {
        "the count has a fraction, not an integer".to_owned()
    } else if count.abs() < 9_007_199_254_740_992.0 {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "whole and below 2^53: exact"
        )]
        let whole = count as i64;
        format!("{whole}.0 is not an integer")
    } else {
        "the count is a number beyond 2^53 written with an exponent or fraction, not an integer"
            .to_owned()
    }
}

fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A scheme (RFC 3986 §3.1) and then no character a URI cannot hold.
fn is_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    scheme_ok
        && !rest.is_empty()
        && !text.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        })
}

/// IPv4 as four decimal octets without leading zeros, or IPv6 as RFC 5952 writes it.
fn is_canonical_ip(text: &str) -> bool {
    if text.parse::<Ipv4Addr>().is_ok() {
        return true;
    }
    text.parse::<Ipv6Addr>()
        .is_ok_and(|address| address.to_string() == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_addresses() {
        assert!(is_canonical_ip("192.0.2.1"));
        assert!(!is_canonical_ip("010.0.0.1"));
        assert!(is_canonical_ip("2001:db8::1"));
        assert!(!is_canonical_ip("2001:db8:abcd:0012::1"));
        assert!(!is_canonical_ip("2001:DB8::1"));
        assert!(!is_canonical_ip(""));
    }

    #[test]
    fn uris_and_addresses() {
        assert!(is_uri("https://reports.example/report_info?id=1#x"));
        assert!(!is_uri("https://reports.example/report_info ? id = 1"));
        assert!(!is_uri("see logs"));
        assert!(is_email("smtp-tls-reporting@google.com"));
        assert!(!is_email("Example Corp"));
    }

    #[test]
    fn counts_with_a_fraction() {
        assert_eq!(not_an_integer(100.0), "100.0 is not an integer");
        assert_eq!(not_an_integer(-3.0), "-3.0 is not an integer");
        assert_eq!(
            not_an_integer(1.5),
            "the count has a fraction, not an integer"
        );
        assert_eq!(
            not_an_integer(1e300),
            "the count is a number beyond 2^53 written with an exponent or fraction, not an integer"
        );
    }

    #[test]
    fn paths_join() {
        assert_eq!(join("", "policies[0]"), "policies[0]");
        assert_eq!(join("[2]", "policies[0]"), "[2].policies[0]");
        assert_eq!(join("[2]", ""), "[2]");
        assert_eq!(join("policies", "[1]"), "policies[1]");
    }
}
