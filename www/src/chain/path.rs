//! The path drawn from the leaf to the root: each step in words, then the anchor it reaches or
//! where and why it breaks.

use mta_sts_check::{AnchorSource, CertificateCheck, Rule};

/// One certificate of the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Step {
    /// From 1 for the leaf.
    pub(crate) position: usize,
    /// "server certificate", "intermediate 1", "root".
    pub(crate) role: String,
    /// Which certificate of the input, from 1.
    pub(crate) number: usize,
    pub(crate) subject: String,
    pub(crate) issuer: String,
}

/// How the path ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PathEnd {
    /// At a trust anchor: its subject and where the trust comes from.
    Anchor {
        subject: String,
        source: &'static str,
    },
    /// Before any anchor, with why in words.
    Break(String),
    /// No certificate could be read, so there is no path.
    Nothing,
}

/// The findings that say how a path ends short of an anchor.
const BREAKS: [Rule; 5] = [
    Rule::CertMissingIntermediate,
    Rule::CertBadSignature,
    Rule::CertSelfSignedLeaf,
    Rule::CertUntrusted,
    Rule::CertUnknownAlgorithm,
];

/// The steps of `check`'s path, leaf first, and how it ends.
pub(crate) fn path(check: &CertificateCheck) -> (Vec<Step>, PathEnd) {
    let last = check.path.len().saturating_sub(1);
    let steps: Vec<Step> = check
        .path
        .iter()
        .enumerate()
        .filter_map(|(position, &index)| {
            let certificate = check.certificates.get(index)?;
            let role = match position {
                0 => "server certificate".to_owned(),
                _ if position == last && certificate.self_issued => "root".to_owned(),
                n => format!("intermediate {n}"),
            };
            Some(Step {
                position: position + 1,
                role,
                number: index + 1,
                subject: certificate.subject.clone(),
                issuer: certificate.issuer.clone(),
            })
        })
        .collect();
    let end = match (&check.anchor, steps.last()) {
        (Some(anchor), _) => PathEnd::Anchor {
            subject: anchor.subject.clone(),
            source: match anchor.source {
                AnchorSource::Builtin => "Mozilla root set",
                AnchorSource::Supplied => "root you supplied",
            },
        },
        (None, None) => PathEnd::Nothing,
        (None, Some(step)) => {
            let why = check
                .diagnostics
                .iter()
                .filter(|d| BREAKS.contains(&d.rule))
                // An unknown key type is reported with the same rule but does not end a path.
                .find(|d| d.rule != Rule::CertUnknownAlgorithm || d.message.contains("signature"))
                .map_or_else(
                    || "it reaches no trusted root".to_owned(),
                    |d| d.message.clone(),
                );
            PathEnd::Break(format!(
                "The path breaks after step {} (certificate {}): {why}.",
                step.position, step.number
            ))
        }
    };
    (steps, end)
}
