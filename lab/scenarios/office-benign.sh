# sourced by run-scenario.sh: the story played between the hosts
# Benign twin of office-bruteforce: the same file/mail server and services, used by staff the
# ordinary way. Logins with one typo then success (IMAP, FTP, Telnet, HTTP Basic), a morning
# burst of four users fetching mail (IMAP and POP3, some over IPv6), FTP transfers both ways in
# passive and active mode (lftp and curl; the web admin uploads a PHP page into the web root and
# opens it), swaks sending a mail with a PDF attachment (AUTH LOGIN, and AUTH PLAIN over IPv6) that
# the recipient then fetches, a Telnet session with a few commands, and a monitoring host polling
# SNMP with the site's own community (public is not configured).
NET=172.31.210; ATT=45; VIC=20; CLI=31; DNS=2; SHELLPORT=0; NET6=fd00:210; MORE_HOSTS="mon:50 car:32 dav:33"
EXTRA_HOSTS="$NET.20 files.corp.lan mail.corp.lan"
source "$HERE/lib/office.sh"
MONCOMM='N3tM0n-ro'
services() {
  office_user alice    'sunshine1'   1001
  office_user bob      'Password123' 1002
  office_user carol    'Winter2024'  1003
  office_user dave     'dragon77'    1004
  office_user webadmin 'Welcome1'    1005 /var/www/html 33
  office_user erin     'Spring2025'  1007
  office_mail bob 'hr@corp.lan' 'Q4 salary review' 'Hi Bob, the Q4 salary review sheet is on the share.'
  office_mail carol 'it-support@corp.lan' 'Printer' 'The 2nd floor printer is fixed.'
  office_mail dave 'alice@corp.lan' 'Minutes' 'Minutes of the Monday meeting attached to the wiki.'
  office_mail alice 'dave@corp.lan' 'Lunch?' 'Lunch at 12:30 on Thursday?'
  mkdir -p "$RUN/www/intranet" "$RUN/home/alice/reports"
  printf '<html><body><h1>Corp intranet</h1><ul><li><a href="phonebook.html">Phone book</a></li></ul></body></html>\n' > "$RUN/www/intranet/index.html"
  printf '<html><body><table><tr><td>alice</td><td>2231</td></tr><tr><td>bob</td><td>2232</td></tr></table></body></html>\n' > "$RUN/www/intranet/phonebook.html"
  printf 'Sales Q3 report\nregion,total\nnorth,1200\nsouth,980\n' > "$RUN/home/alice/reports/q3.csv"
  printf 'Call the printer vendor on Friday.\n' > "$RUN/home/alice/notes.txt"
  chown -R 1001:1001 "$RUN/home/alice"
  office_services "$MONCOMM"
}
monitor() {  # the monitoring host polls SNMP every 15 s, 8 times (one over IPv6), and walks the interfaces once
  for i in 1 2 3 4 5 6 7 8; do
    if [ $i = 4 ]; then nsx mon snmpget -v2c -c "$MONCOMM" -t 2 -r 1 "udp6:[$V6]:161" .1.3.6.1.2.1.1.3.0 >/dev/null 2>&1 || true
    else nsx mon snmpget -v2c -c "$MONCOMM" -t 2 -r 1 $V .1.3.6.1.2.1.1.3.0 .1.3.6.1.2.1.2.2.1.10.2 .1.3.6.1.2.1.2.2.1.16.2 >/dev/null 2>&1 || true; fi
    [ $i = 2 ] && { nsx mon snmpwalk -v2c -c "$MONCOMM" $V .1.3.6.1.2.1.2.2.1.2 >/dev/null 2>&1 || true; }
    sleep 15
  done
}
play() {
  note "server 'files' $V ($V6): FTP 21, Telnet 23, SMTP 25, HTTP 80 (/intranet/ Basic auth), POP3 110, IMAP 143, SNMP 161; workstations: alice $C, bob $A, carol $(addr car), dave $(addr dav); monitoring $(addr mon); DNS $D; no attacker"
  monitor & local monpid=$!
  note "1 morning mail check: alice IMAP (typo 'sunshine' rejected, then sunshine1), bob POP3 over IPv6, carol IMAP, dave POP3 (all curl, AUTH PLAIN)"
  nsx cli dig +short @$D mail.corp.lan >/dev/null || true
  nsx cli curl -s --user alice:sunshine "imap://$V/INBOX;UID=1" -o /dev/null || true
  sleep 2
  nsx cli curl -s --user alice:sunshine1 "imap://$V/INBOX;UID=1" -o /dev/null || true
  sleep 1
  nsx att curl -s --user bob:Password123 "pop3://[$V6]/1" -o /dev/null || true
  sleep 1.5
  nsx car curl -s --user carol:Winter2024 "imap://$V/INBOX;UID=1" -o /dev/null || true
  sleep 1
  nsx dav curl -s --user dave:dragon77 "pop3://$V/1" -o /dev/null || true
  sleep 2
  note "2 alice opens the intranet: Basic with a typo (alice/sunshin1, 401), then alice/sunshine1 (200), index and phone book (Chrome UA)"
  nsx cli curl -s -A "$CHROME" -u alice:sunshin1 -o /dev/null $URL/intranet/ || true
  sleep 2
  nsx cli curl -s -A "$CHROME" -u alice:sunshine1 -o /dev/null $URL/intranet/ -o /dev/null $URL/intranet/phonebook.html || true
  sleep 2
  note "3 FTP: the web admin (bob's PC $A) deploys with lftp, passive: first login with a typo (Welcome2, 530), then Welcome1: put news.html and contact.php into the web root, get index.php back; then opens /contact.php over HTTP"
  printf '<html><body><h1>News</h1><p>The canteen reopens on Monday.</p></body></html>\n' > "$RUN/news.html"
  printf '<?php $to = "office@corp.lan"; echo "<p>Write to " . htmlspecialchars($to) . "</p>"; ?>\n' > "$RUN/contact.php"
  ( cd "$RUN" && nsx att lftp -e "set ftp:ssl-allow no; set ftp:passive-mode on; set net:max-retries 1; ls; bye" -u webadmin,Welcome2 $V >/dev/null 2>&1 ) || true
  sleep 2
  ( cd "$RUN" && nsx att lftp -e "set ftp:ssl-allow no; set ftp:passive-mode on; ls; put news.html; put contact.php; get index.php -o $RUN/index-copy.php; bye" -u webadmin,Welcome1 $V >"$RUN/logs/lftp-deploy.log" 2>&1 ) || true
  sleep 1
  nsx att curl -s -A "$BROWSER" -o /dev/null $URL/contact.php || true
  sleep 2
  note "4 FTP: alice downloads reports/q3.csv with curl in active mode (PORT), and uploads notes-2.txt with lftp in active mode over IPv6 (EPRT)"
  nsx cli curl -s --ftp-port - -u alice:sunshine1 ftp://$V/reports/q3.csv -o "$RUN/logs/q3.csv" || true
  sleep 1
  printf 'Meeting notes, 7 December\n- budget approved\n' > "$RUN/notes-2.txt"
  ( cd "$RUN" && nsx cli lftp -e "set ftp:ssl-allow no; set ftp:passive-mode off; put notes-2.txt; ls; bye" -u alice,sunshine1 "[$V6]" >"$RUN/logs/lftp-alice6.log" 2>&1 ) || true
  sleep 2
  note "5 mail: bob sends alice a mail with a PDF attachment with swaks (AUTH LOGIN bob/Password123); dave sends one over IPv6 (AUTH PLAIN dave/dragon77); alice fetches both over IMAP"
  printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' > "$RUN/budget-2027.pdf"
  nsx att swaks --to alice@corp.lan --from bob@corp.lan --server $V --auth LOGIN --auth-user bob --auth-password Password123 \
      --header 'Subject: Budget 2027' --body 'Hi Alice, the budget draft is attached. Bob' --attach-type application/pdf --attach @"$RUN/budget-2027.pdf" >"$RUN/logs/swaks-bob.log" 2>&1 || true
  sleep 1
  nsx dav swaks --to alice@corp.lan --from dave@corp.lan --server "$V6" --auth PLAIN --auth-user dave --auth-password dragon77 \
      --header 'Subject: Thursday' --body 'See you on Thursday. Dave' >"$RUN/logs/swaks-dave.log" 2>&1 || true
  sleep 2
  nsx cli curl -s --user alice:sunshine1 "imap://$V/INBOX;UID=2" -o /dev/null || true
  nsx cli curl -s --user alice:sunshine1 "imap://$V/INBOX;UID=3" -o /dev/null || true
  sleep 2
  note "6 Telnet: alice logs in to files with a typo (sunshine11: Login incorrect, the connection ends), then sunshine1, and types: pwd, ls, cat notes.txt, date, exit"
  (sleep 2; echo alice; sleep 1; echo sunshine11; sleep 6) | nsx cli telnet $V >"$RUN/logs/telnet-typo.txt" 2>&1 || true
  sleep 1
  (sleep 2; echo alice; sleep 1; echo sunshine1; sleep 3; echo pwd; sleep 1; echo ls; sleep 1; echo 'cat notes.txt'; sleep 1; echo date; sleep 1; echo exit; sleep 1) | nsx cli telnet $V >"$RUN/logs/telnet-alice.txt" 2>&1 || true
  sleep 2
  note "7 carol reads mail over IMAP over IPv6 (curl, carol/Winter2024) and erin over POP3 (erin/Spring2025)"
  nsx car curl -s --user carol:Winter2024 "imap://[$V6]/INBOX;UID=1" -o /dev/null || true
  nsx dav curl -s --user erin:Spring2025 "pop3://$V/" -o /dev/null || true
  wait $monpid
}
