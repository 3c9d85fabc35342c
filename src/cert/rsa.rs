//! RSA as the certificate judge needs it: reading a public key from a `SubjectPublicKeyInfo`,
//! and verifying an RSASSA-PKCS1-v1_5 signature (RFC 8017 §8.2.2). The encoded message a good
//! signature must open to is built from the hash and compared whole, byte for byte (§9.2). What
//! the signature opens to is never parsed: lenient parsers of it are how signatures were forged
//! for exponent-3 keys (Bleichenbacher, 2006).
//!
//! Verification handles public data only, so the code aims to be clear, not constant-time. The
//! arithmetic is in `rsa/arithmetic.rs`.

mod arithmetic;

use std::cmp::Ordering;
use std::fmt;

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, Null, UintRef};
use der::{Decode, DecodeValue, Header, Reader, Sequence};
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::algorithm::Hash;
use arithmetic::{OddModulus, be_bytes_from_limbs, compare, limbs_from_be_bytes};

/// The smallest modulus verified. Keys below it are reported as weak by the judge
/// (STS-CERT-022, which starts at 2048 bits) and their signatures as not verifiable.
const MIN_MODULUS_BITS: usize = 1024;

/// The largest modulus verified: the work of one verification grows with the square of the
/// size, and the path builder may try up to 256 signatures on hostile input.
const MAX_MODULUS_BITS: usize = 8192;

/// The longest signature a key this checker takes can make.
pub(crate) const MAX_SIGNATURE_BYTES: usize = MAX_MODULUS_BITS / 8;

/// The largest public exponent taken, 2³³ − 1, as in RustCrypto and *ring*: huge exponents only
/// make verification slow ("RSADoS"). Real keys use 65537, very old ones 3.
const MAX_PUBLIC_EXPONENT: u64 = (1 << 33) - 1;

/// `rsaEncryption` (RFC 8017 §A.1), whose parameters must be NULL.
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// `id-RSASSA-PSS` (RFC 4055 §1.2) without parameters.
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");

/// The DER `DigestInfo` (RFC 8017 §9.2, note 1) up to the digest itself: a SEQUENCE of the
/// hash's `AlgorithmIdentifier` with NULL parameters, and the OCTET STRING header of the digest.
const SHA1_DIGEST_INFO_PREFIX: &[u8] = &[
    0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14,
];
const SHA256_DIGEST_INFO_PREFIX: &[u8] = &[
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];
const SHA384_DIGEST_INFO_PREFIX: &[u8] = &[
    0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05,
    0x00, 0x04, 0x30,
];
const SHA512_DIGEST_INFO_PREFIX: &[u8] = &[
    0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05,
    0x00, 0x04, 0x40,
];

/// `RSAPublicKey` (RFC 8017 §A.1.1) as DER holds it. `UintRef` refuses negative and non-minimal
/// integers, and the SEQUENCE must hold the two integers and nothing else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RsaPublicKeyDer<'a> {
    modulus: UintRef<'a>,
    public_exponent: UintRef<'a>,
}

impl<'a> DecodeValue<'a> for RsaPublicKeyDer<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        Ok(Self {
            modulus: reader.decode()?,
            public_exponent: reader.decode()?,
        })
    }
}

impl<'a> Sequence<'a> for RsaPublicKeyDer<'a> {}

impl RsaPublicKeyDer<'_> {
    /// The size of the modulus in bits, as key sizes are given.
    pub(crate) fn modulus_bits(&self) -> usize {
        bit_length_be(self.modulus.as_bytes())
    }
}

/// Why a key is not one this checker verifies with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyError {
    /// The `SubjectPublicKeyInfo`, or the `RSAPublicKey` inside it, is not DER.
    Der(der::Error),
    /// The algorithm is neither `rsaEncryption` with NULL parameters nor `id-RSASSA-PSS` without.
    Algorithm,
    /// The key's BIT STRING does not end on a byte boundary.
    UnusedBits,
    /// The modulus is shorter than 1024 bits or longer than 8192.
    ModulusSize { bits: usize },
    /// The modulus is even, so not a product of two odd primes.
    EvenModulus,
    /// The public exponent is even, below 3, or above 2³³ − 1.
    PublicExponent,
}

