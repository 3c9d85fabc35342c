//! `mta-sts-check-lab`: runs the scenario lab on loopback for scripts and browser tests, prints
//! one line of JSON with what a checker needs to reach it (the DNS server and its DoH URL, the
//! SMTP and HTTPS
//! ports, the test CA's root as PEM, the scenario and bulk domains), and runs until its
//! standard input closes, so it ends with whoever started it.
//!
//! `mta-sts-check-lab [BULK] [LATENCY-MS]` adds BULK healthy domains (`bulk0.lab.example`, ...)
//! and makes every server wait LATENCY-MS milliseconds before each answer.

use std::io::Read;
use std::process::ExitCode;

use mta_sts_check_lab::scenarios::{SCENARIOS, ScenarioLab, bulk_domain};

fn main() -> ExitCode {
    let bulk = match std::env::args().nth(1).map(|text| text.parse::<usize>()) {
        None => 0,
        Some(Ok(bulk)) if bulk <= 250 => bulk,
        Some(_) => {
            eprintln!("mta-sts-check-lab: BULK must be a number from 0 to 250");
            return ExitCode::from(2);
        }
    };
    let latency = match std::env::args().nth(2).map(|text| text.parse::<u64>()) {
        None => 0,
        Some(Ok(ms)) if ms <= 10_000 => ms,
        Some(_) => {
            eprintln!("mta-sts-check-lab: LATENCY-MS must be a number from 0 to 10000");
            return ExitCode::from(2);
        }
    };
    mta_sts_check_lab::set_latency(std::time::Duration::from_millis(latency));
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("mta-sts-check-lab: cannot start the runtime: {error}");
            return ExitCode::from(2);
        }
    };
    let lab = match runtime.block_on(ScenarioLab::start_with_bulk(bulk)) {
        Ok(lab) => lab,
        Err(error) => {
            eprintln!("mta-sts-check-lab: cannot start the lab: {error}");
            return ExitCode::from(2);
        }
    };

    let scenarios: Vec<_> = SCENARIOS
        .iter()
        .map(|scenario| {
            format!(
                r#"{{"domain":"{}","summary":"{}","rules":[{}]}}"#,
                scenario.domain,
                scenario.summary,
                scenario
                    .rules
                    .iter()
                    .map(|rule| format!("\"{rule}\""))
                    .collect::<Vec<_>>()
                    .join(",")
            )
        })
        .collect();
    let bulk_domains: Vec<String> = (0..bulk)
        .map(|i| format!("\"{}\"", bulk_domain(i)))
        .collect();
    println!(
        concat!(
            r#"{{"dns":"{}","doh":"{}","smtp_port":{},"https_port":{},"root_pem":{:?},"#,
            r#""scenarios":[{}],"bulk":[{}]}}"#
        ),
        lab.dns.address,
        lab.dns.doh_url,
        lab.smtp_port,
        lab.https_port,
        lab.ca.root_pem(),
        scenarios.join(","),
        bulk_domains.join(",")
    );

    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    drop(lab);
    ExitCode::SUCCESS
}
