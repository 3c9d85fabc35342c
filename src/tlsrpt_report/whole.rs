//! An input read with its reports kept whole, to be added to a [`ReportsCheck`] in its turn:
//! the web app reads each file in a Web Worker, which shares no memory with the page, and hands
//! the result over as bytes (see `whole_bytes.rs`); the page adds it up and keeps some reports
//! for its drill-down.
//!
//! Every report's failure entries come along, so this suits files of the sizes a browser reads;
//! the command line's [`FilePart`](crate::FilePart) adds reports up while it judges them instead.

use crate::tlsrpt_report::{
    Duplicates, ReportFile, ReportsCheck, TlsReport, figures, read_report_file,
};

/// An input's reports, whole, and what the input held.
#[derive(Clone, Debug, PartialEq)]
pub struct WholeFile {
    /// The input's number: the spans of its findings point into it.
    pub input: usize,
    pub file: ReportFile,
    pub reports: Vec<TlsReport>,
}

impl WholeFile {
    /// Reads `data`, the input numbered `input`; the input is not kept.
    pub fn read(input: usize, data: &[u8]) -> Self {
        let mut reports = Vec::new();
        let file = read_report_file(input, data, &mut |report| reports.push(report));
        Self {
            input,
            file,
            reports,
        }
    }
}

impl ReportsCheck {
    /// Adds an input read with [`WholeFile::read`]; inputs are added in the order of their
    /// numbers, from 0, with the figures and findings of [`add_file`](Self::add_file). `each`
    /// gets every report with whether it was given before and left out, so a front end can keep
    /// what it shows in detail.
    pub fn add_whole(&mut self, whole: WholeFile, each: &mut dyn FnMut(TlsReport, bool)) {
        let WholeFile {
            input,
            file,
            reports,
        } = whole;
        let mut duplicates = Duplicates::default();
        for report in reports {
            let duplicate = !self.summary.add(&report);
            duplicates.note(&report.report_id, duplicate);
            self.reports.push(figures(input, &report, duplicate));
            each(report, duplicate);
        }
        self.finish(input, file, &duplicates, None);
    }
}
