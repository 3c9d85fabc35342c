//! Where each certificate finding is, in words: "certificate 2" for a certificate the judge read,
//! or a line of the chain or of the extra roots for text it could not read.

use mta_sts_check::CertificateCheck;

/// The input number of the extra roots in the core's spans.
const ROOTS_INPUT: usize = 1;

/// For each finding of `check`, in order, where it is.
pub(crate) fn places(check: &CertificateCheck) -> Vec<Option<String>> {
    check
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let span = diagnostic.span?;
            if span.input == ROOTS_INPUT {
                return Some(format!("extra roots, line {}", span.line));
            }
            let number = check
                .certificates
                .iter()
                .position(|c| c.start <= span.start && span.start < c.end.max(c.start + 1));
            Some(match number {
                Some(index) => format!("certificate {}", index + 1),
                None => format!("chain, line {}", span.line),
            })
        })
        .collect()
}
