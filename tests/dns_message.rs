//! DNS messages in wire format: queries built here are read by hickory-proto (an independent
//! implementation), and responses written by the lab's DNS zone (hickory-proto again) are read
//! here, for every record type, CNAME chains, the AD bit and each response code; then hostile
//! messages, each an error with its offset, never a panic.

#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]

use hickory_proto::op::Message;
use hickory_proto::rr::RData;
use hickory_proto::rr::rdata::TLSA;
use hickory_proto::rr::rdata::tlsa::{CertUsage, Matching, Selector};

use mta_sts_check::dns_message::{DnsMessageError, RecordType, build_query, read_response};
use mta_sts_check::facts::{DnsRecord, DnsStatus, TxtString};
use mta_sts_check_lab::dns::{Behaviour, Zone};

fn zone() -> Zone {
    Zone::new()
        .txt("_mta-sts.example.com", &["v=STSv1; ", "id=2024"])
        .txt("_mta-sts.example.com", &["v=spf1 -all"])
        .mx("example.com", 20, "mx2.example.com")
        .mx("example.com", 10, "mx1.example.com")
        .a("mx1.example.com", "192.0.2.1")
        .a("mx1.example.com", "2001:db8::1")
        .cname("_mta-sts.alias.example", "_mta-sts.provider.example")
        .cname("_mta-sts.provider.example", "_mta-sts.final.example")
        .txt("_mta-sts.final.example", &["v=STSv1; id=delegated"])
        .behave("_mta-sts.broken.example", Behaviour::ServFail)
        .authenticated("signed.example")
        .a("signed.example", "192.0.2.7")
        .record(
            "_25._tcp.mx1.example.com",
            RData::TLSA(TLSA::new(
                CertUsage::DaneEe,
                Selector::Spki,
                Matching::Sha256,
                vec![0xab; 32],
            )),
        )
}

fn ask(name: &str, record_type: RecordType) -> mta_sts_check::facts::DnsAnswer {
    let query = build_query(name, record_type).expect("a valid name");
    let response = zone().respond(&query).expect("the zone answers");
    read_response(&response, name, record_type).expect("a readable response")
}

#[test]
fn queries_are_valid_dns_messages() {
    let query = build_query("_mta-sts.Example.COM.", RecordType::Txt).expect("a query");
    let message = Message::from_vec(&query).expect("hickory reads it");
    assert_eq!(message.metadata.id, 0, "RFC 8484 asks for id 0");
    assert!(message.metadata.recursion_desired);
    assert!(
        message.metadata.authentic_data,
        "AD asks the resolver to say whether it validated"
    );
    assert_eq!(message.queries.len(), 1);
    assert_eq!(message.queries[0].name.to_ascii(), "_mta-sts.Example.COM.");
    assert!(message.edns.is_some());

    assert!(build_query(&"a".repeat(64), RecordType::A).is_none());
    assert!(build_query("a..b", RecordType::A).is_none());
    let long = vec!["a".repeat(63); 5].join(".");
    assert!(
        build_query(&long, RecordType::A).is_none(),
        "over 255 bytes"
    );
}

#[test]
fn every_record_type_is_read() {
    let txt = ask("_mta-sts.example.com", RecordType::Txt);
    assert_eq!(txt.status, DnsStatus::Answer);
    assert_eq!(
        txt.records[0],
        DnsRecord::Txt {
            strings: vec![
                TxtString(b"v=STSv1; ".to_vec()),
                TxtString(b"id=2024".to_vec())
            ]
        }
    );
    assert_eq!(txt.txt_records().len(), 2);

    let mx = ask("example.com", RecordType::Mx);
    assert!(mx.records.contains(&DnsRecord::Mx {
        preference: 10,
        exchange: "mx1.example.com".to_owned()
    }));
    assert_eq!(mx.records.len(), 2);

    let a = ask("mx1.example.com", RecordType::A);
    assert_eq!(
        a.records,
        [DnsRecord::A {
            address: "192.0.2.1".parse().expect("an address")
        }]
    );
    let aaaa = ask("MX1.example.com.", RecordType::Aaaa);
    assert_eq!(
        aaaa.records,
        [DnsRecord::Aaaa {
            address: "2001:db8::1".parse().expect("ip")
        }]
    );

    let tlsa = ask("_25._tcp.mx1.example.com", RecordType::Tlsa);
    assert_eq!(
        tlsa.records,
        [DnsRecord::Tlsa {
            usage: 3,
            selector: 1,
            matching_type: 1,
            data_hex: "ab".repeat(32)
        }]
    );
}

