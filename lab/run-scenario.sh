#!/usr/bin/env bash
# Records a capture of a scripted intrusion (or of benign traffic) played by real tools
# (nmap, gobuster, sqlmap, curl, ncat, ab, Apache+PHP, dnsmasq) between hosts that live in
# network namespaces made here, joined by a bridge. No packet leaves this machine.
# Derived from the shared lab (shared/lab/run-scenario.sh); extended here with WEBPORT,
# an optional `services` hook, EXTRA_HOSTS, a products table and shell listener options.
#
#   run-scenario.sh SCENARIO OUT.pcap      (SCENARIO: a file in scenarios/)
#
# Writes OUT (pcap, or pcapng where the scenario asks), OUT.truth.txt (what happened), OUT.lab.log
# and OUT.logs/ (each tool's output), where OUT is the output path without its extension.
set -euo pipefail
SCEN=${1:?scenario}; OUT=$(realpath -m "${2:?out}")
HERE=$(cd "$(dirname "$0")" && pwd)
RUN=$(mktemp -d "${TMPDIR:-/tmp}/nta-lab.XXXXXX"); chmod 755 "$RUN"   # world-readable: the lab's daemons run as other users
LOG=${OUT%.*}.lab.log; : > "$LOG"
P=lab$$                                    # namespace prefix, unique per run
NS=(sw att vic cli dns)

[ -f "$HERE/scenarios/$SCEN.sh" ] || { echo "unknown scenario $SCEN" >&2; exit 2; }
NET6=""; PCAPNG=0; WEBPORT=80; EXTRA_HOSTS=""; MORE_HOSTS=""; APACHE_EXTRA=""; DNSMASQ_EXTRA=""
source "$HERE/scenarios/$SCEN.sh"          # sets NET ATT VIC CLI DNS SHELLPORT [NET6 PCAPNG WEBPORT EXTRA_HOSTS
                                           # MORE_HOSTS APACHE_EXTRA DNSMASQ_EXTRA], defines play [and services: started before the capture]
