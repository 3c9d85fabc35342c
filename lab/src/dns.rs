//! A DNS server on loopback that answers from zone data over UDP and TCP. Names can be made to
//! fail (SERVFAIL) or to go unanswered, CNAMEs are followed within the zone, a name without the
//! asked type gets NODATA and an unknown name NXDOMAIN.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::{Arc, RwLock};

use hickory_proto::op::{Message, MessageType, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA, CNAME, MX, TXT};
use hickory_proto::rr::{Name, RData, Record, RecordType};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, UdpSocket};
use tokio::task::JoinHandle;

/// How a name answers, when not from its records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    ServFail,
    /// No answer at all.
    Silent,
}

/// Zone data: records by name, and names that misbehave.
#[derive(Clone, Debug, Default)]
pub struct Zone {
    /// Records by owner name in lower case.
    records: HashMap<Name, Vec<Record>>,
    behaviours: HashMap<Name, Behaviour>,
    /// Names whose answers carry the AD bit.
    authenticated: Vec<Name>,
}

fn name(text: &str) -> Name {
    let text = if text.ends_with('.') {
        text.to_owned()
    } else {
        format!("{text}.")
    };
    Name::from_str(&text).unwrap_or_else(|error| panic!("lab zone name {text:?}: {error}"))
}

impl Zone {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a record of any type.
    pub fn record(mut self, owner: &str, data: RData) -> Self {
        let owner = name(owner);
        let record = Record::from_rdata(owner.clone(), 60, data);
        self.records
            .entry(owner.to_lowercase())
            .or_default()
            .push(record);
        self
    }

    pub fn a(self, owner: &str, address: &str) -> Self {
        match address.parse::<IpAddr>() {
            Ok(IpAddr::V4(v4)) => self.record(owner, RData::A(A(v4))),
            Ok(IpAddr::V6(v6)) => self.record(owner, RData::AAAA(AAAA(v6))),
            Err(_) => panic!("lab zone address {address:?} does not parse"),
        }
    }

    pub fn mx(self, owner: &str, preference: u16, exchange: &str) -> Self {
        self.record(owner, RData::MX(MX::new(preference, name(exchange))))
    }

    pub fn txt(self, owner: &str, strings: &[&str]) -> Self {
        let strings = strings.iter().map(|&s| s.to_owned()).collect();
        self.record(owner, RData::TXT(TXT::new(strings)))
    }

    pub fn cname(self, owner: &str, target: &str) -> Self {
        self.record(owner, RData::CNAME(CNAME(name(target))))
    }

    pub fn behave(mut self, owner: &str, behaviour: Behaviour) -> Self {
        self.behaviours.insert(name(owner), behaviour);
        self
    }

    pub fn authenticated(mut self, owner: &str) -> Self {
        self.authenticated.push(name(owner));
        self
    }

    /// The response to the DNS message `query`, or `None` when the zone stays silent or the
    /// query does not parse.
    pub fn respond(&self, query: &[u8]) -> Option<Vec<u8>> {
        let request = Message::from_vec(query).ok()?;
        let question = request.queries.first()?.clone();
        let mut response = Message::new(
            request.metadata.id,
            MessageType::Response,
            request.metadata.op_code,
        );
        response.metadata.recursion_desired = request.metadata.recursion_desired;
        response.metadata.recursion_available = true;
        response.add_query(question.clone());

        let mut current = question.name.clone();
        current.set_fqdn(true);
        let current_lower = current.to_lowercase();
        match self.behaviours.get(&current_lower) {
            Some(Behaviour::Silent) => return None,
            Some(Behaviour::ServFail) => {
                response.metadata.response_code = ResponseCode::ServFail;
                return response.to_vec().ok();
            }
            None => {}
        }
        response.metadata.authentic_data = self.authenticated.contains(&current_lower);

        let mut name = current_lower;
        for _ in 0..8 {
            let at_name = self
                .records
                .get(&name)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let found_name = !at_name.is_empty();
            let mut next = None;
            for record in at_name {
                if record.record_type() == question.query_type {
                    response.add_answer(record.clone());
                } else if let RData::CNAME(target) = &record.data
                    && question.query_type != RecordType::CNAME
                {
                    response.add_answer(record.clone());
                    next = Some(target.0.to_lowercase());
                }
            }
            match next {
                Some(target)
                    if response
                        .answers
                        .iter()
                        .all(|r| r.record_type() == RecordType::CNAME) =>
                {
                    name = target;
                }
                _ => {
                    if !found_name && response.answers.is_empty() {
                        response.metadata.response_code = ResponseCode::NXDomain;
                    }
                    break;
                }
            }
        }
        response.to_vec().ok()
    }
}

