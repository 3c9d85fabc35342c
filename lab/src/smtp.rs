//! SMTP servers on loopback that follow a script: a well-behaved STARTTLS server and each way a
//! real one goes wrong (a refusing greeting, no STARTTLS, 454, plaintext injected after the
//! `220`, silence, endless lines, a broken handshake, TLS 1.1 only). Every command received is
//! recorded, so a test can prove what the probe sent.

use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use rustls::ServerConfig;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

use crate::ConnectionCount;

/// How the server behaves.
#[derive(Clone)]
pub enum Script {
    /// Multi-line greeting, STARTTLS offered, TLS with `config`, EHLO again, QUIT.
    Good(Arc<ServerConfig>),
    /// Greets with this reply (such as `421 busy` or `554 no service`) and closes.
    Greeting(&'static str),
    /// EHLO without STARTTLS.
    NoStarttls,
    /// Answers STARTTLS with `454 TLS not available`.
    StarttllsRefused,
    /// Sends `250-fake` lines right after the `220` to STARTTLS, in the same write, then TLS.
    InjectAfterStarttls(Arc<ServerConfig>),
    /// Accepts the connection, says nothing, and reads until the client leaves.
    Stall,
    /// Sends one greeting line of this many bytes.
    HugeLine(usize),
    /// Answers `220` to STARTTLS, then closes instead of shaking hands.
    HandshakeClosed,
    /// Answers `220` to STARTTLS, then refuses the ClientHello with a `protocol_version` alert,
    /// as a server that speaks only TLS 1.0 or 1.1 does.
    OnlyOldTls,
    /// Answers `220` to STARTTLS, then answers the ClientHello with a TLS 1.1 ServerHello, as
    /// a server does that picks the best version it has when that is too old.
    OldServerHello,
}

/// A running scripted server; it stops when dropped.
pub struct SmtpServer {
    pub address: SocketAddr,
    pub connections: ConnectionCount,
    /// Connections open right now.
    pub open: ConnectionCount,
    /// Every command line received, in order, over all connections.
    pub commands: Arc<Mutex<Vec<String>>>,
    task: JoinHandle<()>,
}

impl SmtpServer {
    /// Starts a server following `script` on a free port of `ip` (a loopback address).
    pub async fn start(ip: &str, script: Script) -> std::io::Result<Self> {
        let ip: std::net::IpAddr = ip.parse().map_err(std::io::Error::other)?;
        Self::start_at(SocketAddr::new(ip, 0), script).await
    }

