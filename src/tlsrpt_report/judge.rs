//! From the typed JSON pass to a [`TlsReport`]: every member read leniently, every deviation
//! from RFC 8460 §4.4 reported with the JSON path of the value, such as
//! `policies[0].failure-details[3].result-type`.

use std::fmt::{self, Write as _};
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
use crate::tlsrpt_report::summary::PolicyTally;
use crate::tlsrpt_report::tally::Tally;
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
            Step::Index(index) => {
                // Writing into a String cannot fail.
                let _ = write!(out, "[{index}]");
            }
        }
    }
}

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

    fn failure_details<'o>(
        &mut self,
        items: &'o Items<FailureFields<'_>>,
        at: &At<'_>,
        result: &mut PolicyResult<&'o str>,
    ) {
        if items.single {
            self.error(
                Rule::ReportSchema,
                at,
                "`failure-details` is one object, not an array; read as one entry",
            );
        }
        // Entries are kept only when no tally adds them up as they are judged; then in one
        // allocation of the right size rather than doubling through a report's entries.
        let keep = self.tally.is_none();
        if keep {
            result.failures.reserve_exact(items.items.len());
        }
        let (mut sum, mut entries) = (0u64, 0usize);
        for (index, item) in items.items.iter().enumerate() {
            let item_at = at.index(index);
            if let Some(detail) = self.object(item, &item_at) {
                let detail = self.failure(detail, &item_at);
                sum = sum.saturating_add(detail.count);
                entries += 1;
                if let (Some(tally), Some(slot)) = (self.tally.as_deref_mut(), self.slot) {
                    tally.failure(slot, &detail);
                }
                if keep {
                    result.failures.push(detail);
                }
            }
        }
        if entries > 0 && sum != result.failed {
            self.push(
                Rule::ReportFailureSum,
                Severity::Info,
                at,
                format_args!(
                    "the failure details count {sum} failed sessions, the summary {}",
                    result.failed
                ),
            );
        }
    }

    fn failure<'o>(
        &mut self,
        object: &'o Object<FailureFields<'_>>,
        at: &At<'_>,
    ) -> FailureDetail<&'o str> {
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
            sending_ip: None,
            receiving_mx: None,
            receiving_helo: None,
            receiving_ip: None,
            additional_information: None,
            reason_code: None,
        };
        if !detail.result_type.is_empty() && !is_registered(detail.result_type) {
            let message = format_args!(
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
            let message = format_args!("`{}` is not a URI", show(uri.as_bytes()));
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
            detail.result_type,
            "certificate-not-trusted" | "validation-failure"
        );
        if wants_code && detail.reason_code.is_none() {
            self.push(
                Rule::ReportReasonCode,
                Severity::Info,
                at,
                format_args!(
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
                format_args!("this entry has no `{}`", missing.join("`, `")),
            );
        }
    }

    /// An IP address member: kept as sent, checked for its canonical form.
    fn ip<'o>(&mut self, value: Option<&'o Scalar<'_>>, at: &At<'_>) -> Option<&'o str> {
        let text = self.string(value, at, false)?;
        if !is_canonical_ip(text) {
            self.push(
                Rule::ReportIpAddress,
                Severity::Warning,
                at,
                format_args!(
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

/// `prefix.rest`, or either alone when the other is empty; `prefix[0]` stays unseparated.
pub(crate) fn join(prefix: &str, rest: &str) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) if rest.starts_with('[') => format!("{prefix}{rest}"),
        (false, false) => format!("{prefix}.{rest}"),
    }
}

/// Whether `result_type` is in [`RESULT_TYPES`], matched by the compiler rather than one string
/// comparison after another.
fn is_registered(result_type: &str) -> bool {
    let registered = matches!(
        result_type,
        "starttls-not-supported"
            | "certificate-host-mismatch"
            | "certificate-expired"
            | "certificate-not-trusted"
            | "validation-failure"
            | "tlsa-invalid"
            | "dnssec-invalid"
            | "dane-required"
            | "sts-policy-fetch-error"
            | "sts-policy-invalid"
            | "sts-webpki-invalid"
    );
    debug_assert_eq!(registered, RESULT_TYPES.contains(&result_type));
    registered
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

/// The ASCII bytes a URI cannot hold, one bit each: controls, the space, DEL and
/// `"<>\\^`{|}`.
const REFUSED_IN_URI: u128 = {
    let mut mask = ((1u128 << 0x21) - 1) | (1 << 0x7F);
    let refused = b"\"<>\\^`{|}";
    let mut at = 0;
    while at < refused.len() {
        mask |= 1 << refused[at];
        at += 1;
    }
    mask
};

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
    let refused = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
    };
    // Bytes first: nearly every URI is ASCII, where whitespace and controls are the bytes up to
    // the space and DEL, and decoding characters costs more than the rest of the check.
    let clean = if text.is_ascii() {
        !text
            .bytes()
            .any(|byte| (REFUSED_IN_URI >> (byte & 0x7F)) & 1 == 1)
    } else {
        !text.chars().any(refused)
    };
    scheme_ok && !rest.is_empty() && clean
}

/// IPv4 as four decimal octets without leading zeros, or IPv6 as RFC 5952 writes it.
fn is_canonical_ip(text: &str) -> bool {
    if is_dotted_quad(text) || text.parse::<Ipv4Addr>().is_ok() {
        return true;
    }
    text.parse::<Ipv6Addr>()
        .is_ok_and(|address| address.to_string() == text)
}

/// Four decimal octets up to 255 without leading zeros: what `Ipv4Addr` accepts, checked in
/// one pass over the bytes, as most sending addresses are IPv4.
fn is_dotted_quad(text: &str) -> bool {
    let (mut dots, mut digits, mut value) = (0, 0, 0u32);
    for &byte in text.as_bytes() {
        match byte {
            b'0'..=b'9' => {
                // A digit after a leading zero, a fourth digit, or more than 255.
                if digits > 0 && value == 0 {
                    return false;
                }
                value = value * 10 + u32::from(byte - b'0');
                digits += 1;
                if value > 255 {
                    return false;
                }
            }
            b'.' if digits > 0 && dots < 3 => {
                dots += 1;
                digits = 0;
                value = 0;
            }
            _ => return false,
        }
    }
    dots == 3 && digits > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_quads_agree_with_the_standard_parser() {
        for text in [
            "192.0.2.1",
            "0.0.0.0",
            "255.255.255.255",
            "256.0.0.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1..3.4",
            "",
            "1.2.3.4 ",
            "+1.2.3.4",
            "1.2.3.00",
            "10.0.0.255",
            "999.1.1.1",
        ] {
            assert_eq!(
                is_dotted_quad(text),
                text.parse::<Ipv4Addr>().is_ok(),
                "{text}"
            );
        }
    }

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
    fn registered_result_types_match_the_table() {
        for result_type in RESULT_TYPES {
            assert!(is_registered(result_type));
        }
        assert!(!is_registered("certificate-revoked"));
        assert!(!is_registered(""));
    }

    #[test]
    fn ascii_bytes_in_uris_are_judged_as_characters() {
        for byte in 0..0x80u8 {
            let c = char::from(byte);
            let refused = c.is_whitespace()
                || c.is_control()
                || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}');
            assert_eq!(
                is_uri(&format!("https://x.example/{c}")),
                !refused,
                "{byte:#x}"
            );
            // The same character beside a non-ASCII one takes the character path.
            assert_eq!(
                is_uri(&format!("https://é.example/{c}")),
                !refused,
                "{byte:#x}"
            );
        }
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
