# sourced by run-scenario.sh: the story played between the hosts
# Benign twin of c2-dns-beacon: periodic DNS that is ordinary. The host in the attacker's slot is
# a SaaS vendor: tools/dns-c2-server.py in vendor mode is the authoritative server of
# saas-vendor.com (status A 203.0.113.10 and the apex's SPF TXT, both constant, TTL 0; api A the
# vendor's address) and the lab's resolver forwards that zone to it; python http.server on its
# port 80 is the vendor's API. A monitor runs a DNS health check every 5 s +-10 % (28 rounds,
# dig: status A, apex TXT, portal.corp.lan), never connecting to 203.0.113.10; the host in the
# victim's slot is an ordinary agent that curls http://api.saas-vendor.com/v1/status.json every
# 5 s +-20 % (28 rounds, a lookup then a connection each). A benign client resolves corp.lan
# names and browses the intranet site meanwhile.
NET=172.31.225; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0; MORE_HOSTS="mon:50"
VZONE=saas-vendor.com
DNSMASQ_EXTRA="--server=/$VZONE/$NET.66"
services() {
  printf 'nameserver %s\n' $D > "/etc/netns/$P-vic/resolv.conf"    # both pollers resolve through the lab's DNS
  mkdir -p "/etc/netns/$P-mon"; printf 'nameserver %s\n' $D > "/etc/netns/$P-mon/resolv.conf"
  mkdir -p "$RUN/vendor/v1" "$RUN/vendorlog"
  printf '{"service": "saas-vendor api", "status": "operational", "region": "eu-central", "version": "4.12.1", "components": {"api": "ok", "auth": "ok", "webhooks": "ok"}}\n' > "$RUN/vendor/v1/status.json"
  nsx att timeout 400 /usr/bin/python3 "$HERE/tools/dns-c2-server.py" $A "$RUN/vendorlog" vendor $VZONE $A >"$RUN/logs/vendor-dns.log" 2>&1 &
  nsx att timeout 400 /usr/bin/python3 -m http.server 80 --bind $A --directory "$RUN/vendor" >"$RUN/logs/vendor-http.log" 2>&1 &
}
cli_lookups() {
  for n in portal.corp.lan files.corp.lan; do
    nsx cli dig +short @$D $n A >/dev/null || true
    nsx cli dig +short @$D $n AAAA >/dev/null || true
  done
}
# sleeps SEED JITTER: 28 periods of 5 s with uniform jitter (seeded)
periods() { /usr/bin/python3 -c "import random; r = random.Random($1); print(*[round(5 * (1 + r.uniform(-$2, $2)), 3) for _ in range(28)], sep='\n')"; }
play() {
  note "vendor host $A (the attacker's slot; authoritative DNS for $VZONE via tools/dns-c2-server.py vendor mode, TTL 0; python http.server on :80 as the vendor API); resolver $D (dnsmasq forwards $VZONE to $A); monitor $(addr mon); agent host $V (the victim's slot; also the intranet web site); benign client $C; no attacker"
  cli_lookups
  note "1 DNS health check: $(addr mon) every 5 s +-10 % (uniform jitter, seed fixed), 28 rounds: dig +short status.$VZONE A (203.0.113.10, constant), dig +short $VZONE TXT (v=spf1 include:_spf.$VZONE ~all, constant), dig +short portal.corp.lan; it never connects to 203.0.113.10"
  note "2 vendor agent: $V every 5 s +-20 % (uniform jitter, seed fixed), 28 rounds: curl -s http://api.$VZONE/v1/status.json (A and AAAA lookup through $D, then a new TCP connection to $A:80, Python http.server)"
  ( mapfile -t SL < <(periods 51 0.10)
    for i in $(seq 1 28); do
      t0=$(date +%s.%N)
      nsx mon dig +short status.$VZONE A >/dev/null || true
      nsx mon dig +short $VZONE TXT >/dev/null || true
      nsx mon dig +short portal.corp.lan >/dev/null || true
      [ $i -lt 28 ] && sleep "$(echo "${SL[$((i-1))]} - ($(date +%s.%N) - $t0)" | bc | sed 's/^-.*/0.1/')"
    done ) &
  local monpid=$!
  sleep 1.7
  ( mapfile -t SL < <(periods 52 0.20)
    for i in $(seq 1 28); do
      t0=$(date +%s.%N)
      nsx vic curl -s -o /dev/null http://api.$VZONE/v1/status.json || true
      [ $i -lt 28 ] && sleep "$(echo "${SL[$((i-1))]} - ($(date +%s.%N) - $t0)" | bc | sed 's/^-.*/0.1/')"
    done ) &
  local agtpid=$!
  local r=0
  while kill -0 $agtpid 2>/dev/null && [ $r -lt 14 ]; do
    sleep 15; r=$((r + 1))
    cli_lookups
    [ $((r % 3)) = 1 ] && benign_background
  done
  wait $monpid || true; wait $agtpid || true
  note "   vendor DNS: $(grep -c 'answer status' "$RUN/logs/vendor-dns.log") status A, $(grep -c "answer $VZONE TXT" "$RUN/logs/vendor-dns.log") TXT, $(grep -c 'answer api' "$RUN/logs/vendor-dns.log") api A, $(grep -c 'nodata api' "$RUN/logs/vendor-dns.log") api AAAA (NODATA) forwarded; vendor HTTP: $(grep -c 'GET /v1/status.json' "$RUN/logs/vendor-http.log") GETs"
  note "3 the benign client resolves portal/files.corp.lan (A and AAAA) every ~15 s with dig, and browses the victim's site (Chrome UA) every ~45 s"
}
