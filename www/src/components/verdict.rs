//! The verdict at the top of a result, in words and colour.

use mta_sts_check::{Diagnostic, Severity, Verdict};
use yew::{Html, html};

/// "Fail: 2 errors, 1 warning", with the verdict's colour and an icon that is not the only cue.
/// A plain function: as a component of its own it would add its own machinery to the module.
pub(crate) fn verdict_banner(verdict: Verdict, diagnostics: &[Diagnostic]) -> Html {
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let (icon, word) = match verdict {
        Verdict::Pass => ("✔", "Pass"),
        Verdict::Warn => ("!", "Warn"),
        Verdict::Fail => ("✘", "Fail"),
    };
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    html! {
        <p
            class={format!("verdict verdict-{}", verdict.as_str())}
            role="status"
            data-verdict={verdict.as_str()}
        >
            <span class="verdict-icon" aria-hidden="true">{ icon }</span>
            <strong>{ word }</strong>
            { format!(
                ": {}, {}, {}",
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings"),
                plural(infos, "note", "notes"),
            ) }
        </p>
    }
}
