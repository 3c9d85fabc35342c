//! From the typed JSON pass to a [`TlsReport`]: every member read leniently, every deviation
//! from RFC 8460 §4.4 reported with the JSON path of the value, such as
//! `policies[0].failure-details[3].result-type`. The failure entries are judged in `failure.rs`,
//! values are checked by the plain functions of `values.rs`, and `at.rs` has the JSON paths.

mod at;
mod failure;
mod values;

pub(crate) use at::join;

use std::fmt::{self, Write as _};

use crate::diagnostic::{Severity, Sink};
use crate::rule::Rule;
use crate::time::parse_rfc3339;
use crate::tlsrpt_report::json::{
    DateRangeFields, Kind, Member, Object, PolicyEntryFields, PolicyFields, ReportFields, Scalar,
    Shape, Strings, SummaryFields,
};
use crate::tlsrpt_report::model::{PolicyResult, PolicyType, TlsReport};
use crate::tlsrpt_report::summary::PolicyTally;
use crate::tlsrpt_report::tally::Tally;
use crate::txt_fields::show;

use at::At;
use values::{MAX_EXACT_INTEGER, is_email, not_an_integer};

/// Judges reports into one input's sink, with paths below `prefix` and the report's index.
pub(crate) struct Judge<'s, 'a, 'p> {
    sink: &'s mut Sink<'a>,
    prefix: &'p str,
    index: Option<usize>,
    /// Where the report is added up while it is judged, if anywhere.
    tally: Option<&'s mut (dyn Tally + 'static)>,
    /// Whether the report is added up (it is not when it was added before).
    counted: bool,
    /// The tally's handle for the policy being judged, when it is added up.
    slot: Option<usize>,
}

