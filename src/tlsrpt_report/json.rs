//! The typed JSON pass over a report: serde visitors that read exactly the members of RFC 8460
//! §4.4 into small structs, borrowing strings from the input, and skip everything else without
//! building a tree.
//!
//! The pass never fails on a wrong type: a member of the wrong kind is kept as [`Shape::Wrong`]
//! or [`Scalar::Other`] for the judge to report with its JSON path. It fails only on JSON syntax,
//! nesting deeper than serde_json's recursion limit (128), or trailing data.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The kind of a JSON value, for messages about wrong types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    String,
    Number,
    Bool,
    Null,
    Array,
    Object,
}

impl Kind {
    /// `a string`, `an array`, ...
    pub(crate) const fn phrase(self) -> &'static str {
        match self {
            Self::String => "a string",
            Self::Number => "a number",
            Self::Bool => "true or false",
            Self::Null => "null",
            Self::Array => "an array",
            Self::Object => "an object",
        }
    }
}

/// A JSON value kept when it is a string or a number, and only named otherwise.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar<'de> {
    Str(Cow<'de, str>),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Other(Kind),
}

impl Scalar<'_> {
    pub(crate) const fn kind(&self) -> Kind {
        match self {
            Self::Str(_) => Kind::String,
            Self::Unsigned(_) | Self::Signed(_) | Self::Float(_) => Kind::Number,
            Self::Other(kind) => *kind,
        }
    }
}

/// A member that should be an object or an array: missing, of another kind, or read.
#[derive(Debug, Default, PartialEq)]
pub(crate) enum Shape<T> {
    #[default]
    Missing,
    Wrong(Kind),
    Value(T),
}

/// An object's members, with those that came more than once.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Object<T> {
    pub(crate) fields: T,
    pub(crate) repeated: Vec<Member>,
}

/// An array of objects; `single` when one object was given where the array belongs.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Items<T> {
    pub(crate) items: Vec<Shape<Object<T>>>,
    pub(crate) single: bool,
}

/// A member that should be an array of strings, given as one string or as an array.
#[derive(Debug, PartialEq)]
pub(crate) enum Strings<'de> {
    One(Cow<'de, str>),
    Many(Vec<Scalar<'de>>),
}

/// Declares [`Member`]: every member name of RFC 8460 §4.4, matched without allocating.
macro_rules! members {
    ($($variant:ident => $name:literal,)*) => {
        /// A member name of the report format.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum Member { $($variant,)* }

        impl Member {
            fn from_name(name: &str) -> Option<Self> {
                match name { $($name => Some(Self::$variant),)* _ => None }
            }

            pub(crate) const fn name(self) -> &'static str {
                match self { $(Self::$variant => $name,)* }
            }
        }
    };
}

members! {
    OrganizationName => "organization-name",
    DateRange => "date-range",
    ContactInfo => "contact-info",
    ReportId => "report-id",
    Policies => "policies",
    StartDatetime => "start-datetime",
    EndDatetime => "end-datetime",
    Policy => "policy",
    Summary => "summary",
    FailureDetails => "failure-details",
    PolicyType => "policy-type",
    PolicyString => "policy-string",
    PolicyDomain => "policy-domain",
    MxHost => "mx-host",
    TotalSuccessful => "total-successful-session-count",
    TotalFailure => "total-failure-session-count",
    ResultType => "result-type",
    SendingMtaIp => "sending-mta-ip",
    ReceivingMxHostname => "receiving-mx-hostname",
    ReceivingMxHelo => "receiving-mx-helo",
    ReceivingIp => "receiving-ip",
    FailedSessionCount => "failed-session-count",
    AdditionalInformation => "additional-information",
    FailureReasonCode => "failure-reason-code",
}

/// The members of one kind of object; unknown members are skipped by the caller.
pub(crate) trait Fields<'de>: Default {
    /// Reads the value of `member`, or skips it when this object has no such member.
    fn read<A: MapAccess<'de>>(&mut self, member: Member, map: &mut A) -> Result<(), A::Error>;
}

/// The top level of a report.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct ReportFields<'de> {
    pub(crate) organization_name: Option<Scalar<'de>>,
    pub(crate) date_range: Shape<Object<DateRangeFields<'de>>>,
    pub(crate) contact_info: Option<Scalar<'de>>,
    pub(crate) report_id: Option<Scalar<'de>>,
    pub(crate) policies: Shape<Items<PolicyEntryFields<'de>>>,
}

/// `date-range`.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct DateRangeFields<'de> {
    pub(crate) start: Option<Scalar<'de>>,
    pub(crate) end: Option<Scalar<'de>>,
}

/// One element of `policies`.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct PolicyEntryFields<'de> {
    pub(crate) policy: Shape<Object<PolicyFields<'de>>>,
    pub(crate) summary: Shape<Object<SummaryFields<'de>>>,
    pub(crate) failure_details: Shape<Items<FailureFields<'de>>>,
}

