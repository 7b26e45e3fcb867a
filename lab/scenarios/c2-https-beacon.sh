# sourced by run-scenario.sh: the story played between the hosts
# HTTPS command and control: the infected host (python implant, a Chrome User-Agent on a Python ClientHello)
# checks in once over cleartext HTTP, then polls its C2 over HTTPS every 5 s +-20 % (16 polls, TLS 1.2 at most,
# a new connection each). The C2's certificate is self-signed, made a minute before the capture, valid for
# 2 days, and names "secure-gateway", not the name the implant asks for (SNI cdn-sync-update.net).
NET=172.31.232; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
EXTRA_HOSTS="$NET.66 cdn-sync-update.net"
C2NAME=cdn-sync-update.net
services() {
  printf 'nameserver %s\n' $D > "/etc/netns/$P-vic/resolv.conf"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout "$RUN/c2.key" -out "$RUN/c2.pem" \
    -subj "/C=US/O=Internet Widgits/CN=secure-gateway" 2>/dev/null
  nsx att /usr/bin/python3 "$HERE/tools/tls-server.py" $A 443 "$RUN/c2.pem" "$RUN/c2.key" 80 150 'nginx/1.22.1' >"$RUN/logs/c2.log" 2>&1 &
}
play() {
  note "attacker (C2 HTTPS server, name $C2NAME, self-signed certificate CN=secure-gateway, 2 days) $A:443 and :80; victim $V (runs the implant; its resolver is $D); benign client $C; dns $D"
  benign_background
  note "1 check-in: the implant GETs http://$C2NAME/checkin?id=7f3a in clear with a Chrome 120 User-Agent"
  note "2 beacon: 16 polls GET https://$C2NAME/api/v2/sync?id=7f3a every 5 s +-20 %, TLS 1.2 (Python ssl ClientHello, SNI $C2NAME), each a new connection after a DNS lookup"
  nsx vic timeout 140 /usr/bin/python3 "$HERE/tools/tls-beacon-agent.py" $C2NAME 5 0.2 16 >"$RUN/logs/agent.log" 2>&1 || true
  note "3 the benign client browsed the victim's site once at the start (Chrome UA over cleartext HTTP)"
}
