#!/bin/bash
# Records nta-core/src/test/resources/tls/certificates.pcap.gz on loopback: TLS 1.2 (and one TLS 1.0 and one 1.3)
# connections from curl to openssl s_server, each server with a certificate made here: an RSA self-signed leaf with
# PrintableString names, an ECDSA leaf signed by a lab CA with DNS and IPv4/IPv6 subjectAltNames sent with its CA,
# a leaf valid past 2050 (GeneralizedTime), a leaf with 700 names (a Certificate message spanning records and many
# segments), and a TLS 1.3 server (its certificate is encrypted: nothing to read). Needs root (tcpdump).
# Usage: lab/tls/record-certs.sh OUTFILE.pcap
set -euo pipefail
OUT=${1:?out.pcap}
RUN=$(mktemp -d /tmp/tlscert-rec.XXXX)
cd "$RUN"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
printf '[req]\ndistinguished_name=dn\nstring_mask=default\n[dn]\n' > printable.cnf
# 1: RSA 2048 self-signed, PrintableString names, 2 days
openssl req -x509 -newkey rsa:2048 -nodes -keyout k1.pem -out c1.pem -days 2 -config printable.cnf \
  -subj "/C=DE/O=Self Signed Org/OU=Ops/CN=self.test" -set_serial 0x1234567890 2>/dev/null
# 2: lab CA (EC P-256) and an EC P-384 leaf with SANs
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 3650 \
  -subj "/C=US/O=Lab/CN=Lab Root CA" 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes -keyout k2.pem -out c2.csr \
  -subj "/C=US/O=Lab/OU=Web/CN=www.lab.local" 2>/dev/null
printf 'subjectAltName=DNS:www.lab.local,DNS:*.lab.local,IP:10.1.2.3,IP:fd00::1\nbasicConstraints=CA:FALSE\n' > san.ext
openssl x509 -req -in c2.csr -CA ca.pem -CAkey ca.key -set_serial 7 -days 90 -extfile san.ext -out c2.pem 2>/dev/null
# 3: GeneralizedTime (valid until after 2050), UTF-8 non-ASCII name
openssl req -x509 -newkey rsa:2048 -nodes -keyout k3.pem -out c3.pem -days 10000 -utf8 \
  -subj "/O=Müller Ärzte/CN=long.test" 2>/dev/null
# 4: many names: a Certificate message of about 20 kB
SANS=$(for i in $(seq 1 700); do printf 'DNS:host%04d.many-names.test,' $i; done)
printf 'subjectAltName=%s\n' "${SANS%,}" > many.ext
openssl req -new -newkey rsa:4096 -nodes -keyout k4.pem -out c4.csr -subj "/CN=many-names.test" 2>/dev/null
openssl x509 -req -in c4.csr -CA ca.pem -CAkey ca.key -set_serial 0x00ff00ff00ff00ff00ff -days 30 -extfile many.ext -out c4.pem 2>/dev/null
tcpdump -i lo -w "$OUT" -s 0 'tcp portrange 44401-44406' 2>/dev/null &
PIDS+=($!)
sleep 1
serve() { # port args...
  local port=$1; shift
  openssl s_server -quiet -accept "$port" -www "$@" >/dev/null 2>&1 &
  PIDS+=($!)
}
serve 44401 -cert c1.pem -key k1.pem -tls1_2
serve 44402 -cert c2.pem -key k2.pem -cert_chain ca.pem -tls1_2
serve 44403 -cert c3.pem -key k3.pem -tls1_2
serve 44404 -cert c4.pem -key k4.pem -cert_chain ca.pem -tls1_2
serve 44405 -cert c1.pem -key k1.pem -tls1_3
serve 44406 -cert c1.pem -key k1.pem -tls1 -cipher 'DEFAULT:@SECLEVEL=0'
sleep 1
for port in 44401 44402 44403 44404 44405; do
  curl -sk --max-time 5 -o /dev/null --resolve www.lab.local:$port:127.0.0.1 "https://www.lab.local:$port/" || true
done
openssl s_client -connect 127.0.0.1:44406 -tls1 -cipher 'DEFAULT:@SECLEVEL=0' </dev/null >/dev/null 2>&1 || true
sleep 1
kill "${PIDS[0]}"; sleep 0.5
