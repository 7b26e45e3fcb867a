#!/usr/bin/env bash
# Records SMB2/3 traffic played by real software: Samba's smbd as a file server and smbclient as the client, in
# two network namespaces made here (hwin-srv, hwin-cli) joined by a veth pair. No packet leaves this machine.
#
#   record-smb.sh OUT.pcap
#
# The share "data" is served by smbd; user alice has password "Passw0rd!" (known, so the tests can recompute
# the NTLMv2 proof). The client lists shares (srvsvc over IPC$), logs on once with a wrong password
# (STATUS_LOGON_FAILURE), uploads a file, downloads another, lists a folder, deletes a file, and makes one
# SMB3-encrypted connection (--client-protection=encrypt), one SMB1 (NT1) session and one SMB1 negotiate upgraded to SMB2.
set -euo pipefail
OUT=$(realpath -m "${1:?out.pcap}")
RUN=$(mktemp -d /tmp/hwin-smb.XXXXXX); chmod 755 "$RUN"
S=hwin-srv; C=hwin-cli
cleanup() {
  set +e
  [ -f "$RUN/tcpdump.pid" ] && kill "$(cat "$RUN/tcpdump.pid")" 2>/dev/null
  [ -f "$RUN/smbd.pid" ] && kill "$(cat "$RUN/smbd.pid")" 2>/dev/null
  sleep 1
  ip netns del $S 2>/dev/null; ip netns del $C 2>/dev/null
  rm -rf "$RUN"
}
trap cleanup EXIT
ip netns add $S; ip netns add $C
ip link add hwin-s type veth peer name hwin-c
ip link set hwin-s netns $S; ip link set hwin-c netns $C
ip netns exec $S ip link set hwin-s address 08:00:27:aa:00:02
ip netns exec $C ip link set hwin-c address 52:54:00:bb:00:03
ip netns exec $S ip addr add 10.77.0.2/24 dev hwin-s; ip netns exec $S ip link set hwin-s up; ip netns exec $S ip link set lo up
ip netns exec $C ip addr add 10.77.0.3/24 dev hwin-c; ip netns exec $C ip link set hwin-c up; ip netns exec $C ip link set lo up

mkdir -p "$RUN/share" "$RUN/private" "$RUN/state" "$RUN/cache" "$RUN/lock" "$RUN/pid" "$RUN/log" "$RUN/ncalrpc"
chmod 777 "$RUN/share"
head -c 150000 /dev/urandom > "$RUN/share/report.bin"
printf 'quarterly numbers\n%.0s' $(seq 1 400) > "$RUN/share/notes.txt"
cat > "$RUN/smb.conf" <<CONF
[global]
  workgroup = HWIN
  netbios name = FILESRV
  server role = standalone server
  security = user
  map to guest = never
  interfaces = 10.77.0.2/24
  bind interfaces only = yes
  private dir = $RUN/private
  state directory = $RUN/state
  cache directory = $RUN/cache
  lock directory = $RUN/lock
  pid directory = $RUN/pid
  ncalrpc dir = $RUN/ncalrpc
  log file = $RUN/log/%m.log
  passdb backend = tdbsam:$RUN/private/passdb.tdb
  server min protocol = NT1
  ntlm auth = ntlmv2-only
  disable netbios = no
  smb ports = 445 139
  load printers = no
  printing = bsd
  printcap name = /dev/null
[data]
  path = $RUN/share
  read only = no
  force user = root
CONF
id alice >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin alice
printf 'Passw0rd!\nPassw0rd!\n' | smbpasswd -c "$RUN/smb.conf" -a -s alice >/dev/null
ip netns exec $S tcpdump -i hwin-s -s 0 -U -w "$OUT" 'tcp port 445 or tcp port 139' >/dev/null 2>&1 &
echo $! > "$RUN/tcpdump.pid"
ip netns exec $S smbd -s "$RUN/smb.conf" -D
sleep 2
cat "$RUN/pid/smbd.pid" > "$RUN/smbd.pid" 2>/dev/null || true
cd "$RUN"
head -c 70000 /dev/urandom > upload.bin; printf 'MZ fake executable for the test\n' >> upload.bin
cx() { ip netns exec $C "$@"; }
cx smbclient -L //10.77.0.2 -U 'alice%Passw0rd!' -m SMB3 || true
cx smbclient //10.77.0.2/data -U 'alice%wrongpass' -m SMB3 -c 'ls' || true
cx smbclient //10.77.0.2/data -U 'HWIN/alice%Passw0rd!' -m SMB3 -c 'put upload.bin evil.exe; get report.bin got.bin; get notes.txt notes.txt; ls; mkdir sub; rm evil.exe' || true
cx smbclient //10.77.0.2/data -U 'alice%Passw0rd!' -m SMB3 --client-protection=encrypt -c 'get notes.txt enc.txt' || true
cx smbclient //10.77.0.2/data -U 'alice%Passw0rd!' --option='client min protocol=NT1' -m NT1 -c 'get notes.txt nt1.txt' || true
cx smbclient //10.77.0.2/data -U 'alice%Passw0rd!' --option='client min protocol=NT1' -m SMB3 -c 'ls' || true
cx smbclient //10.77.0.2/data -U 'alice%Passw0rd!' -p 139 -m SMB2 -c 'get notes.txt p139.txt' || true
sleep 1
cmp got.bin share/report.bin && echo "download ok"
sha256sum upload.bin share/report.bin share/notes.txt | tee "${OUT%.*}.truth.txt"
