//! The domain check as the browser runs it: the settings (resolver, proxy, extra roots), the
//! lookups over DNS over HTTPS, the proxy's API, and the gathering that starts every lookup and
//! request as soon as what it needs is known. Facts only: the core judges them.

pub(crate) mod doh;
pub(crate) mod gather;
pub(crate) mod http;
pub(crate) mod proxy;
pub(crate) mod settings;