impl From<der::Error> for KeyError {
    fn from(error: der::Error) -> Self {
        Self::Der(error)
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Der(error) => write!(f, "the RSA key is not valid DER: {error}"),
            Self::Algorithm => f.write_str("the key is not an RSA key for PKCS #1 v1.5"),
            Self::UnusedBits => f.write_str("the RSA key's bit string has unused bits"),
            Self::ModulusSize { bits } => write!(
                f,
                "the RSA modulus has {bits} bits, outside {MIN_MODULUS_BITS} to {MAX_MODULUS_BITS}"
            ),
            Self::EvenModulus => f.write_str("the RSA modulus is even"),
            Self::PublicExponent => f.write_str("the RSA public exponent is out of range"),
        }
    }
}

impl std::error::Error for KeyError {}

/// Why a signature does not verify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SignatureError {
    /// RFC 8017 §8.2.2 step 1: the signature is not exactly as long as the modulus.
    Length { expected: usize, found: usize },
    /// Step 2 (RSAVP1 step 1): the signature, read as a number, is not below the modulus.
    NotBelowModulus,
    /// Step 3 (EMSA-PKCS1-v1_5 step 3): the modulus is too short to hold the `DigestInfo` and
    /// eight bytes of padding.
    ModulusTooShort,
    /// Step 4: the signature opens to something else than the encoded message expected.
    EncodedMessageMismatch,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Length { expected, found } => {
                write!(
                    f,
                    "the signature has {found} bytes where the key needs {expected}"
                )
            }
            Self::NotBelowModulus => f.write_str("the signature is not below the modulus"),
            Self::ModulusTooShort => f.write_str("the modulus is too short for this digest"),
            Self::EncodedMessageMismatch => f.write_str("the signature does not match the message"),
        }
    }
}

impl std::error::Error for SignatureError {}

/// The DER `DigestInfo` of a message: the `T` of EMSA-PKCS1-v1_5 (RFC 8017 §9.2 step 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DigestInfo(Vec<u8>);

impl DigestInfo {
    /// Hashes `message`; `None` for MD5, whose collisions make its signatures worthless, so
    /// they are reported as not verifiable rather than checked.
    pub(crate) fn new(hash: Hash, message: &[u8]) -> Option<Self> {
        let (prefix, digest) = match hash {
            Hash::Sha1 => (
                SHA1_DIGEST_INFO_PREFIX,
                sha1::Sha1::digest(message).to_vec(),
            ),
            Hash::Sha256 => (SHA256_DIGEST_INFO_PREFIX, Sha256::digest(message).to_vec()),
            Hash::Sha384 => (SHA384_DIGEST_INFO_PREFIX, Sha384::digest(message).to_vec()),
            Hash::Sha512 => (SHA512_DIGEST_INFO_PREFIX, Sha512::digest(message).to_vec()),
            Hash::Md5 => return None,
        };
        Some(Self([prefix, &digest].concat()))
    }
}

/// An RSA public key fit for verification: the modulus is odd and 1024 to 8192 bits long, and
/// the public exponent odd and from 3 to 2³³ − 1 (so it is below the modulus too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PublicKey {
    modulus: OddModulus,
    /// The modulus's length in bytes: `k` in RFC 8017.
    modulus_len: usize,
    public_exponent: u64,
}

impl PublicKey {
    /// Reads the key from DER `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7, RFC 3279 §2.3.1).
    ///
    /// A parameterless `id-RSASSA-PSS` key is taken too, as the judge always has. RFC 4055
    /// §1.2 restricts such keys to PSS signatures, which this checker does not verify.
    pub(crate) fn from_spki(spki_der: &[u8]) -> Result<Self, KeyError> {
        let spki = spki::SubjectPublicKeyInfoRef::from_der(spki_der)?;
        let algorithm = &spki.algorithm;
        let algorithm_fits = if algorithm.oid == RSA_ENCRYPTION {
            algorithm.parameters == Some(AnyRef::from(Null))
        } else {
            algorithm.oid == RSASSA_PSS && algorithm.parameters.is_none()
        };
        if !algorithm_fits {
            return Err(KeyError::Algorithm);
        }
        let key_der = spki
            .subject_public_key
            .as_bytes()
            .ok_or(KeyError::UnusedBits)?;
        let key = RsaPublicKeyDer::from_der(key_der)?;
        Self::from_integers(key.modulus.as_bytes(), key.public_exponent.as_bytes())
    }