impl<'s, 'a, 'p> Judge<'s, 'a, 'p> {
    /// Paths start with `prefix` (empty, or `part2` for an e-mail's second report part) and then
    /// the report's position in its array (`[2]` for the third), if it is in one. They are only
    /// written out when a finding is kept.
    ///
    /// With a `tally` (a summary, or a recording for one), each report is added to it as it is
    /// judged and its failure entries are not kept in the [`TlsReport`], so a report's entries
    /// are never held twice.
    pub(crate) const fn new(
        sink: &'s mut Sink<'a>,
        prefix: &'p str,
        index: Option<usize>,
        tally: Option<&'s mut (dyn Tally + 'static)>,
    ) -> Self {
        Self {
            sink,
            prefix,
            index,
            tally,
            counted: true,
            slot: None,
        }
    }

    /// Reads one report, borrowing its strings from the typed pass; says too whether it was
    /// added to the summary (`true` without one).
    pub(crate) fn report<'o>(
        &mut self,
        object: &'o Object<ReportFields<'_>>,
    ) -> (TlsReport<&'o str>, bool) {
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
            start: None,
            end: None,
            policies: Vec::new(),
        };
        self.date_range(
            &fields.date_range,
            &root.member(Member::DateRange),
            &mut report,
        );
        if let Some(tally) = self.tally.as_deref_mut() {
            self.counted = tally.begin(report.organization, report.report_id);
        }
        let at = root.member(Member::Policies);
        match &fields.policies {
            Shape::Missing => self.missing(&at),
            Shape::Wrong(kind) => self.error(
                Rule::ReportPoliciesNotArray,
                &at,
                format_args!(
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
                report.policies.reserve_exact(items.items.len());
                for (index, item) in items.items.iter().enumerate() {
                    let at = at.index(index);
                    if let Some(entry) = self.object(item, &at) {
                        let policy = self.policy_entry(entry, &at, &report);
                        report.policies.push(policy);
                    }
                }
            }
        }
        (report, self.counted)
    }

    fn date_range(
        &mut self,
        shape: &Shape<Object<DateRangeFields<'_>>>,
        at: &At<'_>,
        report: &mut TlsReport<&str>,
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
                format_args!(
                    "the report covers {} seconds from {}, not one whole UTC day",
                    end - start,
                    crate::time::format_rfc3339(start)
                ),
            );
        }
    }

    fn datetime(&mut self, value: Option<&Scalar<'_>>, at: &At<'_>) -> Option<i64> {
        let text = self.string(value, at, true)?;
        match parse_rfc3339(text) {
            Ok(seconds) => Some(seconds),
            Err(error) if error.offset == text.len() && text.len() >= 19 => {
                let utc = parse_rfc3339(&format!("{text}Z")).ok()?;
                self.push(
                    Rule::ReportDateTime,
                    Severity::Warning,
                    at,
                    format_args!("`{}` has no time zone; read as UTC", show(text.as_bytes())),
                );
                Some(utc)
            }
            Err(error) => {
                self.error(
                    Rule::ReportDateTime,
                    at,
                    format_args!(
                        "`{}` is not an RFC 3339 date-time: {error}",
                        show(text.as_bytes())
                    ),
                );
                None
            }
        }
    }

    fn contact<'o>(&mut self, value: Option<&'o Scalar<'_>>, at: &At<'_>) -> Option<&'o str> {
        let problem = match value {
            None => "`contact-info` is missing".to_owned(),
            Some(Scalar::Str(text)) if is_email(text) => return Some(text),
            Some(Scalar::Str(text)) => {
                self.push(
                    Rule::ReportContactInfo,
                    Severity::Warning,
                    at,
                    format_args!("`{}` is not an e-mail address", show(text.as_bytes())),
                );
                return Some(text);
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

    fn policy_entry<'o>(
        &mut self,
        entry: &'o Object<PolicyEntryFields<'_>>,
        at: &At<'_>,
        report: &TlsReport<&str>,
    ) -> PolicyResult<&'o str> {
        self.repeated(&entry.repeated, at);
        let fields = &entry.fields;
        let mut result = PolicyResult {
            policy_type: PolicyType::Missing,
            domain: "",
            mx_hosts: Vec::new(),
            policy_strings: Vec::new(),
            successful: 0,
            failed: 0,
            failures: Vec::new(),
        };
        let policy_at = at.member(Member::Policy);
        if let Some(policy) = self.object(&fields.policy, &policy_at) {
            self.policy(policy, &policy_at, &mut result);
        }
        let summary_at = at.member(Member::Summary);
        if let Some(summary) = self.object(&fields.summary, &summary_at) {
            self.summary(summary, &summary_at, &mut result);
        }
        self.slot = match self.tally.as_deref_mut() {
            Some(tally) if self.counted => {
                let figures = PolicyTally {
                    domain: result.domain,
                    policy_type: result.policy_type.as_str(),
                    successful: result.successful,
                    failed: result.failed,
                    start: report.start,
                    end: report.end,
                    entries: match &fields.failure_details {
                        Shape::Value(items) => items.items.len(),
                        Shape::Missing | Shape::Wrong(_) => 0,
                    },
                };
                Some(tally.policy(report.organization, &figures))
            }
            _ => None,
        };
        let details_at = at.member(Member::FailureDetails);
        match &fields.failure_details {
            Shape::Missing => {}
            Shape::Wrong(kind) => self.wrong_kind(&details_at, *kind, "an array"),
            Shape::Value(items) => self.failure_details(items, &details_at, &mut result),
        }
        result
    }

    fn policy<'o>(
        &mut self,
        policy: &'o Object<PolicyFields<'_>>,
        at: &At<'_>,
        result: &mut PolicyResult<&'o str>,
    ) {
        self.repeated(&policy.repeated, at);
        let fields = &policy.fields;
        let type_at = at.member(Member::PolicyType);
        if let Some(text) = self.string(fields.policy_type.as_ref(), &type_at, true) {
            result.policy_type = PolicyType::from_text(text);
            if let PolicyType::Other(other) = &result.policy_type {
                let message = format_args!(
                    "`{}` is not `sts`, `tlsa` or `no-policy-found`",
                    show(other.as_bytes())
                );
                self.error(Rule::ReportPolicyType, &type_at, message);
            }
        }
        let domain_at = at.member(Member::PolicyDomain);
        if let Some(domain) = self.string(fields.policy_domain.as_ref(), &domain_at, true) {
            self.a_labels(domain, &domain_at);
            result.domain = domain;
        }
        self.policy_strings(
            &fields.policy_string,
            &at.member(Member::PolicyString),
            result,
        );
        self.mx_hosts(&fields.mx_host, &at.member(Member::MxHost), result);
    }

    fn policy_strings<'o>(
        &mut self,
        shape: &'o Shape<Strings<'_>>,
        at: &At<'_>,
        result: &mut PolicyResult<&'o str>,
    ) {
        let expected = matches!(result.policy_type, PolicyType::Sts | PolicyType::Tlsa);
        match shape {
            Shape::Missing if expected => self.push(
                Rule::ReportMembersMissing,
                Severity::Warning,
                at,
                format_args!(
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
                result.policy_strings.push(text);
            }
            Shape::Value(Strings::Many(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let item_at = at.index(index);
                    let Some(text) = self.string(Some(item), &item_at, false) else {
                        continue;
                    };
                    self.policy_line(text, &result.policy_type, &item_at);
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
            format_args!("`{}` {problem}", show(text.as_bytes())),
        );
    }

    fn mx_hosts<'o>(
        &mut self,
        shape: &'o Shape<Strings<'_>>,
        at: &At<'_>,
        result: &mut PolicyResult<&'o str>,
    ) {
        match shape {
            Shape::Missing => {}
            Shape::Wrong(kind) => self.wrong_kind(at, *kind, "a string or an array of strings"),
            Shape::Value(Strings::One(text)) => {
                self.a_labels(text, at);
                result.mx_hosts.push(text);
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
                        self.a_labels(text, &item_at);
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
        result: &mut PolicyResult<&str>,
    ) {
        self.repeated(&summary.repeated, at);
        let fields = &summary.fields;
        result.successful = self.count(
            fields.successful.as_ref(),
            &at.member(Member::TotalSuccessful),
        );
        result.failed = self.count(fields.failed.as_ref(), &at.member(Member::TotalFailure));
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
                    format_args!(
                        "{count} is beyond 2^53, the largest integer I-JSON keeps exactly"
                    ),
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
    fn string<'o>(
        &mut self,
        value: Option<&'o Scalar<'_>>,
        at: &At<'_>,
        required: bool,
    ) -> Option<&'o str> {
        match value {
            None if required => {
                self.missing(at);
                None
            }
            None => None,
            Some(Scalar::Str(text)) => Some(text),
            Some(other) => {
                self.wrong_kind(at, other.kind(), "a string");
                None
            }
        }
    }

    fn required<'o>(&mut self, value: Option<&'o Scalar<'_>>, at: &At<'_>) -> &'o str {
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
                format_args!("`{}` is not written in A-labels", show(name.as_bytes())),
            );
        }
    }

    fn repeated(&mut self, members: &[Member], at: &At<'_>) {
        for member in members {
            self.error(
                Rule::ReportNotIJson,
                &at.member(*member),
                format_args!(
                    "`{}` appears more than once in this object; the last is read",
                    member.name()
                ),
            );
        }
    }

    fn missing(&mut self, at: &At<'_>) {
        self.error(
            Rule::ReportSchema,
            at,
            format_args!("`{}` is missing", at.name()),
        );
    }

    fn wrong_kind(&mut self, at: &At<'_>, kind: Kind, expected: &str) {
        self.error(
            Rule::ReportSchema,
            at,
            format_args!("the value is {}, not {expected}", kind.phrase()),
        );
    }

    fn error(&mut self, rule: Rule, at: &At<'_>, message: impl fmt::Display) {
        self.push(rule, Severity::Error, at, message);
    }

    /// Records a finding; past the sink's cap only counts it, formatting neither the path nor
    /// the message.
    fn push(&mut self, rule: Rule, severity: Severity, at: &At<'_>, message: impl fmt::Display) {
        if !self.sink.admits(severity) {
            return;
        }
        let mut path = String::from(self.prefix);
        if let Some(index) = self.index {
            // Writing into a String cannot fail.
            let _ = write!(path, "[{index}]");
        }
        let mut rest = String::new();
        at.write(&mut rest);
        let path = join(&path, &rest);
        self.sink
            .push_at_path(rule, severity, path, message.to_string());
    }
}
