#!/bin/bash
# Records the FTP and Telnet test captures of nta-core/src/test/resources/ftp between two network namespaces
# (hftp-c client 10.77.0.1 / fd77::1, hftp-s server 10.77.0.2 / fd77::2): vsftpd (anonymous and a local user,
# active and passive, IPv4 and IPv6, download, upload, listings, a rejected login) driven by curl and lftp, and
# inetutils-telnetd under inetd driven by a small Python client (a rejected and an accepted login, commands).
# Needs root; user "hftp" (password "Secr3t-ftp") is created if missing. Usage: lab/ftp/record.sh OUTDIR
set -euo pipefail
OUT=${1:?outdir}; mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
RUN=$(mktemp -d /tmp/hftp-lab.XXXX)
HERE=$(cd "$(dirname "$0")" && pwd)
cleanup() {
  for n in c s; do for pid in $(ip netns pids hftp-$n 2>/dev/null); do kill $pid 2>/dev/null || true; done; done
  sleep 0.5
  for n in c s; do ip netns del hftp-$n 2>/dev/null || true; done
}
trap cleanup EXIT
cleanup
id hftp >/dev/null 2>&1 || { useradd -m -s /bin/bash hftp; echo 'hftp:Secr3t-ftp' | chpasswd; }
ip netns add hftp-c; ip netns add hftp-s
ip link add hftp-ce type veth peer name hftp-se
ip link set hftp-ce netns hftp-c; ip link set hftp-se netns hftp-s
ip netns exec hftp-c ip link set lo up; ip netns exec hftp-s ip link set lo up
ip netns exec hftp-c ip addr add 10.77.0.1/24 dev hftp-ce; ip netns exec hftp-s ip addr add 10.77.0.2/24 dev hftp-se
ip netns exec hftp-c ip -6 addr add fd77::1/64 dev hftp-ce nodad; ip netns exec hftp-s ip -6 addr add fd77::2/64 dev hftp-se nodad
ip netns exec hftp-c ip link set hftp-ce up; ip netns exec hftp-s ip link set hftp-se up
# files
mkdir -p "$RUN/anon/pub" /var/run/vsftpd/empty
printf 'hello from the anonymous ftp area\n' > "$RUN/anon/pub/readme.txt"
head -c 20000 /usr/share/common-licenses/GPL-3 > "$RUN/anon/pub/gpl.txt"
printf '\x89PNG\r\n\x1a\n' > "$RUN/anon/pub/logo.png"; head -c 3000 /dev/urandom | base64 >> "$RUN/anon/pub/logo.png"
chmod -R a+rX "$RUN"; chmod 555 "$RUN/anon"
cp "$RUN/anon/pub/gpl.txt" ~hftp/report.txt; chown hftp ~hftp/report.txt
printf '#!/bin/sh\necho uploaded tool\n' > "$RUN/tool.sh"
cat > "$RUN/vsftpd.conf" <<C
listen=NO
listen_ipv6=YES
background=NO
anonymous_enable=YES
anon_root=$RUN/anon
local_enable=YES
write_enable=YES
pasv_enable=YES
port_enable=YES
connect_from_port_20=YES
seccomp_sandbox=NO
secure_chroot_dir=/var/run/vsftpd/empty
pam_service_name=vsftpd
xferlog_enable=NO
ftpd_banner=Welcome to the hftp lab FTP service.
C
ip netns exec hftp-s /usr/sbin/vsftpd "$RUN/vsftpd.conf" >"$RUN/vsftpd.log" 2>&1 &
echo "telnet stream tcp nowait root /usr/sbin/telnetd telnetd" > "$RUN/inetd.conf"
echo "telnet stream tcp6 nowait root /usr/sbin/telnetd telnetd" >> "$RUN/inetd.conf"
ip netns exec hftp-s /usr/sbin/inetd -d "$RUN/inetd.conf" >"$RUN/inetd.log" 2>&1 &
sleep 1

cap() { # name, then the client commands
  local name=$1; shift
  ip netns exec hftp-c tcpdump -i hftp-ce -s 0 -U -w "$OUT/$name.pcap" >"$RUN/$name.tcpdump.log" 2>&1 &
  local tp=$!; sleep 1
  ip netns exec hftp-c timeout 60 "$@" >"$RUN/$name.out" 2>&1 || echo "($name: client exit $?)"
  sleep 1; kill $tp; wait $tp 2>/dev/null || true
}
# anonymous, passive (EPSV then PASV), IPv4: a listing and two files
cap ftp-anon-passive curl -s --ftp-pasv ftp://10.77.0.2/pub/ -o /dev/null --next --disable-epsv ftp://10.77.0.2/pub/gpl.txt -o /dev/null --next ftp://10.77.0.2/pub/logo.png -o /dev/null
# local user, active (PORT and EPRT), IPv4: a download, an upload, a listing
cap ftp-user-active lftp -e 'set ftp:passive-mode no; set ftp:prefer-epsv no; cls -l; get report.txt -o /dev/null; put '"$RUN"'/tool.sh -o tool.sh; bye' -u hftp,Secr3t-ftp 10.77.0.2
# IPv6: EPRT |2| (active) and EPSV (passive)
cap ftp-ipv6 bash -c "curl -s -g -P - 'ftp://[fd77::2]/pub/readme.txt' -o /dev/null; curl -s -g 'ftp://[fd77::2]/pub/gpl.txt' -o /dev/null"
# a rejected login then an accepted one
cap ftp-login-rejected bash -c "curl -s -u hftp:wrong ftp://10.77.0.2/ -o /dev/null; curl -s -u hftp:Secr3t-ftp ftp://10.77.0.2/report.txt -o /dev/null"
# telnet: a wrong password, then a login and commands, typed a character at a time
cap telnet-login python3 "$HERE/telnet_client.py" 10.77.0.2
# hydra: a small dictionary against FTP, the last word right (hydra against telnetd hangs here: not recorded)
printf 'admin\n123456\npassword\nletmein\nSecr3t-ftp\n' > "$RUN/words.txt"
cap ftp-hydra hydra -l hftp -P "$RUN/words.txt" -t 2 -f ftp://10.77.0.2
ls -la "$OUT"
