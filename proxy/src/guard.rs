//! The one gate every outgoing connection passes: an address is checked against the
//! special-purpose registries and turned into a [`CheckedAddress`], and only a
//! `CheckedAddress` can be connected to. The probe and the fetch connect to the very addresses
//! they resolved and checked, never to a name, so a second DNS answer (rebinding) cannot change
//! where they go.

use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;

use tokio::net::TcpStream;

use crate::address::{SpecialPurpose, special_purpose};

/// Which addresses may be connected to.
#[derive(Clone, Copy, Debug, Default)]
pub struct TargetPolicy {
    /// Allow addresses that are not globally reachable. For tests and private labs only: the
    /// server refuses it unless it listens on loopback.
    pub allow_private_targets: bool,
}

impl TargetPolicy {
    /// The address with its port, once it passes the policy.
    pub fn check(self, address: IpAddr, port: u16) -> Result<CheckedAddress, SpecialPurpose> {
        match special_purpose(address) {
            Some(purpose) if !self.allow_private_targets => Err(purpose),
            _ => Ok(CheckedAddress(SocketAddr::new(address, port))),
        }
    }
}

/// An address and port that passed [`TargetPolicy::check`]; nothing else can make one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckedAddress(SocketAddr);

impl CheckedAddress {
    pub const fn socket_addr(self) -> SocketAddr {
        self.0
    }
}

/// A boxed future, as connectors return.
pub type ConnectFuture = Pin<Box<dyn Future<Output = io::Result<TcpStream>> + Send>>;

/// Opens TCP connections. The server uses [`DirectConnector`]; tests put a recording connector
/// in its place to prove that refused addresses are never dialled.
pub trait Connect: Send + Sync + 'static {
    fn connect(&self, address: CheckedAddress) -> ConnectFuture;
}

/// Connects to the checked address itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct DirectConnector;

impl Connect for DirectConnector {
    fn connect(&self, address: CheckedAddress) -> ConnectFuture {
        Box::pin(TcpStream::connect(address.socket_addr()))
    }
}
