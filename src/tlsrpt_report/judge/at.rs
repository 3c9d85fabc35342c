//! Where a value is in a report: a chain of steps from the root that is only written out as a
//! JSON path when a finding is kept.

use std::fmt::Write as _;

use crate::tlsrpt_report::json::Member;

/// Where a value is, as a chain of steps from the report's root that is only written out when
/// a finding needs it, so that reading a clean report formats no path at all.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    parent: Option<&'a Self>,
    step: Step,
}

#[derive(Clone, Copy)]
pub(super) enum Step {
    Root,
    Member(&'static str),
    Index(usize),
}

impl<'a> At<'a> {
    pub(super) const ROOT: At<'static> = At {
        parent: None,
        step: Step::Root,
    };

    pub(super) fn member(&'a self, member: Member) -> Self {
        Self {
            parent: Some(self),
            step: Step::Member(member.name()),
        }
    }

    pub(super) fn index(&'a self, index: usize) -> Self {
        Self {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The last member name on the way, such as `report-id`.
    pub(super) fn name(&self) -> &'static str {
        match self.step {
            Step::Member(name) => name,
            Step::Root | Step::Index(_) => self.parent.map_or("", |parent| parent.name()),
        }
    }

    pub(super) fn write(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write(out);
        }
        match self.step {
            Step::Root => {}
            Step::Member(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Step::Index(index) => {
                // Writing into a String cannot fail.
                let _ = write!(out, "[{index}]");
            }
        }
    }
}

/// `prefix.rest`, or either alone when the other is empty; `prefix[0]` stays unseparated.
pub(crate) fn join(prefix: &str, rest: &str) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) if rest.starts_with('[') => format!("{prefix}{rest}"),
        (false, false) => format!("{prefix}.{rest}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join() {
        assert_eq!(join("", "policies[0]"), "policies[0]");
        assert_eq!(join("[2]", "policies[0]"), "[2].policies[0]");
        assert_eq!(join("[2]", ""), "[2]");
        assert_eq!(join("policies", "[1]"), "policies[1]");
    }
}
