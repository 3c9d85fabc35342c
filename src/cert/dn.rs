//! Distinguished names written as text for people (RFC 4514 §2): the last RDN first, `,`
//! between RDNs, `+` inside one, `TYPE=value` with the special characters escaped.
//!
//! The output is the one `x509-cert`'s `Display` gives, with one difference in how it is made:
//! `x509-cert` finds attribute names in `const-oid`'s database of every OID it knows (thousands
//! of names, tens of KB in the web app's module), while this module carries only the three arcs
//! that hold directory attribute types. A type outside them is written as its dotted OID and the
//! hex of its DER value, as `x509-cert` writes a type its database does not name; the tests
//! check every name of the three arcs against the database.

use std::fmt::Write;

use const_oid::ObjectIdentifier;
use der::Encode;
use der::asn1::{Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
use der::{Tag, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::Name;

/// X.520 attribute types, `id-at` (2.5.4.n), by their last arc; "" where there is no name.
const ID_AT: [&str; 73] = [
    "OBJECTCLASS",
    "ALIASEDOBJECTNAME",
    "KNOWLEDGEINFORMATION",
    "CN",
    "SN",
    "SERIALNUMBER",
    "C",
    "L",
    "ST",
    "STREET",
    "O",
    "OU",
    "TITLE",
    "DESCRIPTION",
    "SEARCHGUIDE",
    "BUSINESSCATEGORY",
    "POSTALADDRESS",
    "POSTALCODE",
    "POSTOFFICEBOX",
    "PHYSICALDELIVERYOFFICENAME",
    "TELEPHONENUMBER",
    "TELEXNUMBER",
    "TELETEXTERMINALIDENTIFIER",
    "FACSIMILETELEPHONENUMBER",
    "X121ADDRESS",
    "INTERNATIONALISDNNUMBER",
    "REGISTEREDADDRESS",
    "DESTINATIONINDICATOR",
    "PREFERREDDELIVERYMETHOD",
    "PRESENTATIONADDRESS",
    "SUPPORTEDAPPLICATIONCONTEXT",
    "MEMBER",
    "OWNER",
    "ROLEOCCUPANT",
    "SEEALSO",
    "USERPASSWORD",
    "USERCERTIFICATE",
    "CACERTIFICATE",
    "AUTHORITYREVOCATIONLIST",
    "CERTIFICATEREVOCATIONLIST",
    "CROSSCERTIFICATEPAIR",
    "NAME",
    "GN",
    "INITIALS",
    "GENERATIONQUALIFIER",
    "X500UNIQUEIDENTIFIER",
    "DNQUALIFIER",
    "ENHANCEDSEARCHGUIDE",
    "PROTOCOLINFORMATION",
    "DISTINGUISHEDNAME",
    "UNIQUEMEMBER",
    "HOUSEIDENTIFIER",
    "SUPPORTEDALGORITHMS",
    "DELTAREVOCATIONLIST",
    "DMDNAME",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "PSEUDONYM",
    "",
    "",
    "",
    "",
    "",
    "",
    "ID-AT-ROLE",
];

/// COSINE pilot attribute types (0.9.2342.19200300.100.1.n, RFC 4524), such as `DC` and `UID`.
const PILOT: [&str; 61] = [
    "",
    "UID",
    "TEXTENCODEDORADDRESS",
    "MAIL",
    "INFO",
    "DRINK",
    "ROOMNUMBER",
    "PHOTO",
    "USERCLASS",
    "HOST",
    "MANAGER",
    "DOCUMENTIDENTIFIER",
    "DOCUMENTTITLE",
    "DOCUMENTVERSION",
    "DOCUMENTAUTHOR",
    "DOCUMENTLOCATION",
    "",
    "",
    "",
    "",
    "HOMEPHONE",
    "SECRETARY",
    "OTHERMAILBOX",
    "LASTMODIFIEDTIME",
    "LASTMODIFIEDBY",
    "DC",
    "ARECORD",
    "MDRECORD",
    "MXRECORD",
    "NSRECORD",
    "SOARECORD",
    "CNAMERECORD",
    "",
    "",
    "",
    "",
    "",
    "ASSOCIATEDDOMAIN",
    "ASSOCIATEDNAME",
    "HOMEPOSTALADDRESS",
    "PERSONALTITLE",
    "MOBILE",
    "PAGER",
    "CO",
    "UNIQUEIDENTIFIER",
    "ORGANIZATIONALSTATUS",
    "JANETMAILBOX",
    "MAILPREFERENCEOPTION",
    "BUILDINGNAME",
    "DSAQUALITY",
    "SINGLELEVELQUALITY",
    "SUBTREEMINIMUMQUALITY",
    "SUBTREEMAXIMUMQUALITY",
    "PERSONALSIGNATURE",
    "DITREDIRECT",
    "AUDIO",
    "DOCUMENTPUBLISHER",
    "",
    "",
    "",
    "JPEGPHOTO",
];

/// PKCS #9 (1.2.840.113549.1.9.n, RFC 2985), where `EMAIL` (emailAddress) lives.
const PKCS9: [&str; 53] = [
    "PKCS-9-MO",
    "EMAIL",
    "PKCS-9-AT-UNSTRUCTUREDNAME",
    "ID-CONTENTTYPE",
    "ID-MESSAGEDIGEST",
    "ID-SIGNINGTIME",
    "ID-COUNTERSIGNATURE",
    "PKCS-9-AT-CHALLENGEPASSWORD",
    "PKCS-9-AT-UNSTRUCTUREDADDRESS",
    "PKCS-9-AT-EXTENDEDCERTIFICATEATTRIBUTES",
    "PKCS-9-AT-ISSUERANDSERIALNUMBER",
    "PKCS-9-AT-PASSWORDCHECK",
    "PKCS-9-AT-PUBLICKEY",
    "PKCS-9-AT-SIGNINGDESCRIPTION",
    "ID-EXTENSIONREQ",
    "SMIMECAPABILITIES",
    "SMIME",
    "",
    "",
    "",
    "PKCS-9-AT-FRIENDLYNAME",
    "PKCS-9-AT-LOCALKEYID",
    "CERTTYPES",
    "CRLTYPES",
    "PKCS-9-OC",
    "PKCS-9-AT",
    "PKCS-9-SX",
    "PKCS-9-MR",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "ID-AA-CMSALGORITHMPROTECT",
];

/// The arcs above and their names.
const ARCS: [(ObjectIdentifier, &[&str]); 3] = [
    (ObjectIdentifier::new_unwrap("2.5.4"), &ID_AT),
    (
        ObjectIdentifier::new_unwrap("0.9.2342.19200300.100.1"),
        &PILOT,
    ),
    (ObjectIdentifier::new_unwrap("1.2.840.113549.1.9"), &PKCS9),
];

/// `name` as RFC 4514 text, such as `CN=R11,O=Let's Encrypt,C=US`.
pub(crate) fn to_text(name: &Name) -> String {
    let mut text = String::new();
    for (index, rdn) in name
        .iter_rdn()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .enumerate()
    {
        if index > 0 {
            text.push(',');
        }
        for (index, attribute) in rdn.iter().enumerate() {
            if index > 0 {
                text.push('+');
            }
            push_attribute(&mut text, attribute);
        }
    }
    text
}

/// The short upper-case name of an attribute type, when one of the three arcs names it.
fn type_name(oid: &ObjectIdentifier) -> Option<&'static str> {
    let parent = oid.parent()?;
    let last = usize::try_from(oid.arcs().last()?).ok()?;
    ARCS.iter()
        .find(|(arc, _)| *arc == parent)
        .and_then(|(_, names)| names.get(last).copied())
        .filter(|name| !name.is_empty())
}

/// `TYPE=value` for a named type with a string value, `oid=#hex` of the DER value otherwise.
fn push_attribute(text: &mut String, attribute: &AttributeTypeAndValue) {
    let value = &attribute.value;
    let string = match value.tag() {
        Tag::PrintableString => PrintableStringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::Utf8String => Utf8StringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::Ia5String => Ia5StringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::TeletexString => TeletexStringRef::try_from(value).ok().map(|s| s.as_str()),
        _ => None,
    };
    if let (Some(key), Some(string)) = (type_name(&attribute.oid), string) {
        text.push_str(key);
        text.push('=');
        push_escaped(text, string);
        return;
    }

    // Writing to a String cannot fail.
    let _ = write!(text, "{}=#", attribute.oid);
    // A value that was decoded re-encodes; should it not, the hex is left empty, as
    // `x509-cert` stops its output there.
    for byte in value.to_der().unwrap_or_default() {
        let _ = write!(text, "{byte:02x}");
    }
}

/// A value with RFC 4514 §2.4's escapes: a leading `#`, a leading or trailing space, the
/// special characters, and control characters as `\hh`.
fn push_escaped(text: &mut String, value: &str) {
    let mut characters = value.char_indices().peekable();
    while let Some((at, character)) = characters.next() {
        match character {
            '#' if at == 0 => text.push_str("\\#"),
            ' ' if at == 0 || characters.peek().is_none() => text.push_str("\\ "),
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                text.push('\\');
                text.push(character);
            }
            '\x00'..='\x1f' | '\x7f' => {
                let _ = write!(text, "\\{:02x}", character as u8);
            }
            _ => text.push(character),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use const_oid::db::DB;
    use der::Decode;
    use der::asn1::Any;
    use x509_cert::name::{RdnSequence, RelativeDistinguishedName};

    use super::*;

    /// The name `x509-cert` writes for `oid`: the shortest in the database, upper case.
    fn database_name(oid: ObjectIdentifier) -> Option<String> {
        let mut best: Option<&str> = None;
        for name in DB.find_names_for_oid(oid) {
            if best.is_none_or(|best| name.len() < best.len()) {
                best = Some(name);
            }
        }
        best.map(str::to_ascii_uppercase)
    }

    #[test]
    fn names_each_type_of_the_three_arcs_as_the_oid_database_does() {
        for (arc, _) in ARCS {
            for last in 0..200 {
                let oid = arc.push_arc(last).unwrap();
                assert_eq!(
                    type_name(&oid).map(str::to_owned),
                    database_name(oid),
                    "{oid}"
                );
            }
        }
    }

    /// One RDN holding one attribute of type `oid` with `value` (DER of the value).
    fn rdn(oid: &str, value: &[u8]) -> RelativeDistinguishedName {
        let attribute = AttributeTypeAndValue {
            oid: ObjectIdentifier::new_unwrap(oid),
            value: Any::from_der(value).unwrap(),
        };
        RelativeDistinguishedName::try_from(vec![attribute]).unwrap()
    }

    fn name_of(rdns: Vec<RelativeDistinguishedName>) -> Name {
        let sequence = RdnSequence::from(rdns);
        Name::from_der(&sequence.to_der().unwrap()).unwrap()
    }

    #[test]
    fn writes_names_as_x509_cert_does() {
        let names = [
            "CN=R11,O=Let's Encrypt,C=US",
            r#"CN=James \"Jim\" Smith\, III,DC=example,DC=net"#,
            "OU=Sales+CN=J.  Smith,DC=example,DC=net",
            r"CN=\#hash\ ,O=\ lead,L=a\+b\;c\<d\>e\\f",
            "1.3.6.1.4.1.1466.0=#04024869,CN=x",
            "UID=jsmith,STREET=1 Road,ST=Somewhere,SERIALNUMBER=1234",
        ];
        for text in names {
            let name = Name::from_str(text).unwrap();
            assert_eq!(to_text(&name), name.to_string(), "{text}");
        }

        let odd = name_of(vec![
            // A control character in a UTF8String, escaped as hex.
            rdn("2.5.4.3", b"\x0c\x03a\x01b"),
            // A named type with a BMPString value, which is written as hex.
            rdn("2.5.4.10", b"\x1e\x02\x00A"),
            // An emailAddress in an IA5String.
            rdn("1.2.840.113549.1.9.1", b"\x16\x05a@b.c"),
            // A jurisdiction country (EV certificates), which no arc here names.
            rdn("1.3.6.1.4.1.311.60.2.1.3", b"\x13\x02DE"),
            // A TeletexString.
            rdn("2.5.4.11", b"\x14\x02ou"),
        ]);
        assert_eq!(to_text(&odd), odd.to_string());
        assert_eq!(
            to_text(&odd),
            "OU=ou,1.3.6.1.4.1.311.60.2.1.3=#13024445,EMAIL=a@b.c,2.5.4.10=#1e020041,CN=a\\01b"
        );
    }

    #[test]
    fn writes_every_built_in_root_as_x509_cert_does() {
        for root in webpki_roots::TLS_SERVER_ROOTS {
            let der = super::super::anchors::wrap_sequence(root.subject.as_ref());
            let name = Name::from_der(&der).unwrap();
            assert_eq!(to_text(&name), name.to_string());
        }
        // The empty name writes as nothing.
        assert_eq!(to_text(&name_of(Vec::new())), "");
    }
}
