#!/usr/bin/env bash
# Mixes the office and Windows-domain lab captures into a benchmark capture of web load: COPIES copies of each
# recorded story (FTP, Telnet, SMTP, POP3, IMAP, HTTP auth, LDAP, SNMP, SMB, NTLM, Kerberos, DHCP, NBNS; brute
# force and benign days), each copy on its own addresses (10.K.0.0/16 and fdK::/16, checksums recomputed) and
# started at an even step across the load capture's span, merged by time with the load capture.
#
#   bench/make-office-mix.sh LOAD.pcap OUT.pcap [COPIES]      # LOAD from bench/make-capture.sh; COPIES default 30
#
# Needs tcprewrite (Debian package tcpreplay), editcap, mergecap and capinfos (wireshark-common). Addresses inside
# payloads (FTP PORT/EPRT, host names) are not rewritten. Never commit the output.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CAPS=$HERE/../nta-core/src/test/resources/captures
STORIES="office-bruteforce office-benign hydra-login-bruteforce benign-office-day ad-roast-psexec ad-benign"
usage() { echo "usage: $0 LOAD.pcap OUT.pcap [COPIES]   (COPIES 1..40, default 30)" >&2; exit 2; }
LOAD=${1:-}; OUT=${2:-}; COPIES=${3:-30}
[ -n "$LOAD" ] && [ -n "$OUT" ] || usage
[ -r "$LOAD" ] || { echo "cannot read $LOAD" >&2; exit 2; }
[[ "$COPIES" =~ ^[0-9]+$ ]] && [ "$COPIES" -ge 1 ] && [ "$COPIES" -le 40 ] || usage
missing=()
for t in tcprewrite editcap mergecap capinfos; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "make-office-mix.sh: missing tools: ${missing[*]} (apt-get install -y tcpreplay wireshark-common)" >&2
  exit 4
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
epoch() { capinfos -a -e -S -T -r "$1" | awk -F'\t' '{print $2, $3}'; }   # first and last packet time, seconds
read -r lstart lend < <(epoch "$LOAD")
span=$(awk -v a="$lstart" -v b="$lend" 'BEGIN { print b - a }')
n=0; s=0
for story in $STORIES; do
  zcat "$CAPS/$story.pcap.gz" > "$work/$story.pcap"
  read -r sstart _ < <(epoch "$work/$story.pcap")
  for ((i = 0; i < COPIES; i++)); do
    k=$((s * 40 + i + 1))                               # 1..240: one address block per copy
    hex=$(printf '%x' "$k")
    tcprewrite --pnat="172.31.0.0/16:10.$k.0.0/16,192.168.0.0/16:10.$k.0.0/16,[fd00::/16]:[fd$hex::/16]" --fixcsum \
        -i "$work/$story.pcap" -o "$work/r.pcap" >/dev/null
    shift_s=$(awk -v l="$lstart" -v s="$sstart" -v sp="$span" -v i="$i" -v c="$COPIES" \
        'BEGIN { printf "%.6f", l - s + sp * i / c }')
    editcap -t "$shift_s" "$work/r.pcap" "$work/$story-$i.pcap" >/dev/null
    n=$((n + 1))
  done
  rm -f "$work/$story.pcap" "$work/r.pcap"
  s=$((s + 1))
done
mergecap -F pcap -w "$OUT" "$LOAD" "$work"/*-*.pcap   # pcap, not pcapng: the Java peers of compare.sh read pcap only
echo "$OUT: $(stat -c %s "$OUT") bytes, $n story copies merged into $LOAD"
capinfos "$OUT" | grep -E "Number of packets|File size|Capture duration" || true
