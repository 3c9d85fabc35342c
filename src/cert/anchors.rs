//! Trust anchors: Mozilla's root set as compiled into `webpki-roots`, and roots a user supplies
//! for a private lab. A path is trusted when it ends at one of them.

use std::borrow::Cow;
use std::sync::OnceLock;

use der::Decode;
use x509_cert::ext::pkix::NameConstraints;
use x509_cert::name::Name;

use super::dn;
use super::parsed::{self, DnsConstraints, Parsed};

/// Where a trust anchor comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnchorSource {
    /// Mozilla's root set, built in.
    Builtin,
    /// A root the user supplied.
    Supplied,
}

/// A trusted subject name and key.
#[derive(Clone, Debug)]
pub(crate) struct Anchor {
    pub(crate) subject_der: Vec<u8>,
    pub(crate) spki_der: Vec<u8>,
    pub(crate) subject: String,
    pub(crate) name_constraints: Option<DnsConstraints>,
    pub(crate) source: AnchorSource,
}

/// The anchors to build paths to: the supplied roots, then the built-in set when asked for.
pub(crate) fn anchors(builtin: bool, supplied: &[Parsed]) -> Vec<Cow<'static, Anchor>> {
    let mut all: Vec<Cow<'static, Anchor>> = supplied
        .iter()
        .map(|root| {
            Cow::Owned(Anchor {
                subject_der: root.subject_der.clone(),
                spki_der: root.spki_der.clone(),
                subject: root.subject.clone(),
                name_constraints: root.name_constraints.clone(),
                source: AnchorSource::Supplied,
            })
        })
        .collect();
    if builtin {
        all.extend(builtin_anchors().iter().map(Cow::Borrowed));
    }
    all
}

/// Mozilla's root set as anchors, decoded once: the data is compiled in and never changes.
fn builtin_anchors() -> &'static [Anchor] {
    static BUILTIN: OnceLock<Vec<Anchor>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        webpki_roots::TLS_SERVER_ROOTS
            .iter()
            .map(|root| {
                let subject_der = wrap_sequence(root.subject.as_ref());
                let subject =
                    Name::from_der(&subject_der).map_or_else(|_| "?".into(), |n| dn::to_text(&n));
                let name_constraints = root.name_constraints.as_ref().and_then(|constraints| {
                    let der = wrap_sequence(constraints.as_ref());
                    NameConstraints::from_der(&der)
                        .ok()
                        .map(|nc| parsed::dns_constraints(&nc))
                });
                Anchor {
                    subject_der,
                    spki_der: wrap_sequence(root.subject_public_key_info.as_ref()),
                    subject,
                    name_constraints,
                    source: AnchorSource::Builtin,
                }
            })
            .collect()
    })
}

/// Puts DER contents back inside a SEQUENCE header: `webpki-roots` stores names, keys and
/// constraints without their outer header.
pub(super) fn wrap_sequence(contents: &[u8]) -> Vec<u8> {
    let len = contents.len();
    let mut der = vec![0x30];
    if len < 0x80 {
        der.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        der.push(0x80 | (bytes.len() - skip) as u8);
        der.extend_from_slice(&bytes[skip..]);
    }
    der.extend_from_slice(contents);
    der
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_short_and_long_contents() {
        assert_eq!(wrap_sequence(&[1, 2]), [0x30, 2, 1, 2]);
        let long = vec![0u8; 300];
        assert_eq!(&wrap_sequence(&long)[..4], [0x30, 0x82, 0x01, 0x2C]);
    }

    #[test]
    fn the_builtin_roots_decode() {
        let roots = anchors(true, &[]);
        assert!(roots.len() > 100, "{} roots", roots.len());
        assert!(roots.iter().all(|root| root.subject != "?"));
        assert!(
            roots
                .iter()
                .any(|root| root.subject.contains("ISRG Root X1"))
        );
    }
}
