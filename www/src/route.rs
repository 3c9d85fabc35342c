//! The pages of the app and their addresses in the URL's fragment: `#/policy` (also the page for
//! an empty or unknown fragment), `#/certificate` and `#/reports`.
//!
//! No Yew here: the frame in `app.rs` reads the fragment and renders what these functions say.

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    Policy,
    Certificate,
    Reports,
}

impl Route {
    /// Every page, in the order the navigation lists them.
    pub(crate) const ALL: [Self; 3] = [Self::Policy, Self::Certificate, Self::Reports];

    /// The fragment that shows this page, with its `#`.
    pub(crate) const fn hash(self) -> &'static str {
        match self {
            Self::Policy => "#/policy",
            Self::Certificate => "#/certificate",
            Self::Reports => "#/reports",
        }
    }

    /// The page's name in the navigation.
    pub(crate) const fn label(self) -> &'static str {
        match self {
            Self::Policy => "Policy",
            Self::Certificate => "Certificate",
            Self::Reports => "Reports",
        }
    }

    /// The document title while the page is shown.
    pub(crate) const fn title(self) -> &'static str {
        match self {
            Self::Policy => "Policy · mta-sts-check",
            Self::Certificate => "Certificate · mta-sts-check",
            Self::Reports => "Reports · mta-sts-check",
        }
    }

    /// The page a fragment such as `#/certificate` shows; the Policy page for any other.
    pub(crate) fn from_hash(hash: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|route| route.hash() == hash)
            .unwrap_or(Self::Policy)
    }
}
