//! The Check page: type a domain and see whether senders will deliver to it over verified TLS.
//! Every lookup and proxy request starts as soon as it can and its outcome shows as it arrives;
//! once every fact is in, the core judges them all at one instant, taken once. The address
//! `#/check/<domain>` is a permalink; the result can be exported as JSON.

use std::rc::Rc;

use js_sys::{Array, Date};
use mta_sts_check::{DomainOptions, check_domain, parse_domain_input, suggest, wire};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};
use yew::{
    Callback, Html, Properties, Reducible, SubmitEvent, TargetCast, function_component, html,
    use_effect_with, use_reducer, use_state,
};

use crate::check::gather::{self, Event, Gathering, StepState};
use crate::check::settings::{self, Saved, Settings};
use crate::components::copy_button::Copied;
use crate::components::domain_result::{Judged, domain_result};
use crate::components::settings_form::{SaveMessage, settings_form};
use crate::lint::visible;
use crate::route::check_hash;

/// The check shown, from its start to its judgement.
#[derive(Default, PartialEq)]
struct CheckState {
    /// Counts checks, so that late results of an earlier one are ignored.
    run: u32,
    gathering: Option<Gathering>,
    roots_pem: String,
    started_ms: f64,
    judged: Option<Rc<Judged>>,
    /// How long the check took, in whole milliseconds.
    elapsed_ms: Option<u64>,
}

enum Action {
    Start {
        run: u32,
        domain: String,
        roots_pem: String,
    },
    Result {
        run: u32,
        event: Event,
    },
}

impl Reducible for CheckState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Start {
                run,
                domain,
                roots_pem,
            } => Rc::new(Self {
                run,
                gathering: Some(Gathering::new(&domain)),
                roots_pem,
                started_ms: now_ms(),
                judged: None,
                elapsed_ms: None,
            }),
            Action::Result { run, event } if run == self.run && self.judged.is_none() => {
                let Some(mut gathering) = self.gathering.clone() else {
                    return self;
                };
                gathering.apply(event);
                let judged = gathering.facts().map(|facts| {
                    let at = (Date::now() / 1000.0).floor() as i64;
                    let mut options = DomainOptions::new(at);
                    options.extra_roots = self.roots_pem.as_bytes();
                    let check = check_domain(&facts, &options);
                    let suggestion = suggest(&check, &facts, at);
                    Rc::new(Judged {
                        at,
                        facts,
                        check,
                        suggestion,
                    })
                });
                let elapsed_ms = judged
                    .as_ref()
                    .map(|_| (now_ms() - self.started_ms).max(0.0).round() as u64);
                Rc::new(Self {
                    run: self.run,
                    gathering: Some(gathering),
                    roots_pem: self.roots_pem.clone(),
                    started_ms: self.started_ms,
                    judged,
                    elapsed_ms,
                })
            }
            Action::Result { .. } => self,
        }
    }
}

/// Milliseconds on the page's monotonic clock.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or_else(Date::now, |performance| performance.now())
}

#[derive(Properties, PartialEq)]
pub(crate) struct CheckPageProps {
    /// The domain the address names (`#/check/<domain>`), as typed.
    pub(crate) domain: Option<String>,
}

