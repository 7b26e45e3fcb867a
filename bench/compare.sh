#!/usr/bin/env bash
# Times NTA against tshark on the same capture, side by side, in one run: wall time (median of RUNS) and peak
# RSS (largest of RUNS) of each command, measured with /usr/bin/time -v, plus `cat FILE >/dev/null` as the I/O
# floor. The page cache is warmed first. Usage:
#
#   bench/compare.sh CAPTURE [RUNS]          (RUNS defaults to 3; tshark runs once per pair when slower than 60 s)
#
# Needs: java 17+, tshark/capinfos (apt-get install tshark), GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=${1:?usage: bench/compare.sh CAPTURE [RUNS]}
RUNS=${2:-3}
[ -r "$FILE" ] || { echo "cannot read $FILE" >&2; exit 2; }
command -v tshark >/dev/null || { echo "tshark is needed (apt-get install tshark)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 2; }

./nta --version >/dev/null            # builds the jar and its class-data sharing archive on first use
JAR=nta-cli/target/nta.jar
BENCH_JAR=nta-bench/target/nta-bench.jar   # the Java peers; built by ./mvnw -pl nta-bench -am package
[ -f "$BENCH_JAR" ] || ./mvnw -q -B -pl nta-bench -am package -Dmaven.test.skip=true >&2 || echo "(nta-bench not built: no peers)" >&2
CDS=""
[ -f nta-cli/target/nta.jsa ] && CDS="-XX:SharedArchiveFile=nta-cli/target/nta.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
NTA="java $CDS -XX:+UseParallelGC -Xms160m -Xmn128m -XX:FreqInlineSize=100 -XX:InlineSmallCode=1000 -Xss4m"     # what ./nta runs, with the heap caps below

FILTER='tcp.flags.syn == 1 && tcp.flags.ack == 0'
CREDS_FILTER='ftp.request.command == "USER" || ftp.request.command == "PASS" || pop.request.command == "USER" || pop.request.command == "PASS" || pop.request.command == "APOP" || pop.request.command == "AUTH" || imap.request.command == "LOGIN" || imap.request.command == "AUTHENTICATE" || smtp.req.command == "AUTH" || http.authorization || ldap.protocolOp == 0 || snmp.community || ntlmssp.messagetype == 3 || kerberos.msg_type == 10 || kerberos.msg_type == 12 || telnet.data'
CREDS_FIELDS="-e frame.number -e tcp.stream -e ip.src -e ip.dst -e ftp.request.command -e ftp.request.arg -e pop.request.command -e pop.request.parameter -e imap.request -e smtp.req.parameter -e http.authorization -e ldap.name -e ldap.simple -e snmp.community -e ntlmssp.auth.username -e ntlmssp.auth.domain -e kerberos.CNameString -e kerberos.realm -e telnet.data"
# who each host is (issue 11): the frames nta hosts reads names, users and services from
HOSTS_FILTER='dhcp || nbns || llmnr || mdns || browser || ntlmssp.messagetype == 3 || kerberos.msg_type == 10 || smb2.cmd == 1 || arp || tcp.flags == 0x012'
HOSTS_FIELDS="-e frame.number -e eth.src -e ip.src -e ipv6.src -e ip.ttl -e tcp.srcport -e dhcp.option.hostname -e dhcp.option.vendor_class_id -e nbns.name -e ntlmssp.auth.hostname -e ntlmssp.auth.username -e ntlmssp.auth.domain -e kerberos.CNameString -e kerberos.realm"
HTTP_FIELDS="-e frame.number -e tcp.stream -e ip.src -e tcp.srcport -e ip.dst -e tcp.dstport -e http.request.method -e http.host -e http.request.uri -e http.user_agent -e http.referer"

cat "$FILE" > /dev/null; cat "$FILE" > /dev/null   # warm page cache
size=$(stat -c %s "$FILE")
packets=$(capinfos -M -c "$FILE" 2>/dev/null | sed -n 's/^Number of packets: *//p')
echo "capture: $FILE  ($size bytes, $packets packets)   $(nproc) cores, runs: $RUNS"
echo

# measure NAME RUNS COMMAND... -> prints "median_wall max_rss_kb"
measure() {
  local runs=$1; shift
  local walls=() rss=0 out
  for ((i = 0; i < runs; i++)); do
    out=$( { /usr/bin/time -f '%e %M' "$@" > /dev/null 2>/tmp/nta-bench-err.$$; } 2>&1 | tail -1 )
    out=$(tail -1 /tmp/nta-bench-err.$$)
    walls+=("${out% *}")
    local r=${out#* }
    (( r > rss )) && rss=$r
  done
  rm -f /tmp/nta-bench-err.$$
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $rss"
}

row() { # label nta_result tshark_result
  local nw=${2% *} nr=${2#* } tw=${3% *} tr=${3#* }
  local ratio
  ratio=$(awk -v a="$tw" -v b="$nw" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')
  printf '%-14s %10s s %8d MB   %10s s %8d MB   %8s\n' "$1" "$nw" $((nr / 1024)) "$tw" $((tr / 1024)) "$ratio"
}

tshark_runs() { # run slow tshark commands once
  local t
  t=$(measure 1 "$@")
  if awk -v w="${t% *}" 'BEGIN { exit !(w < 60) }' && (( RUNS > 1 )); then measure "$RUNS" "$@"; else echo "$t"; fi
}

printf '%-14s %12s %11s   %12s %11s   %8s\n' "task" "NTA wall" "NTA RSS" "tshark wall" "tshark RSS" "speed-up"
floor=$(measure "$RUNS" cat "$FILE")
printf '%-14s %10s s %8d MB   (I/O floor: cat FILE > /dev/null)\n' "read" "${floor% *}" $((${floor#* } / 1024))

n=$(measure "$RUNS" $NTA -Xmx256m -jar $JAR conversations "$FILE" --type tcp)
t=$(tshark_runs tshark -n -r "$FILE" -q -z conv,tcp)
row "conversations" "$n" "$t"
# the Java peers (issue 15) counting the same TCP conversations: pkts.io and pcap4j, small programs in nta-bench
if [ -f "$BENCH_JAR" ]; then
  for peer in Pkts Pcap4j; do
    # a peer that cannot read the file (pkts.io reads pcap only) must not pass for a fast one
    if ! err=$(java -Xmx2g -cp "$BENCH_JAR" "org.nta.bench.peers.${peer}Conversations" "$FILE" 2>&1 >/dev/null); then
      printf '%-14s %s\n' "  ${peer,,}" "failed: $(printf '%s' "$err" | grep -v '^\s*at ' | head -1 | cut -c1-90)"
      continue
    fi
    p=$(measure "$RUNS" java -Xmx2g -cp "$BENCH_JAR" "org.nta.bench.peers.${peer}Conversations" "$FILE")
    printf '%-14s %10s s %8d MB   %-24s %8s\n' "  ${peer,,}" "${p% *}" $((${p#* } / 1024)) "(the peer, same count)" \
        "$(awk -v a="${p% *}" -v b="${n% *}" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')"
  done
fi

n=$(measure "$RUNS" $NTA -Xmx256m -jar $JAR http "$FILE" --csv)
t=$(tshark_runs tshark -2 -n -r "$FILE" -Y http.request -T fields $HTTP_FIELDS)
row "http" "$n" "$t"

n=$(measure "$RUNS" $NTA -Xmx256m -jar $JAR packets "$FILE" -Y "$FILTER" -T fields -e frame.number)
t=$(tshark_runs tshark -n -r "$FILE" -Y "$FILTER" -T fields -e frame.number)
row "filter" "$n" "$t"

n=$(measure "$RUNS" $NTA -Xmx384m -jar $JAR analyze "$FILE" --color never)
t=$(tshark_runs tshark -2 -n -r "$FILE" -q -z conv,tcp -z http,tree)
row "analyze" "$n" "$t"

# the credential protocols (issues 10 and 11): nta creds vs tshark's fields of the same protocols
n=$(measure "$RUNS" $NTA -Xmx256m -jar $JAR creds "$FILE")
t=$(tshark_runs tshark -2 -n -r "$FILE" -Y "$CREDS_FILTER" -T fields $CREDS_FIELDS)
row "creds" "$n" "$t"

n=$(measure "$RUNS" $NTA -Xmx256m -jar $JAR hosts "$FILE")
t=$(tshark_runs tshark -2 -n -r "$FILE" -Y "$HOSTS_FILTER" -T fields $HOSTS_FIELDS)
row "hosts" "$n" "$t"

# the HTML page (issue 13): analyze --html against analyze alone, both NTA
h=$(measure "$RUNS" $NTA -Xmx384m -jar $JAR analyze "$FILE" --color never --html /tmp/nta-bench-report.$$.html)
a=$(measure "$RUNS" $NTA -Xmx384m -jar $JAR analyze "$FILE" --color never)
printf '%-14s %10s s %8d MB   vs analyze %6s s: %s, page %s bytes\n' "analyze --html" "${h% *}" $((${h#* } / 1024)) "${a% *}" \
    "$(awk -v h="${h% *}" -v a="${a% *}" 'BEGIN { if (a > 0) printf "%+.1f%%", (h / a - 1) * 100; else print "-" }')" \
    "$(stat -c %s /tmp/nta-bench-report.$$.html)"
rm -f /tmp/nta-bench-report.$$.html
echo
echo "filter: $FILTER; heaps: -Xmx256m (analyze -Xmx384m); tshark $(tshark --version | head -1 | awk '{print $3}')"
