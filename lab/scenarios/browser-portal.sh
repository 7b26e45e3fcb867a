# sourced by run-scenario.sh: the story played between the hosts
# Benign counterpart of c2-https-beacon's impersonation: a real browser. A staff desktop's Chromium (headless, the
# Debian package, its own TLS stack) opens the internal portal once over cleartext HTTP and then 12 times over
# HTTPS every 5 s +-20 %, each time a new browser process (new connections), with the desktop Chrome User-Agent of
# its own version. Its ClientHello offers TLS 1.3, ALPN and GREASE, as the Chrome its User-Agent names: nothing
# may say client_impersonation. Chromium resolves only the portal (--host-resolver-rules) and its background
# services are off, so it sends nothing to any other address. The portal's certificate comes from the lab CA.
NET=172.31.236; ATT=40; VIC=10; CLI=23; DNS=2; SHELLPORT=0
EXTRA_HOSTS="$NET.40 portal.lab.local"
PORTAL=portal.lab.local
services() {
  /usr/bin/python3 "$HERE/tools/make-cert.py" "$RUN" "Lab Corp Root CA" $PORTAL $PORTAL 45 365
  nsx att /usr/bin/python3 "$HERE/tools/tls-server.py" $A 443 "$RUN/leaf.pem" "$RUN/leaf.key" 80 150 'nginx/1.22.1' >"$RUN/logs/portal.log" 2>&1 &
}
browse() { # URL: one headless Chromium visit from the desktop (the victim namespace), bounded in time
  local ver; ver=$(chromium --version 2>/dev/null | awk '{print $2}' | cut -d. -f1)
  nsx vic timeout 30 chromium --headless=new --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
    --disable-background-networking --disable-component-update --disable-sync --disable-default-apps \
    --disable-domain-reliability --disable-breakpad --metrics-recording-only --disable-features=MediaRouter,OptimizationHints,Translate \
    --host-resolver-rules="MAP $PORTAL $A, MAP * ~NOTFOUND" --ignore-certificate-errors \
    --user-data-dir="$RUN/chromium-profile" \
    --user-agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/$ver.0.0.0 Safari/537.36" \
    --dump-dom "$1" >/dev/null 2>>"$RUN/logs/chromium.log" || true
}
play() {
  note "internal portal (HTTPS, name $PORTAL, certificate from the lab CA) $A:443 and :80; staff desktop $V runs Chromium $(chromium --version 2>/dev/null | awk '{print $2}'); benign client $C; dns $D"
  benign_background
  note "1 the desktop's Chromium opens http://$PORTAL/checkin?id=desk1 in clear (Chrome User-Agent of its version)"
  browse "http://$PORTAL/checkin?id=desk1"
  sleep 3
  note "2 12 visits of https://$PORTAL/api/v2/sync?id=desk1 every 5 s +-20 %, a new Chromium process each (TLS hello: TLS 1.3 offered, ALPN, GREASE)"
  RANDOM=1236
  for i in $(seq 1 12); do
    browse "https://$PORTAL/api/v2/sync?id=desk1"
    sleep "$(awk -v r=$RANDOM 'BEGIN{printf "%.2f", 5*(0.8+0.4*r/32767)}')"
  done
}