A=$NET.$ATT; V=$NET.$VIC; C=$NET.$CLI; D=$NET.$DNS
if [ -n "$NET6" ]; then A6=$NET6::$ATT; V6=$NET6::$VIC; C6=$NET6::$CLI; fi
# MORE_HOSTS="mon:50 cl2:24": more hosts (names of three letters at most), reached with nsx NAME;
# addr NAME / addr6 NAME give their addresses
declare -A OCTET=([att]=$ATT [vic]=$VIC [cli]=$CLI [dns]=$DNS)
for h in $MORE_HOSTS; do NS+=("${h%%:*}"); OCTET[${h%%:*}]=${h##*:}; done
addr() { echo "$NET.${OCTET[$1]}"; }
addr6() { echo "$NET6::${OCTET[$1]}"; }
PORTSUFFIX=""; [ "$WEBPORT" = 80 ] || PORTSUFFIX=":$WEBPORT"
URL="http://$V$PORTSUFFIX"                 # base URL of the victim's web site
[ -n "$NET6" ] && URL6="http://[$V6]$PORTSUFFIX"

cleanup() {
  set +e
  sleep 1
  for n in "${NS[@]}"; do       # end what still runs inside the lab's namespaces, and nothing else
    for pid in $(ip netns pids $P-$n 2>/dev/null); do
      [ "$pid" -gt 1 ] && [ "$pid" != $$ ] && echo "cleanup: $n $pid $( { tr '\0' ' ' < /proc/$pid/cmdline; } 2>/dev/null )" >> "$LOG" && kill "$pid" 2>/dev/null
    done
  done
  sleep 1
  for n in "${NS[@]}"; do ip netns del $P-$n 2>/dev/null; done
  for n in "${NS[@]}"; do rm -rf "/etc/netns/$P-$n"; done; rm -rf "$RUN"
}
trap cleanup EXIT
nsx() { local n=$1; shift; ip netns exec $P-$n "$@"; }

# --- topology: one bridge, four hosts
for n in "${NS[@]}"; do ip netns add $P-$n; nsx $n ip link set lo up; done
nsx sw ip link add br0 type bridge; nsx sw ip link set br0 up
i=0
for h in "${NS[@]:1}"; do
  ip=$NET.${OCTET[$h]}
  ip link add $P-$h-e type veth peer name $P-$h-p
  ip link set $P-$h-e netns $P-$h; ip link set $P-$h-p netns $P-sw
  nsx $h ip link set $P-$h-e name eth0
  nsx $h ip link set eth0 address 08:00:27:5e:0$i:$(printf %02x $((16#${ip##*.} % 256)))
  nsx $h ip addr add $ip/24 dev eth0; nsx $h ip link set eth0 up
  [ -n "$NET6" ] && nsx $h ip -6 addr add $NET6::${ip##*.}/64 dev eth0 nodad
  nsx sw ip link set $P-$h-p master br0; nsx sw ip link set $P-$h-p up
  i=$((i+1))
done
sleep 2

# --- victim: Apache + PHP app, an SSH-like banner on 22
mkdir -p "$RUN/www" "$RUN/data" "$RUN/logs"
cp -r "$HERE/www/." "$RUN/www/"; chown -R www-data "$RUN/www/uploads"
php -r '$d=new SQLite3($argv[1]); $d->exec("CREATE TABLE users(id INTEGER PRIMARY KEY, username TEXT, password TEXT)"); $d->exec("INSERT INTO users(username,password) VALUES(\"admin\",\"S3cr3t!\"),(\"bob\",\"bobthe\")");
  $d->exec("CREATE TABLE products(id INTEGER PRIMARY KEY, name TEXT, price REAL)"); $d->exec("INSERT INTO products(name,price) VALUES(\"Desk lamp\",24.5),(\"Office chair\",129.0),(\"Stapler\",7.25)");' "$RUN/data/app.db"
chown -R www-data "$RUN/data"
cat > "$RUN/apache2.conf" <<EOF
ServerRoot /etc/apache2
PidFile $RUN/apache.pid
Listen $V:$WEBPORT
${V6:+Listen [$V6]:$WEBPORT}
ServerName victim
User www-data
Group www-data
ErrorLog $RUN/logs/error.log
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule autoindex_module /usr/lib/apache2/modules/mod_autoindex.so
LoadModule php_module /usr/lib/apache2/modules/libphp8.2.so
TypesConfig /etc/mime.types
StartServers 4
MaxRequestWorkers 32
DocumentRoot /var/www/html
SetEnv APP_DB $RUN/data/app.db
LoadModule env_module /usr/lib/apache2/modules/mod_env.so
DirectoryIndex index.php index.html
<Directory /var/www/html>
  Options +Indexes
  Require all granted
</Directory>
<FilesMatch ".+\.ph(ar|p|tml)$">
  SetHandler application/x-httpd-php
</FilesMatch>
$APACHE_EXTRA
EOF
# the victim sees its own /etc/passwd, host name and web root, not this machine's
mkdir -p "/etc/netns/$P-vic"
cat > "/etc/netns/$P-vic/passwd" <<EOF
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
mysql:x:107:113:MySQL Server,,,:/nonexistent:/bin/false
sshd:x:110:65534::/run/sshd:/usr/sbin/nologin
bob:x:1000:1000:Bob Smith,,,:/home/bob:/bin/bash
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
printf '%s\n' 'root:*:19000:0:99999:7:::' 'www-data:*:19000:0:99999:7:::' \
  'bob:$6$Qq1v0lS7$0f4yJcBq6r1m6l9bPzQx0dU2v5m3Jc8yJg7m0YkF1bQe9m7xT1zW3pLr6dN2sV8uC4aH5kE0jR7tG9yB1iO3n.:19000:0:99999:7:::' \
  > "/etc/netns/$P-vic/shadow"
chmod 644 "/etc/netns/$P-vic/shadow"   # readable on purpose: the intruder reads it
# Apache signals its whole process group when it stops: give it a session of its own
ip netns exec $P-vic setsid unshare -m -u --propagation private bash -c "mount --bind '$RUN/www' /var/www/html && hostname portal && exec apache2 -f '$RUN/apache2.conf' -DFOREGROUND" </dev/null >/dev/null 2>&1 &
ip netns exec $P-vic bash -c "while true; do printf 'SSH-2.0-OpenSSH_7.6p1 Ubuntu-4ubuntu0.3\r\n' | timeout 3 ncat -l $V 22 >/dev/null 2>&1; done" & echo $! > "$RUN/ssh.pid"
[ -n "$NET6" ] && { ip netns exec $P-vic bash -c "while true; do printf 'SSH-2.0-OpenSSH_7.6p1 Ubuntu-4ubuntu0.3\r\n' | timeout 3 ncat -6 -l $V6 22 >/dev/null 2>&1; done" & }

# --- DNS server
cat > "$RUN/hosts" <<EOF
$V portal.corp.lan
$V www.corp.lan
${V6:+$V6 portal6.corp.lan}
$NET.40 files.corp.lan
$NET.41 files.corp.lan
$NET.42 files.corp.lan
$EXTRA_HOSTS
EOF
ip netns exec $P-dns dnsmasq --no-daemon --no-resolv --no-hosts --local=/corp.lan/ --addn-hosts="$RUN/hosts" --listen-address=$D --bind-interfaces --pid-file="$RUN/dnsmasq.pid2" $DNSMASQ_EXTRA >"$RUN/logs/dns.log" 2>&1 & echo $! > "$RUN/dns.pid"
# vic_daemon NAME CMD…: a daemon on the victim (host name "files") that sees the lab's /home,
# /var/mail and web root in place of this machine's, logging to logs/NAME.log
mkdir -p "$RUN/home" "$RUN/mail"
vic_daemon() {
  local name=$1; shift
  ip netns exec $P-vic setsid unshare -m -u --propagation private bash -c "mount --bind '$RUN/www' /var/www/html && mount --bind '$RUN/home' /home && mount --bind '$RUN/mail' /var/mail && hostname files && exec \"\$@\"" _ "$@" </dev/null >"$RUN/logs/$name.log" 2>&1 &
  echo $! > "$RUN/$name.pid"
}
# scenario-specific services (e.g. a UDP service on the victim) start before the capture
if declare -F services >/dev/null; then services; fi
sleep 2

# --- capture on the bridge: it sees every host (a large kernel buffer and a higher priority keep
#     tcpdump from dropping packets under the load scenario; CAPTURE_BUFFER_KB overrides the buffer)
ip netns exec $P-sw nice -n -10 tcpdump -i br0 -s 0 -B ${CAPTURE_BUFFER_KB:-262144} -w "$RUN/cap.pcap" >"$RUN/logs/tcpdump.log" 2>&1 & echo $! > "$RUN/tcpdump.pid"
sleep 2

BROWSER='Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0'
CHROME='Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'
T="$RUN/truth.txt"; : > "$T"
note() { echo "$*" >> "$T"; }

benign_background() {
  nsx cli dig +short @$D portal.corp.lan >/dev/null || true
  nsx cli dig +short @$D files.corp.lan >/dev/null || true
  for p in / /browse.php /about.php /robots.txt; do nsx cli curl -s -A "$CHROME" -o /dev/null $URL$p; sleep 0.3; done
}

shell_session() { # $1 = lines to type, one per line; [$2 = seconds between lines, default 1]
  local cmds=$1 gap=${2:-1}          # the listener takes IPv4 and IPv6 (ncat -l without -4/-6)
  ip netns exec $P-att bash -c "( sleep 3; while IFS= read -r l; do printf '%s\n' \"\$l\"; sleep $gap; done <<< \"$cmds\"; sleep 2 ) | timeout 60 ncat -lvnp $SHELLPORT" >"$RUN/logs/shell.log" 2>&1 &
  echo $! > "$RUN/shellsess.pid"
  sleep 1
}

play
sleep 3
kill "$(cat "$RUN/tcpdump.pid")"; wait "$(cat "$RUN/tcpdump.pid")" 2>/dev/null || true
# tcpdump's own count: a capture with "packets dropped by kernel" above 0 has holes
grep -E "captured|received|dropped" "$RUN/logs/tcpdump.log" | sed 's/^/tcpdump: /' >> "$LOG" || true
if [ "$PCAPNG" = 1 ]; then
  editcap -F pcapng --set-tsresol ns "$RUN/cap.pcap" "$OUT" 2>/dev/null || editcap -F pcapng "$RUN/cap.pcap" "$OUT"
else
  cp "$RUN/cap.pcap" "$OUT"
fi
cp "$T" "${OUT%.*}.truth.txt"
rm -rf "${OUT%.*}.logs"; cp -r "$RUN/logs" "${OUT%.*}.logs"   # the tools' own output, for checking a run
ls -la "$OUT"; cat "${OUT%.*}.truth.txt"
