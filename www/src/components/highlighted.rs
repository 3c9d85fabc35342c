//! An input's text with the bytes each finding points at marked, worst severity on top.

use mta_sts_check::Diagnostic;
use yew::{Html, html};

use crate::lint::{CheckedInput, Segment, segments};

/// The inputs with their findings marked. A plain function: a component would add its own
/// machinery to the module.
pub(crate) fn highlighted(inputs: &[CheckedInput], diagnostics: &[Diagnostic]) -> Html {
    html! {
        <div class="highlighted" aria-label="Checked text with findings marked">
            { for inputs.iter().enumerate().map(|(index, input)| {
                let spans: Vec<_> = diagnostics
                    .iter()
                    .filter_map(|d| {
                        let span = d.span.filter(|span| span.input == index)?;
                        Some((span.start..span.end, d.severity))
                    })
                    .collect();
                html! {
                    <figure class="input">
                        if inputs.len() > 1 || input.name != "policy" {
                            <figcaption>{ &input.name }</figcaption>
                        }
                        <pre>{ for segments(&input.text, &spans).into_iter().map(piece) }</pre>
                    </figure>
                }
            }) }
        </div>
    }
}

/// One piece of text, marked when a finding covers it.
fn piece(segment: Segment) -> Html {
    match segment.severity {
        Some(severity) => html! {
            <mark
                class={format!("mark-{}", severity.as_str())}
                title={severity.as_str()}
                aria-hidden={segment.marker.then_some("true")}
            >
                { segment.text }
            </mark>
        },
        None => html! { { segment.text } },
    }
}
