//! What senders make of the input, for people: the policy they apply, the record in effect,
//! which MX hosts the policy covers, the path a chain gives (in [`certificates`]), or what TLS-RPT
//! reports add up to (in [`reports`]).

mod certificates;
mod reports;

use mta_sts_check::{MxCheck, MxSet, Policy, StsRecord, TlsRptRecord};
use unicode_width::UnicodeWidthStr;

use crate::input::Input;
use crate::render::escape;
use crate::render::style::{Paint, Style};
use crate::report::Reading;

/// The most characters of one value shown in a reading.
const MAX_VALUE_CHARS: usize = 120;

/// The widest host column of the MX table; longer names push their row's second column out.
const MAX_HOST_COLUMN: usize = 48;

/// Writes the reading, followed by a blank line.
pub(crate) fn write(out: &mut String, reading: &Reading, inputs: &[Input], style: Style) {
    match reading {
        Reading::Policy(policy) => write_policy(out, policy.as_ref(), style),
        Reading::StsRecord { record, index } => {
            write_sts(
                out,
                record.as_ref(),
                index.and_then(|at| inputs.get(at)),
                style,
            );
        }
        Reading::TlsRptRecord { record, index } => {
            write_tlsrpt(
                out,
                record.as_ref(),
                index.and_then(|at| inputs.get(at)),
                style,
            );
        }
        Reading::Mx { policy, set, check } => {
            write_policy(out, policy.as_ref(), style);
            write_mx(out, policy.as_ref(), set, check, style);
        }
        Reading::Certificates(check) => certificates::write(out, check, style),
        Reading::Reports(check) => reports::write(out, check, inputs, style),
    }
    out.push('\n');
}

fn write_policy(out: &mut String, policy: Option<&Policy>, style: Style) {
    let label = style.paint(Paint::Bold, "policy:");
    let Some(policy) = policy else {
        out.push_str(&format!("{label} none: senders cannot apply this body\n"));
        return;
    };

    out.push_str(&format!(
        "{label} mode {}, max_age {} ({}), {}\n",
        policy.mode,
        policy.max_age,
        duration(policy.max_age),
        plural(policy.mx.len(), "mx pattern")
    ));
    for pattern in &policy.mx {
        out.push_str(&format!("  mx: {}\n", shown(&pattern.to_string())));
    }
    for (key, value) in &policy.extensions {
        out.push_str(&format!("  extension: {}: {}\n", shown(key), shown(value)));
    }
}

fn write_sts(out: &mut String, record: Option<&StsRecord>, input: Option<&Input>, style: Style) {
    let label = style.paint(Paint::Bold, "record in effect:");
    let (Some(record), Some(input)) = (record, input) else {
        out.push_str(&format!("{label} none\n"));
        return;
    };

    out.push_str(&format!(
        "{label} {}, id {}\n",
        shown(&input.name),
        shown(&record.id)
    ));
    extensions(out, &record.extensions);
}

fn write_tlsrpt(
    out: &mut String,
    record: Option<&TlsRptRecord>,
    input: Option<&Input>,
    style: Style,
) {
    let label = style.paint(Paint::Bold, "record in effect:");
    let (Some(record), Some(input)) = (record, input) else {
        out.push_str(&format!("{label} none\n"));
        return;
    };

    out.push_str(&format!(
        "{label} {}, {}\n",
        shown(&input.name),
        plural(record.destinations.len(), "destination")
    ));
    for destination in &record.destinations {
        out.push_str(&format!("  rua: {}\n", shown(&destination.to_string())));
    }
    extensions(out, &record.extensions);
}

fn extensions(out: &mut String, extensions: &[(String, String)]) {
    for (name, value) in extensions {
        out.push_str(&format!("  extension: {}={}\n", shown(name), shown(value)));
    }
}

/// The table of MX hosts and the patterns covering each.
fn write_mx(out: &mut String, policy: Option<&Policy>, set: &MxSet, check: &MxCheck, style: Style) {
    let label = style.paint(Paint::Bold, "MX:");
    if *set == MxSet::Null {
        out.push_str(&format!("{label} null MX: the domain accepts no mail\n"));
        return;
    }
    let Some(policy) = policy else {
        out.push_str(&format!(
            "{label} not matched: there is no policy senders apply\n"
        ));
        return;
    };

    if check.hosts.is_empty() {
        out.push_str(&format!("{label} no MX host to match\n"));
        return;
    }

    let heading = match set {
        MxSet::Implicit(_) => "implicit MX (the domain itself)",
        MxSet::Hosts(_) | MxSet::Null => "MX host, most preferred first",
    };
    let hosts: Vec<String> = check.hosts.iter().map(|host| shown(&host.host)).collect();
    let column = hosts
        .iter()
        .map(|host| host.width())
        .chain([heading.width()])
        .max()
        .unwrap_or(0)
        .min(MAX_HOST_COLUMN);

    out.push_str(&format!(
        "{}  {}\n",
        style.paint(Paint::Bold, &pad(heading, column)),
        style.paint(Paint::Bold, "covered by")
    ));
    for (host, matched) in hosts.iter().zip(&check.hosts) {
        let patterns: Vec<String> = matched
            .patterns
            .iter()
            .filter_map(|&index| policy.mx.get(index))
            .map(|pattern| shown(&pattern.to_string()))
            .collect();
        let covered = if patterns.is_empty() {
            style.paint(Paint::Error, "no pattern")
        } else {
            patterns.join(", ")
        };
        out.push_str(&format!("{}  {covered}\n", pad(host, column)));
    }

    let unused: Vec<String> = check
        .unused_patterns
        .iter()
        .filter_map(|&index| policy.mx.get(index))
        .map(|pattern| shown(&pattern.to_string()))
        .collect();
    if !unused.is_empty() {
        out.push_str(&format!("unused mx patterns: {}\n", unused.join(", ")));
    }
}

/// A value from the input as shown in a reading: escaped, and cut if it is very long.
fn shown(text: &str) -> String {
    escape::bounded(text, MAX_VALUE_CHARS)
}

/// `text` followed by spaces up to `width` terminal columns.
fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A number of seconds as people think of it: `7 days`, `1.04 days`, `2 hours`, `300 seconds`.
fn duration(seconds: u32) -> String {
    const UNITS: [(u32, &str); 2] = [(86_400, "day"), (3_600, "hour")];

    for (size, unit) in UNITS {
        if seconds < size {
            continue;
        }
        if seconds.is_multiple_of(size) {
            return plural((seconds / size) as usize, unit);
        }
        return format!("{:.2} {unit}s", f64::from(seconds) / f64::from(size));
    }
    plural(seconds as usize, "second")
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(604_800), "7 days");
        assert_eq!(duration(86_400), "1 day");
        assert_eq!(duration(31_557_600), "365.25 days");
        assert_eq!(duration(7_200), "2 hours");
        assert_eq!(duration(5_400), "1.50 hours");
        assert_eq!(duration(300), "300 seconds");
        assert_eq!(duration(1), "1 second");
    }
}
