//! The verdict at the top of a result, in words and colour.

use mta_sts_check::{Diagnostic, Severity, Verdict};
use yew::{Html, Properties, function_component, html};

#[derive(Properties, PartialEq)]
pub(crate) struct VerdictProps {
    pub(crate) verdict: Verdict,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// "Fail: 2 errors, 1 warning", with the verdict's colour and an icon that is not the only cue.
#[function_component]
pub(crate) fn VerdictBanner(props: &VerdictProps) -> Html {
    let count = |severity| {
        props
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let (icon, word) = match props.verdict {
        Verdict::Pass => ("✔", "Pass"),
        Verdict::Warn => ("!", "Warn"),
        Verdict::Fail => ("✘", "Fail"),
    };
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    html! {
        <p
            class={format!("verdict verdict-{}", props.verdict.as_str())}
            role="status"
            data-verdict={props.verdict.as_str()}
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
