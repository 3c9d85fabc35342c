//! The rule catalogue agrees with the specification and with the code, in both directions.
//!
//! `tests/data/spec/shared-spec-rules.md` is a copy of the project's specification. Every row of
//! its TXT record, policy, MX, certificate, TLS-RPT record and TLS-RPT report sections whose
//! severity is not `internal` is either a rule the code emits (`Rule::ALL`, each triggered in
//! `tests/rules.rs`, `tests/certificates.rs` or `tests/report_rules.rs`) or listed as not
//! implemented with a reason. `docs/RULES.md` is the rendered catalogue.

#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]
#![allow(
    clippy::disallowed_methods,
    reason = "the test rewrites docs/RULES.md on request"
)]

use std::collections::BTreeMap;

use mta_sts_check::{NOT_IMPLEMENTED, Rule, render_catalogue};

const SERIES: [&str; 9] = [
    "STS-TXT-",
    "STS-POLICY-",
    "STS-MX-",
    "STS-CERT-",
    "STS-FETCH-",
    "STS-SMTP-",
    "STS-DANE-",
    "TLSRPT-TXT-",
    "TLSRPT-REPORT-",
];

/// Every id in the specification's tables, with whether its severity is `internal`.
fn specification() -> BTreeMap<String, bool> {
    let text = include_str!("data/spec/shared-spec-rules.md");
    let mut ids = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // A table row: leading empty cell, id, ..., severity, trailing empty cell.
        if cells.len() < 4 {
            continue;
        }
        let id = cells[1];
        let is_id = id.split('-').count() >= 2
            && id
                .rsplit('-')
                .next()
                .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()));
        if !is_id {
            continue;
        }
        let severity = cells[cells.len() - 2];
        ids.insert(id.to_owned(), severity.starts_with("internal"));
    }
    ids
}

fn in_scope(id: &str) -> bool {
    SERIES.iter().any(|series| id.starts_with(series))
}

#[test]
fn every_specified_requirement_is_emitted_or_explained() {
    let emitted: Vec<&str> = Rule::ALL.iter().map(|rule| rule.id()).collect();
    let explained: Vec<&str> = NOT_IMPLEMENTED.iter().map(|entry| entry.id).collect();
    let missing: Vec<String> = specification()
        .into_iter()
        .filter(|(id, internal)| in_scope(id) && !internal)
        .map(|(id, _)| id)
        .filter(|id| !emitted.contains(&id.as_str()) && !explained.contains(&id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "neither emitted nor listed as not implemented: {missing:?}"
    );
}

#[test]
fn not_implemented_entries_are_real_open_requirements() {
    let spec = specification();
    for entry in NOT_IMPLEMENTED {
        assert_eq!(
            spec.get(entry.id),
            Some(&false),
            "{} is not an open requirement",
            entry.id
        );
        assert!(
            Rule::from_id(entry.id).is_none(),
            "{} is emitted and listed as not",
            entry.id
        );
        assert!(entry.reason.len() > 20, "{} needs a real reason", entry.id);
    }
}

#[test]
fn internal_requirements_are_never_emitted() {
    for (id, internal) in specification() {
        if internal {
            assert!(
                Rule::from_id(&id).is_none(),
                "{id} is internal but the code emits it"
            );
        }
    }
}

#[test]
fn ids_added_by_the_project_never_reuse_a_specified_id() {
    let spec = specification();
    for rule in Rule::ALL {
        let id = rule.id();
        if spec.contains_key(id) {
            continue;
        }
        let (series, number) = id.rsplit_once('-').expect("ids end in -NNN");
        let highest = spec
            .keys()
            .filter_map(|known| known.rsplit_once('-'))
            .filter(|(known_series, _)| *known_series == series)
            .filter_map(|(_, n)| n.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        let number: u32 = number.parse().expect("a number");
        assert!(
            number > highest,
            "{id} must continue its series after {highest}"
        );
    }
}

#[test]
fn ids_are_unique() {
    let mut ids: Vec<&str> = Rule::ALL.iter().map(|rule| rule.id()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "an id is used by two rules");
}

#[test]
fn docs_rules_md_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/RULES.md");
    let rendered = render_catalogue();
    if std::env::var_os("UPDATE_CATALOGUE").is_some() {
        std::fs::write(path, &rendered).expect("write docs/RULES.md");
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == rendered,
        "docs/RULES.md is out of date: run `UPDATE_CATALOGUE=1 cargo test --test catalogue`"
    );
}
