//! The STARTTLS probe: for each address of an MX host, greeting, EHLO, STARTTLS, the TLS
//! handshake with SNI, EHLO again inside TLS, QUIT. It never sends MAIL, RCPT or DATA, and the
//! only bytes it sends that come from outside are the configured EHLO name.

pub(crate) mod reply;

use std::io;
use std::net::IpAddr;

use futures_util::future::join_all;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout_at};

use mta_sts_check::facts::{
    FACTS_VERSION, ProbeError, ProbeErrorKind, ProbeStep, SmtpAddressProbe, SmtpProbe,
};

use crate::gather::GatherSettings;
use crate::resolve::DnsError;
use crate::tls::{Purpose, handshake};
use reply::{Reply, ReplyError, read_reply};

/// How long the probe waits for the reply to QUIT.
const QUIT_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Probes every address of `host` at once.
pub(crate) async fn probe_host(settings: &GatherSettings, domain: &str, host: &str) -> SmtpProbe {
    let started = Instant::now();
    let deadline = started + settings.deadlines.total;
    let mut probe = SmtpProbe {
        version: FACTS_VERSION,
        domain: domain.to_owned(),
        host: host.to_owned(),
        port: settings.smtp_port,
        addresses: Vec::new(),
        error: None,
    };

    let addresses = match timeout_at(deadline, settings.resolver.addresses(host)).await {
        Ok(Ok(addresses)) if addresses.is_empty() => {
            probe.error = Some(error(
                ProbeStep::Dns,
                ProbeErrorKind::NoAddresses,
                format!("{host} has no A or AAAA record"),
            ));
            return probe;
        }
        Ok(Ok(addresses)) => addresses,
        Ok(Err(DnsError::Failure)) => {
            probe.error = Some(error(
                ProbeStep::Dns,
                ProbeErrorKind::DnsFailure,
                format!("the addresses of {host} could not be looked up"),
            ));
            return probe;
        }
        Ok(Err(DnsError::Timeout)) | Err(_) => {
            probe.error = Some(error(
                ProbeStep::Dns,
                ProbeErrorKind::Timeout,
                format!("the DNS lookup of {host} timed out"),
            ));
            return probe;
        }
    };

    let conversations = addresses
        .into_iter()
        .map(|address| async move { probe_address(settings, host, address, deadline).await });
    probe.addresses = join_all(conversations).await;
    probe
}

/// One conversation with one address; stops at the first step that fails.
async fn probe_address(
    settings: &GatherSettings,
    host: &str,
    address: IpAddr,
    deadline: Instant,
) -> SmtpAddressProbe {
    let started = Instant::now();
    let mut facts = SmtpAddressProbe {
        address: Some(address),
        ..SmtpAddressProbe::default()
    };

    let checked = match settings.targets.check(address, settings.smtp_port) {
        Ok(checked) => checked,
        Err(purpose) => {
            facts.error = Some(error(
                ProbeStep::Connect,
                ProbeErrorKind::ForbiddenAddress,
                format!(
                    "{address} is {purpose}, not a public address: the proxy does not connect to it"
                ),
            ));
            return facts;
        }
    };

    if let Err(stop) = converse(settings, host, checked, deadline, &mut facts).await {
        facts.error = Some(stop);
    }
    facts.timings.total_ms = elapsed_ms(started);
    facts
}

