//! The web app's entry point: mounts the application into the page.

mod a_labels;
mod app;
mod chain;
mod check;
mod components;
mod lint;
mod pages;
mod reports;
mod route;

fn main() {
    // The core has no Unicode tables in this build: it converts internationalised names through
    // the browser. `main` runs once, so the converter cannot have been set before.
    let _ = mta_sts_check::set_a_label_converter(a_labels::to_a_labels);
    // The same module runs in the Reports page's worker, which has no page to draw.
    if web_sys::window().is_some() {
        yew::Renderer::<app::App>::new().render();
    }
}
