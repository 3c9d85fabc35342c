//! The registry of rule ids: one stable id per checkable requirement, with its RFC section, a
//! short title, when it is an error or a warning, and how to fix it.
//!
//! Ids follow `shared/spec/rules.md` (`STS-TXT-006`, `STS-POLICY-012`, ...). Ids this project
//! added use the same scheme and continue each series; no id is ever reused. `docs/RULES.md` is
//! generated from this table, and a test keeps the two in step.

/// Declares [`Rule`] and its metadata in one table, so that an id is written in exactly one place.
macro_rules! rules {
    ($(
        $(#[$attr:meta])*
        $name:ident => $id:literal, rfc $rfc:literal $section:literal,
            severity $severity:literal, title $title:literal, help $help:literal;
    )*) => {
        /// A rule that a finding is an instance of.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Rule {
            $( $(#[$attr])* $name, )*
        }

        impl Rule {
            /// Every rule the core can emit, in catalogue order.
            pub const ALL: &'static [Self] = &[$(Self::$name),*];

            /// The stable id, such as `STS-POLICY-012`.
            pub const fn id(self) -> &'static str {
                match self { $(Self::$name => $id),* }
            }

            /// The number of the RFC the rule comes from.
            pub const fn rfc_number(self) -> u16 {
                match self { $(Self::$name => $rfc),* }
            }

            /// The section of that RFC, such as `3.2`.
            pub const fn rfc_section(self) -> &'static str {
                match self { $(Self::$name => $section),* }
            }

            /// The RFC section as people cite it, such as `RFC 8461 §3.2`.
            pub const fn rfc(self) -> &'static str {
                match self { $(Self::$name => concat!("RFC ", $rfc, " §", $section)),* }
            }

            /// When the rule's findings are errors, warnings or information.
            pub const fn severity_text(self) -> &'static str {
                match self { $(Self::$name => $severity),* }
            }

            /// What the rule is about, in a few words.
            pub const fn title(self) -> &'static str {
                match self { $(Self::$name => $title),* }
            }

            /// How to fix a finding of this rule, unless the finding carries its own help.
            pub const fn help(self) -> &'static str {
                match self { $(Self::$name => $help),* }
            }
        }
    };
}

