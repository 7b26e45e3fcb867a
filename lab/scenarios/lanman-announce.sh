# sourced by run-scenario.sh: the story played between the hosts
# Benign: the old LAN Manager announcements. The office of lib/netbios-office.sh (workgroup CORP) where three
# hosts run Samba's nmbd with `lm announce = yes` and `lm interval = 5`: the file server FILESRV (smbd + nmbd,
# local master browser), the NAS NAS01 and the workstation WS-BOB (nmbd only). Each broadcasts a LAN Manager host
# announcement to \MAILSLOT\LANMAN every 5 s besides its usual MS-BRWS announcements on \MAILSLOT\BROWSE.
# Workstation WS-ALICE (no nmbd) looks the file server up once with nmblookup and lists its shares once with
# smbclient -L. No attacker.
NET=172.31.240; ATT=30; VIC=10; CLI=23; DNS=2; SHELLPORT=0; MORE_HOSTS="fs:20"
DNSMASQ_EXTRA="--domain-needed"
ALICE_PW='Summer2026!'
source "$HERE/lib/netbios-office.sh"
lm_conf() { # HOST NAME ROLE COMMENT: the office's smb.conf with LAN Manager announcements every 5 s
  smb_conf "$1" "$2" "$3"
  sed -i "s/^  server string = .*/  server string = $4/; /^\[global\]/a\\  lm announce = yes\\n  lm interval = 5" "$RUN/smb-$1/smb.conf"
}
services() {
  office_hosts
  lm_conf fs FILESRV server "Office file server"; lm_conf att NAS01 client "Storage NAS"; lm_conf cli WS-BOB client "Bob's desk"
  smb_conf vic WS-ALICE client
  printf '%s\n%s\n' "$ALICE_PW" "$ALICE_PW" | nsx fs smbpasswd -c "$RUN/smb-fs/smb.conf" -s -a alice >"$RUN/logs/smbpasswd.log" 2>&1
}
play() {
  local F; F=$(addr fs)
  note "no attacker; file server FILESRV $F (Samba $(smbd -V | awk '{print $2}') smbd+nmbd, comment 'Office file server'), NAS NAS01 $A (nmbd, 'Storage NAS'), workstation WS-BOB $C (nmbd, \"Bob's desk\"): every smb.conf has lm announce = yes, lm interval = 5, workgroup CORP; workstation WS-ALICE $V (no nmbd, user alice)"
  note "0 FILESRV, NAS01 and WS-BOB start nmbd: name registrations by broadcast, browser host announcements to CORP<1d> on \\MAILSLOT\\BROWSE, and every 5 s a LAN Manager host announcement (command 0x01) to CORP<00> on \\MAILSLOT\\LANMAN; FILESRV becomes the local master browser"
  local pids=()
  nsx fs timeout 60 nmbd --foreground --no-process-group -s "$RUN/smb-fs/smb.conf" -l "$RUN/logs/samba-fs" >/dev/null 2>&1 & pids+=($!)
  nsx fs timeout 60 smbd --foreground --no-process-group -s "$RUN/smb-fs/smb.conf" -l "$RUN/logs/samba-fs" >/dev/null 2>&1 & pids+=($!)
  for h in att cli; do nsx $h timeout 60 nmbd --foreground --no-process-group -s "$RUN/smb-$h/smb.conf" -l "$RUN/logs/samba-$h" >/dev/null 2>&1 & pids+=($!); done
  sleep 20
  note "1 alice (WS-ALICE $V): nmblookup FILESRV (broadcast, answered by $F), then smbclient -L FILESRV -U alice (SMB2/3, NTLMSSP, share list over srvsvc)"
  nsx vic timeout 10 nmblookup -s "$RUN/smb-vic/smb.conf" -B $NET.255 FILESRV >"$RUN/logs/nmblookup-vic.log" 2>&1 || true
  { echo "### smbclient -L FILESRV -U alice"; nsx vic timeout 15 smbclient -s "$RUN/smb-vic/smb.conf" -L FILESRV -U "alice%$ALICE_PW" 2>&1; echo "### exit $?"; } >"$RUN/logs/smbclient-alice.log" || true
  sleep 20
  note "2 the three hosts keep announcing until the capture ends (about 45 s after nmbd started)"
}
