//! The failure entries of a policy (`failure-details`): each judged, added to the tally as it
//! is judged, and kept in the report only when no tally adds it up.

use crate::diagnostic::Severity;
use crate::rule::Rule;
use crate::tlsrpt_report::json::{FailureFields, Items, Member, Object, Scalar};
use crate::tlsrpt_report::model::{FailureDetail, PolicyResult};
use crate::txt_fields::show;

use super::Judge;
use super::at::At;
use super::values::{is_canonical_ip, is_registered, is_uri};

impl Judge<'_, '_, '_> {
    pub(super) fn failure_details<'o>(
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
}
