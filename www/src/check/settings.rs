//! Where the check asks its questions: the DNS-over-HTTPS resolver, the proxy (by default the
//! origin that served the app) and extra trusted roots for private labs. The user's choices are
//! kept in `localStorage`; a link may carry `?doh=URL&proxy=URL`, which apply to that view only,
//! are shown plainly, and are never stored.

use mta_sts_check::parse_service_url;
use web_sys::{Storage, UrlSearchParams};

use crate::lint::visible;

/// The resolvers offered by name.
pub(crate) const RESOLVERS: [(&str, &str); 3] = [
    ("Cloudflare", "https://cloudflare-dns.com/dns-query"),
    ("Google", "https://dns.google/dns-query"),
    ("Quad9", "https://dns.quad9.net/dns-query"),
];

const RESOLVER_KEY: &str = "mta-sts-check.resolver";
const PROXY_KEY: &str = "mta-sts-check.proxy";
const ROOTS_KEY: &str = "mta-sts-check.roots";

/// The settings a check runs with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    /// The resolver's URL, checked.
    pub(crate) resolver: String,
    /// The proxy's base URL, checked, without a final `/`.
    pub(crate) proxy: String,
    /// Extra trusted roots as PEM text.
    pub(crate) roots_pem: String,
    /// The values that came from the page's query string, as `(name, value)`.
    pub(crate) from_link: Vec<(&'static str, String)>,
}

/// What the user saved, before the link's values are laid over it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Saved {
    pub(crate) resolver: String,
    /// Empty for the origin that served the app.
    pub(crate) proxy: String,
    pub(crate) roots_pem: String,
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl Saved {
    /// The saved settings, or the defaults (Cloudflare, this origin, no extra roots).
    pub(crate) fn load() -> Self {
        let get = |key| storage().and_then(|storage| storage.get_item(key).ok().flatten());
        Self {
            resolver: get(RESOLVER_KEY).unwrap_or_else(|| RESOLVERS[0].1.to_owned()),
            proxy: get(PROXY_KEY).unwrap_or_default(),
            roots_pem: get(ROOTS_KEY).unwrap_or_default(),
        }
    }

    /// Saves these settings; an error in words when one of the URLs is not acceptable.
    pub(crate) fn save(&self) -> Result<(), String> {
        parse_service_url(&self.resolver).map_err(|error| format!("Resolver: {error}"))?;
        if !self.proxy.trim().is_empty() {
            parse_service_url(&self.proxy).map_err(|error| format!("Proxy: {error}"))?;
        }
        let storage = storage().ok_or("this browser does not allow saving settings")?;
        for (key, value) in [
            (RESOLVER_KEY, self.resolver.trim()),
            (PROXY_KEY, self.proxy.trim()),
            (ROOTS_KEY, self.roots_pem.as_str()),
        ] {
            storage
                .set_item(key, value)
                .map_err(|_| "this browser refused to save the settings".to_owned())?;
        }
        Ok(())
    }
}

/// The settings for this view: the saved ones with the link's `doh` and `proxy` laid over them;
/// an error in words when a URL is not acceptable.
pub(crate) fn current(saved: &Saved) -> Result<Settings, String> {
    let location = web_sys::window().map(|window| window.location());
    let search = location
        .as_ref()
        .and_then(|location| location.search().ok())
        .unwrap_or_default();
    let origin = location
        .as_ref()
        .and_then(|location| location.origin().ok())
        .unwrap_or_default();
    let params = UrlSearchParams::new_with_str(&search).ok();
    let param = |name: &str| params.as_ref().and_then(|params| params.get(name));

    let mut from_link = Vec::new();
    let resolver_text = match param("doh") {
        Some(value) => {
            from_link.push(("resolver", value.clone()));
            value
        }
        None => saved.resolver.clone(),
    };
    let proxy_text = match param("proxy") {
        Some(value) => {
            from_link.push(("proxy", value.clone()));
            value
        }
        None if saved.proxy.trim().is_empty() => origin,
        None => saved.proxy.clone(),
    };
    let resolver = parse_service_url(&resolver_text).map_err(|error| {
        format!(
            "The resolver URL “{}” is refused: {error}",
            visible(&resolver_text)
        )
    })?;
    let proxy = parse_service_url(&proxy_text).map_err(|error| {
        format!(
            "The proxy URL “{}” is refused: {error}",
            visible(&proxy_text)
        )
    })?;
    Ok(Settings {
        resolver: resolver.to_string(),
        proxy: proxy.to_string(),
        roots_pem: saved.roots_pem.clone(),
        from_link,
    })
}
