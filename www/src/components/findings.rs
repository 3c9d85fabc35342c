//! The list of findings: severity, rule id, where, what, how to fix it, and the RFC section.
//!
//! Where is a line and column of the pasted text unless the page gives its own words for it
//! (the Certificate page says "certificate 2").

use mta_sts_check::Diagnostic;
use yew::{Html, html};

use crate::lint::CheckedInput;

/// The list; `places` says where each finding is, in order, in the page's own words (`None` to
/// use `inputs`). A plain function: a component would add its own machinery to the module.
pub(crate) fn findings(
    diagnostics: &[Diagnostic],
    inputs: &[CheckedInput],
    places: Option<&[Option<String>]>,
) -> Html {
    if diagnostics.is_empty() {
        return html! { <p class="no-findings">{ "No findings." }</p> };
    }
    html! {
        <ol class="findings" aria-label="Findings">
            { for diagnostics.iter().enumerate().map(|(index, diagnostic)| {
                let place = match places {
                    Some(places) => places.get(index).cloned().flatten(),
                    None => place(diagnostic, inputs),
                };
                finding(diagnostic, place)
            }) }
        </ol>
    }
}

/// The line and column of a finding, named after its input when there are several.
fn place(diagnostic: &Diagnostic, inputs: &[CheckedInput]) -> Option<String> {
    diagnostic.span.map(|span| {
        let name = inputs
            .get(span.input)
            .map_or("input", |input| input.name.as_str());
        if inputs.len() > 1 || name != "policy" {
            format!("{name}, column {}", span.column)
        } else {
            format!("line {}, column {}", span.line, span.column)
        }
    })
}

fn finding(diagnostic: &Diagnostic, place: Option<String>) -> Html {
    let severity = diagnostic.severity.as_str();
    html! {
        <li
            class={format!("finding finding-{severity}")}
            data-rule={diagnostic.rule.id()}
            data-severity={severity}
        >
            <p class="finding-head">
                <span class={format!("badge badge-{severity}")}>{ severity }</span>
                <code class="rule-id">{ diagnostic.rule.id() }</code>
                if let Some(place) = place {
                    <span class="place">{ place }</span>
                }
            </p>
            <p class="message">{ with_code(&diagnostic.message) }</p>
            <p class="help">
                <span class="help-label">{ "How to fix: " }</span>{ with_code(&diagnostic.help) }
            </p>
            <p class="rfc">
                <a href={diagnostic.rule.rfc_url()} target="_blank" rel="noopener noreferrer">
                    { diagnostic.rfc() }
                </a>
                { format!(" · {}", diagnostic.rule.title()) }
            </p>
        </li>
    }
}

/// Text with its `backquoted` parts shown as code, as the core writes names and values.
fn with_code(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An unbalanced backquote: show the text as it is.
        return html! { { text } };
    }
    html! {
        { for parts.iter().enumerate().map(|(index, part)| if index % 2 == 1 {
            html! { <code>{ *part }</code> }
        } else {
            html! { { *part } }
        }) }
    }
}
