//! The Reports page's tables and term lists, built from rows of cells.
//!
//! Every `html!` element is code in the WebAssembly module, so markup written out cell by cell
//! costs far more than the same markup built in a loop from data; these two builders keep the
//! page within the app's size budget.

use yew::{Html, html};

use crate::lint::visible;

/// One value shown in a table or list.
pub(crate) enum Cell {
    /// Text for people.
    Text(String),
    /// A value from a report, shown as code with its hidden characters written out.
    Code(String),
    /// A count, right-aligned.
    Number(u64),
    /// A value a report left out.
    Missing,
}

impl Cell {
    /// A value from a report, or [`Cell::Missing`] when it is absent or empty.
    pub(crate) fn code(value: Option<&str>) -> Self {
        match value {
            Some(value) if !value.is_empty() => Self::Code(value.to_owned()),
            _ => Self::Missing,
        }
    }

    fn class(&self) -> Option<&'static str> {
        matches!(self, Self::Number(_)).then_some("number")
    }

    fn view(&self) -> Html {
        match self {
            Self::Text(text) => html! { { text.clone() } },
            Self::Code(text) => html! { <code>{ visible(text) }</code> },
            Self::Number(count) => html! { { count.to_string() } },
            Self::Missing => html! { <span class="none">{ "not given" }</span> },
        }
    }
}

/// A table with a header row; scrolls sideways on a narrow screen.
pub(crate) fn table(
    class: &'static str,
    caption: Option<&'static str>,
    head: &[&'static str],
    rows: Vec<Vec<Cell>>,
) -> Html {
    html! {
        <div class="table-scroll">
            <table class={class}>
                if let Some(caption) = caption {
                    <caption>{ caption }</caption>
                }
                <thead>
                    <tr>
                        { for head.iter().map(|title| html! { <th scope="col">{ *title }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|row| html! {
                        <tr>
                            { for row.iter().map(|cell| html! {
                                <td class={cell.class()}>{ cell.view() }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// A list of terms and values; a value with a key carries it as `data-total` for tests.
pub(crate) fn terms(
    class: &'static str,
    items: Vec<(&'static str, Option<&'static str>, Cell)>,
) -> Html {
    html! {
        <dl class={class}>
            { for items.iter().map(|(term, key, value)| html! {
                <><dt>{ *term }</dt><dd data-total={*key}>{ value.view() }</dd></>
            }) }
        </dl>
    }
}
