//! The list of findings: severity, rule id, where, what, how to fix it, and the RFC section.

use mta_sts_check::Diagnostic;
use yew::{Html, Properties, function_component, html};

use crate::lint::CheckedInput;

#[derive(Properties, PartialEq)]
pub(crate) struct FindingsProps {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) inputs: Vec<CheckedInput>,
}

#[function_component]
pub(crate) fn Findings(props: &FindingsProps) -> Html {
    if props.diagnostics.is_empty() {
        return html! { <p class="no-findings">{ "No findings." }</p> };
    }
    html! {
        <ol class="findings" aria-label="Findings">
            { for props.diagnostics.iter().map(|diagnostic| finding(diagnostic, &props.inputs)) }
        </ol>
    }
}

fn finding(diagnostic: &Diagnostic, inputs: &[CheckedInput]) -> Html {
    let severity = diagnostic.severity.as_str();
    let place = diagnostic.span.map(|span| {
        let name = inputs
            .get(span.input)
            .map_or("input", |input| input.name.as_str());
        if inputs.len() > 1 || name != "policy" {
            format!("{name}, column {}", span.column)
        } else {
            format!("line {}, column {}", span.line, span.column)
        }
    });
    html! {
        <li class={format!("finding finding-{severity}")} data-rule={diagnostic.rule.id()} data-severity={severity}>
            <p class="finding-head">
                <span class={format!("badge badge-{severity}")}>{ severity }</span>
                <code class="rule-id">{ diagnostic.rule.id() }</code>
                if let Some(place) = place {
                    <span class="place">{ place }</span>
                }
            </p>
            <p class="message">{ &diagnostic.message }</p>
            <p class="help"><span class="help-label">{ "How to fix: " }</span>{ &diagnostic.help }</p>
            <p class="rfc">
                <a href={diagnostic.rule.rfc_url()} target="_blank" rel="noopener noreferrer">
                    { diagnostic.rfc() }
                </a>
                { format!(" · {}", diagnostic.rule.title()) }
            </p>
        </li>
    }
}
