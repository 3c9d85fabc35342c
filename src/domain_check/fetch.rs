//! The policy fetch as senders see it: could the host be reached, did it answer 200 without a
//! redirect, as `text/plain`, with a certificate valid for `mta-sts.<domain>`, within the size
//! and time senders allow; then the body itself, judged by the policy check.

use base64ct::{Base64, Encoding};

use crate::cert::{CertificateCheck, CertificateOptions, check_certificates};
use crate::diagnostic::{Diagnostic, Severity, Verdict};
use crate::facts::{DomainFacts, FetchErrorKind, PolicyFetch};
use crate::policy::{Mode, PolicyCheck, check_policy};
use crate::rule::Rule;

use super::{DomainOptions, Findings};

/// A fetch that takes longer than this draws a warning (STS-FETCH-012): senders give up after
/// between 10 and 60 seconds.
const SLOW_FETCH_MS: u64 = 10_000;

/// What the fetch gave.
pub(super) struct Fetched {
    /// The body's policy check, when a body came with status 200.
    pub(super) policy: Option<PolicyCheck>,
    pub(super) certificate: Option<CertificateCheck>,
    /// The mode senders apply: set only when they could fetch and use the policy.
    pub(super) usable_mode: Option<Mode>,
    /// Why senders cannot use the policy, for the summary.
    pub(super) broken_because: Option<String>,
    /// The body as fetched, when it came with status 200.
    pub(super) body: Option<Vec<u8>>,
    /// Whether the fetch could not be made from here (the proxy failed), so nothing is known.
    pub(super) not_gathered: bool,
}

pub(super) fn check_fetch(
    facts: &DomainFacts,
    record_valid: bool,
    options: &DomainOptions<'_>,
    findings: &mut Findings,
) -> Fetched {
    let mut fetched = Fetched {
        policy: None,
        certificate: None,
        usable_mode: None,
        broken_because: None,
        body: None,
        not_gathered: false,
    };
    let Some(fetch) = &facts.policy_fetch else {
        return fetched;
    };
    let host = format!("mta-sts.{}", facts.domain);
    let url = fetch.url.as_str();

    if let Some(tls) = &fetch.tls {
        let mut cert_options = CertificateOptions::new(&host, options.at);
        cert_options.extra_roots = options.extra_roots;
        cert_options.warn_days = options.warn_days;
        let check = check_certificates(tls.chain_pem.as_bytes(), &cert_options);
        findings.extend(&host, &check.diagnostics);
        if check.verdict() == Verdict::Fail {
            fetched.broken_because = Some("the policy host's certificate is not valid".to_owned());
            findings.push(
                url,
                Diagnostic::new(
                    Rule::FetchCertificate,
                    Severity::Error,
                    format!(
                        "the certificate of {host} is not valid for it: senders refuse the policy"
                    ),
                ),
            );
        }
        fetched.certificate = Some(check);
    }

    if let Some(error) = &fetch.error {
        fetched.not_gathered = error.kind == FetchErrorKind::NotGathered;
        fetched.broken_because = Some(format!("the policy fetch failed: {}", error.detail));
        let record_known_absent = facts.sts_txt.status.is_conclusive() && !record_valid;
        if record_known_absent && error.kind == FetchErrorKind::NoAddresses {
            // No record and no policy host: MTA-STS is simply not there, which STS-TXT-001
            // already says; senders would never fetch.
            return fetched;
        }
        let rule = match error.kind {
            FetchErrorKind::Timeout if fetch.status.is_some() => Rule::FetchSlowOrLarge,
            FetchErrorKind::NotGathered => Rule::FetchUntestable,
            _ => Rule::FetchUnreachable,
        };
        let untestable = rule == Rule::FetchUntestable;
        let severity = if untestable {
            Severity::Warning
        } else {
            Severity::Error
        };
        let message = if untestable {
            format!(
                "the policy could not be fetched from here: {}",
                error.detail
            )
        } else {
            format!("the policy fetch from {host} failed: {}", error.detail)
        };
        findings.push(url, Diagnostic::new(rule, severity, message));
    }

    check_response(fetch, url, &mut fetched, findings);

    if let Some(policy) = &fetched.policy {
        findings.extend(url, &policy.diagnostics);
        if policy.policy.is_none() && fetched.broken_because.is_none() {
            fetched.broken_because = Some("the policy body is not valid".to_owned());
        }
    }
    if fetched.broken_because.is_none() {
        fetched.usable_mode = fetched
            .policy
            .as_ref()
            .and_then(|check| check.policy.as_ref())
            .map(|policy| policy.mode);
    }

    judge_consequences(facts, record_valid, url, &mut fetched, findings);
    fetched
}

