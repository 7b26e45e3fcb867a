# sourced by run-scenario.sh: the story played between the hosts
# Benign twin of c2-long-session: long-lived sessions that are not command and control. The attacker's slot is an
# internal service (tools/push-server.py): an MQTT-style push broker over TLS 1.2 on 8883 (push.corp.lan) and an
# intranet web application over HTTPS with keep-alive on 443 (apps.corp.lan), its certificate from the lab CA
# (tools/make-cert.py, SAN push.corp.lan and apps.corp.lan, issued 45 days before for 365 days). A desktop's
# notification agent (tools/push-client.py) keeps ONE TLS connection to the broker: CONNECT, SUBSCRIBE, then a
# 2-byte PINGREQ every 5 s exactly (30), each answered by a 2-byte PINGRESP; the broker pushes two ~300-byte
# notifications at random moments. The desktop also polls the lab NTP server on the same host (tools/ntp-lab.py:
# no NTP daemon is installed here) from one socket, 48 bytes each way every 8 s (15 polls). A second user's
# browser-like client (tools/keepalive-browser.py) keeps ONE HTTPS connection to the web application and sends
# six requests on it at irregular moments.
NET=172.31.227; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
EXTRA_HOSTS="$NET.66 push.corp.lan
$NET.66 apps.corp.lan
$NET.66 ntp.corp.lan"
RANDOM=1227
NOTIFY_AT=$(awk -v a=$RANDOM -v b=$RANDOM 'BEGIN{printf "%.1f,%.1f", 20+50*a/32767, 80+60*b/32767}')
services() {
  printf 'nameserver %s\n' $D > "/etc/netns/$P-vic/resolv.conf"
  mkdir -p "/etc/netns/$P-cli"; printf 'nameserver %s\n' $D > "/etc/netns/$P-cli/resolv.conf"
  /usr/bin/python3 "$HERE/tools/make-cert.py" "$RUN" "Lab Corp Root CA" push.corp.lan push.corp.lan,apps.corp.lan 45 365
  nsx att timeout 260 /usr/bin/python3 "$HERE/tools/push-server.py" $A 8883 443 "$RUN/leaf.pem" "$RUN/leaf.key" "$NOTIFY_AT" 250 >"$RUN/logs/push-server.log" 2>&1 &
  nsx att timeout 260 /usr/bin/python3 "$HERE/tools/ntp-lab.py" server $A 8 250 >"$RUN/logs/ntp-server.log" 2>&1 &
}
play() {
  note "internal service $A (tools/push-server.py: MQTT-style broker over TLS 1.2 on 8883 as push.corp.lan, HTTPS web application with keep-alive on 443 as apps.corp.lan; lab CA certificate, SAN push.corp.lan and apps.corp.lan, issued 45 days ago for 365 days; tools/ntp-lab.py NTP server on UDP 123, stratum 8); desktop $V (push client and NTP client; resolver $D); second user $C (browser-like client); dns $D"
  benign_background
  note "1 push: ONE TLS connection $V -> $A:8883 (SNI push.corp.lan, verified against the lab CA): MQTT CONNECT (client id desk-ws-0147, keep-alive 10 s), SUBSCRIBE corp/notify/desk-ws-0147, then 30 PINGREQ (2 bytes) every 5 s exactly, each answered by PINGRESP (2 bytes); DISCONNECT at the end"
  note "2 the broker publishes two notifications (~300 bytes of JSON each) at $NOTIFY_AT s after the CONNECT"
  note "3 NTP: $V:123 -> $A:123, one socket, a 48-byte NTP v4 client packet every 8 s (15), each answered by a 48-byte server reply (stratum 8)"
  note "4 browser: ONE HTTPS connection $C -> $A:443 (SNI apps.corp.lan, ALPN http/1.1, verified, Firefox UA), six GETs (/, /static/app.css, /api/inbox, /news, /api/calendar, /api/inbox) kept alive, gaps uniform 4-30 s (seeded)"
  ( nsx vic timeout 200 /usr/bin/python3 "$HERE/tools/push-client.py" push.corp.lan 8883 "$RUN/ca.pem" 5 30 >"$RUN/logs/push-client.log" 2>&1 ) &
  local ppid_=$!
  sleep 3
  ( nsx vic timeout 150 /usr/bin/python3 "$HERE/tools/ntp-lab.py" client $A 123 8 15 >"$RUN/logs/ntp-client.log" 2>&1 ) &
  local npid=$!
  sleep 4
  ( nsx cli timeout 190 /usr/bin/python3 "$HERE/tools/keepalive-browser.py" apps.corp.lan "$RUN/ca.pem" 4 30 \
      / /static/app.css /api/inbox /news /api/calendar /api/inbox >"$RUN/logs/browser.log" 2>&1 ) &
  local bpid=$!
  wait $ppid_ || true
  wait $npid || true
  wait $bpid || true
  sleep 1
  note "   server: $(grep -c 'mqtt ping' "$RUN/logs/push-server.log") pings, $(grep -c 'mqtt publish' "$RUN/logs/push-server.log") notifications, $(grep -c ' https ' "$RUN/logs/push-server.log") HTTPS requests, $(grep -c ' ntp ' "$RUN/logs/ntp-server.log") NTP replies"
}
