#!/usr/bin/python3
"""Makes a lab CA and a leaf certificate signed by it, with a chosen validity window (python3-cryptography):
the benign twin's internal portal has a certificate issued weeks before the capture, as real ones are.

    make-cert.py OUTDIR CA_CN LEAF_CN SAN_DNS[,SAN_DNS…] DAYS_BEFORE_NOW DAYS_VALID
Writes OUTDIR/ca.pem, OUTDIR/leaf.pem (leaf then CA), OUTDIR/leaf.key.
"""
import datetime, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

out, ca_cn, leaf_cn, sans, before, valid = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(","), int(sys.argv[5]), int(sys.argv[6])
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Lab Corp"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


ca_key = ec.generate_private_key(ec.SECP256R1())
ca = (x509.CertificateBuilder().subject_name(name(ca_cn)).issuer_name(name(ca_cn)).public_key(ca_key.public_key())
      .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=400))
      .not_valid_after(now + datetime.timedelta(days=3250))
      .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True).sign(ca_key, hashes.SHA256()))
key = ec.generate_private_key(ec.SECP256R1())
leaf = (x509.CertificateBuilder().subject_name(name(leaf_cn)).issuer_name(ca.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=before))
        .not_valid_after(now - datetime.timedelta(days=before) + datetime.timedelta(days=valid))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(s) for s in sans]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True).sign(ca_key, hashes.SHA256()))
pem = serialization.Encoding.PEM
open(out + "/ca.pem", "wb").write(ca.public_bytes(pem))
open(out + "/leaf.pem", "wb").write(leaf.public_bytes(pem) + ca.public_bytes(pem))
open(out + "/leaf.key", "wb").write(key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
