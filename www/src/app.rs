//! The application frame: the header, the navigation between pages, and the page shown.
//!
//! The page follows the URL's fragment (`#/check`, `#/policy`, `#/certificate`, `#/reports`,
//! `#/check/<domain>`): links set it,
//! and a `hashchange` listener re-renders, so the browser's back button and bookmarks work. Every
//! page stays mounted and the hidden ones keep what was typed or read into them.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::{Html, function_component, html, use_effect_with, use_state};

use crate::pages::certificate::CertificatePage;
use crate::pages::check::CheckPage;
use crate::pages::policy::PolicyPage;
use crate::pages::reports::ReportsPage;
use crate::route::{Route, checked_domain};

/// The page the browser's address names now, and the domain a permalink names.
fn current_route() -> (Route, Option<String>) {
    let hash = web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default();
    (Route::from_hash(&hash), checked_domain(&hash))
}

/// The whole app.
#[function_component]
pub(crate) fn App() -> Html {
    let route = use_state(current_route);
    {
        let route = route.clone();
        use_effect_with((), move |()| {
            let listener = Closure::<dyn Fn()>::new(move || route.set(current_route()));
            let window = web_sys::window();
            if let Some(window) = &window {
                // Failing to listen leaves links working as plain anchors within the page.
                let _ = window.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(window) = &window {
                    let _ = window.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                drop(listener);
            }
        });
    }
    let (page_shown, domain) = (*route).clone();
    use_effect_with(page_shown, |route| {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(route.title());
        }
    });

    html! {
        <>
            <header class="site-header">
                <h1 class="site-title">{ "mta-sts-check" }</h1>
                <nav aria-label="Pages">
                    <ul class="nav">
                        { for Route::ALL.into_iter().map(|page| html! {
                            <li>
                                <a
                                    href={page.hash()}
                                    aria-current={(page == page_shown).then_some("page")}
                                >
                                    { page.label() }
                                </a>
                            </li>
                        }) }
                    </ul>
                </nav>
            </header>
            <main id="main">
                <div hidden={page_shown != Route::Check}><CheckPage domain={domain} /></div>
                <div hidden={page_shown != Route::Policy}><PolicyPage /></div>
                <div hidden={page_shown != Route::Certificate}><CertificatePage /></div>
                <div hidden={page_shown != Route::Reports}><ReportsPage /></div>
            </main>
            <footer class="site-footer">
                <p>
                    { "Everything you paste or open is checked in this page: nothing is sent \
                       anywhere. A domain check asks the resolver and the proxy in the settings \
                       about the domain's name, and nothing else." }
                </p>
            </footer>
        </>
    }
}
