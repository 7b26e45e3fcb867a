# sourced by run-scenario.sh: the story played between the hosts
# Benign twin of c2-http-beacon: a monitoring host polls the intranet server's health page every
# 5 s (a fixed period, 25 polls, a new connection each, by name through the resolver, like the
# implant), a status API is polled every 15 s with a JSON POST of the monitor's own metrics, and a
# user uploads a document (a 30 KB tar.gz of reports and a PDF) through the web form and browses.
NET=172.31.222; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0; MORE_HOSTS="mon:50"
EXTRA_HOSTS="$NET.10 intranet.corp.lan status.corp.lan"
services() {
  mkdir -p "/etc/netns/$P-mon"; printf 'nameserver %s\n' $D > "/etc/netns/$P-mon/resolv.conf"   # the monitor resolves through the lab's DNS
  printf '<?php header("Content-Type: application/json"); echo json_encode(["status" => "ok", "db" => "ok", "time" => time()]); ?>\n' > "$RUN/www/health.php"
  printf '<?php header("Content-Type: application/json"); $b = file_get_contents("php://input"); echo json_encode(["received" => strlen($b), "next" => 15]); ?>\n' > "$RUN/www/status.php"
  mkdir -p "$RUN/user/reports"
  /usr/bin/python3 - "$RUN/user/reports/sales-2026.csv" <<'PY'
import random, sys
random.seed(11)
with open(sys.argv[1], "w") as f:
    f.write("month,region,units,revenue\n")
    for m in range(1, 13):
        for r in ["north", "south", "east", "west", "central"]:
            for p in range(8):
                u = random.randrange(10, 900); f.write("2026-%02d,%s,%d,%.2f\n" % (m, r, u, u * random.uniform(9, 60)))
PY
  printf '%%PDF-1.4\n%% quarterly report\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' > "$RUN/user/reports/q3-summary.pdf"
  ( cd "$RUN/user" && tar czf "$RUN/user/reports-2026.tar.gz" reports )
}
play() {
  note "monitoring host $(addr mon) (resolver $D); intranet server $V:80 (intranet.corp.lan, status.corp.lan); user workstation $C; host $A idle; no attacker"
  note "1 health checks: $(addr mon) GETs http://intranet.corp.lan/health.php every 5.0 s (period fixed, corrected for the time a check takes), 25 checks, curl with UA 'check_http/v2.3.3 (monitoring-plugins 2.3.3)', a DNS lookup (A and AAAA) and a new connection each"
  note "2 every third check the monitor also POSTs its metrics as JSON to http://status.corp.lan/status.php"
  ( for i in $(seq 1 25); do
      t0=$(date +%s.%N)
      nsx mon curl -s -A 'check_http/v2.3.3 (monitoring-plugins 2.3.3)' -o /dev/null http://intranet.corp.lan/health.php || true
      if [ $((i % 3)) = 0 ]; then nsx mon curl -s -A 'monitor-agent/1.4' -H 'Content-Type: application/json' \
          -d "{\"host\":\"mon\",\"check\":$i,\"load\":0.$((RANDOM % 90 + 10)),\"disk_free_gb\":$((120 + RANDOM % 5))}" -o /dev/null http://status.corp.lan/status.php || true; fi
      sleep "$(echo "5 - ($(date +%s.%N) - $t0)" | bc | sed 's/^-.*/0.1/')"
    done ) &
  local monpid=$!
  sleep 7
  benign_background
  sleep 20
  note "3 the user uploads reports-2026.tar.gz ($(stat -c %s "$RUN/user/reports-2026.tar.gz") bytes, application/gzip) and q3-summary.pdf through the web form (POST /upload.php, multipart), lists /uploads/ and downloads the PDF back"
  nsx cli curl -s -A "$CHROME" -e "$URL/editprofile.php" -F "fileToUpload=@$RUN/user/reports-2026.tar.gz;type=application/gzip" -F submit=Upload -o /dev/null $URL/upload.php || true
  sleep 2
  nsx cli curl -s -A "$CHROME" -e "$URL/editprofile.php" -F "fileToUpload=@$RUN/user/reports/q3-summary.pdf;type=application/pdf" -F submit=Upload -o /dev/null $URL/upload.php || true
  sleep 1
  nsx cli curl -s -A "$CHROME" -o /dev/null $URL/uploads/ || true
  nsx cli curl -s -A "$CHROME" -o /dev/null $URL/uploads/q3-summary.pdf || true
  sleep 30
  benign_background
  wait $monpid
}