/// A running DNS server; it stops when dropped.
pub struct DnsServer {
    pub address: SocketAddr,
    /// The same zone over DNS over HTTPS (RFC 8484 GET), in plain HTTP on loopback, with CORS
    /// open so that a page of any origin can ask it: `http://127.0.0.1:PORT/dns-query`.
    pub doh_url: String,
    zone: Arc<RwLock<Zone>>,
    tasks: Vec<JoinHandle<()>>,
}

impl DnsServer {
    /// Starts a server for `zone` on a free port of 127.0.0.1, UDP and TCP on the same port.
    pub async fn start(zone: Zone) -> std::io::Result<Self> {
        let zone = Arc::new(RwLock::new(zone));
        let (udp, tcp) = bind_pair().await?;
        let address = udp.local_addr()?;

        let udp_zone = Arc::clone(&zone);
        let udp = Arc::new(udp);
        let udp_task = tokio::spawn(async move {
            let mut buffer = vec![0u8; 4096];
            while let Ok((len, peer)) = udp.recv_from(&mut buffer).await {
                let answer = read_zone(&udp_zone, &buffer[..len]);
                let socket = Arc::clone(&udp);
                // Each answer on its own task, so that a configured latency delays it alone.
                tokio::spawn(async move {
                    crate::delay().await;
                    if let Some(mut answer) = answer {
                        if answer.len() > 512 {
                            answer = truncated(&answer).unwrap_or(answer);
                        }
                        let _ = socket.send_to(&answer, peer).await;
                    }
                });
            }
        });

        let tcp_zone = Arc::clone(&zone);
        let tcp_task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = tcp.accept().await {
                let zone = Arc::clone(&tcp_zone);
                tokio::spawn(async move {
                    loop {
                        let Ok(len) = stream.read_u16().await else {
                            return;
                        };
                        let mut query = vec![0u8; usize::from(len)];
                        if stream.read_exact(&mut query).await.is_err() {
                            return;
                        }
                        crate::delay().await;
                        let Some(answer) = read_zone(&zone, &query) else {
                            return;
                        };
                        let Ok(len) = u16::try_from(answer.len()) else {
                            return;
                        };
                        if stream.write_u16(len).await.is_err()
                            || stream.write_all(&answer).await.is_err()
                        {
                            return;
                        }
                    }
                });
            }
        });

        let (doh_url, doh_task) = crate::doh::serve(Arc::clone(&zone)).await?;
        Ok(Self {
            address,
            doh_url,
            zone,
            tasks: vec![udp_task, tcp_task, doh_task],
        })
    }

    /// Replaces the zone data.
    pub fn set_zone(&self, zone: Zone) {
        *self
            .zone
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = zone;
    }
}

impl Drop for DnsServer {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

pub(crate) fn read_zone(zone: &RwLock<Zone>, query: &[u8]) -> Option<Vec<u8>> {
    zone.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .respond(query)
}

/// The answer cut to its header and question with TC set, so the client retries over TCP.
fn truncated(answer: &[u8]) -> Option<Vec<u8>> {
    let mut message = Message::from_vec(answer).ok()?;
    message.answers.clear();
    message.metadata.truncation = true;
    message.to_vec().ok()
}

/// A UDP socket and a TCP listener on the same free port of 127.0.0.1.
async fn bind_pair() -> std::io::Result<(UdpSocket, TcpListener)> {
    let mut last_error = None;
    for _ in 0..20 {
        let udp = UdpSocket::bind("127.0.0.1:0").await?;
        match TcpListener::bind(udp.local_addr()?).await {
            Ok(tcp) => return Ok((udp, tcp)),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.unwrap_or_else(|| std::io::Error::other("no free port")))
}