impl Rule {
    /// The rule with this id, if the core has one.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|rule| rule.id() == id)
    }

    /// A link to the RFC section on the RFC Editor's site.
    pub fn rfc_url(self) -> String {
        format!(
            "https://www.rfc-editor.org/rfc/rfc{}#section-{}",
            self.rfc_number(),
            self.rfc_section()
        )
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

rules! {
    // The `_mta-sts` TXT record, RFC 8461 §3.1.

    /// The `_mta-sts` name has no TXT records at all.
    StsRecordAbsent => "STS-TXT-001", rfc 8461 "3.1",
        severity "error",
        title "No MTA-STS TXT record: MTA-STS is not deployed",
        help "Publish one TXT record at `_mta-sts.<domain>`, such as \
              `v=STSv1; id=20240101000000`, once the policy file is served at \
              `https://mta-sts.<domain>/.well-known/mta-sts.txt`.";
    /// A record came in several character-strings, which senders join with nothing in between.
    StsRecordSplit => "STS-TXT-002", rfc 8461 "3.1",
        severity "info",
        title "Record split into several character-strings",
        help "Nothing to fix: senders join the strings with nothing in between. Make sure no \
              boundary between strings was meant as a space.";
    /// A TXT record at the name does not begin with `v=STSv1;`, so senders throw it away.
    StsRecordDiscarded => "STS-TXT-003", rfc 8461 "3.1",
        severity "warning when the record looks meant for MTA-STS, otherwise info",
        title "TXT record discarded: it does not begin with `v=STSv1;`",
        help "Begin the MTA-STS record with exactly `v=STSv1;`. Unrelated TXT records at this \
              name are harmless.";
    /// Zero, or two or more, records remain after discarding.
    StsRecordCount => "STS-TXT-004", rfc 8461 "3.1",
        severity "error",
        title "Not exactly one MTA-STS record",
        help "Keep exactly one TXT record beginning with `v=STSv1;` at `_mta-sts.<domain>`; \
              delete records left behind by earlier updates.";
    /// The version field is not the literal `v=STSv1` as the first field.
    StsVersion => "STS-TXT-005", rfc 8461 "3.1",
        severity "error; warning when another, valid record is in effect",
        title "Version is not `v=STSv1` as the first field",
        help "Begin the record with `v=STSv1;`, in exactly that case, before any other field.";
    /// `id` is missing or is not 1 to 32 letters and digits.
    StsId => "STS-TXT-006", rfc 8461 "3.1",
        severity "error",
        title "`id` missing or malformed",
        help "Give the record an `id=` of 1 to 32 ASCII letters and digits, such as a timestamp \
              `id=20240101000000`, and change it whenever the policy changes.";
    /// Two delimiters in a row, or a second trailing delimiter.
    StsEmptyField => "STS-TXT-007", rfc 8461 "3.1",
        severity "error",
        title "Empty field between `;` delimiters",
        help "Separate fields with one `;`; a single `;` at the end is allowed, two are not.";
    /// Whitespace before the first `;`: valid by the grammar, dropped by prefix-matching senders.
    StsSpaceBeforeDelimiter => "STS-TXT-008", rfc 8461 "3.1",
        severity "warning",
        title "Whitespace before the first `;` (RFC 8461 erratum 6285)",
        help "Write `v=STSv1;` with no space before the semicolon: senders that test for that \
              exact prefix discard the record.";
    /// Whitespace around `=`, a field without `=`, or a forbidden character in a value.
    StsFieldSyntax => "STS-TXT-009", rfc 8461 "3.1",
        severity "error",
        title "Malformed field: whitespace around `=`, no `=`, or a forbidden character",
        help "Write each field as `name=value` with no spaces; a value may not contain spaces, \
              `;`, `=` or control characters.";
    /// An extension field name that breaks the name grammar.
    StsExtensionName => "STS-TXT-010", rfc 8461 "3.1",
        severity "error",
        title "Malformed extension field name",
        help "Start an extension name with a letter or digit and follow it with at most 31 \
              letters, digits, `_`, `-` or `.`.";
    /// A well-formed field that MTA-STS does not define.
    StsUnknownField => "STS-TXT-011", rfc 8461 "3.2",
        severity "info",
        title "Unknown extension field, ignored by senders",
        help "Nothing to fix if it is intended: senders ignore fields they do not know.";
    /// A byte outside US-ASCII.
    StsNonAscii => "STS-TXT-012", rfc 8461 "3.1",
        severity "error",
        title "Non-ASCII character in the record",
        help "Use only US-ASCII characters in the record; watch for look-alike characters \
              pasted from documents.";
    /// A field that appears twice; the first value counts.
    StsDuplicateField => "STS-TXT-013", rfc 8461 "3.1",
        severity "warning",
        title "Repeated field: only the first counts",
        help "Remove the repeated field so that every sender reads the same value.";

    // The policy body, RFC 8461 §3.2.

    /// A bare CR (an error), or LF line endings where the prose says CRLF (information).
    PolicyLineEnding => "STS-POLICY-001", rfc 8461 "3.2",
        severity "error for a bare CR; info for LF-only or mixed line endings",
        title "Line endings: a bare CR, or LF rather than CRLF",
        help "End each line with LF or CRLF; a CR on its own does not end a line.";
    /// Whitespace before a key, a blank line, or more than one line break at the end.
    PolicyLineLayout => "STS-POLICY-002", rfc 8461 "3.2",
        severity "error",
        title "Blank line, or whitespace before a key",
        help "Start every line with its key, remove blank lines, and end the file with at most \
              one line break.";
    /// A line that is not `key:` followed by a value.
    PolicyLineSyntax => "STS-POLICY-003", rfc 8461 "3.2",
        severity "error",
        title "Line is not `key: value`",
        help "Write each line as `key: value`, with the colon right after the key.";
    /// `version` missing or not `STSv1`.
    PolicyVersion => "STS-POLICY-004", rfc 8461 "3.2",
        severity "error",
        title "`version: STSv1` missing or wrong",
        help "Begin the policy with the line `version: STSv1`.";
    /// `mode` missing or not one of the three values.
    PolicyMode => "STS-POLICY-005", rfc 8461 "3.2",
        severity "error",
        title "`mode` missing, or not `enforce`, `testing` or `none`",
        help "Add `mode: testing` while you watch TLS-RPT reports, then switch to \
              `mode: enforce`.";
    /// `max_age` missing, not 1 to 10 digits, or above one year.
    PolicyMaxAge => "STS-POLICY-006", rfc 8461 "3.2",
        severity "error",
        title "`max_age` missing, not plain digits, or above 31557600",
        help "Set `max_age:` to a whole number of seconds no larger than 31557600 (one year), \
              such as 604800 (one week).";
    /// A `max_age` shorter than a week.
    PolicyMaxAgeShort => "STS-POLICY-007", rfc 8461 "10.2",
        severity "warning below 86400 seconds, info below 604800 (not for mode none)",
        title "`max_age` shorter than recommended",
        help "Once the policy works, use a max_age of weeks or more (604800 to 31557600): a short \
              lifetime reopens the first-contact downgrade window.";
    /// `max_age: 0`.
    PolicyMaxAgeZero => "STS-POLICY-008", rfc 8461 "3.2",
        severity "warning",
        title "`max_age: 0`: senders cannot cache the policy",
        help "Set max_age to at least 86400: with 0, senders keep no copy of the policy and an \
              attacker can strip it.";
    /// Leading zeros, which the grammar allows.
    PolicyMaxAgeLeadingZeros => "STS-POLICY-009", rfc 8461 "3.2",
        severity "info",
        title "Leading zeros in `max_age`",
        help "Nothing to fix: leading zeros are valid. Writing the number without them avoids \
              naive parsers that read it as octal.";
    /// No `mx` line although the mode needs one.
    PolicyMxMissing => "STS-POLICY-010", rfc 8461 "3.2",
        severity "error",
        title "No `mx` line while mode is not `none`",
        help "Add an `mx:` line for each MX host, or a `*.` pattern that covers them.";
    /// Several patterns on one line.
    PolicyMxList => "STS-POLICY-011", rfc 8461 "3.2",
        severity "error",
        title "Several MX patterns on one `mx` line",
        help "Put each pattern on its own `mx:` line.";
    /// A pattern that is neither a host name nor `*.` and a domain.
    PolicyMxPattern => "STS-POLICY-012", rfc 8461 "3.2",
        severity "error",
        title "Malformed `mx` pattern",
        help "Write a host name such as `mail.example.com`, or `*.example.com` to allow one \
              extra label, without a trailing dot.";
    /// A U-label where the A-label is required.
    PolicyMxULabel => "STS-POLICY-013", rfc 8461 "3.2",
        severity "error",
        title "Internationalised `mx` pattern not in A-label form",
        help "Write internationalised labels in their `xn--` (punycode) form.";
    /// A dotted IPv4 address as a pattern.
    PolicyMxIpAddress => "STS-POLICY-014", rfc 8461 "3.2",
        severity "warning",
        title "IP address as an `mx` pattern",
        help "List the MX host name instead: an address never matches an MX name, and some \
              sender plugins break on it.";
    /// A well-formed key that MTA-STS does not define.
    PolicyUnknownKey => "STS-POLICY-015", rfc 8461 "3.2",
        severity "info",
        title "Unknown key, ignored by senders",
        help "Nothing to fix if it is intended: senders ignore keys they do not know.";
    /// A key other than `mx` given twice.
    PolicyDuplicateKey => "STS-POLICY-016", rfc 8461 "3.2",
        severity "warning",
        title "Repeated key: only the first counts",
        help "Remove the repeated line so that every sender reads the same value.";
    /// A key equal to a registered key except for case.
    PolicyKeyCase => "STS-POLICY-017", rfc 8461 "3.2",
        severity "warning",
        title "Key differs from a registered key only in case",
        help "Write the key in lower case: keys are case-sensitive, so senders ignore this line \
              as an unknown extension.";
    /// An extension value that is empty or holds control characters.
    PolicyExtensionValue => "STS-POLICY-018", rfc 8461 "3.2",
        severity "error",
        title "Malformed extension value",
        help "Give the extension a non-empty value of printable characters, without tabs or \
              other control characters.";
    /// Spaces or tabs at the end of a line.
    PolicyTrailingWhitespace => "STS-POLICY-019", rfc 8461 "3.2",
        severity "info",
        title "Trailing whitespace after a value",
        help "Nothing to fix: senders strip trailing spaces and tabs before reading the value.";
    /// A byte order mark or a NUL byte.
    PolicyBomOrNul => "STS-POLICY-020", rfc 8461 "3.2",
        severity "error",
        title "Byte order mark or NUL byte in the body",
        help "Save the file as plain UTF-8 or ASCII without a byte order mark, and remove NUL \
              bytes.";
    /// `mode: testing`.
    PolicyTestingMode => "STS-POLICY-021", rfc 8461 "5",
        severity "info",
        title "Testing mode: senders deliver even when validation fails",
        help "Watch TLS-RPT reports, fix what they show, then switch to `mode: enforce`.";
    /// `mode: none`.
    PolicyNoneMode => "STS-POLICY-022", rfc 8461 "8.3",
        severity "info",
        title "Mode `none`: the policy is withdrawn",
        help "Keep serving this policy, with a short max_age, until every max_age served before \
              has run out; only then remove the TXT record and the policy host.";
    /// A wildcard pattern.
    PolicyBroadWildcard => "STS-POLICY-023", rfc 8461 "10.4",
        severity "info",
        title "Wildcard pattern accepts any host one label below it",
        help "Prefer the exact MX host names unless the MX set changes often: any host in that \
              zone with a publicly trusted certificate counts as a valid MX.";
    /// A body over 64 KiB.
    PolicyTooLarge => "STS-POLICY-024", rfc 8461 "3.3",
        severity "warning",
        title "Body larger than 64 KiB",
        help "Keep the policy under 65536 bytes: senders may stop reading there.";
    /// Bytes that are not UTF-8.
    PolicyNotUtf8 => "STS-POLICY-025", rfc 8461 "3.2",
        severity "error",
        title "Body is not valid UTF-8",
        help "Save the policy as UTF-8 (or plain ASCII); other encodings are not read as text.";
    /// A key that is not a valid extension name.
    PolicyExtensionName => "STS-POLICY-026", rfc 8461 "3.2",
        severity "error",
        title "Malformed key name",
        help "Start a key with a letter or digit and follow it with at most 31 letters, digits, \
              `_`, `-` or `.`.";

    // MX matching, RFC 8461 §4.1.

    /// An MX host that no pattern matches.
    MxNotCovered => "STS-MX-001", rfc 8461 "4.1",
        severity "error when no MX is covered in enforce mode; warning when some are, or in \
                  testing mode; info in mode none",
        title "MX host not covered by any `mx` pattern",
        help "Add an `mx:` line for this host (or a `*.` pattern covering it), change the TXT \
              id, and keep both in step with the MX records.";
    /// An MX host written with upper-case letters.
    MxCase => "STS-MX-004", rfc 6125 "6.4.1",
        severity "info",
        title "MX host compared ignoring case",
        help "Nothing to fix: names are compared without regard to ASCII case.";
    /// An MX host with its trailing root dot.
    MxTrailingDot => "STS-MX-005", rfc 8461 "4.1",
        severity "info",
        title "Trailing dot removed from the MX host before matching",
        help "Nothing to fix: names from DNS end in a dot, which is removed before matching. \
              Do not write that dot in the policy.";
    /// No MX records, and the domain itself is not covered.
    MxImplicitNotCovered => "STS-MX-006", rfc 5321 "5.1",
        severity "error in enforce mode; warning in testing mode; info in mode none",
        title "Implicit MX (the domain itself) not covered",
        help "With no MX records the domain itself receives mail: add an `mx:` line naming the \
              domain, or publish MX records.";
    /// A null MX: the domain takes no mail.
    MxNull => "STS-MX-007", rfc 7505 "3",
        severity "info",
        title "Null MX: the domain accepts no mail",
        help "Nothing to protect: remove the MTA-STS policy, or publish real MX records.";
    /// A backup MX that no pattern matches, while a more preferred one is covered.
    MxBackupNotCovered => "STS-MX-008", rfc 8461 "8.4",
        severity "warning",
        title "Backup MX not covered by any `mx` pattern",
        help "Add the backup MX to the policy: senders use it when the primary is down, and \
              would then refuse or fail to deliver.";
    /// A pattern that matches no current MX host.
    MxPatternUnused => "STS-MX-009", rfc 8461 "4.1",
        severity "info",
        title "`mx` pattern matches no current MX host",
        help "Remove the pattern if it is left over from a migration, and change the TXT id.";
    /// An MX host in U-label form, compared as its A-label.
    MxULabel => "STS-MX-011", rfc 8461 "3.2",
        severity "info",
        title "Internationalised MX host compared in A-label form",
        help "Nothing to fix here: DNS data should hold the `xn--` form, which is what is \
              compared.";

    /// An MX host that is not a host name, so no sender could connect to it.
    MxHostInvalid => "STS-MX-012", rfc 5321 "4.1.2",
        severity "error",
        title "MX host is not a valid host name",
        help "Point the MX record at a host name of letters, digits and hyphens, such as \
              `mx1.example.com`.";

    // The `_smtp._tls` TXT record, RFC 8460 §3.

    /// No TLS-RPT record.
    TlsRptRecordAbsent => "TLSRPT-TXT-001", rfc 8460 "3",
        severity "info",
        title "No TLS-RPT record",
        help "Publish a TXT record at `_smtp._tls.<domain>` such as \
              `v=TLSRPTv1; rua=mailto:tlsrpt@example.com` to receive reports of TLS failures.";
    /// The version field is not the literal `v=TLSRPTv1` first.
    TlsRptVersion => "TLSRPT-TXT-002", rfc 8460 "3",
        severity "error; warning when another, valid record is in effect",
        title "Version is not `v=TLSRPTv1` as the first field",
        help "Begin the record with `v=TLSRPTv1;`, in exactly that case.";
    /// Zero, or two or more, TLS-RPT records.
    TlsRptRecordCount => "TLSRPT-TXT-003", rfc 8460 "3",
        severity "error",
        title "Not exactly one TLS-RPT record",
        help "Keep exactly one TXT record beginning with `v=TLSRPTv1;` at \
              `_smtp._tls.<domain>`; put every destination in it.";
    /// A record in several character-strings.
    TlsRptRecordSplit => "TLSRPT-TXT-004", rfc 8460 "3",
        severity "info",
        title "Record split into several character-strings",
        help "Nothing to fix: senders join the strings with nothing in between.";
    /// No `rua` field.
    TlsRptRuaMissing => "TLSRPT-TXT-005", rfc 8460 "3",
        severity "error",
        title "No `rua` field",
        help "Add `rua=mailto:<address>` or `rua=https://<endpoint>`.";
    /// Destinations separated by `;` instead of `,`.
    TlsRptRuaSemicolon => "TLSRPT-TXT-006", rfc 8460 "3",
        severity "error",
        title "Destinations separated by `;` instead of `,`",
        help "Separate several destinations of one `rua` with commas: \
              `rua=mailto:a@example.com,https://r.example.com/tlsrpt`.";
    /// Several `rua` fields.
    TlsRptRuaRepeated => "TLSRPT-TXT-007", rfc 8460 "3",
        severity "info",
        title "Several `rua` fields",
        help "Nothing to fix: this is valid, but one `rua` with comma-separated destinations is \
              understood by more tools.";
    /// A destination whose scheme is not `mailto:` or `https:`.
    TlsRptRuaScheme => "TLSRPT-TXT-008", rfc 8460 "3",
        severity "error when no usable destination remains; warning otherwise",
        title "Destination scheme is not `mailto:` or `https:`",
        help "Use `mailto:` with an address, or `https:` with a report endpoint.";
    /// A destination that is not a URI, or has `,`, `!` or `;` unencoded.
    TlsRptUriSyntax => "TLSRPT-TXT-009", rfc 8460 "3",
        severity "error",
        title "Destination is not a URI, or has an unencoded `,` `!` or `;`",
        help "Percent-encode `,` `!` and `;` in a destination; DMARC-style size suffixes such \
              as `!10m` do not exist in TLS-RPT.";
    /// A `mailto:` without an address or an `https:` without a host.
    TlsRptUriTarget => "TLSRPT-TXT-010", rfc 8460 "3",
        severity "error",
        title "`mailto:` without an address, or `https:` without a host",
        help "Give `mailto:` a full address (`local@domain`) and `https:` a host name.";
    /// Empty fields, or whitespace around `=`.
    TlsRptFieldSyntax => "TLSRPT-TXT-011", rfc 8460 "3",
        severity "error",
        title "Malformed delimiters: empty field or whitespace around `=`",
        help "Separate fields with one `;` and write `name=value` without spaces around `=`.";
    /// An extension field, unknown (information) or malformed (error).
    TlsRptExtension => "TLSRPT-TXT-012", rfc 8460 "3",
        severity "info for a well-formed unknown field; error for a malformed one",
        title "Extension field",
        help "Nothing to fix for a well-formed unknown field; a malformed one needs a name of \
              letters, digits, `_`, `-` or `.` and a value without spaces, `;` or `=`.";
    /// A byte outside US-ASCII.
    TlsRptNonAscii => "TLSRPT-TXT-017", rfc 8460 "3",
        severity "error",
        title "Non-ASCII character in the record",
        help "Use only US-ASCII characters; percent-encode anything else inside a URI.";

    /// Whitespace before the first `;`: valid by the grammar, dropped by prefix-matching senders.
    TlsRptSpaceBeforeDelimiter => "TLSRPT-TXT-018", rfc 8460 "3",
        severity "warning",
        title "Whitespace before the first `;`",
        help "Write `v=TLSRPTv1;` with no space before the semicolon: reporters that test for \
              that exact prefix discard the record.";

    // Certificates of MX hosts and of the policy host: RFC 8461 §4.2, §3.3; RFC 5280; RFC 6125.

    /// No subject alternative name covers the host.
    CertNameMismatch => "STS-CERT-002", rfc 8461 "4.2",
        severity "error",
        title "Certificate not valid for the host name",
        help "Issue a certificate whose subject alternative names include the host name (or a \
              `*.` name one label above it); the common name does not count.";
    /// A wildcard that MTA-STS does not accept would have matched.
    CertWildcard => "STS-CERT-003", rfc 6125 "6.4.3",
        severity "error",
        title "Wildcard name not usable for this host",
        help "A wildcard must be the whole leftmost label and covers exactly one label: \
              `*.example.com` covers `mx.example.com` but neither `example.com` nor \
              `a.mx.example.com`. Add the exact host name to the certificate.";
    /// Only the common name names the host.
    CertCommonNameOnly => "STS-CERT-004", rfc 6125 "6.4.4",
        severity "error",
        title "Host named only in the common name",
        help "Put the host name in the subject alternative name extension: MTA-STS never falls \
              back to the common name.";
    /// Outside the validity period.
    CertValidity => "STS-CERT-005", rfc 8461 "4.2",
        severity "error",
        title "Certificate expired or not yet valid",
        help "Renew the certificate (or fix the server's clock and the certificate's notBefore) \
              and install the new chain on every server.";
    /// Expires soon.
    CertExpiresSoon => "STS-CERT-006", rfc 8461 "4.2",
        severity "warning within the warning threshold (14 days by default), info within the \
                  information threshold (30 days by default)",
        title "Certificate expires soon",
        help "Renew the certificate before it expires, and check that automatic renewal works \
              and reloads the mail server.";
    /// No path to a trusted root.
    CertUntrusted => "STS-CERT-007", rfc 8461 "4.2",
        severity "error",
        title "Chain does not lead to a trusted root",
        help "Use a certificate from a publicly trusted CA, and have the server send the leaf \
              followed by every intermediate.";
    /// The issuer of a certificate was not supplied and is not a root.
    CertMissingIntermediate => "STS-CERT-013", rfc 5280 "6.1",
        severity "error",
        title "Missing intermediate certificate",
        help "Configure the server to send the intermediate certificate(s) after the leaf; \
              most CAs provide a \"full chain\" file for this.";
    /// A self-signed leaf.
    CertSelfSignedLeaf => "STS-CERT-014", rfc 8461 "4.2",
        severity "error",
        title "Self-signed certificate",
        help "Replace it with a certificate from a publicly trusted CA: senders that validate \
              MTA-STS refuse self-signed certificates.";
    /// An issuer with the right name whose key does not verify the signature.
    CertBadSignature => "STS-CERT-015", rfc 5280 "6.1.3",
        severity "error",
        title "Signature does not verify with the issuer's key",
        help "The certificate with the issuer's name is not the one that signed it (same name, \
              other key): send, or trust, the issuer certificate that belongs to this chain.";
    /// The certificates are not in leaf-to-root order.
    CertOrder => "STS-CERT-016", rfc 8446 "4.4.2",
        severity "info",
        title "Certificates not in leaf-to-root order",
        help "Send the leaf first, then each issuer in turn; most clients cope with another \
              order, some do not.";
    /// A supplied certificate that is not part of the path.
    CertUnrelated => "STS-CERT-017", rfc 8446 "4.4.2",
        severity "info",
        title "Certificate not part of the chain",
        help "Remove certificates that do not belong to this chain from the server's \
              configuration.";
    /// The leaf is a CA certificate.
    CertCaAsLeaf => "STS-CERT-018", rfc 5280 "4.2.1.9",
        severity "error",
        title "CA certificate used as the server certificate",
        help "Use an end-entity certificate (basic constraints without `CA:TRUE`) for the \
              server.";
    /// An issuer that is not allowed to issue certificates.
    CertNotCa => "STS-CERT-019", rfc 5280 "4.2.1.9",
        severity "error",
        title "Issuer is not a CA, or the path is longer than it allows",
        help "Chain through a real CA certificate: an issuer needs basic constraints with \
              `CA:TRUE`, and its path length limit must allow the certificates below it.";
    /// Key usage does not allow what the certificate is used for.
    CertKeyUsage => "STS-CERT-020", rfc 5280 "4.2.1.3",
        severity "error",
        title "Key usage does not allow this use",
        help "A server certificate needs `digitalSignature` (or `keyEncipherment` for RSA key \
              exchange); an issuer needs `keyCertSign`.";
    /// Extended key usage without server authentication.
    CertExtendedKeyUsage => "STS-CERT-021", rfc 5280 "4.2.1.12",
        severity "error",
        title "Extended key usage does not include TLS server authentication",
        help "Use a certificate whose extended key usage includes `serverAuth`.";
    /// A short RSA key.
    CertWeakKey => "STS-CERT-022", rfc 8461 "7.2",
        severity "error",
        title "RSA key shorter than 2048 bits",
        help "Issue a new certificate with an RSA key of at least 2048 bits, or an ECDSA P-256 \
              key.";
    /// A SHA-1 or MD5 signature.
    CertWeakSignature => "STS-CERT-023", rfc 8461 "7.2",
        severity "error",
        title "Certificate signed with SHA-1 or MD5",
        help "Replace the certificate with one signed using SHA-256 or stronger.";
    /// An algorithm the checker cannot verify.
    CertUnknownAlgorithm => "STS-CERT-024", rfc 5280 "4.1.1.2",
        severity "warning",
        title "Signature or key algorithm the checker cannot verify",
        help "Nothing may be wrong: this checker verifies RSA PKCS #1 v1.5 and ECDSA P-256 and \
              P-384 only. Check the chain with another tool.";
    /// A CA's name constraints exclude the host.
    CertNameConstraints => "STS-CERT-025", rfc 5280 "4.2.1.10",
        severity "error",
        title "A CA's name constraints forbid the certificate's names",
        help "The CA may only issue for names within its permitted subtrees: get the \
              certificate from a CA allowed to issue for this domain.";
    /// Text that is not a readable certificate.
    CertUnreadable => "STS-CERT-026", rfc 5280 "4.1",
        severity "error",
        title "Not a readable certificate",
        help "Paste certificates in PEM form (`-----BEGIN CERTIFICATE-----` ... `-----END \
              CERTIFICATE-----`), as `openssl s_client -showcerts` prints them, or give one DER \
              certificate.";
    /// How the host and the certificate fare against a policy's `mx` patterns.
    CertPolicyPatterns => "STS-CERT-027", rfc 8461 "4.1",
        severity "info",
        title "Host and certificate against the policy's `mx` patterns",
        help "Make sure an `mx` pattern covers the host and the certificate is valid for it; \
              nothing to fix when both hold.";
    /// A DNS name with a NUL or another control character.
    CertControlCharacterInName => "STS-CERT-029", rfc 5280 "4.2.1.6",
        severity "error",
        title "Control character inside a certificate name",
        help "Replace the certificate: a NUL or another control character inside a DNS name is \
              how certificates have been made to look valid for a name they do not hold.";
    /// The path ends at a root the user supplied.
    CertSuppliedRoot => "STS-CERT-028", rfc 8461 "4.2",
        severity "info",
        title "Trusted only through a root you supplied",
        help "Senders trust public roots only: a chain that needs a private root passes here \
              but fails for them.";

    // TLS-RPT reports, RFC 8460 §4.

    /// The report is not I-JSON: a member name repeats, or a number is beyond 2^53.
    ReportNotIJson => "TLSRPT-REPORT-001", rfc 8460 "4",
        severity "error",
        title "Report is not I-JSON",
        help "Write each member name once per object, and integers of at most 2^53, as RFC 7493 \
              (I-JSON) requires.";
    /// A required member is missing or has the wrong JSON type.
    ReportSchema => "TLSRPT-REPORT-002", rfc 8460 "4.4",
        severity "error",
        title "Required member missing or of the wrong type",
        help "Include `organization-name`, `date-range`, `contact-info`, `report-id` and \
              `policies`, and in each policy `policy` and `summary`, with the types of RFC 8460 \
              §4.4.";
    /// `policies` is not an array.
    ReportPoliciesNotArray => "TLSRPT-REPORT-003", rfc 8460 "4",
        severity "error",
        title "`policies` is not an array",
        help "Write `policies` as an array of policy objects, even when there is only one.";
    /// A date-time that is not RFC 3339 with `Z` or an offset.
    ReportDateTime => "TLSRPT-REPORT-004", rfc 8460 "4.4",
        severity "warning when read as UTC, error when unreadable",
        title "Date-time is not RFC 3339 with a time zone",
        help "Write date-times as `2016-04-01T00:00:00Z`: a date, `T`, a time, then `Z` or an \
              offset such as `+02:00`.";
    /// The date range is not one whole UTC day, or ends before it starts.
    ReportDateRange => "TLSRPT-REPORT-005", rfc 8460 "4.1",
        severity "info when not one whole UTC day, error when the end is before the start",
        title "Date range not one whole UTC day",
        help "Cover one UTC day, from 00:00:00Z to 23:59:59Z (or 00:00:00Z of the next day), \
              with the start before the end.";
    /// `contact-info` is missing, null or not an e-mail address.
    ReportContactInfo => "TLSRPT-REPORT-006", rfc 8460 "4.4",
        severity "warning",
        title "`contact-info` is not an e-mail address",
        help "Give an e-mail address where the reporting organisation can be reached, such as \
              `smtp-tls-reporting@example.com`.";
    /// `policy-type` is not `sts`, `tlsa` or `no-policy-found`.
    ReportPolicyType => "TLSRPT-REPORT-007", rfc 8460 "4.4",
        severity "error",
        title "Unknown `policy-type`",
        help "Use `sts`, `tlsa` or `no-policy-found` as the `policy-type`.";
    /// `policy-string` is not one array element per policy line or per TLSA record.
    ReportPolicyString => "TLSRPT-REPORT-008", rfc 8460 "4.5",
        severity "warning",
        title "`policy-string` not one element per policy line or TLSA record",
        help "Write `policy-string` as an array with one string per MTA-STS policy line, or per \
              TLSA record as `usage selector mtype hexdata` without spaces in the hex.";
    /// A domain or MX host written with U-labels.
    ReportALabels => "TLSRPT-REPORT-009", rfc 8460 "4.4",
        severity "warning",
        title "Domain not in A-labels",
        help "Write internationalised names in their A-label (`xn--`) form.";
    /// `mx-host` given as an array, as major reporters send it.
    ReportMxHostForm => "TLSRPT-REPORT-010", rfc 8460 "4.4",
        severity "info",
        title "`mx-host` given as an array",
        help "Nothing to fix: RFC 8460 describes one string, major reporters send an array of \
              patterns, and both are read.";
    /// A session count that is not a non-negative integer JSON number.
    ReportCount => "TLSRPT-REPORT-011", rfc 8460 "4.2",
        severity "error",
        title "Session count is not a non-negative integer",
        help "Write session counts as JSON numbers without a fraction or sign, such as `5326`.";
    /// A `result-type` outside the IANA registry.
    ReportResultType => "TLSRPT-REPORT-012", rfc 8460 "4.3",
        severity "warning",
        title "Unknown `result-type`",
        help "Use a result type from the IANA \"STARTTLS Validation Result Types\" registry, \
              such as `certificate-expired` or `sts-policy-fetch-error`.";
    /// A certificate failure without `failure-reason-code`.
    ReportReasonCode => "TLSRPT-REPORT-013", rfc 8460 "4.3.1",
        severity "info",
        title "No `failure-reason-code` for a certificate failure",
        help "Reporters should add a `failure-reason-code` (such as an OpenSSL verify code) to \
              `certificate-not-trusted` and `validation-failure` entries.";
    /// An IP address not in canonical text form.
    ReportIpAddress => "TLSRPT-REPORT-014", rfc 8460 "4.4",
        severity "warning",
        title "IP address not in canonical form",
        help "Write IPv4 addresses as four decimal numbers without leading zeros and IPv6 \
              addresses in RFC 5952 form (lower case, no leading zeros, `::` for the longest \
              run of zeros).";
    /// `additional-information` that is not a URI.
    ReportAdditionalInformation => "TLSRPT-REPORT-015", rfc 8460 "4.4",
        severity "warning",
        title "`additional-information` is not a URI",
        help "Give a URI, such as `https://reports.example.com/info?id=1`, with no spaces.";
    /// The failure details do not add up to the summary's failure count.
    ReportFailureSum => "TLSRPT-REPORT-016", rfc 8460 "4",
        severity "info",
        title "Failure details do not add up to the failure total",
        help "Nothing may be wrong: failure types can overlap, so the details need not add up \
              to `total-failure-session-count`.";
    /// A failure-details entry without the members reporters are expected to fill in.
    ReportMembersMissing => "TLSRPT-REPORT-018", rfc 8460 "4.4",
        severity "warning",
        title "Expected members missing",
        help "Include `policy-string` for `sts` and `tlsa` policies, and `sending-mta-ip`, \
              `receiving-mx-hostname` and `receiving-ip` in each failure-details entry.";
    /// A file that could not be read as a report at all.
    ReportUnreadable => "TLSRPT-REPORT-020", rfc 8460 "4",
        severity "error",
        title "Report cannot be read",
        help "Give a TLS-RPT report: JSON, gzip-compressed JSON, or an e-mail with an \
              `application/tlsrpt+gzip` or `application/tlsrpt+json` part. The message says \
              where reading stopped.";
    /// The same report (organisation and report-id) given more than once.
    ReportDuplicate => "TLSRPT-REPORT-021", rfc 8460 "4.4",
        severity "info",
        title "Same report given twice: counted once",
        help "Nothing to fix: a report with the same `organization-name` and `report-id` as an \
              earlier one is left out of the totals.";

    // Limits of the checker itself.

    // The live domain check: DNS lookups, the policy fetch and the STARTTLS probe.

    /// The policy body changed while the record's id did not.
    StsIdUnchanged => "STS-TXT-014", rfc 8461 "3.1",
        severity "warning",
        title "Policy changed without a new id",
        help "Change the `id` in the `_mta-sts` record whenever the policy body changes: senders \
              fetch the policy again only when the id changes.";
    /// The `_mta-sts` lookup failed instead of answering.
    StsLookupFailed => "STS-TXT-015", rfc 8461 "3.1",
        severity "warning (could not check)",
        title "`_mta-sts` lookup failed (not the same as no record)",
        help "Make the name servers answer for `_mta-sts.<domain>`: a SERVFAIL is often a broken \
              DNSSEC chain. Senders that cached the policy keep using it meanwhile.";
    /// `_mta-sts` is an alias.
    StsCname => "STS-TXT-016", rfc 8461 "8.2",
        severity "info",
        title "`_mta-sts` is delegated by CNAME",
        help "Nothing to fix: the record is read at the end of the alias chain shown. Make sure \
              the provider keeps it and the policy host in step.";
    /// The `_smtp._tls` lookup failed.
    TlsRptLookupFailed => "TLSRPT-TXT-019", rfc 8460 "3",
        severity "warning (could not check)",
        title "`_smtp._tls` lookup failed (not the same as no record)",
        help "Make the name servers answer for `_smtp._tls.<domain>`; reporters that cannot \
              read the record send no reports.";
    /// The policy host could not be reached or refused TLS.
    FetchUnreachable => "STS-FETCH-003", rfc 8461 "3.3",
        severity "error",
        title "Policy host unreachable",
        help "Give `mta-sts.<domain>` A or AAAA records and serve HTTPS on port 443 there.";
    /// A status other than 200.
    FetchStatus => "STS-FETCH-004", rfc 8461 "3.3",
        severity "error",
        title "Policy fetch did not answer 200",
        help "Serve the policy at `/.well-known/mta-sts.txt` with status 200.";
    /// A redirect instead of the policy.
    FetchRedirect => "STS-FETCH-005", rfc 8461 "3.3",
        severity "error",
        title "Policy fetch redirected",
        help "Serve the policy directly from `mta-sts.<domain>`: senders never follow redirects.";
    /// A media type other than text/plain.
    FetchContentType => "STS-FETCH-007", rfc 8461 "3.2",
        severity "error for another media type; warning when the header is missing",
        title "Policy not served as text/plain",
        help "Serve the policy with `Content-Type: text/plain` (a charset parameter is fine).";
    /// A charset other than UTF-8 or US-ASCII.
    FetchCharset => "STS-FETCH-008", rfc 8461 "3.2",
        severity "warning",
        title "Policy served with a charset senders ignore",
        help "Use `charset=utf-8` or leave the parameter out: the body is read as UTF-8 anyway.";
    /// The policy host's certificate is not valid for it.
    FetchCertificate => "STS-FETCH-009", rfc 8461 "3.3",
        severity "error",
        title "Policy host certificate not valid",
        help "Install a certificate for `mta-sts.<domain>` from a public CA, with its \
              intermediates; the certificate findings say what is wrong.";
    /// A body over the cap or a slow answer.
    FetchSlowOrLarge => "STS-FETCH-012", rfc 8461 "3.3",
        severity "warning",
        title "Policy fetch too large or too slow",
        help "Keep the policy under 64 KiB and serve it within a few seconds.";
    /// A valid TXT record, but no policy senders could use.
    FetchFailedProtectionOff => "STS-FETCH-016", rfc 8461 "3.3",
        severity "error",
        title "No usable policy: MTA-STS protection is off",
        help "Fix the policy fetch: until senders can fetch a valid policy, they deliver as if \
              the domain had no MTA-STS (those with a cached policy keep it until it expires).";
    /// The policy could not be fetched from where the checker runs.
    FetchUntestable => "STS-FETCH-018", rfc 8461 "3.3",
        severity "warning (could not check)",
        title "Policy could not be fetched from here",
        help "Nothing may be wrong with the policy host: the proxy that fetches it was \
              unreachable or refused. Check again later or from another network.";
    /// A policy is served, but no valid TXT record points to it.
    CacheOrphanPolicy => "STS-CACHE-009", rfc 8461 "8.3",
        severity "warning",
        title "Policy served without a valid TXT record",
        help "Publish the `_mta-sts` TXT record, or finish removing MTA-STS: serve `mode: none` \
              until every cached policy has expired, then remove the policy host.";
    /// The MX did not greet with 220.
    SmtpGreeting => "STS-SMTP-001", rfc 5321 "3.1",
        severity "error",
        title "MX did not greet with 220",
        help "Make the MX greet with a `220` reply; a `421` or `554` greeting turns senders away.";
    /// No STARTTLS in the EHLO reply.
    SmtpNoStarttls => "STS-SMTP-002", rfc 3207 "2",
        severity "error in enforce mode; warning otherwise",
        title "MX does not offer STARTTLS",
        help "Enable STARTTLS on the MX; if it is enabled, look for a middlebox stripping it.";
    /// STARTTLS answered with something other than 220.
    SmtpStarttlsRefused => "STS-SMTP-003", rfc 3207 "4",
        severity "error in enforce mode; warning otherwise",
        title "MX refused STARTTLS",
        help "Fix the MX's TLS configuration: a `454` means it has no usable certificate or key.";
    /// Plaintext after the 220 to STARTTLS.
    SmtpInjection => "STS-SMTP-004", rfc 3207 "4",
        severity "warning",
        title "Plaintext sent after the reply to STARTTLS",
        help "Find what sends bytes between the `220` and the handshake (a buggy server or a \
              middlebox): clients must discard them, and careless ones are open to injection.";
    /// STARTTLS advertised again inside TLS.
    SmtpStarttlsAgain => "STS-SMTP-006", rfc 3207 "4.2",
        severity "warning",
        title "STARTTLS offered again after TLS started",
        help "Configure the MX not to advertise STARTTLS once TLS is up.";
    /// The MX could not be tested from where the probe runs.
    SmtpUntestable => "STS-SMTP-010", rfc 5321 "3.1",
        severity "warning (could not check)",
        title "MX could not be tested",
        help "Nothing may be wrong with the MX: the probe could not reach it from here (port 25 \
              blocked, or the proxy unreachable or rate-limiting). Try again later or from \
              another network.";
    /// The TLS handshake failed.
    SmtpHandshake => "STS-SMTP-011", rfc 8461 "4.2",
        severity "error in enforce mode; warning otherwise",
        title "TLS handshake with the MX failed",
        help "Fix the MX's TLS configuration so that a TLS 1.2 or 1.3 handshake with SNI \
              succeeds.";
    /// The MX speaks only TLS 1.1 or older.
    CertOldTls => "STS-CERT-009", rfc 8461 "7.2",
        severity "error",
        title "MX offers no TLS 1.2 or newer",
        help "Enable TLS 1.2 and 1.3 on the MX; TLS 1.0 and 1.1 are obsolete (RFC 8996).";
    /// An MX host without addresses.
    MxNoAddress => "STS-MX-013", rfc 5321 "5.1",
        severity "error",
        title "MX host has no A or AAAA record",
        help "Give the MX host an address, or remove it from the MX records.";
    /// An MX host at an address the internet cannot reach.
    MxPrivateAddress => "STS-MX-014", rfc 5321 "5.1",
        severity "error",
        title "MX host resolves to a non-public address",
        help "Point the MX host at a public address: senders on the internet cannot reach a \
              private, loopback or reserved one.";
    /// The MX lookup failed.
    MxLookupFailed => "STS-MX-015", rfc 5321 "5.1",
        severity "warning (could not check)",
        title "MX lookup failed",
        help "Make the name servers answer for the domain's MX records; the MX hosts could not \
              be checked meanwhile.";
    /// The domain itself does not exist.
    DomainMissing => "STS-MX-016", rfc 5321 "5.1",
        severity "error",
        title "The domain does not exist (NXDOMAIN)",
        help "Check the spelling: a domain that does not exist in DNS receives no mail, so \
              MTA-STS has nothing to protect. If it should exist, check its delegation at the \
              parent zone.";

    // DANE beside MTA-STS (RFC 7672).

    /// TLSA records that do not match the chain the MX presented.
    DaneMismatch => "STS-DANE-001", rfc 7672 "3.1",
        severity "warning",
        title "TLSA records do not match the MX certificate",
        help "Publish TLSA records for the certificate the MX serves (or serve the certificate \
              they name): DANE senders defer mail whatever MTA-STS says.";
    /// DANE-EE passes while the MTA-STS certificate check fails.
    DaneEePassesAlone => "STS-DANE-002", rfc 7672 "3.1.1",
        severity "info",
        title "DANE passes while the MTA-STS certificate check fails",
        help "DANE-EE(3) ignores names and dates, MTA-STS does not: fix the certificate for \
              MTA-STS senders too.";
    /// PKIX usages in TLSA records for SMTP.
    DanePkixUsage => "STS-DANE-004", rfc 7672 "3.1.3",
        severity "warning",
        title "TLSA record with a PKIX usage (0 or 1)",
        help "Use DANE-EE(3) or DANE-TA(2) for SMTP: many senders treat usages 0 and 1 as \
              unusable.";
    /// TLSA records the resolver did not validate.
    DaneNotValidated => "STS-DANE-005", rfc 7672 "2.2",
        severity "info",
        title "TLSA records not validated by DNSSEC (as reported by the resolver)",
        help "Sign the zone with DNSSEC: senders use TLSA records only when they validate.";

    /// An input over the size the checker reads.
    InputTooLarge => "STS-INPUT-001", rfc 8461 "3.3",
        severity "error",
        title "Input larger than the checker reads",
        help "Check a smaller input: the message names the limit. Senders read at most 64 KiB of \
              a policy, a DNS answer holds at most 65535 bytes, and no real certificate chain \
              comes near 1 MiB.";
    /// A line of pasted text that is not a TXT record in zone-file form.
    InputNotTxt => "STS-INPUT-003", rfc 1035 "5.1",
        severity "error",
        title "Line is not a TXT record",
        help "Paste one record per line, as bare text or as quoted strings as in a zone file or \
              `dig` output: `\"v=STSv1; id=2024\" \"0101\"`.";
    /// Findings left out because one input had too many.
    FindingsTruncated => "STS-INPUT-002", rfc 8461 "3.2",
        severity "the highest severity among the findings left out",
        title "Too many findings: the rest are counted, not shown",
        help "Fix the findings shown and check again to see the rest.";
}
