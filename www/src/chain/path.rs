//! The path drawn from the leaf to the root: each step in words, then the anchor it reaches or
//! where and why it breaks.

use mta_sts_check::{AnchorSource, CertificateCheck, ChainEnd};

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
            let why = match &check.chain_end {
                ChainEnd::MissingIssuer { issuer } => {
                    format!("its issuer `{issuer}` was not sent and is not a trusted root")
                }
                ChainEnd::BadSignature { issuer } => {
                    format!("`{issuer}` has the issuer's name but its key does not verify it")
                }
                ChainEnd::UntrustedRoot if check.path.len() == 1 => "it is self-signed".to_owned(),
                ChainEnd::UntrustedRoot => "it ends at a root senders do not trust".to_owned(),
                ChainEnd::Unverifiable { detail } => {
                    format!("its signature could not be checked ({detail})")
                }
                _ => "it reaches no trusted root".to_owned(),
            };
            PathEnd::Break(format!(
                "The path breaks after step {} (certificate {}): {why}.",
                step.position, step.number
            ))
        }
    };
    (steps, end)
}
