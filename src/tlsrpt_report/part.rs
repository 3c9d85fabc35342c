//! One input read on its own, to be added to a [`ReportsCheck`] in its turn: the command line
//! reads inputs on several threads and adds them up in order afterwards, with the figures and
//! findings of [`ReportsCheck::add_file`].

use crate::diagnostic::Diagnostic;
use crate::tlsrpt_report::tally::Recording;
use crate::tlsrpt_report::{
    Duplicates, Receiver, ReportFigures, ReportFile, ReportsCheck, TlsReport, figures,
    read_borrowed,
};

/// What reading one input adds to a [`ReportsCheck`].
#[derive(Debug)]
pub struct FilePart {
    input: usize,
    file: ReportFile,
    reports: Vec<ReportFigures>,
    recording: Recording,
    /// A copy of the file's findings for the check's list, made on the reading thread.
    findings: Vec<Diagnostic>,
}

impl FilePart {
    /// Reads `data`, the input numbered `input`; the input is not kept. Each report is added up
    /// while it is judged, so no report's failure entries are held.
    pub fn read(input: usize, data: &[u8]) -> Self {
        let mut recording = Recording::default();
        let mut reports = Vec::new();
        // Whether a report was given before is only known when the part is added.
        let mut each = |report: TlsReport<&str>, _| reports.push(figures(input, &report, false));
        let mut to = Receiver {
            summary: Some(&mut recording),
            each: &mut each,
        };
        let file = read_borrowed(input, data, &mut to);
        recording.seal();
        Self {
            input,
            findings: file.diagnostics.clone(),
            file,
            reports,
            recording,
        }
    }

    /// What the input held and the findings about it (their spans point into `data`).
    pub const fn file(&self) -> &ReportFile {
        &self.file
    }
}

impl ReportsCheck {
    /// Adds an input read with [`FilePart::read`]; inputs are added in the order of their
    /// numbers, from 0, as [`add_file`](Self::add_file) would have read them.
    pub fn add_part(&mut self, part: FilePart) {
        let FilePart {
            input,
            file,
            mut reports,
            recording,
            findings,
        } = part;
        let counted = self.summary.replay(&recording);
        let mut duplicates = Duplicates::default();
        for (report, counted) in reports.iter_mut().zip(counted) {
            report.duplicate = !counted;
            duplicates.note(&report.report_id, report.duplicate);
        }
        self.reports.extend(reports);
        self.finish(input, file, &duplicates, Some(findings));
    }
}
