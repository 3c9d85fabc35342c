//! The web app's entry point: mounts the application into the page.

mod app;
mod chain;
mod check;
mod components;
mod lint;
mod pages;
mod reports;
mod route;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
