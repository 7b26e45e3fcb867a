# sourced by run-scenario.sh: the story played between the hosts
# Benign twin of name-poisoning: the same small Windows-style office without the attacker. Workstation
# WS-ALICE (smbclient, nmbd, LLMNR queries from tools/llmnr.py), the file server FILESRV (Samba smbd +
# nmbd, workgroup CORP, share `share`, users alice and bob), a NAS NAS01 (nmbd, and an LLMNR responder
# for its own name from tools/llmnr.py), workstation WS-BOB, the site's DNS (dnsmasq: knows nothing of
# FILESRV or NAS01, so the workstations fall back to NetBIOS broadcast). Alice's typos get no answer
# (smbclient fails to resolve the name), LLMNR wpad and printsrv go unanswered; every name that exists
# is answered only by its own host (nmbd answers each query twice).
NET=172.31.225; ATT=30; VIC=10; CLI=23; DNS=2; SHELLPORT=0; MORE_HOSTS="fs:20"
DNSMASQ_EXTRA="--domain-needed"          # bare names (FILESRV) get "not found", not REFUSED
ALICE_PW='Summer2026!'; BOB_PW='Autumn#Leaves7'
source "$HERE/lib/netbios-office.sh"
services() {
  office_hosts
  smb_conf fs FILESRV server; smb_conf vic WS-ALICE client; smb_conf cli WS-BOB client; smb_conf att NAS01 client
  printf '%s\n%s\n' "$ALICE_PW" "$ALICE_PW" | nsx fs smbpasswd -c "$RUN/smb-fs/smb.conf" -s -a alice >"$RUN/logs/smbpasswd.log" 2>&1
  printf '%s\n%s\n' "$BOB_PW" "$BOB_PW" | nsx fs smbpasswd -c "$RUN/smb-fs/smb.conf" -s -a bob >>"$RUN/logs/smbpasswd.log" 2>&1
}
smbc() { # HOST LOG ARGS…: smbclient from a workstation with its own smb.conf (15 s at most)
  local h=$1 log=$2; shift 2
  { echo "### smbclient $*" | sed 's/%[^ ]*/%***/'; nsx $h timeout 15 smbclient -s "$RUN/smb-$h/smb.conf" "$@" 2>&1; echo "### exit $?"; } >>"$RUN/logs/$log" || true
}
nmbl() { local h=$1; shift; nsx $h timeout 10 nmblookup -s "$RUN/smb-$h/smb.conf" -B $NET.255 "$@" >>"$RUN/logs/nmblookup-$h.log" 2>&1 || true; }
play() {
  local F; F=$(addr fs)
  note "no attacker; workstation WS-ALICE $V (user alice, password $ALICE_PW, workgroup CORP); file server FILESRV $F (Samba $(smbd -V | awk '{print $2}') smbd+nmbd, standalone, share 'share'); NAS NAS01 $A (nmbd, LLMNR responder for nas01); workstation WS-BOB $C (user bob); dns $D (corp.lan, knows nothing of FILESRV or NAS01); every smb.conf: name resolve order = host bcast"
  note "0 the file server starts nmbd (registers FILESRV<00><03><20> and CORP<00><1e> by broadcast, becomes the local master browser) and smbd; the NAS and the workstations start nmbd (register NAS01, WS-ALICE, WS-BOB); the NAS answers LLMNR for nas01"
  local pids=()
  nsx fs timeout 95 nmbd --foreground --no-process-group -s "$RUN/smb-fs/smb.conf" -l "$RUN/logs/samba-fs" >/dev/null 2>&1 & pids+=($!)
  nsx fs timeout 95 smbd --foreground --no-process-group -s "$RUN/smb-fs/smb.conf" -l "$RUN/logs/samba-fs" >/dev/null 2>&1 & pids+=($!)
  for h in att vic cli; do nsx $h timeout 95 nmbd --foreground --no-process-group -s "$RUN/smb-$h/smb.conf" -l "$RUN/logs/samba-$h" >/dev/null 2>&1 & pids+=($!); done
  nsx att timeout 95 /usr/bin/python3 "$HERE/tools/llmnr.py" respond $A 90 NAS01 >"$RUN/logs/llmnr-nas.log" 2>&1 & pids+=($!)
  sleep 12
  note "1 alice works: smbclient //FILESRV/share -U alice -c 'ls; cd Finance; get budget-notes.txt': DNS FILESRV.corp.lan and FILESRV (not found), NBNS broadcast query FILESRV<20> answered by the file server; SMB2/3 with NTLMSSP (alice, CORP, WS-ALICE) to $F:445"
  ( cd "$RUN" && smbc vic smbclient-alice.log //FILESRV/share -U "alice%$ALICE_PW" -c "ls; cd Finance; get budget-notes.txt $RUN/budget-alice.txt" )
  sleep 2
  note "1b bob (WS-BOB $C): nmblookup FILESRV and NAS01 (broadcast, each answered by its own host), smbclient //FILESRV/share -U bob -c ls"
  nmbl cli FILESRV
  nmbl cli NAS01
  smbc cli smbclient-bob.log //FILESRV/share -U "bob%$BOB_PW" -c "ls"
  sleep 5
  note "2 alice resolves both servers: nmblookup NAS01 and FILESRV (answered by $A and $F), LLMNR nas01 (answered by the NAS)"
  nmbl vic NAS01
  nmbl vic FILESRV
  nsx vic timeout 10 /usr/bin/python3 "$HERE/tools/llmnr.py" query $V nas01 >"$RUN/logs/llmnr-vic.log" 2>&1 || true
  sleep 5
  note "3 alice mistypes: smbclient //FILESRVV/share, then //FILESERVER-OLD/share: DNS not found, one NBNS broadcast query each that nobody answers; smbclient fails (NT_STATUS_NOT_FOUND), no connection"
  smbc vic smbclient-alice.log //FILESRVV/share -U "alice%$ALICE_PW" -c "ls"
  sleep 5
  smbc vic smbclient-alice.log //FILESERVER-OLD/share -U "alice%$ALICE_PW" -c "ls"
  sleep 5
  note "4 alice's browser looks for a proxy: DNS wpad.corp.lan (NXDOMAIN), LLMNR wpad and printsrv (each sent twice, unanswered); no proxy, no download"
  nsx vic dig +tries=1 +time=2 @$D wpad.corp.lan >"$RUN/logs/dig-wpad.log" 2>&1 || true
  nsx vic timeout 10 /usr/bin/python3 "$HERE/tools/llmnr.py" query $V wpad printsrv >>"$RUN/logs/llmnr-vic.log" 2>&1 || true
  sleep 5
  note "5 alice opens //FILESRV/share again: NBNS FILESRV<20> answered by the file server only; ls, get README.txt"
  ( cd "$RUN" && smbc vic smbclient-alice.log //FILESRV/share -U "alice%$ALICE_PW" -c "ls; get README.txt $RUN/readme-alice.txt" )
  sleep 5
  note "6 bob: nmblookup FILESRV (answered by $F only), smbclient //FILESRV/share -U bob -c 'ls; put bob-notes.txt'"
  nmbl cli FILESRV
  printf 'notes from bob\n' > "$RUN/bob-notes.txt"
  ( cd "$RUN" && smbc cli smbclient-bob.log //FILESRV/share -U "bob%$BOB_PW" -c "ls; put bob-notes.txt" )
  sleep 12
}
