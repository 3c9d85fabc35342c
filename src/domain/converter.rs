//! Where A-labels come from when the core is built without its `idna` feature, as the web app
//! builds it: ICU4X's Unicode tables behind the `idna` crate are about 50 KB of the app's
//! gzipped module, and the browser already carries UTS #46 in its URL parser.
//!
//! ASCII names without an `xn--` label are lower-cased here, which is all UTS #46 does to them.
//! Names with U-labels, or with `xn--` labels that UTS #46 would decode and check, go to a
//! converter the front end sets once at start-up. Without one, U-labels cannot be converted and
//! `xn--` labels are kept as they are, lower-cased and unchecked.

use std::fmt;
use std::sync::OnceLock;

/// A UTS #46 ToASCII conversion as browsers do it (the WHATWG URL Standard's "domain to ASCII"
/// without its forbidden-code-point check): the name in lower-case A-labels, or `None` when
/// UTS #46 rejects it.
pub type ALabelConverter = fn(&str) -> Option<String>;

/// The converter, set at most once: converting is a pure function of the name, so one for the
/// whole program is enough, and no caller needs to thread it through every check.
static CONVERTER: OnceLock<ALabelConverter> = OnceLock::new();

/// [`set_a_label_converter`] was called before; the first converter stays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConverterAlreadySet;

impl fmt::Display for ConverterAlreadySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an A-label converter was set already")
    }
}

impl std::error::Error for ConverterAlreadySet {}

/// Sets the conversion that a core built without the `idna` feature uses for names with
/// U-labels or `xn--` labels; the web app passes the browser's. With the feature on, the
/// `idna` crate converts and the converter set here is never called.
pub fn set_a_label_converter(converter: ALabelConverter) -> Result<(), ConverterAlreadySet> {
    CONVERTER.set(converter).map_err(|_| ConverterAlreadySet)
}

/// Whether this build can convert U-labels: with the `idna` feature, or with a converter set.
pub(crate) fn converts_u_labels() -> bool {
    cfg!(feature = "idna") || CONVERTER.get().is_some()
}

/// The converter set with [`set_a_label_converter`], if any.
#[cfg(not(feature = "idna"))]
pub(crate) fn converter() -> Option<ALabelConverter> {
    CONVERTER.get().copied()
}

/// A-labels without the `idna` crate, with `converter` for what only UTS #46 can do.
#[cfg(any(test, not(feature = "idna")))]
pub(crate) fn to_a_labels_with(name: &str, converter: Option<ALabelConverter>) -> Option<String> {
    if name.is_ascii() && !has_a_label(name) {
        return Some(name.to_ascii_lowercase());
    }
    match converter {
        Some(convert) => convert(name),
        None if name.is_ascii() => Some(name.to_ascii_lowercase()),
        None => None,
    }
}

/// Whether a label starts with the ACE prefix `xn--`, in any case.
#[cfg(any(test, not(feature = "idna")))]
fn has_a_label(name: &str) -> bool {
    name.split('.').any(|label| {
        label
            .get(..4)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("xn--"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for the browser: knows one name, and says which names it was asked about.
    fn fake(name: &str) -> Option<String> {
        match name {
            "Bücher.example" => Some("xn--bcher-kva.example".to_owned()),
            "XN--BCHER-KVA.example" => Some("xn--bcher-kva.example".to_owned()),
            _ => None,
        }
    }

    #[test]
    fn lower_cases_plain_ascii_names_without_asking_the_converter() {
        for converter in [None, Some(fake as ALabelConverter)] {
            assert_eq!(
                to_a_labels_with("Mail.Example.COM", converter).as_deref(),
                Some("mail.example.com")
            );
            // UTS #46 leaves such characters to the grammar checks that follow, and so does
            // this path.
            assert_eq!(
                to_a_labels_with("a_b.example", converter).as_deref(),
                Some("a_b.example")
            );
        }
    }

    #[test]
    fn asks_the_converter_about_u_labels_and_a_labels() {
        let converter = Some(fake as ALabelConverter);
        assert_eq!(
            to_a_labels_with("Bücher.example", converter).as_deref(),
            Some("xn--bcher-kva.example")
        );
        assert_eq!(
            to_a_labels_with("XN--BCHER-KVA.example", converter).as_deref(),
            Some("xn--bcher-kva.example")
        );
        // The converter's `None` (UTS #46 rejects the name) is the answer.
        assert_eq!(to_a_labels_with("xn--zzzz.example", converter), None);
        assert_eq!(to_a_labels_with("a\u{200d}b.example", converter), None);
    }

    #[test]
    fn without_a_converter_keeps_a_labels_and_cannot_convert_u_labels() {
        assert_eq!(to_a_labels_with("Bücher.example", None), None);
        assert_eq!(
            to_a_labels_with("XN--BCHER-KVA.example", None).as_deref(),
            Some("xn--bcher-kva.example")
        );
        assert!(has_a_label("mail.Xn--bcher-kva.example"));
        assert!(!has_a_label("xn-.example"));
        assert!(!has_a_label("axn--b.example"));
    }
}
