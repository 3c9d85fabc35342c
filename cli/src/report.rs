//! What a command found, before it is printed: the inputs, every finding, and the reading of
//! the input that the human and JSON renderers both show.

use std::process::ExitCode;

use mta_sts_check::{
    CertificateCheck, Diagnostic, MxCheck, MxSet, Policy, ReportsCheck, StsRecord, TlsRptRecord,
    Verdict,
};

use crate::input::Input;

/// The outcome of one command.
#[derive(Debug)]
pub(crate) struct Report {
    /// The inputs, in the order of `Span::input`.
    pub(crate) inputs: Vec<Input>,

    /// Every finding, in the order the core gave them.
    pub(crate) diagnostics: Vec<Diagnostic>,

    /// What senders make of the input.
    pub(crate) reading: Reading,
}

impl Report {
    /// The verdict over every finding.
    pub(crate) fn verdict(&self) -> Verdict {
        Verdict::of(&self.diagnostics)
    }

    /// The exit status the verdict calls for.
    pub(crate) fn status(&self) -> Status {
        match self.verdict() {
            Verdict::Pass | Verdict::Warn => Status::Passed,
            Verdict::Fail => Status::Failed,
        }
    }
}

/// What senders make of the input, per command.
#[derive(Debug)]
pub(crate) enum Reading {
    /// The policy senders apply, if the body gives them one.
    Policy(Option<Policy>),

    /// The `_mta-sts` record in effect and which input it is.
    StsRecord {
        record: Option<StsRecord>,
        index: Option<usize>,
    },

    /// The `_smtp._tls` record in effect and which input it is.
    TlsRptRecord {
        record: Option<TlsRptRecord>,
        index: Option<usize>,
    },

    /// The policy, the MX hosts as given, and which of them its patterns cover.
    Mx {
        policy: Option<Policy>,
        set: MxSet,
        check: MxCheck,
    },

    /// The certificates read, the path built from them, and which name and patterns match.
    Certificates(Box<CertificateCheck>),

    /// The TLS-RPT reports read from each file and their figures added up.
    Reports(Box<ReportsCheck>),
}

/// How the process ends, ordered from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    /// The verdict is pass or warn.
    Passed,

    /// The verdict is fail.
    Failed,

    /// The check could not run.
    Unable,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        match status {
            Status::Passed => Self::SUCCESS,
            Status::Failed => Self::from(1),
            Status::Unable => Self::from(2),
        }
    }
}
