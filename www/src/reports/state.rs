//! The Reports page's state and how each step of reading changes it, as a plain function.
//!
//! Every reading is a run with its own number: files given while an earlier run is still reading
//! start a new run, and whatever the earlier one still reports is ignored.

use std::rc::Rc;

use mta_sts_check::{ReportsCheck, TlsReport};

/// A report kept whole for the drill-down, with the input it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Detailed {
    pub(crate) input: usize,
    pub(crate) report: TlsReport,
}

/// Everything read in one run.
#[derive(Clone, Debug, Default)]
pub(crate) struct Outcome {
    /// The name of each input the core read, by input number.
    pub(crate) names: Vec<String>,
    pub(crate) check: ReportsCheck,
    /// The first [`crate::reports::MAX_DETAILED_REPORTS`] distinct reports.
    pub(crate) detailed: Vec<Detailed>,
    /// Distinct reports read but not kept whole.
    pub(crate) not_detailed: usize,
    /// Files not read, each with why.
    pub(crate) refused: Vec<String>,
}

/// How far a run has got.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Progress {
    /// The file being read, from 1.
    pub(crate) file: usize,
    pub(crate) files: usize,
    pub(crate) done_bytes: u64,
    pub(crate) total_bytes: u64,
    /// Whether the core is reading the current file's reports (the bytes are all in).
    pub(crate) checking: bool,
}

/// What the page shows.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    /// The latest run's number; 0 before any.
    pub(crate) run: u32,
    /// Set while the latest run reads.
    pub(crate) progress: Option<Progress>,
    /// What the latest finished run read.
    pub(crate) outcome: Option<Rc<Outcome>>,
}

/// A step of a run, or the start of a new one.
#[derive(Clone, Debug)]
pub(crate) enum Action {
    Start {
        run: u32,
        files: usize,
        total_bytes: u64,
    },
    Progress {
        run: u32,
        progress: Progress,
    },
    Finish {
        run: u32,
        outcome: Rc<Outcome>,
    },
}

/// The state after `action`.
pub(crate) fn step(state: &State, action: Action) -> State {
    match action {
        Action::Start {
            run,
            files,
            total_bytes,
        } => State {
            run,
            progress: Some(Progress {
                file: 0,
                files,
                done_bytes: 0,
                total_bytes,
                checking: false,
            }),
            outcome: None,
        },
        Action::Progress { run, progress } if run == state.run => State {
            progress: Some(progress),
            ..state.clone()
        },
        Action::Finish { run, outcome } if run == state.run => State {
            run,
            progress: None,
            outcome: Some(outcome),
        },
        Action::Progress { .. } | Action::Finish { .. } => state.clone(),
    }
}
