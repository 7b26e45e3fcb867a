#!/usr/bin/env bash
# Records a benchmark capture between hosts in network namespaces on this machine, for SECONDS seconds
# (default 40), and checks it is at least 1 GB. Three shapes (SHAPE, default load):
#   load       realistic benign web load (the lab's `load` scenario: ab with and without keep-alive against
#              static and PHP pages, 1 MB downloads, DNS)
#   downloads  few connections with big bodies (`load-downloads`: 64 MB and 256 MB files fetched by curl)
#   short      many short exchanges (`load-short`: fresh connections for a 20-byte page, DNS floods, connects
#              to closed ports)
#
#   sudo bench/make-capture.sh OUT.pcap [SECONDS] [SHAPE]
#
# Needs root (namespaces, a bridge, tcpdump) and the lab's tools (see lab/README.md). Writes
# OUT.pcap plus the lab's OUT.truth.txt, OUT.lab.log and OUT.logs/. Never commit the output.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
LAB=$HERE/../lab
MIN_BYTES=$((1000 * 1000 * 1000))

usage() { echo "usage: sudo $0 OUT.pcap [SECONDS] [load|downloads|short]   (default 40 s, load; at least 1 GB is expected)" >&2; exit 2; }
OUT=${1:-}; SECS=${2:-40}; SHAPE=${3:-load}
[ -n "$OUT" ] || usage
[[ "$SECS" =~ ^[0-9]+$ ]] && [ "$SECS" -ge 5 ] || { echo "SECONDS must be a whole number >= 5, not '$SECS'" >&2; exit 2; }
case "$SHAPE" in
  load) SCENARIO=load ;;
  downloads) SCENARIO=load-downloads ;;
  short) SCENARIO=load-short ;;
  *) echo "SHAPE must be load, downloads or short, not '$SHAPE'" >&2; exit 2 ;;
esac

if [ "$(id -u)" != 0 ]; then
  echo "make-capture.sh needs root: it creates network namespaces and a bridge and runs tcpdump." >&2
  echo "Run it as: sudo $0 $OUT $SECS" >&2
  exit 3
fi
missing=()
for t in ip tcpdump apache2 php ab curl dig dnsmasq ncat editcap python3; do
  command -v "$t" >/dev/null 2>&1 || missing+=("$t")
done
# the downloads shape turns segmentation offloads off, or its frames would be 64 KB super-segments
[ "$SHAPE" != downloads ] || command -v ethtool >/dev/null 2>&1 || missing+=("ethtool")
[ -e /usr/lib/apache2/modules/libphp8.2.so ] || missing+=("libapache2-mod-php (libphp8.2.so)")
php -m 2>/dev/null | grep -qi '^sqlite3$' || missing+=("php-sqlite3")
if [ ${#missing[@]} -gt 0 ]; then
  echo "make-capture.sh: missing tools: ${missing[*]}" >&2
  echo "Install them with: apt-get install -y iproute2 tcpdump apache2 libapache2-mod-php php-sqlite3 apache2-utils curl dnsutils dnsmasq-base ncat wireshark-common python3 ethtool" >&2
  exit 4
fi

OUT=$(realpath -m "$OUT"); mkdir -p "$(dirname "$OUT")"
avail=$(df -B1 --output=avail "$(dirname "$OUT")" | tail -1)
# the recorder writes to a temporary file under /tmp and then copies it: room for two copies
[ "$avail" -gt $((3 * MIN_BYTES)) ] || echo "warning: only $((avail / 1000000)) MB free next to $OUT" >&2

echo "recording ${SECS}s of benign traffic ($SHAPE shape) into $OUT ..."
LOAD_S=$SECS "$LAB/run-scenario.sh" "$SCENARIO" "$OUT" >/dev/null
size=$(stat -c %s "$OUT")
echo "$OUT: $size bytes"
command -v capinfos >/dev/null && capinfos "$OUT" | grep -E "Number of packets|File size|Data size|Capture duration|Data byte rate|Average packet size" || true
dropped=$(grep -oE '[0-9]+ packets dropped by kernel' "${OUT%.*}.lab.log" | grep -oE '^[0-9]+' || echo unknown)
echo "tcpdump: $dropped packets dropped by kernel"
[ "$dropped" = 0 ] || echo "warning: tcpdump dropped packets: the capture has holes (fewer SECONDS, or a bigger CAPTURE_BUFFER_KB, help)" >&2
if [ "$size" -lt "$MIN_BYTES" ]; then
  echo "warning: the capture is smaller than 1 GB ($size bytes): run it again with more SECONDS" >&2
  exit 5
fi
