//! A bar chart drawn as a table: each row has its label, its bar in inline SVG, and its numbers
//! in words, so the figures read without the picture and without colour.
//!
//! Bars are SVG rectangles sized by attributes, not inline styles, which the app's
//! Content-Security-Policy (`style-src 'self'`) would block. A plain function, not a component:
//! each Yew component adds several KiB of WebAssembly, and a chart has no state of its own.

use yew::{Html, html};

use crate::reports::Row;

/// One stacked part of every bar: its name in the legend and numbers, and its CSS class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Series {
    pub(crate) name: &'static str,
    pub(crate) class: &'static str,
}

/// A chart to draw.
pub(crate) struct Chart<'a> {
    /// The chart's title, also its accessible name.
    pub(crate) caption: &'static str,
    /// What the label column holds (`Day`, `Result type`).
    pub(crate) label: &'static str,
    pub(crate) series: &'a [Series],
    pub(crate) rows: &'a [Row],
    /// A hook for tests and styles (`chart-days`).
    pub(crate) id: &'static str,
}

/// The chart as a table with a bar per row.
pub(crate) fn bars(chart: &Chart<'_>) -> Html {
    let widest = chart
        .rows
        .iter()
        .map(|row| {
            row.counts
                .iter()
                .fold(0_u64, |sum, count| sum.saturating_add(*count))
        })
        .max()
        .unwrap_or(0)
        .max(1);
    html! {
        <figure class="chart" id={chart.id}>
            <table class="bars">
                <caption>{ chart.caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ chart.label }</th>
                        <th scope="col" class="bar-cell">
                            { for chart.series.iter().map(|series| html! {
                                <span class="legend">
                                    <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
                                        <rect class={series.class} width="10" height="10" />
                                    </svg>
                                    { series.name }
                                </span>
                            }) }
                        </th>
                        { for chart.series.iter().map(|series| html! {
                            <th scope="col" class="number">{ series.name }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for chart.rows.iter().map(|row| bar_row(row, chart.series, widest)) }
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
            // Widths in thousandths of the widest bar, in integers (u64 division: no u128 code).
            let width = count.saturating_mul(1000) / widest;
            let part = html! {
                <rect
                    class={series.class}
                    x={x.to_string()}
                    width={width.to_string()}
                    height="10"
                />
            };
            x = x.saturating_add(width);
            part
        })
        .collect();
    html! {
        <tr>
            <th scope="row" class="bar-label">{ &row.label }</th>
            <td class="bar-cell">
                <svg
                    class="bar"
                    viewBox="0 0 1000 10"
                    preserveAspectRatio="none"
                    aria-hidden="true"
                >
                    { for parts }
                </svg>
            </td>
            { for row.counts.iter().map(|count| html! {
                <td class="number">{ count.to_string() }</td>
            }) }
        </tr>
    }
}
