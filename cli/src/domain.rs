//! `mta-sts-check domain`: checks live domains as the web app does. The facts are gathered here
//! with the proxy's library (DNS through the system's resolver, `--resolver` or `--doh`, the
//! policy fetch and the STARTTLS probes made directly), the core judges them at one instant,
//! and each domain's result is printed as soon as it is ready, several domains running at once.
//!
//! With `--proxy URL` the policy fetch and the probes are asked of a running proxy instead, for
//! hosts where port 25 is blocked; its answers are the same facts.

mod print;
mod state;

use futures_util::StreamExt;
use mta_sts_check::{DomainOptions, DomainSummary, Verdict, check_domain, parse_domain_input};
use mta_sts_check_proxy::resolve::Resolver;
use mta_sts_check_proxy::{GatherSettings, Gatherer};

use crate::args::DomainArgs;
use crate::error::CliError;
use crate::report::Status;
use crate::{input, instant, output};

/// Checks every domain of `args` and prints the results; the status is the worst of them.
pub(crate) fn run(args: &DomainArgs) -> Result<Status, CliError> {
    let at = instant::at(args.at.as_deref())?;
    let roots = args.roots.as_deref().map(input::read_file).transpose()?;
    let mut state = match &args.state {
        Some(path) => state::State::load(path)?,
        None => state::State::default(),
    };
    let domains = args
        .domains
        .iter()
        .map(|text| {
            parse_domain_input(text).map_err(|error| CliError::Domain {
                text: text.clone(),
                error,
            })
        })
        .collect::<Result<Vec<String>, CliError>>()?;
    if args.allow_private_targets {
        eprintln!("mta-sts-check: --allow-private-targets: connecting to private addresses too");
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| CliError::Setup(format!("cannot start the runtime: {error}")))?;
    let gatherer = Gatherer::new(runtime.block_on(async { settings(args) })?);
    let style = crate::render::Style::for_stdout();

    let mut worst = Status::Passed;
    runtime.block_on(async {
        let mut results = futures_util::stream::iter(domains)
            .map(|domain| {
                let gatherer = gatherer.clone();
                async move {
                    let facts = gatherer.domain(&domain).await;
                    (domain, facts)
                }
            })
            .buffer_unordered(usize::from(args.jobs));

        while let Some((domain, facts)) = results.next().await {
            let mut options = DomainOptions::new(at);
            options.extra_roots = roots.as_ref().map_or(&[], |roots| roots.text.as_slice());
            options.warn_days = args.warn_days;
            let previous = state.get(&domain);
            options.previous = previous.as_ref();
            let check = check_domain(&facts, &options);
            if let Some(snapshot) = check.snapshot() {
                state.set(&domain, &snapshot);
            }

            let text = if args.format.json {
                print::json_line(&check, &facts, at)
            } else {
                print::human(&check, style)
            };
            output::stdout(&text)?;
            worst = worst.max(status_of(&check.summary, check.verdict()));
        }
        Ok::<(), CliError>(())
    })?;

    if let Some(path) = &args.state {
        state.save(path)?;
    }
    Ok(worst)
}

fn settings(args: &DomainArgs) -> Result<GatherSettings, CliError> {
    let resolver = match (&args.doh, args.resolver) {
        (Some(url), _) => Resolver::with_doh(url),
        (None, Some(server)) => Resolver::with_server(server),
        (None, None) => Resolver::system(),
    }
    .map_err(CliError::Setup)?;
    let ehlo_name = args.ehlo_name.clone().unwrap_or_else(|| {
        std::fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|name| name.trim().to_owned())
            .unwrap_or_else(|_| "localhost".to_owned())
    });
    if !ehlo_name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return Err(CliError::Setup(format!(
            "--ehlo-name {ehlo_name:?} is not a host name"
        )));
    }

    let mut settings = GatherSettings::new(resolver, ehlo_name);
    settings.targets.allow_private_targets = args.allow_private_targets;
    settings.smtp_port = args.smtp_port;
    settings.https_port = args.https_port;
    if let Some(url) = &args.proxy {
        settings.use_proxy(url).map_err(CliError::Setup)?;
    }
    Ok(settings)
}

fn status_of(summary: &DomainSummary, verdict: Verdict) -> Status {
    match (summary, verdict) {
        (DomainSummary::CouldNotCheck(_), _) => Status::Unable,
        (_, Verdict::Fail) => Status::Failed,
        _ => Status::Passed,
    }
}
