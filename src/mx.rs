//! Which MX hosts a policy's `mx` patterns cover (RFC 8461 §4.1), including a domain with no MX
//! records (RFC 5321 §5.1, the domain itself is the implicit MX) and a null MX (RFC 7505).

use crate::diagnostic::{Diagnostic, Severity, Verdict};
use crate::domain;
use crate::policy::{Mode, PolicyCheck};
use crate::rule::Rule;

/// The MX hosts of a domain, as DNS gave them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MxSet {
    /// MX host names in preference order, most preferred first, as written in DNS (a trailing
    /// dot and any case are fine).
    Hosts(Vec<String>),
    /// No MX records: the domain itself (given here) receives mail.
    Implicit(String),
    /// A null MX (`MX 0 .`): the domain accepts no mail.
    Null,
}

/// How one MX host fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MxHostMatch {
    /// The host as given.
    pub host: String,
    /// The name compared: A-labels, lower case, no trailing dot.
    pub name: String,
    /// Indexes into the policy's `mx` patterns that cover the host; empty for a host that is
    /// not a valid host name (STS-MX-012), which is never matched.
    pub patterns: Vec<usize>,
}

/// Which MX hosts are covered, and the findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MxCheck {
    /// One entry per MX host, in the order given.
    pub hosts: Vec<MxHostMatch>,
    /// Indexes of patterns that cover no host.
    pub unused_patterns: Vec<usize>,
    /// Every finding.
    pub diagnostics: Vec<Diagnostic>,
}

impl MxCheck {
    /// The verdict over these findings (the policy's own findings are not included).
    pub fn verdict(&self) -> Verdict {
        Verdict::of(&self.diagnostics)
    }
}

/// Matches the MX hosts against a checked policy. With no usable policy nothing can match, and
/// the policy's own findings already say why, so the result is empty.
pub fn check_mx(policy: &PolicyCheck, mx: &MxSet) -> MxCheck {
    let mut check = MxCheck {
        hosts: Vec::new(),
        unused_patterns: Vec::new(),
        diagnostics: Vec::new(),
    };
    let Some(policy_value) = &policy.policy else {
        return check;
    };
    let mode = policy_value.mode;

    let hosts: Vec<String> = match mx {
        MxSet::Null => {
            check.diagnostics.push(null_mx());
            return check;
        }
        MxSet::Hosts(hosts) if hosts.len() == 1 && is_null(&hosts[0]) => {
            check.diagnostics.push(null_mx());
            return check;
        }
        MxSet::Hosts(hosts) => {
            if hosts.iter().any(|host| is_null(host)) {
                check.diagnostics.push(Diagnostic::new(
                    Rule::MxHostInvalid,
                    Severity::Error,
                    "a null MX (`.`) is mixed with other MX records; it must be the only one \
                     (RFC 7505 §3)",
                ));
            }
            hosts
                .iter()
                .filter(|host| !is_null(host))
                .cloned()
                .collect()
        }
        MxSet::Implicit(domain) => vec![domain.clone()],
    };

    let mut invalid = Vec::new();
    for host in hosts {
        let name = normalise(&host, &mut check.diagnostics);
        if let Err(error) = domain::check_domain(&name) {
            check.diagnostics.push(Diagnostic::new(
                Rule::MxHostInvalid,
                Severity::Error,
                format!("MX `{}` is not a host name: {error}", shown(&host)),
            ));
            invalid.push(check.hosts.len());
            check.hosts.push(MxHostMatch {
                host,
                name,
                patterns: Vec::new(),
            });
            continue;
        }
        let patterns = policy_value
            .mx
            .iter()
            .enumerate()
            .filter(|(_, pattern)| pattern.matches(&name))
            .map(|(index, _)| index)
            .collect();
        check.hosts.push(MxHostMatch {
            host,
            name,
            patterns,
        });
    }

    let covered = check
        .hosts
        .iter()
        .filter(|host| !host.patterns.is_empty())
        .count();
    for (index, host) in check.hosts.iter().enumerate() {
        if !host.patterns.is_empty() || invalid.contains(&index) {
            continue;
        }
        let diagnostic = if let MxSet::Implicit(_) = mx {
            Diagnostic::new(
                Rule::MxImplicitNotCovered,
                mode_severity(mode, covered),
                format!(
                    "the domain has no MX records, so `{}` itself receives mail, and no `mx` \
                     pattern covers it",
                    shown(&host.name)
                ),
            )
        } else if check.hosts[..index]
            .iter()
            .any(|earlier| !earlier.patterns.is_empty())
        {
            Diagnostic::new(
                Rule::MxBackupNotCovered,
                Severity::Warning,
                format!(
                    "backup MX `{}` is covered by no `mx` pattern: mail fails over to it only \
                     when a more preferred MX is down, and then validation fails",
                    shown(&host.name)
                ),
            )
        } else {
            Diagnostic::new(
                Rule::MxNotCovered,
                mode_severity(mode, covered),
                format!(
                    "MX `{}` is covered by no `mx` pattern{}",
                    host.name,
                    consequence(mode)
                ),
            )
        };
        check.diagnostics.push(diagnostic);
    }

    for (index, pattern) in policy_value.mx.iter().enumerate() {
        if check
            .hosts
            .iter()
            .any(|host| host.patterns.contains(&index))
        {
            continue;
        }
        check.unused_patterns.push(index);
        let mut diagnostic = Diagnostic::new(
            Rule::MxPatternUnused,
            Severity::Info,
            format!("`mx: {pattern}` covers none of the MX hosts"),
        );
        diagnostic.span = policy.mx_spans.get(index).copied();
        check.diagnostics.push(diagnostic);
    }
    check
}