/// `policy`.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct PolicyFields<'de> {
    pub(crate) policy_type: Option<Scalar<'de>>,
    pub(crate) policy_string: Shape<Strings<'de>>,
    pub(crate) policy_domain: Option<Scalar<'de>>,
    pub(crate) mx_host: Shape<Strings<'de>>,
}

/// `summary`.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct SummaryFields<'de> {
    pub(crate) successful: Option<Scalar<'de>>,
    pub(crate) failed: Option<Scalar<'de>>,
}

/// One element of `failure-details`.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct FailureFields<'de> {
    pub(crate) result_type: Option<Scalar<'de>>,
    pub(crate) sending_mta_ip: Option<Scalar<'de>>,
    pub(crate) receiving_mx_hostname: Option<Scalar<'de>>,
    pub(crate) receiving_mx_helo: Option<Scalar<'de>>,
    pub(crate) receiving_ip: Option<Scalar<'de>>,
    pub(crate) failed_session_count: Option<Scalar<'de>>,
    pub(crate) additional_information: Option<Scalar<'de>>,
    pub(crate) failure_reason_code: Option<Scalar<'de>>,
}

fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

impl<'de> Fields<'de> for ReportFields<'de> {
    fn read<A: MapAccess<'de>>(&mut self, member: Member, map: &mut A) -> Result<(), A::Error> {
        match member {
            Member::OrganizationName => self.organization_name = Some(map.next_value()?),
            Member::DateRange => self.date_range = map.next_value()?,
            Member::ContactInfo => self.contact_info = Some(map.next_value()?),
            Member::ReportId => self.report_id = Some(map.next_value()?),
            Member::Policies => self.policies = map.next_value()?,
            _ => skip(map)?,
        }
        Ok(())
    }
}

impl<'de> Fields<'de> for DateRangeFields<'de> {
    fn read<A: MapAccess<'de>>(&mut self, member: Member, map: &mut A) -> Result<(), A::Error> {
        match member {
            Member::StartDatetime => self.start = Some(map.next_value()?),
            Member::EndDatetime => self.end = Some(map.next_value()?),
            _ => skip(map)?,
        }
        Ok(())
    }
}

impl<'de> Fields<'de> for PolicyEntryFields<'de> {
    fn read<A: MapAccess<'de>>(&mut self, member: Member, map: &mut A) -> Result<(), A::Error> {
        match member {
            Member::Policy => self.policy = map.next_value()?,
            Member::Summary => self.summary = map.next_value()?,
            Member::FailureDetails => self.failure_details = map.next_value()?,
            _ => skip(map)?,
        }
        Ok(())
    }
}

impl<'de> Fields<'de> for PolicyFields<'de> {
    fn read<A: MapAccess<'de>>(&mut self, member: Member, map: &mut A) -> Result<(), A::Error> {
        match member {
            Member::PolicyType => self.policy_type = Some(map.next_value()?),
            Member::PolicyString => self.policy_string = map.next_value()?,
            Member::PolicyDomain => self.policy_domain = Some(map.next_value()?),
            Member::MxHost => self.mx_host = map.next_value()?,
            _ => skip(map)?,
        }
        Ok(())
    }
}

impl<'de> Fields<'de> for SummaryFields<'de> {
    fn read<A: MapAccess<'de>>(&mut self, member: Member, map: &mut A) -> Result<(), A::Error> {
        match member {
            Member::TotalSuccessful => self.successful = Some(map.next_value()?),
            Member::TotalFailure => self.failed = Some(map.next_value()?),
            _ => skip(map)?,
        }
        Ok(())
    }
}

impl<'de> Fields<'de> for FailureFields<'de> {
    fn read<A: MapAccess<'de>>(&mut self, member: Member, map: &mut A) -> Result<(), A::Error> {
        let slot = match member {
            Member::ResultType => &mut self.result_type,
            Member::SendingMtaIp => &mut self.sending_mta_ip,
            Member::ReceivingMxHostname => &mut self.receiving_mx_hostname,
            Member::ReceivingMxHelo => &mut self.receiving_mx_helo,
            Member::ReceivingIp => &mut self.receiving_ip,
            Member::FailedSessionCount => &mut self.failed_session_count,
            Member::AdditionalInformation => &mut self.additional_information,
            Member::FailureReasonCode => &mut self.failure_reason_code,
            _ => return skip(map),
        };
        *slot = Some(map.next_value()?);
        Ok(())
    }
}

/// A member name, matched against the names of the format as it is read.
struct Key(Option<Member>);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
                Ok(Key(Member::from_name(name)))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

fn read_object<'de, T: Fields<'de>, A: MapAccess<'de>>(mut map: A) -> Result<Object<T>, A::Error> {
    let mut object = Object::<T>::default();
    let mut seen: u32 = 0;
    while let Some(Key(member)) = map.next_key::<Key>()? {
        let Some(member) = member else {
            // FIXME: member names the format does not define are not checked for duplicates
            // (TLSRPT-REPORT-001), since they are skipped without being kept.
            skip(&mut map)?;
            continue;
        };
        let bit = 1u32 << (member as u32);
        if seen & bit != 0 {
            object.repeated.push(member);
        }
        seen |= bit;
        object.fields.read(member, &mut map)?;
    }
    Ok(object)
}