/// Status, redirect, media type, size and time.
fn check_response(fetch: &PolicyFetch, url: &str, fetched: &mut Fetched, findings: &mut Findings) {
    let Some(status) = fetch.status else {
        return;
    };
    if (300..400).contains(&status) {
        let target = fetch.headers.location.as_deref().unwrap_or("nowhere given");
        fetched.broken_because = Some(format!("the policy URL redirects ({status})"));
        findings.push(
            url,
            Diagnostic::new(
                Rule::FetchRedirect,
                Severity::Error,
                format!(
                    "the policy URL answered {status}, a redirect to {target}: senders do not \
                     follow it"
                ),
            ),
        );
        return;
    }
    if status != 200 {
        fetched.broken_because = Some(format!("the policy URL answered {status}"));
        findings.push(
            url,
            Diagnostic::new(
                Rule::FetchStatus,
                Severity::Error,
                format!("the policy URL answered {status}, not 200: senders have no policy"),
            ),
        );
        return;
    }

    check_media_type(fetch, url, fetched, findings);
    if fetch.body_truncated || fetch.timings.total_ms > SLOW_FETCH_MS {
        let message = if fetch.body_truncated {
            "the policy is larger than 64 KiB: senders may stop reading it".to_owned()
        } else {
            // Tenths of a second in integers: formatting floats would cost the web app the
            // float printing code.
            let tenths = fetch.timings.total_ms.saturating_add(50) / 100;
            format!(
                "the policy took {}.{} s to fetch: senders may give up sooner",
                tenths / 10,
                tenths % 10
            )
        };
        findings.push(
            url,
            Diagnostic::new(Rule::FetchSlowOrLarge, Severity::Warning, message),
        );
    }

    let body = fetch
        .body_base64
        .as_deref()
        .and_then(|text| Base64::decode_vec(text).ok())
        .unwrap_or_default();
    fetched.policy = Some(check_policy(&body));
    fetched.body = Some(body);
}

fn check_media_type(
    fetch: &PolicyFetch,
    url: &str,
    fetched: &mut Fetched,
    findings: &mut Findings,
) {
    let Some(content_type) = &fetch.headers.content_type else {
        findings.push(
            url,
            Diagnostic::new(
                Rule::FetchContentType,
                Severity::Warning,
                "the policy comes without a Content-Type: strict senders expect text/plain",
            ),
        );
        return;
    };
    let mut parts = content_type.split(';');
    let media_type = parts.next().unwrap_or_default().trim();
    if !media_type.eq_ignore_ascii_case("text/plain") {
        fetched.broken_because = Some(format!("the policy is served as {media_type}"));
        findings.push(
            url,
            Diagnostic::new(
                Rule::FetchContentType,
                Severity::Error,
                format!(
                    "the policy is served as `{media_type}`, not `text/plain`: strict senders \
                     reject it"
                ),
            ),
        );
    }
    for parameter in parts {
        let Some((name, value)) = parameter.split_once('=') else {
            continue;
        };
        let value = value.trim().trim_matches('"');
        if name.trim().eq_ignore_ascii_case("charset")
            && !(value.eq_ignore_ascii_case("utf-8") || value.eq_ignore_ascii_case("us-ascii"))
        {
            findings.push(
                url,
                Diagnostic::new(
                    Rule::FetchCharset,
                    Severity::Warning,
                    format!("the policy claims charset `{value}`; senders read it as UTF-8 anyway"),
                ),
            );
        }
    }
}

/// What the fetch means together with the TXT record: protection off, or an orphaned policy.
fn judge_consequences(
    facts: &DomainFacts,
    record_valid: bool,
    url: &str,
    fetched: &mut Fetched,
    findings: &mut Findings,
) {
    if record_valid && fetched.usable_mode.is_none() && !fetched.not_gathered {
        let why = fetched
            .broken_because
            .clone()
            .unwrap_or_else(|| "the policy could not be fetched".to_owned());
        findings.push(
            url,
            Diagnostic::new(
                Rule::FetchFailedProtectionOff,
                Severity::Error,
                format!(
                    "{why}: senders without a cached policy deliver as if there were no MTA-STS"
                ),
            ),
        );
    }
    let txt_known_absent = facts.sts_txt.status.is_conclusive() && !record_valid;
    if txt_known_absent && fetched.usable_mode.is_some() {
        findings.push(
            url,
            Diagnostic::new(
                Rule::CacheOrphanPolicy,
                Severity::Warning,
                "a policy is served, but there is no valid `_mta-sts` record: new senders ignore \
                 it, and senders that cached it keep applying it until it expires",
            ),
        );
    }
}
