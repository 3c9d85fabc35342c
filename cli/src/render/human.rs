//! The report for people, in the style of rustc and ruff: each finding with its rule id, where
//! it is, the line with a `^^^` marker, how to fix it and the RFC; then what senders make of the
//! input; then one summary line.

use mta_sts_check::{Diagnostic, JsonPath, Severity, Span};

use crate::input::Input;
use crate::render::escape;
use crate::render::reading;
use crate::render::snippet::snippet;
use crate::render::style::{Paint, Style};
use crate::report::Report;

/// The most characters of a message or help text shown; the core bounds what it quotes, and
/// this bounds the rest.
const MAX_MESSAGE_CHARS: usize = 500;

/// The whole report as text.
pub(crate) fn render(report: &Report, style: Style) -> String {
    let mut out = String::new();

    for diagnostic in in_reading_order(&report.diagnostics) {
        finding(&mut out, diagnostic, &report.inputs, style);
        out.push('\n');
    }

    reading::write(&mut out, &report.reading, &report.inputs, style);
    summary(&mut out, report, style);
    out
}

/// The findings in the order people read the input: by input and position, then the findings
/// about an input as a whole, each group in the core's order.
fn in_reading_order(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let mut ordered: Vec<&Diagnostic> = diagnostics.iter().collect();
    ordered.sort_by_key(|diagnostic| {
        diagnostic
            .span
            .map_or((1, 0, 0), |span| (0, span.input, span.start))
    });
    ordered
}

/// One finding, followed by no blank line.
fn finding(out: &mut String, diagnostic: &Diagnostic, inputs: &[Input], style: Style) {
    let paint = Paint::severity(diagnostic.severity);
    let heading = format!("{}[{}]", diagnostic.severity, diagnostic.rule.id());
    out.push_str(&format!(
        "{}: {}\n",
        style.paint(paint, &heading),
        style.paint(
            Paint::Bold,
            &escape::bounded(&diagnostic.message, MAX_MESSAGE_CHARS)
        ),
    ));

    let gutter = diagnostic
        .span
        .map_or(0, |span| span.line.to_string().len());
    let pad = " ".repeat(gutter);
    if let Some(span) = &diagnostic.span {
        location(out, span, inputs, paint, style);
    } else if let Some(at) = &diagnostic.json_path {
        json_location(out, at, inputs, style);
    }

    let equals = style.paint(Paint::Frame, "=");
    out.push_str(&format!(
        "{pad} {equals} help: {}\n",
        escape::bounded(&diagnostic.help, MAX_MESSAGE_CHARS)
    ));
    out.push_str(&format!(
        "{pad} {equals} see: {} {}\n",
        diagnostic.rule.rfc(),
        diagnostic.rule.rfc_url()
    ));
}

/// The `-->` line, and the source line with its marker when the input's text is known.
fn location(out: &mut String, span: &Span, inputs: &[Input], paint: Paint, style: Style) {
    let line_number = span.line.to_string();
    let pad = " ".repeat(line_number.len());
    let input = inputs.get(span.input);
    let name = input.map_or_else(
        || format!("input {}", span.input + 1),
        |input| input.name.clone(),
    );

    out.push_str(&format!(
        "{pad}{} {}:{}:{}\n",
        style.paint(Paint::Frame, "-->"),
        escape::bounded(&name, escape::MAX_NAME_CHARS),
        span.line,
        span.column
    ));

    let Some(input) = input else {
        return;
    };
    let shown = snippet(&input.text, span.start, span.end);
    let bar = style.paint(Paint::Frame, "|");

    out.push_str(&format!("{pad} {bar}\n"));
    if shown.text.is_empty() {
        out.push_str(&format!(
            "{} {bar}\n",
            style.paint(Paint::Frame, &line_number)
        ));
    } else {
        out.push_str(&format!(
            "{} {bar} {}\n",
            style.paint(Paint::Frame, &line_number),
            shown.text
        ));
    }
    out.push_str(&format!(
        "{pad} {bar} {}{}\n",
        " ".repeat(shown.marker_start),
        style.paint(paint, &"^".repeat(shown.marker_width))
    ));
}

/// The `-->` line of a finding inside a JSON report: the file and the JSON path.
fn json_location(out: &mut String, at: &JsonPath, inputs: &[Input], style: Style) {
    let name = inputs.get(at.input).map_or_else(
        || format!("input {}", at.input + 1),
        |input| input.name.clone(),
    );
    let path = if at.path.is_empty() {
        "(the report)"
    } else {
        &at.path
    };
    out.push_str(&format!(
        " {} {} at {}\n",
        style.paint(Paint::Frame, "-->"),
        escape::bounded(&name, escape::MAX_NAME_CHARS),
        escape::bounded(path, MAX_MESSAGE_CHARS)
    ));
}

/// `fail: 2 errors, 1 warning, 3 infos`.
fn summary(out: &mut String, report: &Report, style: Style) {
    let count = |severity: Severity| {
        report
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    };
    let verdict = report.verdict();

    out.push_str(&format!(
        "{}: {}, {}, {}\n",
        style.paint(Paint::verdict(verdict), verdict.as_str()),
        counted(count(Severity::Error), "error"),
        counted(count(Severity::Warning), "warning"),
        counted(count(Severity::Info), "info"),
    ));
}

fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
