//! `mta-sts-check domain` against the scenario lab on loopback: every scenario checked in one
//! run (several at once), each line of JSON asserted for its summary and key findings; the
//! human output; a resolver that does not answer; and `--state` catching a body changed under
//! the same id.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::process::{Command, Output};

use mta_sts_check_lab::scenarios::{SCENARIOS, ScenarioLab};

/// Runs `mta-sts-check domain` with the lab's settings and `extra` arguments.
fn domain_command(lab: &ScenarioLab, roots: &std::path::Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mta-sts-check"))
        .arg("domain")
        .args(["--resolver", &lab.dns.address.to_string()])
        .args(["--smtp-port", &lab.smtp_port.to_string()])
        .args(["--https-port", &lab.https_port.to_string()])
        .args(["--allow-private-targets", "--ehlo-name", "cli.lab.example"])
        .arg("--roots")
        .arg(roots)
        .args(extra)
        .output()
        .expect("the command runs")
}

fn roots_file(lab: &ScenarioLab, dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("lab-root.pem");
    std::fs::write(&path, lab.ca.root_pem()).expect("written");
    path
}

/// Starts the lab on a runtime that keeps running while the blocking command does.
fn start_lab() -> (tokio::runtime::Runtime, ScenarioLab) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let lab = runtime
        .block_on(ScenarioLab::start())
        .expect("the scenario lab starts");
    (runtime, lab)
}

#[test]
fn every_scenario_gets_its_summary_and_findings() {
    let (_runtime, lab) = start_lab();
    let dir = tempfile::tempdir().expect("a temp dir");
    let roots = roots_file(&lab, &dir);
    let mut args = vec!["--json", "--jobs", "4"];
    args.extend(SCENARIOS.iter().map(|scenario| scenario.domain));
    let output = domain_command(&lab, &roots, &args);
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");

    let results: BTreeMap<String, serde_json::Value> = stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value =
                serde_json::from_str(line).expect("one JSON object per line");
            (
                value["domain"].as_str().expect("a domain").to_owned(),
                value,
            )
        })
        .collect();
    assert_eq!(results.len(), SCENARIOS.len(), "{stdout}");

    for scenario in SCENARIOS {
        let result = &results[scenario.domain];
        let rules: Vec<&str> = result["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|finding| finding["rule"].as_str().expect("a rule"))
            .collect();
        assert_eq!(
            result["summary"]["code"], scenario.summary,
            "{}: {rules:?}\n{:#}",
            scenario.domain, result["summary"]
        );
        for rule in scenario.rules {
            assert!(
                rules.contains(rule),
                "{}: {rule} not in {rules:?}",
                scenario.domain
            );
        }
        assert_eq!(result["facts"]["version"], 1);
        assert_eq!(
            result["facts"]["sts_txt"]["authenticated"], scenario.signed,
            "{}",
            scenario.domain
        );
    }
    assert_eq!(
        output.status.code(),
        Some(2),
        "a scenario could not be checked: exit 2"
    );
    assert!(lab.smtp_connections() > 0 && lab.policy_connections() > 0);
}

#[test]
fn dns_over_https_gives_the_same_findings_as_plain_dns() {
    let (_runtime, lab) = start_lab();
    let dir = tempfile::tempdir().expect("a temp dir");
    let roots = roots_file(&lab, &dir);
    let domains: Vec<&str> = SCENARIOS.iter().map(|scenario| scenario.domain).collect();
    let mut dns_args = vec!["--json", "--at", "2026-12-04T12:00:00Z"];
    dns_args.extend(&domains);
    let over_dns = sorted_findings(&domain_command(&lab, &roots, &dns_args));

    let mut doh_args = vec!["domain", "--json", "--at", "2026-12-04T12:00:00Z", "--doh"];
    doh_args.push(&lab.dns.doh_url);
    let smtp_port = lab.smtp_port.to_string();
    let https_port = lab.https_port.to_string();
    doh_args.extend(["--smtp-port", &smtp_port, "--https-port", &https_port]);
    doh_args.push("--allow-private-targets");
    doh_args.extend(&domains);
    let output = Command::new(env!("CARGO_BIN_EXE_mta-sts-check"))
        .args(&doh_args)
        .arg("--roots")
        .arg(&roots)
        .output()
        .expect("the command runs");
    let over_doh = sorted_findings(&output);

    assert!(over_dns.len() > SCENARIOS.len(), "{over_dns:#?}");
    assert_eq!(over_doh, over_dns);
}

/// The findings of each line of `domain --json` output, as `domain rule severity subject`,
/// sorted.
fn sorted_findings(output: &Output) -> Vec<String> {
    let mut all: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .flat_map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
            let domain = value["domain"].as_str().expect("a domain").to_owned();
            value["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(|f| format!("{domain} {} {} {}", f["rule"], f["severity"], f["subject"]))
                .collect::<Vec<_>>()
        })
        .collect();
    all.sort();
    all
}

