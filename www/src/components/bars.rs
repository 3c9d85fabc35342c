//! A bar chart drawn as a table: each row has its label, its bar in inline SVG, and its numbers
//! in words, so the figures read without the picture and without colour.
//!
//! Bars are SVG rectangles sized by attributes, not inline styles, which the app's
//! Content-Security-Policy (`style-src 'self'`) would block.

use yew::{Html, Properties, function_component, html};

use crate::reports::Row;

/// One stacked part of every bar: its name in the legend and numbers, and its CSS class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Series {
    pub(crate) name: &'static str,
    pub(crate) class: &'static str,
}

#[derive(Properties, PartialEq)]
pub(crate) struct BarsProps {
    /// The chart's title, also its accessible name.
    pub(crate) caption: String,
    /// What the label column holds (`Day`, `Result type`).
    pub(crate) label: &'static str,
    pub(crate) series: Vec<Series>,
    pub(crate) rows: Vec<Row>,
    /// A hook for tests and styles (`chart-days`).
    pub(crate) id: &'static str,
}

#[function_component]
pub(crate) fn Bars(props: &BarsProps) -> Html {
    let widest = props
        .rows
        .iter()
        .map(|row| row.counts.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    html! {
        <figure class="chart" id={props.id}>
            <table class="bars">
                <caption>{ &props.caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ props.label }</th>
                        <th scope="col" class="bar-cell">
                            { for props.series.iter().map(|series| html! {
                                <span class="legend">
                                    <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
                                        <rect class={series.class} width="10" height="10" />
                                    </svg>
                                    { series.name }
                                </span>
                            }) }
                        </th>
                        { for props.series.iter().map(|series| html! {
                            <th scope="col" class="number">{ series.name }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for props.rows.iter().map(|row| bar_row(row, &props.series, widest)) }
                </tbody>
            </table>
        </figure>
    }
}

fn bar_row(row: &Row, series: &[Series], widest: u64) -> Html {
    let mut x = 0_u64;
    let parts: Vec<Html> = row
        .counts
        .iter()
        .zip(series)
        .map(|(count, series)| {
            // Widths in thousandths of the widest bar, in integers.
            let width = u128::from(*count) * 1000 / u128::from(widest);
            let part = html! {
                <rect class={series.class} x={x.to_string()} width={width.to_string()} height="10" />
            };
            x = x.saturating_add(u64::try_from(width).unwrap_or(1000));
            part
        })
        .collect();
    html! {
        <tr>
            <th scope="row" class="bar-label">{ &row.label }</th>
            <td class="bar-cell">
                <svg class="bar" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">
                    { for parts }
                </svg>
            </td>
            { for row.counts.iter().map(|count| html! {
                <td class="number">{ count.to_string() }</td>
            }) }
        </tr>
    }
}