    /// The key from the big-endian modulus and public exponent.
    fn from_integers(modulus: &[u8], public_exponent: &[u8]) -> Result<Self, KeyError> {
        let bits = bit_length_be(modulus);
        if !(MIN_MODULUS_BITS..=MAX_MODULUS_BITS).contains(&bits) {
            return Err(KeyError::ModulusSize { bits });
        }
        let modulus = OddModulus::from_be_bytes(modulus).ok_or(KeyError::EvenModulus)?;

        let public_exponent = u64_from_be_bytes(public_exponent)
            .filter(|&e| e % 2 == 1 && (3..=MAX_PUBLIC_EXPONENT).contains(&e))
            .ok_or(KeyError::PublicExponent)?;
        Ok(Self {
            modulus,
            modulus_len: bits.div_ceil(8),
            public_exponent,
        })
    }

    /// RSASSA-PKCS1-v1_5-VERIFY (RFC 8017 §8.2.2) of `signature` over the message whose
    /// `DigestInfo` is `digest_info`.
    pub(crate) fn verify(
        &self,
        digest_info: &DigestInfo,
        signature: &[u8],
    ) -> Result<(), SignatureError> {
        let length_error = SignatureError::Length {
            expected: self.modulus_len,
            found: signature.len(),
        };
        if signature.len() != self.modulus_len {
            return Err(length_error);
        }
        // The signature has as many bytes as the modulus, so it fits in as many limbs.
        let signature =
            limbs_from_be_bytes(signature, self.modulus.limbs().len()).ok_or(length_error)?;
        if compare(&signature, self.modulus.limbs()) != Ordering::Less {
            return Err(SignatureError::NotBelowModulus);
        }

        let opened = self.modulus.pow(&signature, self.public_exponent);
        // Below the modulus, so it fits in its length: I2OSP cannot fail here.
        let encoded_message = be_bytes_from_limbs(&opened, self.modulus_len);
        if encoded_message == expected_encoded_message(digest_info, self.modulus_len)? {
            Ok(())
        } else {
            Err(SignatureError::EncodedMessageMismatch)
        }
    }
}

/// EMSA-PKCS1-v1_5 (RFC 8017 §9.2 steps 3 to 5): `0x00 0x01 PS 0x00 T`, where `PS` is as many
/// 0xFF bytes as fill `len`, at least eight.
fn expected_encoded_message(
    digest_info: &DigestInfo,
    len: usize,
) -> Result<Vec<u8>, SignatureError> {
    let digest_info = &digest_info.0;
    let padding_len = len
        .checked_sub(digest_info.len() + 3)
        .filter(|&padding_len| padding_len >= 8)
        .ok_or(SignatureError::ModulusTooShort)?;
    let mut encoded = Vec::with_capacity(len);
    encoded.extend_from_slice(&[0x00, 0x01]);
    encoded.resize(2 + padding_len, 0xFF);
    encoded.push(0x00);
    encoded.extend_from_slice(digest_info);
    Ok(encoded)
}

/// The number of significant bits of a big-endian number.
fn bit_length_be(bytes: &[u8]) -> usize {
    match bytes.iter().position(|&byte| byte != 0) {
        Some(first) => (bytes.len() - first) * 8 - bytes[first].leading_zeros() as usize,
        None => 0,
    }
}

/// A big-endian number as a `u64`; `None` when it is larger.
fn u64_from_be_bytes(bytes: &[u8]) -> Option<u64> {
    bytes.iter().try_fold(0u64, |value, &byte| {
        value
            .checked_mul(256)
            .map(|shifted| shifted | u64::from(byte))
    })
}

#[cfg(test)]
mod tests {
    use der::Encode;
    use der::asn1::{BitStringRef, OctetStringRef};
    use spki::AlgorithmIdentifierRef;

