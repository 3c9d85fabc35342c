//! The certification path drawn from the leaf to the root: one step per certificate, then the
//! trust anchor it reaches or, in words, where and why it breaks.

use yew::{Html, Properties, function_component, html};

use crate::chain::{PathEnd, Step};

#[derive(Properties, PartialEq)]
pub(crate) struct ChainPathProps {
    pub(crate) steps: Vec<Step>,
    pub(crate) end: PathEnd,
}

#[function_component]
pub(crate) fn ChainPath(props: &ChainPathProps) -> Html {
    html! {
        <ol class="chain-path" aria-label="Path from the server certificate to the root">
            { for props.steps.iter().map(|step| html! {
                <li class="path-step" data-position={step.position.to_string()}>
                    <p class="path-head">
                        <span class="path-position">{ step.position }</span>
                        <strong>{ &step.role }</strong>
                        <span class="place">{ format!("certificate {}", step.number) }</span>
                    </p>
                    <p class="path-name">
                        <span class="path-label">{ "Subject " }</span><code>{ &step.subject }</code>
                    </p>
                    <p class="path-name">
                        <span class="path-label">{ "Issuer " }</span><code>{ &step.issuer }</code>
                    </p>
                </li>
            }) }
            { match &props.end {
                PathEnd::Anchor { subject, source } => html! {
                    <li class="path-end path-anchor" data-anchor-source={*source}>
                        <p class="path-head">
                            <span class="path-position" aria-hidden="true">{ "✔" }</span>
                            <strong>{ "Trusted anchor" }</strong>
                            <span class="anchor-source">{ *source }</span>
                        </p>
                        <p class="path-name"><code>{ subject }</code></p>
                    </li>
                },
                PathEnd::Break(why) => html! {
                    <li class="path-end path-break">
                        <p class="path-head">
                            <span class="path-position" aria-hidden="true">{ "✘" }</span>
                            <strong>{ "No trusted anchor" }</strong>
                        </p>
                        <p class="path-why">{ why }</p>
                    </li>
                },
                PathEnd::Nothing => html! {
                    <li class="path-end path-break">
                        <p class="path-why">
                            { "No certificate could be read, so there is no path." }
                        </p>
                    </li>
                },
            } }
        </ol>
    }
}