    /// Starts a server following `script` at `address` (a loopback address and a port).
    pub async fn start_at(address: SocketAddr, script: Script) -> std::io::Result<Self> {
        let listener = TcpListener::bind(address).await?;
        let address = listener.local_addr()?;
        let connections = ConnectionCount::default();
        let open = ConnectionCount::default();
        let commands = Arc::new(Mutex::new(Vec::new()));

        let (count, log) = (Arc::clone(&connections), Arc::clone(&commands));
        let open_now = Arc::clone(&open);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                open_now.fetch_add(1, Ordering::SeqCst);
                let (script, log, open_now) =
                    (script.clone(), Arc::clone(&log), Arc::clone(&open_now));
                tokio::spawn(async move {
                    let _ = converse(stream, script, log).await;
                    open_now.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Ok(Self {
            address,
            connections,
            open,
            commands,
            task,
        })
    }

    pub fn connection_count(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    pub fn open_connections(&self) -> usize {
        self.open.load(Ordering::SeqCst)
    }

    pub fn received(&self) -> Vec<String> {
        self.commands
            .lock()
            .map(|log| log.clone())
            .unwrap_or_default()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type Log = Arc<Mutex<Vec<String>>>;

async fn converse(stream: TcpStream, script: Script, log: Log) -> std::io::Result<()> {
    let mut session = BufReader::new(stream);
    match &script {
        Script::Stall => {
            let mut sink = Vec::new();
            tokio::io::AsyncReadExt::read_to_end(&mut session, &mut sink).await?;
            return Ok(());
        }
        Script::Greeting(reply) => {
            session.write_all(format!("{reply}\r\n").as_bytes()).await?;
            return Ok(());
        }
        Script::HugeLine(len) => {
            let line = format!("220 {}\r\n", "x".repeat(*len));
            session.write_all(line.as_bytes()).await?;
            return Ok(());
        }
        _ => {}
    }

    crate::delay().await;
    session
        .write_all(b"220-lab.example ESMTP lab server\r\n220 lab.example ready\r\n")
        .await?;
    let offers_tls = !matches!(script, Script::NoStarttls);
    loop {
        let Some(command) = read_command(&mut session, &log).await? else {
            return Ok(());
        };
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => {
                let mut reply = String::from("250-lab.example\r\n250-PIPELINING\r\n");
                if offers_tls {
                    reply.push_str("250-STARTTLS\r\n");
                }
                reply.push_str("250 8BITMIME\r\n");
                session.write_all(reply.as_bytes()).await?;
            }
            "STARTTLS" => return start_tls(session, script, log).await,
            "QUIT" => {
                session.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => session.write_all(b"502 not in this lab\r\n").await?,
        }
    }
}

async fn start_tls(
    mut session: BufReader<TcpStream>,
    script: Script,
    log: Log,
) -> std::io::Result<()> {
    let config = match script {
        Script::StarttllsRefused => {
            session
                .write_all(b"454 4.7.0 TLS not available\r\n")
                .await?;
            return finish_plain(session, log).await;
        }
        Script::HandshakeClosed => {
            session.write_all(b"220 go ahead\r\n").await?;
            return Ok(());
        }
        Script::OnlyOldTls => {
            session.write_all(b"220 go ahead\r\n").await?;
            let mut hello = [0u8; 5];
            tokio::io::AsyncReadExt::read_exact(&mut session, &mut hello).await?;
            // A fatal protocol_version alert in a TLS 1.0 record.
            session
                .write_all(&[0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46])
                .await?;
            return Ok(());
        }
        Script::OldServerHello => {
            session.write_all(b"220 go ahead\r\n").await?;
            let mut hello = [0u8; 5];
            tokio::io::AsyncReadExt::read_exact(&mut session, &mut hello).await?;
            let mut server_hello = vec![0x16, 0x03, 0x02, 0x00, 0x2a, 0x02, 0x00, 0x00, 0x26];
            server_hello.extend_from_slice(&[0x03, 0x02]);
            server_hello.extend_from_slice(&[0x01; 32]);
            server_hello.extend_from_slice(&[0x00, 0x00, 0x2f, 0x00]);
            session.write_all(&server_hello).await?;
            return Ok(());
        }
        Script::InjectAfterStarttls(config) => {
            session
                .write_all(b"220 go ahead\r\n250-injected\r\n250 STARTTLS\r\n")
                .await?;
            config
        }
        Script::Good(config) => {
            session.write_all(b"220 go ahead\r\n").await?;
            config
        }
        _ => return Ok(()),
    };

    let stream = session.into_inner();
    // What the probe injected before the handshake would break it; the lab reads nothing early.
    let tls = TlsAcceptor::from(config).accept(stream).await?;
    let mut session = BufReader::new(tls);
    loop {
        let Some(command) = read_command(&mut session, &log).await? else {
            return Ok(());
        };
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => {
                session
                    .write_all(b"250-lab.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n")
                    .await?;
            }
            "QUIT" => {
                session.write_all(b"221 bye\r\n").await?;
                session.shutdown().await?;
                return Ok(());
            }
            _ => session.write_all(b"502 not in this lab\r\n").await?,
        }
    }
}

async fn finish_plain(mut session: BufReader<TcpStream>, log: Log) -> std::io::Result<()> {
    while let Some(command) = read_command(&mut session, &log).await? {
        if command.eq_ignore_ascii_case("QUIT") {
            session.write_all(b"221 bye\r\n").await?;
            return Ok(());
        }
        session.write_all(b"502 not in this lab\r\n").await?;
    }
    Ok(())
}

async fn read_command<S>(session: &mut BufReader<S>, log: &Log) -> std::io::Result<Option<String>>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut line = String::new();
    if session.read_line(&mut line).await? == 0 {
        return Ok(None);
    }
    let command = line.trim_end().to_owned();
    if let Ok(mut log) = log.lock() {
        log.push(command.clone());
    }
    crate::delay().await;
    Ok(Some(command))
}
