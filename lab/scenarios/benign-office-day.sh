# sourced by run-scenario.sh: the story played between the hosts
# Nothing malicious: two staff members use the portal for about a minute. Correct logins, a
# few failed logins from typos, uploads of two images and a PDF, a browser's 404s (favicon,
# touch icon, an old bookmark), DNS lookups (one NXDOMAIN from a typo), a monitoring host's
# curl health checks, and the download of a zip file.
NET=192.168.150; ATT=21; VIC=10; CLI=22; DNS=1; SHELLPORT=0
play() {
  note "no attack. alice's desktop $A (Firefox UA), bob's laptop $C (Chrome UA): staff; web server $V (port 80); dns server $D"
  mkdir -p "$RUN/www/files"
  ( cd "$RUN" && mkdir -p hb && printf 'Welcome to the team.\n' > hb/welcome.txt && head -c 30000 /dev/urandom | base64 > hb/policies.txt \
    && python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED); [z.write(f) for f in sys.argv[2:]]; z.close()' \
       "$RUN/www/files/handbook.zip" hb/welcome.txt hb/policies.txt )
  head -c 24000 /dev/urandom | (printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01'; cat; printf '\xff\xd9') > "$RUN/holiday.jpg"
  head -c 9000 /dev/urandom | (printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR'; cat) > "$RUN/logo.png"
  printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' > "$RUN/expenses-march.pdf"
  health() { nsx dns curl -s -o /dev/null -w '%{http_code}\n' -m 3 "$URL/about.php" >>"$RUN/logs/health.log"; }
  note "0 the monitoring agent on the DNS host $D checks $URL/about.php with curl every ~8 s (UA curl/7.88.1), and sends HEAD / twice"
  ( for k in $(seq 1 8); do health; sleep 8; done ) & local hpid=$!
  note "1 alice ($A): DNS lookups (portal.corp.lan, www.corp.lan, files.corp.lan, AAAA portal.corp.lan = no data), opens the site: / then the browser's /favicon.ico (404)"
  for n in portal.corp.lan www.corp.lan files.corp.lan; do nsx att dig +short @$D $n >/dev/null; sleep 0.3; done
  nsx att dig +short AAAA @$D portal.corp.lan >/dev/null
  nsx att curl -s -A "$BROWSER" -o /dev/null $URL/; nsx att curl -s -A "$BROWSER" -o /dev/null $URL/favicon.ico
  sleep 2
  note "2 alice mistypes her password once (admin/S3cret!), then logs in (admin/S3cr3t!: 302 to /editprofile.php)"
  nsx att curl -s -A "$BROWSER" --data-urlencode username=admin --data-urlencode 'password=S3cret!' -o /dev/null $URL/index.php; sleep 4
  nsx att curl -s -A "$BROWSER" --data-urlencode username=admin --data-urlencode 'password=S3cr3t!' -o /dev/null $URL/index.php; sleep 0.5
  nsx att curl -s -A "$BROWSER" -o /dev/null $URL/editprofile.php
  sleep 3
  note "3 bob ($C): DNS lookup with a typo (portl.corp.lan: NXDOMAIN), then portal.corp.lan; / , /favicon.ico and /apple-touch-icon.png (404), two wrong passwords (bobteh, Bobthe), then the right one (bobthe)"
  nsx cli dig @$D portl.corp.lan >/dev/null; sleep 1; nsx cli dig +short @$D portal.corp.lan >/dev/null
  for p in / /favicon.ico /apple-touch-icon.png; do nsx cli curl -s -A "$CHROME" -o /dev/null $URL$p; done
  sleep 3
  for pw in bobteh Bobthe; do nsx cli curl -s -A "$CHROME" -d "username=bob&password=$pw" -o /dev/null $URL/index.php; sleep 5; done
  nsx cli curl -s -A "$CHROME" -d "username=bob&password=bobthe" -o /dev/null $URL/index.php; sleep 0.4
  nsx cli curl -s -A "$CHROME" -o /dev/null $URL/editprofile.php
  sleep 2
  for f in holiday.jpg:image/jpeg logo.png:image/png expenses-march.pdf:application/pdf; do note "   upload file ${f%%:*} (${f#*:}), sha256 $(sha256sum "$RUN/${f%%:*}" | cut -d' ' -f1)"; done
  note "4 bob uploads holiday.jpg (image/jpeg) as avatar and views it; alice uploads logo.png (image/png) and expenses-march.pdf (application/pdf), lists /uploads/ and opens the PDF"
  nsx cli curl -s -A "$CHROME" -e "$URL/editprofile.php" -F "fileToUpload=@$RUN/holiday.jpg;type=image/jpeg" -F submit=Upload -o /dev/null $URL/upload.php; sleep 1
  nsx cli curl -s -A "$CHROME" -o /dev/null $URL/uploads/holiday.jpg
  sleep 2
  nsx att curl -s -A "$BROWSER" -e "$URL/editprofile.php" -F "fileToUpload=@$RUN/logo.png;type=image/png" -F submit=Upload -o /dev/null $URL/upload.php; sleep 3
  nsx att curl -s -A "$BROWSER" -e "$URL/editprofile.php" -F "fileToUpload=@$RUN/expenses-march.pdf;type=application/pdf" -F submit=Upload -o /dev/null $URL/upload.php; sleep 1
  nsx att curl -s -A "$BROWSER" -o /dev/null $URL/uploads/; nsx att curl -s -A "$BROWSER" -o /dev/null $URL/uploads/expenses-march.pdf
  sleep 2
  note "5 bob follows an old bookmark (/intranet/news.html: 404), browses /browse.php /about.php, downloads /files/handbook.zip ($(stat -c %s "$RUN/www/files/handbook.zip") bytes)"
  for p in /intranet/news.html /browse.php /about.php /files/handbook.zip; do nsx cli curl -s -A "$CHROME" -o /dev/null $URL$p; sleep 1.5; done
  nsx dns curl -s -I -o /dev/null $URL/; sleep 4
  note "6 both keep browsing a little (benign background from bob, alice reloads /browse.php)"
  benign_background
  for k in 1 2 3; do nsx att curl -s -A "$BROWSER" -o /dev/null $URL/browse.php; sleep 3; done
  nsx dns curl -s -I -o /dev/null $URL/
  wait $hpid
}
