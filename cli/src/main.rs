//! The `mta-sts-check` command line (being written).

fn main() {}
