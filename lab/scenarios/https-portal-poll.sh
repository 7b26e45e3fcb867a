# sourced by run-scenario.sh: the story played between the hosts
# Benign twin of c2-https-beacon: a monitoring job (curl, with its own User-Agent) checks an internal HTTPS
# portal every 5 s +-20 % (16 times, TLS 1.2 at most, a new connection each, the certificate verified against the
# lab CA), after one cleartext check. The portal's certificate is signed by the lab CA (made here), names the
# portal in its subjectAltName and was issued 45 days before the capture for 365 days.
NET=172.31.234; ATT=40; VIC=10; CLI=23; DNS=2; SHELLPORT=0
EXTRA_HOSTS="$NET.40 portal.lab.local"
PORTAL=portal.lab.local
services() {
  printf 'nameserver %s\n' $D > "/etc/netns/$P-vic/resolv.conf"
  /usr/bin/python3 "$HERE/tools/make-cert.py" "$RUN" "Lab Corp Root CA" $PORTAL $PORTAL 45 365
  nsx att /usr/bin/python3 "$HERE/tools/tls-server.py" $A 443 "$RUN/leaf.pem" "$RUN/leaf.key" 80 150 'nginx/1.22.1' >"$RUN/logs/portal.log" 2>&1 &
}
play() {
  note "internal portal (HTTPS, name $PORTAL, certificate from the lab CA, SAN $PORTAL, issued 45 days ago for 365 days) $A:443 and :80; monitoring host $V (resolver $D); benign client $C; dns $D"
  benign_background
  note "1 the monitor GETs http://$PORTAL/checkin?id=mon1 in clear (curl's own User-Agent)"
  nsx vic curl -s -o /dev/null "http://$PORTAL/checkin?id=mon1" || true
  sleep 3
  note "2 health polls: 16 GET https://$PORTAL/api/v2/sync?id=mon1 every 5 s +-20 % with curl --tls-max 1.2 --cacert (verified), each a new connection after a DNS lookup"
  RANDOM=1232
  for i in $(seq 1 16); do
    nsx vic curl -s --tls-max 1.2 --cacert "$RUN/ca.pem" -o /dev/null "https://$PORTAL/api/v2/sync?id=mon1" || true
    sleep "$(awk -v r=$RANDOM 'BEGIN{printf "%.2f", 5*(0.8+0.4*r/32767)}')"
  done
}
