//! A-labels from the browser. The web app builds the core without its `idna` feature, whose
//! Unicode tables would be about 50 KB of the gzipped module, and gives it this conversion
//! instead: the browser's URL parser already does UTS #46 for every host it reads (the WHATWG
//! URL Standard's "domain to ASCII", non-transitional, as the `idna` crate does).
//!
//! The core asks only about names with U-labels or `xn--` labels; it lower-cases plain ASCII
//! names itself.

/// `name` in A-labels, lower case, as the browser's URL parser writes it; `None` when the parser
/// refuses the name.
pub(crate) fn to_a_labels(name: &str) -> Option<String> {
    // These would make the parser read part of the name as a port, a path, credentials or a
    // percent-escape, or refuse the host anyway: a name holding one is not converted.
    if name
        .chars()
        .any(|c| c.is_ascii_control() || " #%/:<>?@[\\]^|".contains(c))
    {
        return None;
    }
    // The label `x` added at the end keeps the parser from reading a name whose last label is a
    // number as an IPv4 address, which the `idna` crate never does.
    let url = web_sys::Url::new(&format!("http://{name}.x/")).ok()?;
    url.hostname().strip_suffix(".x").map(str::to_owned)
}