    use super::*;

    /// One line of `tests/data/rsa/pkcs1v15-vectors.txt`, made by OpenSSL.
    struct Vector {
        key_name: String,
        spki: Vec<u8>,
        hash: Hash,
        message: Vec<u8>,
        signature: Vec<u8>,
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|at| u8::from_str_radix(&text[at..at + 2], 16).unwrap())
            .collect()
    }

    fn vectors() -> Vec<Vector> {
        let text = include_str!("../../tests/data/rsa/pkcs1v15-vectors.txt");
        let mut keys = std::collections::HashMap::new();
        let mut vectors = Vec::new();
        for line in text.lines().filter(|line| !line.starts_with('#')) {
            match line.split(' ').collect::<Vec<_>>()[..] {
                ["key", name, spki] => {
                    keys.insert(name, hex(spki));
                }
                ["signature", key_name, hash, message, signature] => vectors.push(Vector {
                    key_name: key_name.to_owned(),
                    spki: keys[key_name].clone(),
                    hash: match hash {
                        "sha1" => Hash::Sha1,
                        "sha256" => Hash::Sha256,
                        "sha384" => Hash::Sha384,
                        "sha512" => Hash::Sha512,
                        other => panic!("unknown hash {other}"),
                    },
                    message: hex(message),
                    signature: hex(signature),
                }),
                _ => panic!("unreadable line {line}"),
            }
        }
        assert_eq!(vectors.len(), 19, "every vector read");
        vectors
    }

    fn verify(spki: &[u8], hash: Hash, message: &[u8], signature: &[u8]) -> Result<(), String> {
        let key = PublicKey::from_spki(spki).map_err(|error| error.to_string())?;
        let digest_info = DigestInfo::new(hash, message).ok_or("no digest")?;
        key.verify(&digest_info, signature)
            .map_err(|error| error.to_string())
    }

    /// A DER SEQUENCE around `body`.
    fn sequence(body: &[u8]) -> Vec<u8> {
        let header = Header::new(der::Tag::Sequence, body.len().try_into().unwrap());
        [&header.to_der().unwrap()[..], body].concat()
    }

    /// A `SubjectPublicKeyInfo` with the given algorithm around the DER `key`.
    fn wrap(oid: ObjectIdentifier, parameters: Option<AnyRef<'_>>, key: &[u8]) -> Vec<u8> {
        spki::SubjectPublicKeyInfoRef {
            algorithm: AlgorithmIdentifierRef { oid, parameters },
            subject_public_key: BitStringRef::new(0, key).unwrap(),
        }
        .to_der()
        .unwrap()
    }

    /// A `SubjectPublicKeyInfo` for `rsaEncryption` around the given integers, which need not
    /// make a real key.
    fn spki_for(modulus: &[u8], public_exponent: &[u8]) -> Vec<u8> {
        let key = [
            UintRef::new(modulus).unwrap().to_der().unwrap(),
            UintRef::new(public_exponent).unwrap().to_der().unwrap(),
        ]
        .concat();
        wrap(RSA_ENCRYPTION, Some(AnyRef::from(Null)), &sequence(&key))
    }

    /// The modulus and exponent of a vector's key.
    fn integers(spki: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let spki = spki::SubjectPublicKeyInfoRef::from_der(spki).unwrap();
        let key = RsaPublicKeyDer::from_der(spki.subject_public_key.raw_bytes()).unwrap();
        (
            key.modulus.as_bytes().to_vec(),
            key.public_exponent.as_bytes().to_vec(),
        )
    }

    #[test]
    fn openssl_signatures_verify() {
        for vector in vectors() {
            assert_eq!(
                verify(
                    &vector.spki,
                    vector.hash,
                    &vector.message,
                    &vector.signature
                ),
                Ok(()),
                "{} {:?}",
                vector.key_name,
                vector.hash
            );
        }
    }

    #[test]
    fn a_flipped_bit_anywhere_fails() {
        for vector in vectors() {
            let Vector {
                spki,
                hash,
                message,
                signature,
                ..
            } = &vector;
            // The first, a middle and the last bit of the message, and bits spread over the
            // signature: in its lowest limb, across the first limb boundary, at the top.
            for bit in [0, message.len() * 4 + 3, message.len() * 8 - 1] {
                let mut message = message.clone();
                message[bit / 8] ^= 1 << (bit % 8);
                assert!(verify(spki, *hash, &message, signature).is_err());
            }
            for bit in [0, 1, 7, 8, 63, 64, 65, signature.len() * 8 - 1] {
                let mut signature = signature.clone();
                let at = signature.len() - 1 - bit / 8;
                signature[at] ^= 1 << (bit % 8);
                let outcome = verify(spki, *hash, message, &signature);
                assert!(outcome.is_err(), "{} bit {bit}", vector.key_name);
            }
            // A signature made with one hash does not pass for another.
            for other in [Hash::Sha1, Hash::Sha256, Hash::Sha384, Hash::Sha512] {
                if other != *hash {
                    assert!(verify(spki, other, message, signature).is_err());
                }
            }
        }
    }

    #[test]
    fn a_flipped_bit_in_the_modulus_fails() {
        for vector in vectors() {
            let (modulus, exponent) = integers(&vector.spki);
            // The lowest bit would make the modulus even; the top bit would shorten it.
            for bit in [1, 2, 64, 100, modulus.len() * 8 / 2, modulus.len() * 8 - 9] {
                let mut modulus = modulus.clone();
                let at = modulus.len() - 1 - bit / 8;
                modulus[at] ^= 1 << (bit % 8);
                let spki = spki_for(&modulus, &exponent);
                let outcome = verify(&spki, vector.hash, &vector.message, &vector.signature);
                assert!(outcome.is_err(), "{} bit {bit}", vector.key_name);
            }
        }
    }

    #[test]
    fn the_signature_must_be_as_long_as_the_modulus() {
        let vector = &vectors()[0];
        let key = PublicKey::from_spki(&vector.spki).unwrap();
        let digest_info = DigestInfo::new(vector.hash, &vector.message).unwrap();
        let longer = [&[0][..], &vector.signature].concat();
        assert_eq!(
            key.verify(&digest_info, &longer),
            Err(SignatureError::Length {
                expected: 128,
                found: 129
            })
        );
        let shorter = &vector.signature[1..];
        assert!(matches!(
            key.verify(&digest_info, shorter),
            Err(SignatureError::Length { found: 127, .. })
        ));
        assert!(matches!(
            key.verify(&digest_info, &[]),
            Err(SignatureError::Length { found: 0, .. })
        ));
    }

    #[test]
    fn a_signature_not_below_the_modulus_fails() {
        let vector = &vectors()[0];
        let key = PublicKey::from_spki(&vector.spki).unwrap();
        let digest_info = DigestInfo::new(vector.hash, &vector.message).unwrap();
        let (modulus, _) = integers(&vector.spki);
        // s = n opens to 0, and s = n + 1 to 1: both must be refused before that.
        assert_eq!(
            key.verify(&digest_info, &modulus),
            Err(SignatureError::NotBelowModulus)
        );
        let mut above = modulus.clone();
        *above.last_mut().unwrap() += 1;
        assert_eq!(
            key.verify(&digest_info, &above),
            Err(SignatureError::NotBelowModulus)
        );
        assert_eq!(
            key.verify(&digest_info, &[0xFF; 128]),
            Err(SignatureError::NotBelowModulus)
        );
        // s = n − 1 opens to n − 1, and 0 and 1 to themselves: mismatches, not errors.
        let mut below = modulus.clone();
        *below.last_mut().unwrap() -= 1;
        for signature in [below, vec![0; 128], [vec![0; 127], vec![1]].concat()] {
            assert_eq!(
                key.verify(&digest_info, &signature),
                Err(SignatureError::EncodedMessageMismatch)
            );
        }
    }

    /// The padding the verifier builds, checked against an encoded message whose parts are
    /// written out here; and a signature that opens to the message with fewer than eight 0xFF
    /// bytes is refused, although what it opens to is otherwise well formed.
    #[test]
    fn the_encoded_message_is_built_as_rfc_8017_says() {
        let digest_info = DigestInfo::new(Hash::Sha256, b"abc").unwrap();
        let encoded = expected_encoded_message(&digest_info, 128).unwrap();
        assert_eq!(encoded.len(), 128);
        assert_eq!(encoded[..2], [0x00, 0x01]);
        assert!(encoded[2..128 - 51 - 1].iter().all(|&byte| byte == 0xFF));
        assert_eq!(encoded[128 - 51 - 1], 0x00);
        assert_eq!(encoded[128 - 51..], digest_info.0);
        // SHA-256 of "abc", FIPS 180-2 appendix B.1.
        assert_eq!(
            digest_info.0[19..],
            hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );

        // 51 bytes of DigestInfo, 3 of framing and 8 of padding: 62 bytes is the least.
        assert!(expected_encoded_message(&digest_info, 62).is_ok());
        assert_eq!(
            expected_encoded_message(&digest_info, 61),
            Err(SignatureError::ModulusTooShort)
        );
        assert_eq!(
            expected_encoded_message(&digest_info, 10),
            Err(SignatureError::ModulusTooShort)
        );
    }

    /// The DigestInfo prefixes above, against `der`'s own encoding of
    /// `SEQUENCE { SEQUENCE { hash OID, NULL }, OCTET STRING digest }` with the OIDs the hash
    /// crates give.
    #[test]
    fn digest_info_prefixes_match_der() {
        use const_oid::AssociatedOid;

        fn encoded<D: Digest + AssociatedOid>() -> Vec<u8> {
            let digest = D::digest(b"");
            let algorithm = AlgorithmIdentifierRef {
                oid: D::OID,
                parameters: Some(AnyRef::from(Null)),
            }
            .to_der()
            .unwrap();
            let digest = OctetStringRef::new(&digest).unwrap().to_der().unwrap();
            sequence(&[algorithm, digest].concat())
        }

        for (hash, expected) in [
            (Hash::Sha1, encoded::<sha1::Sha1>()),
            (Hash::Sha256, encoded::<Sha256>()),
            (Hash::Sha384, encoded::<Sha384>()),
            (Hash::Sha512, encoded::<Sha512>()),
        ] {
            assert_eq!(DigestInfo::new(hash, b"").unwrap().0, expected, "{hash:?}");
        }
        assert_eq!(DigestInfo::new(Hash::Md5, b""), None);
    }

    #[test]
    fn keys_outside_the_limits_are_refused() {
        let odd_modulus = |bits: usize| {
            let mut modulus = vec![0xFF; bits.div_ceil(8)];
            modulus[0] = 0xFF >> ((8 - bits % 8) % 8);
            modulus
        };
        let f4 = [0x01, 0x00, 0x01];
        let key =
            |modulus: &[u8], exponent: &[u8]| PublicKey::from_spki(&spki_for(modulus, exponent));

        assert!(key(&odd_modulus(1024), &f4).is_ok());
        assert!(key(&odd_modulus(8192), &f4).is_ok());
        assert_eq!(
            key(&odd_modulus(1023), &f4),
            Err(KeyError::ModulusSize { bits: 1023 })
        );
        assert_eq!(
            key(&odd_modulus(8193), &f4),
            Err(KeyError::ModulusSize { bits: 8193 })
        );
        assert_eq!(key(&[0], &f4), Err(KeyError::ModulusSize { bits: 0 }));
        let mut even = odd_modulus(2048);
        *even.last_mut().unwrap() = 0xFE;
        assert_eq!(key(&even, &f4), Err(KeyError::EvenModulus));

        let modulus = odd_modulus(2048);
        assert!(key(&modulus, &[3]).is_ok());
        assert!(key(&modulus, &[0x01, 0xFF, 0xFF, 0xFF, 0xFF]).is_ok());
        for exponent in [
            &[0][..],
            &[1],
            &[2],
            &[0x01, 0x00, 0x00],
            &[0x02, 0x00, 0x00, 0x00, 0x01],
            &[0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01],
        ] {
            assert_eq!(key(&modulus, exponent), Err(KeyError::PublicExponent));
        }
    }

    #[test]
    fn malformed_keys_are_refused() {
        let spki = spki_for(&[0xFF; 256], &[0x01, 0x00, 0x01]);
        assert!(PublicKey::from_spki(&spki).is_ok());

        // Trailing bytes after the SubjectPublicKeyInfo, or inside the RSAPublicKey.
        let trailing = [&spki[..], &[0]].concat();
        assert!(matches!(
            PublicKey::from_spki(&trailing),
            Err(KeyError::Der(_))
        ));
        let (modulus, exponent) = integers(&spki);
        let integers_der = [
            UintRef::new(&modulus).unwrap().to_der().unwrap(),
            UintRef::new(&exponent).unwrap().to_der().unwrap(),
        ]
        .concat();
        let null = Some(AnyRef::from(Null));
        let three_integers = [&integers_der[..], &[0x02, 0x01, 0x0A]].concat();
        assert!(matches!(
            PublicKey::from_spki(&wrap(RSA_ENCRYPTION, null, &sequence(&three_integers))),
            Err(KeyError::Der(_))
        ));

        // A negative or non-minimal modulus: the INTEGER's bytes written by hand.
        let with_modulus = |integer: &[u8]| {
            let key = sequence(&[integer, &[0x02, 0x03, 0x01, 0x00, 0x01]].concat());
            wrap(RSA_ENCRYPTION, null, &key)
        };
        let mut negative = vec![0x02, 0x7F];
        negative.extend([0xFF; 127]);
        assert!(matches!(
            PublicKey::from_spki(&with_modulus(&negative)),
            Err(KeyError::Der(_))
        ));
        let mut padded = vec![0x02, 0x7F, 0x00];
        padded.extend([0x7F; 126]);
        assert!(matches!(
            PublicKey::from_spki(&with_modulus(&padded)),
            Err(KeyError::Der(_))
        ));

        // Parameters other than NULL, an elliptic-curve key, unused bits in the BIT STRING.
        let key_der = sequence(&integers_der);
        assert!(PublicKey::from_spki(&wrap(RSA_ENCRYPTION, null, &key_der)).is_ok());
        let ec_public_key = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
        for (oid, parameters) in [
            (RSA_ENCRYPTION, None),
            (
                RSA_ENCRYPTION,
                Some(AnyRef::new(der::Tag::OctetString, &[]).unwrap()),
            ),
            (
                RSA_ENCRYPTION,
                Some(AnyRef::new(der::Tag::Null, &[0]).unwrap()),
            ),
            (ec_public_key, null),
            (RSASSA_PSS, null),
        ] {
            assert_eq!(
                PublicKey::from_spki(&wrap(oid, parameters, &key_der)),
                Err(KeyError::Algorithm)
            );
        }
        let unused_bits = spki::SubjectPublicKeyInfoRef {
            algorithm: AlgorithmIdentifierRef {
                oid: RSA_ENCRYPTION,
                parameters: null,
            },
            subject_public_key: BitStringRef::new(1, &key_der).unwrap(),
        };
        assert_eq!(
            PublicKey::from_spki(&unused_bits.to_der().unwrap()),
            Err(KeyError::UnusedBits)
        );
        // A parameterless id-RSASSA-PSS key is taken, as the judge always has.
        assert!(PublicKey::from_spki(&wrap(RSASSA_PSS, None, &key_der)).is_ok());
    }

    #[test]
    fn key_sizes_are_read_as_given() {
        for vector in vectors() {
            let spki = spki::SubjectPublicKeyInfoRef::from_der(&vector.spki).unwrap();
            let key = RsaPublicKeyDer::from_der(spki.subject_public_key.raw_bytes()).unwrap();
            let bits: usize = vector.key_name[4..8].parse().unwrap();
            assert_eq!(key.modulus_bits(), bits, "{}", vector.key_name);
        }
        assert_eq!(bit_length_be(&[]), 0);
        assert_eq!(bit_length_be(&[0, 0]), 0);
        assert_eq!(bit_length_be(&[0, 1]), 1);
        assert_eq!(bit_length_be(&[0x80, 0]), 16);
    }
}