async fn converse(
    settings: &GatherSettings,
    host: &str,
    checked: crate::guard::CheckedAddress,
    deadline: Instant,
    facts: &mut SmtpAddressProbe,
) -> Result<(), ProbeError> {
    let step_deadline = |limit| deadline.min(Instant::now() + limit);

    let mark = Instant::now();
    let stream = timeout_at(
        step_deadline(settings.deadlines.connect),
        settings.connector.connect(checked),
    )
    .await
    .map_err(|_| timeout(ProbeStep::Connect))?
    .map_err(|error| io_error(ProbeStep::Connect, &error))?;
    facts.timings.connect_ms = Some(elapsed_ms(mark));

    let mut session = BufReader::new(stream);
    let step = settings.deadlines.step;

    let mark = Instant::now();
    let greeting = reply(&mut session, ProbeStep::Greeting, step_deadline(step)).await;
    facts.timings.greeting_ms = Some(elapsed_ms(mark));
    let greeting = keep_lines(greeting, &mut facts.greeting)?;
    if greeting.code != 220 {
        // RFC 5321 §3.1: after a 554 greeting the client should still say QUIT.
        quit(&mut session, step_deadline(step)).await;
        return Err(rejected(ProbeStep::Greeting, &greeting));
    }

    let ehlo_command = format!("EHLO {}\r\n", settings.ehlo_name);
    let mark = Instant::now();
    let ehlo = command(
        &mut session,
        &ehlo_command,
        ProbeStep::Ehlo,
        step_deadline(step),
    )
    .await;
    facts.timings.ehlo_ms = Some(elapsed_ms(mark));
    let ehlo = keep_lines(ehlo, &mut facts.ehlo)?;
    if ehlo.code != 250 {
        quit(&mut session, step_deadline(step)).await;
        return Err(rejected(ProbeStep::Ehlo, &ehlo));
    }
    facts.starttls_offered = ehlo.has_keyword("STARTTLS");
    if !facts.starttls_offered {
        quit(&mut session, step_deadline(step)).await;
        return Err(error(
            ProbeStep::Ehlo,
            ProbeErrorKind::StarttlsNotOffered,
            "the EHLO reply does not list STARTTLS".to_owned(),
        ));
    }

    let mark = Instant::now();
    let starttls = command(
        &mut session,
        "STARTTLS\r\n",
        ProbeStep::Starttls,
        step_deadline(step),
    );
    let starttls = starttls.await;
    facts.timings.starttls_ms = Some(elapsed_ms(mark));
    let starttls = keep_lines(starttls, &mut facts.starttls_reply)?;
    if starttls.code != 220 {
        quit(&mut session, step_deadline(step)).await;
        return Err(rejected(ProbeStep::Starttls, &starttls));
    }

    facts.plaintext_after_starttls = session.buffer().len();
    let stream = session.into_inner();
    facts.plaintext_after_starttls += discard_waiting_bytes(&stream);

    let mark = Instant::now();
    let (tls, tls_facts) = timeout_at(step_deadline(step), handshake(stream, host, Purpose::Smtp))
        .await
        .map_err(|_| timeout(ProbeStep::Tls))?
        .map_err(|failure| {
            let kind = if failure.version_too_old {
                ProbeErrorKind::TlsVersionTooOld
            } else {
                ProbeErrorKind::Handshake
            };
            error(ProbeStep::Tls, kind, failure.detail)
        })?;
    facts.timings.tls_ms = Some(elapsed_ms(mark));
    facts.tls = Some(tls_facts);

    let mut session = BufReader::new(tls);
    let mark = Instant::now();
    let again = command(
        &mut session,
        &ehlo_command,
        ProbeStep::EhloAfterTls,
        step_deadline(step),
    );
    let again = again.await;
    facts.timings.ehlo_after_tls_ms = Some(elapsed_ms(mark));
    let again = keep_lines(again, &mut facts.ehlo_after_tls)?;
    quit(&mut session, step_deadline(step)).await;
    if again.code != 250 {
        return Err(rejected(ProbeStep::EhloAfterTls, &again));
    }
    Ok(())
}

/// Sends `line` and reads the reply.
async fn command<S>(
    session: &mut BufReader<S>,
    line: &str,
    step: ProbeStep,
    deadline: Instant,
) -> Result<Reply, ProbeError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    timeout_at(deadline, session.get_mut().write_all(line.as_bytes()))
        .await
        .map_err(|_| timeout(step))?
        .map_err(|error| io_error(step, &error))?;
    reply(session, step, deadline).await
}