#[function_component]
pub(crate) fn CheckPage(props: &CheckPageProps) -> Html {
    let state = use_reducer(CheckState::default);
    let saved = use_state(Saved::load);
    let draft = use_state(|| (*saved).clone());
    let save_message = use_state(|| SaveMessage::None);
    let copied = use_state(|| Copied::None);
    let input = use_state(|| props.domain.clone().unwrap_or_default());
    let problem = use_state(|| None::<String>);
    let again = use_state(|| 0_u32);
    let settings = settings::current(&saved);

    {
        let (state, problem, input) = (state.clone(), problem.clone(), input.clone());
        let settings = settings.clone();
        use_effect_with((props.domain.clone(), *again), move |(domain, _)| {
            if let Some(domain) = domain {
                input.set(domain.clone());
                match (parse_domain_input(domain), settings) {
                    (Err(error), _) => problem.set(Some(format!(
                        "“{}” is not a domain: {error}",
                        visible(domain)
                    ))),
                    (Ok(_), Err(error)) => problem.set(Some(error)),
                    (Ok(domain), Ok(settings)) => {
                        problem.set(None);
                        start(&state, &domain, &settings);
                    }
                }
            }
        });
    }

    let on_input = {
        let input = input.clone();
        Callback::from(move |event: yew::InputEvent| {
            input.set(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_submit = {
        let (input, again, current) = (input.clone(), again.clone(), props.domain.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let typed = input.trim().to_owned();
            if current.as_deref() == Some(typed.as_str()) {
                again.set(*again + 1);
            } else if let Some(location) = web_sys::window().map(|window| window.location()) {
                let _ = location.set_hash(&check_hash(&typed));
            }
        })
    };
    let on_saved = {
        let saved = saved.clone();
        Callback::from(move |new: Saved| saved.set(new))
    };

    html! {
        <section class="page" aria-labelledby="check-title">
            <h2 id="check-title">{ "Check a domain" }</h2>
            <p class="lead">
                { "Looks up the domain's MTA-STS and TLS-RPT records and MX hosts over DNS over \
                   HTTPS, fetches its policy and tests STARTTLS on every MX host through the \
                   proxy, and says whether senders will deliver to it over verified TLS." }
            </p>
            <form class="controls domain-form" onsubmit={on_submit}>
                <label for="domain">{ "Domain" }</label>
                <input
                    id="domain"
                    type="text"
                    inputmode="url"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="example.com"
                    value={(*input).clone()}
                    oninput={on_input}
                />
                <button type="submit">{ "Check" }</button>
            </form>
            { link_notice(&settings) }
            { settings_form(&draft, &save_message, &on_saved) }
            if let Some(problem) = &*problem {
                <p class="error" role="alert">{ problem }</p>
            } else {
                { progress(&state) }
                if let Some(judged) = &state.judged {
                    <div class="result" data-domain={judged.check.domain.clone()}>
                        { timing(judged.at, state.elapsed_ms.unwrap_or_default()) }
                        { export_button(judged) }
                        { domain_result(judged, &copied) }
                    </div>
                }
            }
        </section>
    }
}

/// Starts a check of `domain` whose results come back to `state`.
fn start(state: &yew::UseReducerHandle<CheckState>, domain: &str, settings: &Settings) {
    // The handle reads the latest state, so the new run's number is taken before it starts.
    let run = state.run.wrapping_add(1);
    state.dispatch(Action::Start {
        run,
        domain: domain.to_owned(),
        roots_pem: settings.roots_pem.clone(),
    });
    let dispatcher = state.dispatcher();
    gather::start(domain, settings, move |event| {
        dispatcher.dispatch(Action::Result { run, event });
    });
}

/// When the check was judged and how long it took. The seconds are written from integers:
/// formatting floats would add the float printing code to the module.
fn timing(at: i64, elapsed_ms: u64) -> Html {
    let hundredths = elapsed_ms.saturating_add(5) / 10;
    html! {
        <p class="timing" data-elapsed-ms={elapsed_ms.to_string()}>
            { format!(
                "Checked at {} in {}.{:02} s.",
                mta_sts_check::format_rfc3339(at),
                hundredths / 100,
                hundredths % 100
            ) }
        </p>
    }
}

/// The link's own settings, said plainly.
fn link_notice(settings: &Result<Settings, String>) -> Html {
    let Ok(settings) = settings else {
        return Html::default();
    };
    if settings.from_link.is_empty() {
        return Html::default();
    }
    html! {
        <p class="note link-settings" role="note">
            { "This link sets " }
            { for settings.from_link.iter().enumerate().map(|(index, (name, value))| html! {
                <>
                    if index > 0 { { " and " } }
                    { format!("the {name} to ") }<code>{ value }</code>
                </>
            }) }
            { " for this view only; they are not saved." }
        </p>
    }
}

/// Each step of the gathering and how far it is.
fn progress(state: &CheckState) -> Html {
    let Some(gathering) = &state.gathering else {
        return Html::default();
    };
    let steps = gathering.steps();
    let done = steps
        .iter()
        .filter(|(_, step)| matches!(step, StepState::Done(_)))
        .count();
    html! {
        <details class="progress" open={state.judged.is_none()}>
            <summary>
                { format!("Steps: {done} of {} done", steps.len()) }
            </summary>
            <ol class="steps" aria-live="polite">
                { for steps.into_iter().map(|(label, step)| match step {
                    StepState::Waiting => html! {
                        <li data-step="waiting">{ label }{ ": waiting…" }</li>
                    },
                    StepState::Done(outcome) => html! {
                        <li data-step="done">{ label }{ ": " }{ outcome }</li>
                    },
                }) }
            </ol>
        </details>
    }
}

/// A button that downloads every fact and finding as JSON, as `mta-sts-check domain --json`
/// prints them.
fn export_button(judged: &Rc<Judged>) -> Html {
    let onclick = {
        let judged = judged.clone();
        Callback::from(move |_| {
            let json = wire::domain_export(&judged.check, &judged.facts, judged.at);
            let name = format!("mta-sts-check-{}.json", judged.check.domain);
            // A failed download leaves the page as it was; there is nothing better to do.
            let _ = download(&name, &json);
        })
    };
    html! {
        <p class="export">
            <button type="button" {onclick}>{ "Export JSON" }</button>
        </p>
    }
}

/// Offers `text` as a file named `name`.
fn download(name: &str, text: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or(JsValue::NULL)?;
    let parts = Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();

    // The download reads the URL after this turn of the event loop: revoke it a minute later.
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}
