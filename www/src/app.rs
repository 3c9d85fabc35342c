//! The application frame: the header, the navigation between pages, and the page shown.

use yew::{Html, function_component, html};

use crate::pages::policy::PolicyPage;

/// The whole app. Only the Policy page exists so far; the navigation lists what is there.
#[function_component]
pub(crate) fn App() -> Html {
    html! {
        <>
            <header class="site-header">
                <h1 class="site-title">{ "mta-sts-check" }</h1>
                <nav aria-label="Pages">
                    <ul class="nav">
                        <li><a href="#/policy" aria-current="page">{ "Policy" }</a></li>
                    </ul>
                </nav>
            </header>
            <main id="main">
                <PolicyPage />
            </main>
            <footer class="site-footer">
                <p>{ "Everything you paste is checked in this page: nothing is sent anywhere." }</p>
            </footer>
        </>
    }
}