#[test]
fn absence_failure_aliases_and_signatures_are_told_apart() {
    assert_eq!(
        ask("nothing.example", RecordType::Txt).status,
        DnsStatus::NxDomain
    );
    assert_eq!(
        ask("mx1.example.com", RecordType::Txt).status,
        DnsStatus::NoData
    );
    assert_eq!(
        ask("_mta-sts.broken.example", RecordType::Txt).status,
        DnsStatus::ServFail
    );

    let alias = ask("_mta-sts.alias.example", RecordType::Txt);
    assert_eq!(
        alias.cname_chain,
        ["_mta-sts.provider.example", "_mta-sts.final.example"]
    );
    assert_eq!(
        alias.txt_records(),
        [vec![b"v=STSv1; id=delegated".to_vec()]]
    );

    assert!(ask("signed.example", RecordType::A).authenticated);
    assert!(!ask("mx1.example.com", RecordType::A).authenticated);
}

#[test]
fn hostile_messages_are_errors_with_their_offset() {
    let query = build_query("example.com", RecordType::A).expect("a query");
    let response = zone()
        .respond(&build_query("mx1.example.com", RecordType::A).expect("q"))
        .expect("an answer");

    assert!(matches!(
        read_response(&query, "example.com", RecordType::A),
        Err(DnsMessageError::Mismatch { .. })
    ));
    assert!(matches!(
        read_response(&response, "example.com", RecordType::A),
        Err(DnsMessageError::Mismatch { .. })
    ));
    for cut in 0..response.len() {
        let result = read_response(&response[..cut], "mx1.example.com", RecordType::A);
        assert!(result.is_err(), "cut at {cut}");
    }

    // A name that points at itself, and one that points forward.
    let mut looping = response.clone();
    looping[12] = 0xc0;
    looping[13] = 12;
    assert_eq!(
        read_response(&looping, "mx1.example.com", RecordType::A),
        Err(DnsMessageError::BadName { at: 12 })
    );
    let mut forward = response.clone();
    forward[12] = 0xc0;
    forward[13] = 40;
    assert!(matches!(
        read_response(&forward, "mx1.example.com", RecordType::A),
        Err(DnsMessageError::BadName { .. })
    ));

    let huge = vec![0u8; 70_000];
    assert_eq!(
        read_response(&huge, "a.example", RecordType::A),
        Err(DnsMessageError::TooLarge { len: 70_000 })
    );
}

#[test]
fn a_truncated_answer_and_an_endless_alias_chain_are_failures_not_absence() {
    let query = build_query("mx1.example.com", RecordType::A).expect("q");
    let mut truncated = zone().respond(&query).expect("an answer");
    truncated[2] |= 0x02;
    assert!(matches!(
        read_response(&truncated, "mx1.example.com", RecordType::A),
        Err(DnsMessageError::Mismatch { .. })
    ));

    let looping = Zone::new()
        .cname("_mta-sts.loop.example", "_mta-sts.round.example")
        .cname("_mta-sts.round.example", "_mta-sts.loop.example");
    let query = build_query("_mta-sts.loop.example", RecordType::Txt).expect("q");
    let response = looping.respond(&query).expect("an answer");
    assert!(matches!(
        read_response(&response, "_mta-sts.loop.example", RecordType::Txt),
        Err(DnsMessageError::Mismatch { .. })
    ));
    let answer = mta_sts_check::dns_message::answer_from_doh(
        "_mta-sts.loop.example",
        RecordType::Txt,
        200,
        &response,
    );
    assert_eq!(answer.status, DnsStatus::Refused);
}