/// Whether `host` is the root name, which a null MX points at.
fn is_null(host: &str) -> bool {
    host == "."
}

fn null_mx() -> Diagnostic {
    Diagnostic::new(
        Rule::MxNull,
        Severity::Info,
        "the domain publishes a null MX: it accepts no mail, so MTA-STS has nothing to protect",
    )
}

/// Error when nothing is covered under enforce, warning when some hosts are or under testing,
/// information under `none`.
fn mode_severity(mode: Mode, covered: usize) -> Severity {
    match mode {
        Mode::None => Severity::Info,
        Mode::Testing => Severity::Warning,
        Mode::Enforce if covered == 0 => Severity::Error,
        Mode::Enforce => Severity::Warning,
    }
}

fn consequence(mode: Mode) -> &'static str {
    match mode {
        Mode::Enforce => ": senders that enforce the policy will not deliver to it",
        Mode::Testing => ": senders report a failure but still deliver",
        Mode::None => ", which does not matter while the mode is `none`",
    }
}

/// The name to compare: without the trailing dot, in A-labels, lower case. Notes each change.
fn normalise(host: &str, diagnostics: &mut Vec<Diagnostic>) -> String {
    let mut name = host.to_owned();
    if let Some(stripped) = name.strip_suffix('.') {
        diagnostics.push(Diagnostic::new(
            Rule::MxTrailingDot,
            Severity::Info,
            format!("`{}` is compared without its trailing dot", shown(host)),
        ));
        name = stripped.to_owned();
    }
    if !name.is_ascii() {
        let a_labels = domain::to_a_labels(&name).unwrap_or_else(|| name.clone());
        diagnostics.push(Diagnostic::new(
            Rule::MxULabel,
            Severity::Info,
            format!(
                "`{}` is compared in its A-label form `{}`",
                shown(&name),
                shown(&a_labels)
            ),
        ));
        name = a_labels;
    }
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        diagnostics.push(Diagnostic::new(
            Rule::MxCase,
            Severity::Info,
            format!("`{}` is compared without regard to case", shown(&name)),
        ));
        name = name.to_ascii_lowercase();
    }
    name
}

/// A host name from DNS data for a message: escaped, and cut when long.
fn shown(name: &str) -> String {
    crate::txt_fields::show(name.as_bytes())
}
