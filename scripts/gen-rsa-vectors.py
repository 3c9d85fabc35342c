#!/usr/bin/env python3
"""Writes the RSASSA-PKCS1-v1_5 test vectors of src/cert/rsa.rs, signed by OpenSSL.

The core verifies RSA signatures with its own code (src/cert/rsa.rs); these vectors come from an
independent implementation: OpenSSL, through Python's `cryptography` package, with keys made by
`openssl genpkey` (which, unlike `cryptography`, takes any odd public exponent). Keys are new on
each run, so the output differs from run to run; the committed file is the fixture.

The keys cover what the verifier must get right: the smallest and largest accepted moduli (1024
and 8192 bits), moduli whose length is not a whole number of bytes or of 64-bit limbs, and
exponents 3, 65537 and 2^32 + 1.

It also writes one private key in PKCS #8, for the certificate tests that sign chains with RSA
at test time (ring, behind rcgen, signs with RSA keys but cannot make them). It is a test key,
published here on purpose; nothing trusts it.

Usage: gen-rsa-vectors.py OUT_DIR
"""

import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

# (name, modulus bits, public exponent, hashes signed with the key)
KEYS = [
    ("rsa-1024", 1024, 65537, ["sha1", "sha256", "sha384", "sha512"]),
    ("rsa-1031", 1031, 65537, ["sha256"]),
    ("rsa-2047", 2047, 65537, ["sha256"]),
    ("rsa-2048", 2048, 65537, ["sha1", "sha256", "sha384", "sha512"]),
    ("rsa-2048-e3", 2048, 3, ["sha1", "sha256"]),
    ("rsa-2048-e4294967297", 2048, 2**32 + 1, ["sha256"]),
    ("rsa-2056", 2056, 65537, ["sha512"]),
    ("rsa-3072", 3072, 65537, ["sha256", "sha384"]),
    ("rsa-4096", 4096, 65537, ["sha256", "sha512"]),
    ("rsa-8192", 8192, 65537, ["sha256"]),
]
HASHES = {
    "sha1": hashes.SHA1(),
    "sha256": hashes.SHA256(),
    "sha384": hashes.SHA384(),
    "sha512": hashes.SHA512(),
}


def generate_key(bits, exponent):
    pem = subprocess.run(
        [
            "openssl", "genpkey", "-algorithm", "RSA",
            "-pkeyopt", f"rsa_keygen_bits:{bits}",
            "-pkeyopt", f"rsa_keygen_pubexp:{exponent}",
        ],
        check=True,
        capture_output=True,
    ).stdout
    return serialization.load_pem_private_key(pem, password=None)


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "# RSASSA-PKCS1-v1_5 signatures made by OpenSSL; written by scripts/gen-rsa-vectors.py.",
        "# key NAME SPKI-DER-HEX",
        "# signature KEY-NAME HASH MESSAGE-HEX SIGNATURE-HEX",
    ]
    for name, bits, exponent, hash_names in KEYS:
        key = generate_key(bits, exponent)
        numbers = key.public_key().public_numbers()
        assert (key.key_size, numbers.e) == (bits, exponent), (name, key.key_size, numbers.e)
        spki = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        lines.append(f"key {name} {spki.hex()}")
        for hash_name in hash_names:
            message = f"mta-sts-check test vector: {name} {hash_name}".encode()
            signature = key.sign(message, padding.PKCS1v15(), HASHES[hash_name])
            lines.append(f"signature {name} {hash_name} {message.hex()} {signature.hex()}")
    (out / "pkcs1v15-vectors.txt").write_text("\n".join(lines) + "\n")

    ca_key = generate_key(2048, 65537)
    (out / "test-ca-rsa-2048.pk8.pem").write_bytes(
        ca_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


if __name__ == "__main__":
    main()
