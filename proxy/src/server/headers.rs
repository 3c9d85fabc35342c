//! Response headers: the security headers on every response, a Content-Security-Policy that
//! allows the app's own scripts and wasm, Trunk's inline loader by its hash, and connections to
//! the configured origins only; and the CORS rules of the API.

use axum::http::{HeaderValue, Method, header};
use base64ct::{Base64, Encoding};
use sha2::{Digest, Sha256};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The headers every response carries, besides the CSP.
pub(crate) const SECURITY_HEADERS: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    ),
];

/// The Content-Security-Policy for the app in `index_html`: scripts from the app's origin and
/// the inline scripts of `index_html` by hash, wasm compilation, workers from the app's origin
/// (the Reports page reads files in one), and connections to the app's origin, to any `https:`
/// origin and to `connect_origins`.
///
/// Connections are open to every https origin because the user picks the DNS-over-HTTPS
/// resolver and the proxy at run time, and a policy fixed when the server starts cannot name
/// them; plain http stays closed except to the origins an operator adds (a lab on loopback).
pub(crate) fn content_security_policy(
    index_html: Option<&str>,
    connect_origins: &[String],
) -> String {
    let mut script_src = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    for script in index_html.map(inline_scripts).unwrap_or_default() {
        let digest = Sha256::digest(script.as_bytes());
        script_src.push(format!("'sha256-{}'", Base64::encode_string(&digest)));
    }
    let mut connect_src = vec!["'self'".to_owned(), "https:".to_owned()];
    connect_src.extend(connect_origins.iter().cloned());

    [
        "default-src 'none'".to_owned(),
        format!("script-src {}", script_src.join(" ")),
        "worker-src 'self'".to_owned(),
        "style-src 'self'".to_owned(),
        "img-src 'self' data:".to_owned(),
        format!("connect-src {}", connect_src.join(" ")),
        "base-uri 'none'".to_owned(),
        "form-action 'none'".to_owned(),
        "frame-ancestors 'none'".to_owned(),
    ]
    .join("; ")
}

/// The bodies of the `<script>` elements in `html` that have no `src`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let after_open = &rest[open..];
        let Some(tag_end) = after_open.find('>') else {
            break;
        };
        let tag = &after_open[..tag_end];
        let body_start = &after_open[tag_end + 1..];
        let Some(close) = body_start.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&body_start[..close]);
        }
        rest = &body_start[close..];
    }
    scripts
}

/// CORS for the API: only `origins` may read responses, with GET and the `X-Requested-With`
/// header that every API request must carry.
pub(crate) fn cors(origins: &[String]) -> CorsLayer {
    let origins = origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin).ok())
        .collect::<Vec<_>>();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET])
        .allow_headers([header::HeaderName::from_static("x-requested-with")])
        .max_age(std::time::Duration::from_secs(600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_allowed_by_hash_and_nothing_else_is() {
        let html = r#"<html><script type="module">import init from '/app.js';</script>
            <script src="/other.js"></script></html>"#;
        let csp = content_security_policy(Some(html), &["https://dns.example".to_owned()]);
        let digest = Sha256::digest(b"import init from '/app.js';");
        assert!(
            csp.contains(&format!("'sha256-{}'", Base64::encode_string(&digest))),
            "{csp}"
        );
        assert_eq!(csp.matches("'sha256-").count(), 1, "{csp}");
        assert!(
            csp.contains("connect-src 'self' https: https://dns.example;"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("; worker-src 'self';"), "{csp}");
    }
}