#[test]
fn through_a_running_proxy_the_findings_are_the_same() {
    use mta_sts_check_proxy::resolve::Resolver;
    use mta_sts_check_proxy::server::{Rate, ServerConfig, bind, router, serve};
    use mta_sts_check_proxy::{GatherSettings, Gatherer};

    let (runtime, lab) = start_lab();
    let dir = tempfile::tempdir().expect("a temp dir");
    let roots = roots_file(&lab, &dir);

    let mut settings = GatherSettings::new(
        Resolver::with_server(lab.dns.address).expect("a resolver"),
        "proxy.lab.example".to_owned(),
    );
    settings.targets.allow_private_targets = true;
    settings.smtp_port = lab.smtp_port;
    settings.https_port = lab.https_port;
    let config = ServerConfig {
        client_rate: Rate {
            burst: 10_000,
            per_minute: 10_000,
        },
        target_rate: Rate {
            burst: 10_000,
            per_minute: 10_000,
        },
        ..ServerConfig::default()
    };
    let listener = runtime
        .block_on(async { bind("127.0.0.1:0".parse().expect("an address")) })
        .expect("bound");
    let proxy_url = format!("http://{}", listener.local_addr().expect("an address"));
    let app = router(Gatherer::new(settings), config.clone());
    runtime.spawn(async move { serve(listener, app, &config).await });

    let domains: Vec<&str> = SCENARIOS.iter().map(|scenario| scenario.domain).collect();
    let mut direct = vec!["--json", "--at", "2026-12-04T12:00:00Z"];
    direct.extend(&domains);
    let mut proxied = direct.clone();
    proxied.extend(["--proxy", &proxy_url]);

    let direct = sorted_findings(&domain_command(&lab, &roots, &direct));
    let proxied = sorted_findings(&domain_command(&lab, &roots, &proxied));
    assert_eq!(proxied, direct);

    // A proxy that is not there: "could not test", never a verdict about the domain.
    let gone = domain_command(
        &lab,
        &roots,
        &[
            "--json",
            "--proxy",
            "http://127.0.0.1:9",
            "enforce.lab.example",
        ],
    );
    let findings = sorted_findings(&gone);
    assert!(
        findings
            .iter()
            .any(|f| f.contains("STS-FETCH-018") && f.contains("warning")),
        "{findings:#?}"
    );
    assert!(
        findings
            .iter()
            .any(|f| f.contains("STS-SMTP-010") && f.contains("warning")),
        "{findings:#?}"
    );
    assert!(
        !findings.iter().any(|f| f.contains("\"error\"")),
        "{findings:#?}"
    );
    let line: serde_json::Value = serde_json::from_slice(&gone.stdout).expect("JSON");
    assert_eq!(line["summary"]["code"], "could_not_check");
    assert_eq!(gone.status.code(), Some(2));
}

#[test]
fn a_healthy_domain_reads_well_and_passes() {
    let (_runtime, lab) = start_lab();
    let dir = tempfile::tempdir().expect("a temp dir");
    let roots = roots_file(&lab, &dir);
    let output = domain_command(&lab, &roots, &["enforce.lab.example"]);
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with("pass enforce.lab.example: MTA-STS is enforced and working"),
        "{stdout}"
    );
    assert!(
        stdout.contains("MX mx.enforce.lab.example (covered by the policy)"),
        "{stdout}"
    );
    assert!(stdout.contains("TLSv1.3, certificate pass"), "{stdout}");

    let output = domain_command(&lab, &roots, &["no-starttls.lab.example"]);
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("error[STS-SMTP-002] mx.no-starttls.lab.example 127.0.0."),
        "{stdout}"
    );
}

#[test]
fn a_resolver_that_does_not_answer_means_could_not_check() {
    let (_runtime, lab) = start_lab();
    let dir = tempfile::tempdir().expect("a temp dir");
    let roots = roots_file(&lab, &dir);
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").expect("a silent port");
    let output = Command::new(env!("CARGO_BIN_EXE_mta-sts-check"))
        .args(["domain", "--json", "--allow-private-targets", "--resolver"])
        .arg(silent.local_addr().expect("an address").to_string())
        .arg("--roots")
        .arg(&roots)
        .arg("enforce.lab.example")
        .output()
        .expect("the command runs");
    let line: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(line["summary"]["code"], "could_not_check");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_state_file_catches_a_body_changed_under_the_same_id() {
    let (_runtime, lab) = start_lab();
    let dir = tempfile::tempdir().expect("a temp dir");
    let roots = roots_file(&lab, &dir);
    let state = dir.path().join("state.json");
    let state_arg = state.to_str().expect("UTF-8 path");

    let first = domain_command(
        &lab,
        &roots,
        &["--json", "--state", state_arg, "enforce.lab.example"],
    );
    assert_eq!(first.status.code(), Some(0));
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state).expect("the state was saved")).expect("JSON");
    assert_eq!(saved["domains"]["enforce.lab.example"]["id"], "20261204");

    // The same id with another body, as if the policy had been edited without a new id.
    let mut edited = saved.clone();
    edited["domains"]["enforce.lab.example"]["body_base64"] = "bW9kZTogdGVzdGluZw==".into();
    std::fs::write(&state, edited.to_string()).expect("written");
    let second = domain_command(
        &lab,
        &roots,
        &["--json", "--state", state_arg, "enforce.lab.example"],
    );
    let line: serde_json::Value = serde_json::from_slice(&second.stdout).expect("JSON");
    let rules: Vec<&str> = line["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|finding| finding["rule"].as_str())
        .collect();
    assert!(rules.contains(&"STS-TXT-014"), "{rules:?}");

    std::fs::write(&state, "not json").expect("written");
    let broken = domain_command(&lab, &roots, &["--state", state_arg, "enforce.lab.example"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("state file"));
}

#[test]
fn a_domain_that_is_no_domain_is_refused_before_anything_runs() {
    let output = Command::new(env!("CARGO_BIN_EXE_mta-sts-check"))
        .args(["domain", "--resolver", "127.0.0.1:9", "http://example.com/"])
        .output()
        .expect("the command runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a domain"));
}
