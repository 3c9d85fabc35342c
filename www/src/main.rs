//! The web app's entry point: mounts the application into the page.

mod app;
mod components;
mod lint;
mod pages;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
