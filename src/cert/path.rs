//! Building a certification path from the leaf to a trust anchor (RFC 5280 §6, RFC 4158): each
//! issuer is looked up by name among the supplied certificates and the anchors, and accepted only
//! when its key verifies the signature. Never by name alone.
//!
//! The search backtracks over candidates with the same name, never uses a certificate twice (so
//! loops end), and has a budget of signature checks so that hostile input stays cheap.

use super::algorithm::{self, Verification};
use std::borrow::Cow;

use super::anchors::Anchor;
use super::parsed::Parsed;

/// The longest path tried, in certificates.
const MAX_PATH_LEN: usize = 8;

/// The most signature checks one search may make.
const SIGNATURE_BUDGET: usize = 256;

/// How a path ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PathEnd {
    /// At this trust anchor, whose key verified the last certificate.
    Anchor(usize),
    /// At a supplied self-signed certificate that is no trust anchor.
    UntrustedRoot,
    /// The last certificate's issuer is neither supplied nor an anchor.
    MissingIssuer,
    /// Certificates with the issuer's name exist, but none of their keys verifies.
    BadSignature { issuer: String },
    /// The signature uses an algorithm or key this checker cannot verify.
    Unverifiable { detail: String },
    /// The path grew past [`MAX_PATH_LEN`] or the search ran out of budget.
    TooLong,
}

/// A path: indexes of supplied certificates from the leaf up, and how it ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Path {
    pub(crate) certificates: Vec<usize>,
    pub(crate) end: PathEnd,
}

/// Builds the best path from `leaf`: one that ends at an anchor if there is any, otherwise
/// the longest attempt, which explains best where the chain breaks.
pub(crate) fn build(leaf: usize, certificates: &[Parsed], anchors: &[Cow<'_, Anchor>]) -> Path {
    let mut search = Search {
        certificates,
        anchors,
        budget: SIGNATURE_BUDGET,
    };
    let mut chain = vec![leaf];
    search.extend(&mut chain)
}

struct Search<'a> {
    certificates: &'a [Parsed],
    anchors: &'a [Cow<'a, Anchor>],
    budget: usize,
}

impl Search<'_> {
    fn verify(&mut self, subject: &Parsed, issuer_spki: &[u8]) -> Verification {
        if self.budget == 0 {
            return Verification::Unsupported("the search ran out of signature checks".into());
        }
        self.budget -= 1;
        algorithm::verify(
            &subject.signature_algorithm,
            issuer_spki,
            &subject.signed,
            &subject.signature,
        )
    }

    fn extend(&mut self, chain: &mut Vec<usize>) -> Path {
        let Some(&last) = chain.last() else {
            return Path {
                certificates: Vec::new(),
                end: PathEnd::MissingIssuer,
            };
        };
        let current = &self.certificates[last];
        let done = |chain: &[usize], end| Path {
            certificates: chain.to_vec(),
            end,
        };

        // A supplied certificate that is itself a trust anchor ends the path.
        if let Some(index) = self.anchors.iter().position(|anchor| {
            anchor.subject_der == current.subject_der && anchor.spki_der == current.spki_der
        }) {
            return done(chain, PathEnd::Anchor(index));
        }
        if chain.len() >= MAX_PATH_LEN {
            return done(chain, PathEnd::TooLong);
        }

        let mut bad_signature = None;
        let mut unverifiable = None;
        for index in 0..self.anchors.len() {
            if self.anchors[index].subject_der != current.issuer_der {
                continue;
            }
            let spki = self.anchors[index].spki_der.clone();
            match self.verify(current, &spki) {
                Verification::Valid => {
                    // A root that was sent along with the chain belongs to the path.
                    let anchor = &self.anchors[index];
                    let sent_root = (0..self.certificates.len()).find(|&i| {
                        !chain.contains(&i)
                            && self.certificates[i].subject_der == anchor.subject_der
                            && self.certificates[i].spki_der == anchor.spki_der
                    });
                    let mut path = done(chain, PathEnd::Anchor(index));
                    path.certificates.extend(sent_root);
                    return path;
                }
                Verification::Invalid => bad_signature = Some(self.anchors[index].subject.clone()),
                Verification::Unsupported(detail) => unverifiable = Some(detail),
            }
        }

        if current.is_self_issued() {
            match self.verify(current, &current.spki_der.clone()) {
                Verification::Valid => return done(chain, PathEnd::UntrustedRoot),
                Verification::Invalid => bad_signature = Some(current.subject.clone()),
                Verification::Unsupported(detail) => unverifiable = Some(detail),
            }
        }

        let mut best: Option<Path> = None;
        for index in 0..self.certificates.len() {
            let candidate = &self.certificates[index];
            if chain.contains(&index) || candidate.subject_der != current.issuer_der {
                continue;
            }
            let spki = candidate.spki_der.clone();
            match self.verify(current, &spki) {
                Verification::Valid => {
                    chain.push(index);
                    let path = self.extend(chain);
                    chain.pop();
                    if matches!(path.end, PathEnd::Anchor(_)) {
                        return path;
                    }
                    if best
                        .as_ref()
                        .is_none_or(|b| path.certificates.len() > b.certificates.len())
                    {
                        best = Some(path);
                    }
                }
                Verification::Invalid => bad_signature = Some(candidate.subject.clone()),
                Verification::Unsupported(detail) => unverifiable = Some(detail),
            }
        }
        if let Some(path) = best {
            return path;
        }
        if let Some(detail) = unverifiable {
            return done(chain, PathEnd::Unverifiable { detail });
        }
        match bad_signature {
            Some(issuer) => done(chain, PathEnd::BadSignature { issuer }),
            None => done(chain, PathEnd::MissingIssuer),
        }
    }
}