async fn reply<S>(
    session: &mut BufReader<S>,
    step: ProbeStep,
    deadline: Instant,
) -> Result<Reply, ProbeError>
where
    S: AsyncRead + Unpin,
{
    match timeout_at(deadline, read_reply(session)).await {
        Err(_) => Err(timeout(step)),
        Ok(Ok(reply)) => Ok(reply),
        Ok(Err(ReplyError::Io(error))) => Err(io_error(step, &error)),
        Ok(Err(ReplyError::Closed(lines))) => Err(with_lines(
            error(
                step,
                ProbeErrorKind::Closed,
                "the server closed the connection".to_owned(),
            ),
            lines,
        )),
        Ok(Err(ReplyError::Malformed(lines))) => Err(with_lines(
            error(
                step,
                ProbeErrorKind::Malformed,
                "the reply is not a valid SMTP reply".to_owned(),
            ),
            lines,
        )),
        Ok(Err(ReplyError::TooLong(lines))) => Err(with_lines(
            error(
                step,
                ProbeErrorKind::TooLong,
                "the reply has a line or a number of lines over the probe's limits".to_owned(),
            ),
            lines,
        )),
    }
}

/// An error that carries the lines read before it, so they can be reported.
fn with_lines(mut error: ProbeError, lines: Vec<String>) -> ProbeError {
    if let Some(last) = lines.last() {
        error.detail = format!("{}; last line: {}", error.detail, cut(last));
    }
    error
}

/// Keeps a reply's lines in `into` and passes the reply on.
fn keep_lines(
    result: Result<Reply, ProbeError>,
    into: &mut Vec<String>,
) -> Result<Reply, ProbeError> {
    let reply = result?;
    into.clone_from(&reply.lines);
    Ok(reply)
}

/// Ends the session politely, waiting a little for the `221`; whatever happens is of no
/// interest any more.
async fn quit<S>(session: &mut BufReader<S>, deadline: Instant)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let deadline = deadline.min(Instant::now() + QUIT_WAIT);
    let _ = command(session, "QUIT\r\n", ProbeStep::Ehlo, deadline).await;
    let _ = timeout_at(deadline, session.get_mut().shutdown()).await;
}

/// Reads and throws away what already waits on the socket (plaintext sent after the `220` to
/// STARTTLS), without waiting for more, and says how many bytes that was.
fn discard_waiting_bytes(stream: &TcpStream) -> usize {
    let mut discarded = 0;
    let mut buffer = [0u8; 4096];
    while discarded < 1 << 20 {
        match stream.try_read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(read) => discarded += read,
        }
    }
    discarded
}

fn rejected(step: ProbeStep, reply: &Reply) -> ProbeError {
    let first = reply.lines.first().map(String::as_str).unwrap_or_default();
    error(
        step,
        ProbeErrorKind::Rejected,
        format!("the server answered {}: {}", reply.code, cut(first)),
    )
}

fn timeout(step: ProbeStep) -> ProbeError {
    error(
        step,
        ProbeErrorKind::Timeout,
        "the server did not answer in time".to_owned(),
    )
}

fn io_error(step: ProbeStep, error_value: &io::Error) -> ProbeError {
    let (kind, detail) = match error_value.kind() {
        io::ErrorKind::ConnectionRefused => (ProbeErrorKind::Refused, "the connection was refused"),
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted => {
            (ProbeErrorKind::Reset, "the server reset the connection")
        }
        io::ErrorKind::UnexpectedEof | io::ErrorKind::BrokenPipe => {
            (ProbeErrorKind::Closed, "the server closed the connection")
        }
        io::ErrorKind::TimedOut => (ProbeErrorKind::Timeout, "the server did not answer in time"),
        _ => (
            ProbeErrorKind::Unreachable,
            "the server could not be reached",
        ),
    };
    error(step, kind, detail.to_owned())
}

fn error(step: ProbeStep, kind: ProbeErrorKind, detail: String) -> ProbeError {
    ProbeError { step, kind, detail }
}

/// At most 200 characters of a line, for error details.
fn cut(line: &str) -> String {
    line.chars().take(200).collect()
}

fn elapsed_ms(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}
