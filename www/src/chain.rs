//! What the Certificate page shows, computed from its fields with the core and nothing else: the
//! instant to judge at, the check, the path in words, each certificate described for display,
//! and where each finding is.
//!
//! No Yew here: these are plain functions from text to data. The page reads the browser's clock
//! and passes the instant in, as the core requires.

mod card;
mod instant;
mod path;
mod places;

use mta_sts_check::{
    CertificateCheck, CertificateOptions, Verdict, check_certificates, check_policy,
};

pub(crate) use card::{Card, cards};
pub(crate) use instant::{Instant, instant};
pub(crate) use path::{PathEnd, Step, path};

/// The fields of the Certificate page, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Form {
    pub(crate) chain: String,
    pub(crate) host: String,
    pub(crate) policy: String,
    pub(crate) roots: String,
    pub(crate) mozilla_roots: bool,
    pub(crate) judge_at: String,
}

impl Default for Form {
    fn default() -> Self {
        Self {
            chain: String::new(),
            host: String::new(),
            policy: String::new(),
            roots: String::new(),
            mozilla_roots: true,
            judge_at: String::new(),
        }
    }
}

/// What the policy field says about the host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PolicyReading {
    /// No policy was pasted.
    Absent,
    /// The policy has no mode or no valid `mx` lines a sender could apply.
    Unusable,
    /// Each `mx` pattern, and whether it covers the host.
    Patterns(Vec<(String, bool)>),
}

/// Everything the page shows about one chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) instant: Instant,
    pub(crate) verdict: Verdict,
    pub(crate) check: CertificateCheck,
    pub(crate) steps: Vec<Step>,
    pub(crate) end: PathEnd,
    pub(crate) cards: Vec<Card>,
    /// For each finding, in order, where it is in words ("certificate 2").
    pub(crate) places: Vec<Option<String>>,
    pub(crate) policy: PolicyReading,
}

/// What the page shows below the fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Judged {
    /// A field the check needs is empty; the text says which.
    Waiting(&'static str),
    /// The "judge at" field is not an RFC 3339 date-time; the text says why.
    BadInstant(String),
    Ready(Box<Outcome>),
}

/// Judges the chain in `form` at the instant it names, or at `now` (seconds since the epoch)
/// when it names none.
pub(crate) fn judge(form: &Form, now: i64) -> Judged {
    if form.chain.trim().is_empty() {
        return Judged::Waiting("Paste a certificate chain to see the verdict.");
    }
    let host = form.host.trim();
    if host.is_empty() {
        return Judged::Waiting("Enter the host name the chain is presented for.");
    }
    let instant = match instant(&form.judge_at, now) {
        Ok(instant) => instant,
        Err(why) => return Judged::BadInstant(why),
    };
    let policy_check =
        (!form.policy.trim().is_empty()).then(|| check_policy(form.policy.as_bytes()));
    let mut options = CertificateOptions::new(host, instant.seconds());
    options.extra_roots = form.roots.as_bytes();
    options.builtin_roots = form.mozilla_roots;
    options.policy = policy_check.as_ref();
    let check = check_certificates(form.chain.as_bytes(), &options);

    let policy = match &policy_check {
        None => PolicyReading::Absent,
        Some(policy) if policy.policy.is_none() => PolicyReading::Unusable,
        Some(_) => PolicyReading::Patterns(check.patterns.clone()),
    };
    let (steps, end) = path(&check);
    Judged::Ready(Box::new(Outcome {
        instant,
        verdict: check.verdict(),
        steps,
        end,
        cards: cards(&check, instant.seconds()),
        places: places::places(&check),
        policy,
        check,
    }))
}
