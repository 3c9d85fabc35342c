//! Turning a [`Report`](crate::report::Report) into text: for people, in the style of rustc
//! and ruff, or as one line of JSON for programs.
//!
//! Nothing taken from the input reaches the terminal unescaped: see [`escape`].

pub(crate) mod escape;
mod human;
mod json;
mod reading;
mod snippet;
mod style;

pub(crate) use human::render as human;
pub(crate) use json::render as json;
pub(crate) use style::{Paint, Style};
