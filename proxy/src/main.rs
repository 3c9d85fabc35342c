//! The `mta-sts-check-proxy` command: reads its flags, checks them, and serves the API and the
//! web app until it is stopped. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use mta_sts_check_proxy::Gatherer;
use mta_sts_check_proxy::config::Args;
use mta_sts_check_proxy::server::{bind, router, serve};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();

    let args = Args::parse();
    let host_name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|name| name.trim().to_owned())
        .unwrap_or_else(|_| "localhost".to_owned());
    let (settings, config) = match (args.gather_settings(&host_name), args.server_config()) {
        (Ok(settings), Ok(config)) => (settings, config),
        (Err(error), _) | (_, Err(error)) => {
            eprintln!("mta-sts-check-proxy: {error}");
            return ExitCode::from(2);
        }
    };
    if args.allow_private_targets {
        tracing::warn!(
            "--allow-private-targets is on: the proxy will connect to loopback and private \
             addresses. Use it only for tests and private labs."
        );
    }

    let listener = match bind(args.listen) {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "mta-sts-check-proxy: cannot listen on {}: {error}",
                args.listen
            );
            return ExitCode::from(2);
        }
    };
    let listen = listener.local_addr().unwrap_or(args.listen);
    tracing::info!(%listen, static_dir = ?config.static_dir, "serving");
    let app = router(Gatherer::new(settings), config.clone());
    serve(listener, app, &config).await;
    ExitCode::SUCCESS
}
