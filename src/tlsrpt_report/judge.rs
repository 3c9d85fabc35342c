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
        self.repeated(&object.repeated, "");
        let fields = &object.fields;
        let mut report = TlsReport {
            organization: self.required(fields.organization_name.as_ref(), "organization-name"),
            contact_info: self.contact(fields.contact_info.as_ref()),
            report_id: self.required(fields.report_id.as_ref(), "report-id"),
            ..TlsReport::default()
        };
        self.date_range(&fields.date_range, &mut report);
        match &fields.policies {
            Shape::Missing => self.missing("policies"),
            Shape::Wrong(kind) => self.error(
                Rule::ReportPoliciesNotArray,
                "policies".into(),
                format!(
                    "`policies` is {}, not an array; no policy is read",
                    kind.phrase()
                ),
            ),
            Shape::Value(items) => {
                if items.single {
                    self.error(
                        Rule::ReportPoliciesNotArray,
                        "policies".into(),
                        "`policies` is one object, not an array; read as one policy",
                    );
                }
                for (index, item) in items.items.iter().enumerate() {
                    let path = format!("policies[{index}]");
                    if let Some(entry) = self.object(item, &path) {
                        report.policies.push(self.policy_entry(entry, &path));
                    }
                }
            }
        }
        report
    }

    fn date_range(&mut self, shape: &Shape<Object<DateRangeFields<'_>>>, report: &mut TlsReport) {
        let Some(range) = self.object(shape, "date-range") else {
            return;
        };
        report.start = self.datetime(range.fields.start.as_ref(), "date-range.start-datetime");
        report.end = self.datetime(range.fields.end.as_ref(), "date-range.end-datetime");
        let (Some(start), Some(end)) = (report.start, report.end) else {
            return;
        };
        if end < start {
            self.error(
                Rule::ReportDateRange,
                "date-range".into(),
                "the date range ends before it starts",
            );
            return;
        }
        let whole_day = start.rem_euclid(86_400) == 0 && matches!(end - start, 86_399 | 86_400);
        if !whole_day {
            self.push(
                Rule::ReportDateRange,
                Severity::Info,
                "date-range".into(),
                format!(
                    "the report covers {} seconds from {}, not one whole UTC day",
                    end - start,
                    crate::time::format_rfc3339(start)
                ),
            );
        }
    }

    fn datetime(&mut self, value: Option<&Scalar<'_>>, path: &str) -> Option<i64> {
        let text = self.string(value, path, true)?;
        match parse_rfc3339(&text) {
            Ok(seconds) => Some(seconds),
            Err(error) if error.offset == text.len() && text.len() >= 19 => {
                let utc = parse_rfc3339(&format!("{text}Z")).ok()?;
                self.push(
                    Rule::ReportDateTime,
                    Severity::Warning,
                    path.into(),
                    format!("`{}` has no time zone; read as UTC", show(text.as_bytes())),
                );
                Some(utc)
            }
            Err(error) => {
                self.error(
                    Rule::ReportDateTime,
                    path.into(),
                    format!(
                        "`{}` is not an RFC 3339 date-time: {error}",
                        show(text.as_bytes())
                    ),
                );
                None
            }
        }
    }

    fn contact(&mut self, value: Option<&Scalar<'_>>) -> Option<String> {
        let problem = match value {
            None => "`contact-info` is missing".to_owned(),
            Some(Scalar::Str(text)) if is_email(text) => return Some(text.to_string()),
            Some(Scalar::Str(text)) => {
                self.push(
                    Rule::ReportContactInfo,
                    Severity::Warning,
                    "contact-info".into(),
                    format!("`{}` is not an e-mail address", show(text.as_bytes())),
                );
                return Some(text.to_string());
            }
            Some(other) => format!(
                "`contact-info` is {}, not an e-mail address",
                other.kind().phrase()
            ),
        };
        self.push(
            Rule::ReportContactInfo,
            Severity::Warning,
            "contact-info".into(),
            problem,
        );
        None
    }

    fn policy_entry(&mut self, entry: &Object<PolicyEntryFields<'_>>, path: &str) -> PolicyResult {
        self.repeated(&entry.repeated, path);
        let fields = &entry.fields;
        let mut result = PolicyResult::default();
        let policy_path = format!("{path}.policy");
        if let Some(policy) = self.object(&fields.policy, &policy_path) {
            self.policy(policy, &policy_path, &mut result);
        }
        let summary_path = format!("{path}.summary");
        if let Some(summary) = self.object(&fields.summary, &summary_path) {
            self.summary(summary, &summary_path, &mut result);
        }
        let details_path = format!("{path}.failure-details");
        match &fields.failure_details {
            Shape::Missing => {}
            Shape::Wrong(kind) => self.wrong_kind(&details_path, *kind, "an array"),
            Shape::Value(items) => self.failure_details(items, &details_path, &mut result),
        }
        result
    }

    fn policy(&mut self, policy: &Object<PolicyFields<'_>>, path: &str, result: &mut PolicyResult) {
        self.repeated(&policy.repeated, path);
        let fields = &policy.fields;
        let type_path = format!("{path}.policy-type");
        if let Some(text) = self.string(fields.policy_type.as_ref(), &type_path, true) {
            result.policy_type = PolicyType::from_text(&text);
            if let PolicyType::Other(other) = &result.policy_type {
                self.error(
                    Rule::ReportPolicyType,
                    type_path,
                    format!(
                        "`{}` is not `sts`, `tlsa` or `no-policy-found`",
                        show(other.as_bytes())
                    ),
                );
            }
        }
        let domain_path = format!("{path}.policy-domain");
        if let Some(domain) = self.string(fields.policy_domain.as_ref(), &domain_path, true) {
            self.a_labels(&domain, domain_path);
            result.domain = domain;
        }
        self.policy_strings(
            &fields.policy_string,
            &format!("{path}.policy-string"),
            result,
        );
        self.mx_hosts(&fields.mx_host, &format!("{path}.mx-host"), result);
    }

    fn policy_strings(
        &mut self,
        shape: &Shape<Strings<'_>>,
        path: &str,
        result: &mut PolicyResult,
    ) {
        let expected = matches!(result.policy_type, PolicyType::Sts | PolicyType::Tlsa);
        match shape {
            Shape::Missing if expected => self.push(
                Rule::ReportMembersMissing,
                Severity::Warning,
                path.into(),
                format!(
                    "`policy-string` is missing for this `{}` policy",
                    result.policy_type.as_str()
                ),
            ),
            Shape::Missing => {}
            Shape::Wrong(kind) => self.wrong_kind(path, *kind, "an array of strings"),
            Shape::Value(Strings::One(text)) => {
                self.push(
                    Rule::ReportPolicyString,
                    Severity::Warning,
                    path.into(),
                    "`policy-string` is one string, not an array of strings",
                );
                result.policy_strings.push(text.to_string());
            }
            Shape::Value(Strings::Many(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{index}]");
                    let Some(text) = self.string(Some(item), &item_path, false) else {
                        continue;
                    };
                    self.policy_line(&text, &result.policy_type, item_path);
                    result.policy_strings.push(text);
                }
            }
        }
    }

    fn policy_line(&mut self, text: &str, policy_type: &PolicyType, path: String) {
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
            path,
            format!("`{}` {problem}", show(text.as_bytes())),
        );
    }

    fn mx_hosts(&mut self, shape: &Shape<Strings<'_>>, path: &str, result: &mut PolicyResult) {
        match shape {
            Shape::Missing => {}
            Shape::Wrong(kind) => self.wrong_kind(path, *kind, "a string or an array of strings"),
            Shape::Value(Strings::One(text)) => {
                self.a_labels(text, path.into());
                result.mx_hosts.push(text.to_string());
            }
            Shape::Value(Strings::Many(items)) => {
                self.push(
                    Rule::ReportMxHostForm,
                    Severity::Info,
                    path.into(),
                    match items.len() {
                        1 => "`mx-host` is an array of 1 pattern; read as such".to_owned(),
                        count => format!("`mx-host` is an array of {count} patterns; read as such"),
                    },
                );
                for (index, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{index}]");
                    if let Some(text) = self.string(Some(item), &item_path, false) {
                        self.a_labels(&text, item_path);
                        result.mx_hosts.push(text);
                    }
                }
            }
        }
    }

    fn summary(
        &mut self,
        summary: &Object<SummaryFields<'_>>,
        path: &str,
        result: &mut PolicyResult,
    ) {
        self.repeated(&summary.repeated, path);
        let fields = &summary.fields;
        result.successful = self.count(
            fields.successful.as_ref(),
            &format!("{path}.{}", Member::TotalSuccessful.name()),
        );
        result.failed = self.count(
            fields.failed.as_ref(),
            &format!("{path}.{}", Member::TotalFailure.name()),
        );
    }

    fn failure_details(
        &mut self,
        items: &Items<FailureFields<'_>>,
        path: &str,
        result: &mut PolicyResult,
    ) {
        if items.single {
            self.error(
                Rule::ReportSchema,
                path.into(),
                "`failure-details` is one object, not an array; read as one entry",
            );
        }
        for (index, item) in items.items.iter().enumerate() {
            let item_path = format!("{path}[{index}]");
            if let Some(detail) = self.object(item, &item_path) {
                let detail = self.failure(detail, &item_path);
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
                path.into(),
                format!(
                    "the failure details count {sum} failed sessions, the summary {}",
                    result.failed
                ),
            );
        }
    }

    fn failure(&mut self, object: &Object<FailureFields<'_>>, path: &str) -> FailureDetail {
        self.repeated(&object.repeated, path);
        let fields = &object.fields;
        let at = |member: Member| format!("{path}.{}", member.name());
        let mut detail = FailureDetail {
            result_type: self
                .string(fields.result_type.as_ref(), &at(Member::ResultType), true)
                .unwrap_or_default(),
            count: self.count(
                fields.failed_session_count.as_ref(),
                &at(Member::FailedSessionCount),
            ),
            ..FailureDetail::default()
        };
        if !detail.result_type.is_empty() && !RESULT_TYPES.contains(&detail.result_type.as_str()) {
            self.push(
                Rule::ReportResultType,
                Severity::Warning,
                at(Member::ResultType),
                format!(
                    "`{}` is not a registered result type; counted under its own name",
                    show(detail.result_type.as_bytes())
                ),
            );
        }
        detail.sending_ip = self.ip(fields.sending_mta_ip.as_ref(), at(Member::SendingMtaIp));
        detail.receiving_ip = self.ip(fields.receiving_ip.as_ref(), at(Member::ReceivingIp));
        let mx_path = at(Member::ReceivingMxHostname);
        detail.receiving_mx = self.string(fields.receiving_mx_hostname.as_ref(), &mx_path, false);
        if let Some(mx) = &detail.receiving_mx {
            self.a_labels(mx, mx_path);
        }
        detail.receiving_helo = self.string(
            fields.receiving_mx_helo.as_ref(),
            &at(Member::ReceivingMxHelo),
            false,
        );
        let info_path = at(Member::AdditionalInformation);
        detail.additional_information =
            self.string(fields.additional_information.as_ref(), &info_path, false);
        if let Some(uri) = &detail.additional_information
            && !is_uri(uri)
        {
            self.push(
                Rule::ReportAdditionalInformation,
                Severity::Warning,
                info_path,
                format!("`{}` is not a URI", show(uri.as_bytes())),
            );
        }
        detail.reason_code = self.string(
            fields.failure_reason_code.as_ref(),
            &at(Member::FailureReasonCode),
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
                path.into(),
                format!(
                    "a `{}` entry without `failure-reason-code`",
                    detail.result_type
                ),
            );
        }
        self.expected_members(fields, path);
        detail
    }

    fn expected_members(&mut self, fields: &FailureFields<'_>, path: &str) {
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
                path.into(),
                format!("this entry has no `{}`", missing.join("`, `")),
            );
        }
    }

    /// An IP address member: kept as sent, checked for its canonical form.
    fn ip(&mut self, value: Option<&Scalar<'_>>, path: String) -> Option<String> {
        let text = self.string(value, &path, false)?;
        if !is_canonical_ip(&text) {
            self.push(
                Rule::ReportIpAddress,
                Severity::Warning,
                path,
                format!(
                    "`{}` is not an IP address in canonical form",
                    show(text.as_bytes())
                ),
            );
        }
        Some(text)
    }

    /// A session count: a non-negative integer, read from a string too, 0 when unreadable.
    fn count(&mut self, value: Option<&Scalar<'_>>, path: &str) -> u64 {
        let (count, problem) = match value {
            None => {
                self.missing(path);
                return 0;
            }
            Some(Scalar::Unsigned(count)) if *count > MAX_EXACT_INTEGER => {
                self.error(
                    Rule::ReportNotIJson,
                    path.into(),
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
            Some(Scalar::Float(count)) => (0, format!("{count} is not an integer")),
            Some(other) => (
                0,
                format!("the count is {}, not a number", other.kind().phrase()),
            ),
        };
        self.error(Rule::ReportCount, path.into(), problem);
        count
    }

    /// A string member; `required` says whether a missing one is reported.
    fn string(&mut self, value: Option<&Scalar<'_>>, path: &str, required: bool) -> Option<String> {
        match value {
            None if required => {
                self.missing(path);
                None
            }
            None => None,
            Some(Scalar::Str(text)) => Some(text.to_string()),
            Some(other) => {
                self.wrong_kind(path, other.kind(), "a string");
                None
            }
        }
    }

    fn required(&mut self, value: Option<&Scalar<'_>>, path: &str) -> String {
        self.string(value, path, true).unwrap_or_default()
    }

    fn object<'o, T>(&mut self, shape: &'o Shape<Object<T>>, path: &str) -> Option<&'o Object<T>> {
        match shape {
            Shape::Missing => self.missing(path),
            Shape::Wrong(kind) => self.wrong_kind(path, *kind, "an object"),
            Shape::Value(object) => return Some(object),
        }
        None
    }

    fn a_labels(&mut self, name: &str, path: String) {
        if !name.is_ascii() {
            self.push(
                Rule::ReportALabels,
                Severity::Warning,
                path,
                format!("`{}` is not written in A-labels", show(name.as_bytes())),
            );
        }
    }

    fn repeated(&mut self, members: &[Member], path: &str) {
        for member in members {
            self.error(
                Rule::ReportNotIJson,
                join(path, member.name()),
                format!(
                    "`{}` appears more than once in this object; the last is read",
                    member.name()
                ),
            );
        }
    }

    fn missing(&mut self, path: &str) {
        let name = path.rsplit('.').next().unwrap_or(path);
        self.error(
            Rule::ReportSchema,
            path.into(),
            format!("`{name}` is missing"),
        );
    }

    fn wrong_kind(&mut self, path: &str, kind: Kind, expected: &str) {
        self.error(
            Rule::ReportSchema,
            path.into(),
            format!("the value is {}, not {expected}", kind.phrase()),
        );
    }

    fn error(&mut self, rule: Rule, path: String, message: impl Into<String>) {
        self.push(rule, Severity::Error, path, message);
    }

    fn push(&mut self, rule: Rule, severity: Severity, path: String, message: impl Into<String>) {
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
    fn paths_join() {
        assert_eq!(join("", "policies[0]"), "policies[0]");
        assert_eq!(join("[2]", "policies[0]"), "[2].policies[0]");
        assert_eq!(join("[2]", ""), "[2]");
        assert_eq!(join("policies", "[1]"), "policies[1]");
    }
}