fn drain<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// The visitor methods for the kinds of value a visitor does not expect: each becomes
/// `$wrong(kind)`.
macro_rules! wrong_scalars {
    ($self:ident, $wrong:expr) => {
        fn visit_bool<E: de::Error>($self, _: bool) -> Result<Self::Value, E> {
            Ok($wrong(Kind::Bool))
        }
        fn visit_i64<E: de::Error>($self, _: i64) -> Result<Self::Value, E> {
            Ok($wrong(Kind::Number))
        }
        fn visit_u64<E: de::Error>($self, _: u64) -> Result<Self::Value, E> {
            Ok($wrong(Kind::Number))
        }
        fn visit_f64<E: de::Error>($self, _: f64) -> Result<Self::Value, E> {
            Ok($wrong(Kind::Number))
        }
        fn visit_unit<E: de::Error>($self) -> Result<Self::Value, E> {
            Ok($wrong(Kind::Null))
        }
        fn visit_none<E: de::Error>($self) -> Result<Self::Value, E> {
            Ok($wrong(Kind::Null))
        }
    };
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Scalar::Other(Kind::Bool))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
                Ok(u64::try_from(value).map_or(Scalar::Signed(value), Scalar::Unsigned))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
                Ok(Scalar::Unsigned(value))
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
                Ok(Scalar::Float(value))
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Borrowed(text)))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Owned(text.to_owned())))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Owned(text)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Other(Kind::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Other(Kind::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                drain(seq).map(|()| Scalar::Other(Kind::Array))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                drain_map(map).map(|()| Scalar::Other(Kind::Object))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

impl<'de, T: Fields<'de>> Deserialize<'de> for Shape<Object<T>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Fields<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = Shape<Object<T>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            wrong_scalars!(self, Shape::Wrong);
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Shape::Wrong(Kind::String))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                drain(seq).map(|()| Shape::Wrong(Kind::Array))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                read_object(map).map(Shape::Value)
            }
        }
        deserializer.deserialize_any(ObjectVisitor(std::marker::PhantomData))
    }
}

impl<'de, T: Fields<'de>> Deserialize<'de> for Shape<Items<T>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemsVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Fields<'de>> Visitor<'de> for ItemsVisitor<T> {
            type Value = Shape<Items<T>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of objects")
            }
            wrong_scalars!(self, Shape::Wrong);
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Shape::Wrong(Kind::String))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Shape<Object<T>>>()? {
                    items.push(item);
                }
                Ok(Shape::Value(Items {
                    items,
                    single: false,
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let item = read_object(map)?;
                Ok(Shape::Value(Items {
                    items: vec![Shape::Value(item)],
                    single: true,
                }))
            }
        }
        deserializer.deserialize_any(ItemsVisitor(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for Shape<Strings<'de>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StringsVisitor;
        impl<'de> Visitor<'de> for StringsVisitor {
            type Value = Shape<Strings<'de>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of strings")
            }
            wrong_scalars!(self, Shape::Wrong);
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Shape::Value(Strings::One(Cow::Borrowed(text))))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Shape::Value(Strings::One(Cow::Owned(text.to_owned()))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Scalar<'de>>()? {
                    items.push(item);
                }
                Ok(Shape::Value(Strings::Many(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                drain_map(map).map(|()| Shape::Wrong(Kind::Object))
            }
        }
        deserializer.deserialize_any(StringsVisitor)
    }
}

// FIXME: one report's entries are all held as read until the report is judged, so a single
// report of 100 MB takes about 60 MB of memory besides its input.

/// One top-level value of a document: a report object, or the kind of value found instead.
pub(crate) type Entry<'de> = Result<Object<ReportFields<'de>>, Kind>;

/// Reads a document holding one report object or an array of them, handing each to `each` as
/// soon as it is read, so that memory does not grow with the number of reports. The index is
/// the position in the array, `None` for a document that is one object.
pub(crate) struct Document<'f, F> {
    pub(crate) each: &'f mut F,
}

impl<'de, F: FnMut(Option<usize>, Entry<'de>)> DeserializeSeed<'de> for Document<'_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, F: FnMut(Option<usize>, Entry<'de>)> Visitor<'de> for Document<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a report object or an array of report objects")
    }

    wrong_scalars!(self, |kind| (self.each)(None, Err(kind)));

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        (self.each)(None, Err(Kind::String));
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let report = read_object(map)?;
        (self.each)(None, Ok(report));
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(item) = seq.next_element::<Shape<Object<ReportFields<'de>>>>()? {
            let entry = match item {
                Shape::Value(report) => Ok(report),
                Shape::Wrong(kind) => Err(kind),
                Shape::Missing => Err(Kind::Null),
            };
            (self.each)(Some(index), entry);
            index += 1;
        }
        Ok(())
    }
}
