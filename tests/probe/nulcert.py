#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""nulcert.py CADIR DOMAIN OUT: OUT.pem and OUT.key, a certificate from the
test CA (CADIR/ca.pem, ca.key) whose dNSName is DOMAIN, a NUL byte and
".evil.test", and whose XMPP SRV-ID is _xmpp-server.DOMAIN, a NUL byte and
".evil.test": names a C string cuts to DOMAIN's."""
import datetime
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

cakey = serialization.load_pem_private_key(open(sys.argv[1] + "/ca.key", "rb").read(), None)
ca = x509.load_pem_x509_certificate(open(sys.argv[1] + "/ca.pem", "rb").read())
key = ec.generate_private_key(ec.SECP256R1())
now = datetime.datetime.now(datetime.timezone.utc)
name = sys.argv[2]
srv = ("_xmpp-server." + name + "\x00.evil.test").encode()


def ia5(b):
    return bytes([0x16, len(b)]) + b


cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x")]))
        .issuer_name(ca.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name + "\x00.evil.test"),
                                                    x509.OtherName(x509.ObjectIdentifier("1.3.6.1.5.5.7.8.7"), ia5(srv))]), False)
        .sign(cakey, hashes.SHA256()))
open(sys.argv[3] + ".pem", "wb").write(cert.public_bytes(serialization.Encoding.PEM))
open(sys.argv[3] + ".key", "wb").write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
