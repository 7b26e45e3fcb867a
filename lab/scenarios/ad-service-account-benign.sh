# sourced by run-scenario.sh: the story played between the hosts
# Benign twin of ad-roast-pivot: the same hosts and accounts (Samba AD DC dc1, realm LAB.LOCAL,
# lib/samba-dc.sh; member file server fs1, lib/samba-member.sh) used as intended. A help-desk admin
# on att's address (alice) gets a TGT and audits the domain's user accounts in LDAP with a
# Kerberos (SASL/GSSAPI) bind: the entries name svc_sql and its SPN MSSQLSvc/sql01.lab.local:1433;
# then she checks the SQL server ws2 (sql01.lab.local) over SSH. carol, a client of the SQL server,
# asks for an AES service ticket of MSSQLSvc/sql01.lab.local:1433 (kvno without -e: etype 18). The
# SQL server ws2 runs its nightly backup job as its own service account svc_sql: smbclient with
# NTLM writes nightly.bak to fs1's dept share, then (kinit svc_sql) smbclient with Kerberos lists
# it and reads it back; nothing goes to ADMIN$, no svcctl, no RC4. carol copies files to and from
# fs1's dept share before and after. One difference in the accounts: here svc_sql's
# msDS-SupportedEncryptionTypes is 24 (AES, set before the capture, as an administrator hardens a
# service account); left unset as in ad-roast-pivot, Samba's KDC would encrypt every ticket for its
# SPN with RC4 whatever the client asks for, so carol's ordinary kvno would carry an RC4 ticket too.
NET=172.31.239; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
MORE_HOSTS="ws2:41 fs1:30"
EXTRA_HOSTS="$NET.10 dc1.lab.local
$NET.30 fs1.lab.local
$NET.41 ws2.lab.local
$NET.41 sql01.lab.local"
MEMBER_HOSTS="$NET.30 fs1.lab.local fs1
$NET.41 ws2.lab.local ws2 sql01.lab.local sql01"
source "$HERE/lib/samba-dc.sh"
source "$HERE/lib/samba-member.sh"
ws2_sshd() {   # an OpenSSH server on ws2 (root by key only; its own config, host key and pid file)
  local W; W=$(addr ws2)
  mkdir -p /run/sshd "$RUN/ssh"
  ssh-keygen -q -t ed25519 -N '' -f "$RUN/ssh/ws2_host_key" -C ws2
  ssh-keygen -q -t ed25519 -N '' -f "$RUN/ssh/adm_key" -C 'alice@helpdesk'
  cp "$RUN/ssh/adm_key.pub" "$RUN/ssh/authorized_keys"
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
  samba_dc_enctypes svc_sql 24   # svc_sql's tickets in AES (unset, the KDC would issue them in RC4 whatever the client asks)
  samba_member_hosts cli att ws2 fs1
  samba_member_start fs1
  ws2_sshd
}
benign_smb() {   # carol: kinit (AS-REQ with pre-auth), smbclient with Kerberos to fs1's dept share, both ways [$1: more smbclient commands]
  printf 'Minutes of the Monday meeting\n- budget\n- hiring\n' > "$RUN/minutes.txt"
  echo 'Winter!2026c' | nsx cli env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol" timeout 40 kinit carol@LAB.LOCAL >>"$RUN/logs/kinit.log" 2>&1 || true
  ( cd "$RUN" && nsx cli env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol" timeout 40 smbclient //fs1.lab.local/dept --use-kerberos=required \
      "${SMBC[@]}" -c "ls; put minutes.txt; ${1:-}get budget-2027.txt $RUN/budget-copy.txt; ls" >>"$RUN/logs/smbclient-carol.log" 2>&1 ) || true
}
play() {
  local W F; W=$(addr ws2); F=$(addr fs1)
  note "no attacker. help-desk admin alice's workstation $A; SQL server ws2 $W (sql01.lab.local, runs as service account svc_sql, SPN MSSQLSvc/sql01.lab.local:1433); domain controller dc1.lab.local $V (Samba 4.17 AD DC, realm LAB.LOCAL: Kerberos 88, LDAP 389, SMB 445); member file server fs1.lab.local $F (Samba 4.17 smbd + winbindd, joined with net ads join before the capture; shares ADMIN\$ and dept); carol's workstation $C; dns $D"
  note "0 carol gets a TGT with kinit (pre-authenticated AS-REQ) and a cifs/fs1.lab.local ticket, lists fs1's dept share, puts minutes.txt and gets budget-2027.txt (smbclient, Kerberos, SMB2/3)"
  benign_smb
  sleep 2
  local KA=(env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.alice")
  echo 'Sunshine!2026' | nsx att "${KA[@]}" timeout 40 kinit alice@LAB.LOCAL >"$RUN/logs/kinit-alice.log" 2>&1 || true
  local LQ=(-LLL -H ldap://dc1.lab.local -b 'CN=Users,DC=lab,DC=local' '(&(objectCategory=person)(objectClass=user))' sAMAccountName description servicePrincipalName memberOf)
  nsx att "${KA[@]}" timeout 40 ldapsearch -Y GSSAPI -N -O maxssf=0 "${LQ[@]}" >"$RUN/logs/ldapsearch.log" 2>&1 || true
  if grep -q 'sAMAccountName: svc_sql' "$RUN/logs/ldapsearch.log"; then
    note "1 help desk (alice, $A): kinit alice (AES TGT), then ldapsearch -Y GSSAPI (SASL bind with a Kerberos ticket for ldap/dc1.lab.local, AES; no SASL security layer, maxssf=0, so the entries stay readable) audits the user accounts under CN=Users: sAMAccountName, description, servicePrincipalName, memberOf (entries include svc_sql with MSSQLSvc/sql01.lab.local:1433)"
  else
    nsx att timeout 40 ldapsearch -x -D 'alice@lab.local' -w 'Sunshine!2026' "${LQ[@]}" >>"$RUN/logs/ldapsearch.log" 2>&1 || true
    note "1 help desk (alice, $A): kinit alice (AES TGT); ldapsearch -Y GSSAPI failed (see logs), so ldapsearch with a simple bind as alice audits the user accounts under CN=Users: sAMAccountName, description, servicePrincipalName, memberOf (entries include svc_sql with MSSQLSvc/sql01.lab.local:1433)"
  fi
  sleep 2
  note "2 carol, a client of the SQL server: kvno MSSQLSvc/sql01.lab.local:1433 (TGS-REQ with the client's default etypes, AES first; svc_sql supports AES only, so the ticket and the session key are AES, etype 18)"
  nsx cli env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol" timeout 40 kvno MSSQLSvc/sql01.lab.local:1433 >"$RUN/logs/kvno.log" 2>&1 || true
  sleep 5
  note "3 help desk (alice, $A) checks the SQL server ws2 $W over SSH (key, encrypted: id; hostname)"
  nsx att timeout 60 ssh -i "$RUN/ssh/adm_key" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o ConnectTimeout=10 -n root@$W 'id -un; hostname' >"$RUN/logs/ssh-ws2.log" 2>&1 || true
  sleep 2
  # the nightly backup: a made-up SQL Server backup file (text, not an executable)
  { printf 'TAPE MSSQL backup of database sales, nightly, full\n'; for i in $(seq 1 600); do printf 'INSERT INTO orders VALUES (%d, %d, %d.%02d);\n' $i $((i % 37)) $((i * 7 % 500)) $((i % 100)); done; } > "$RUN/nightly.bak"
  note "4 the SQL server ws2 $W runs its nightly backup job as its service account: smbclient -U LAB\\svc_sql with NTLM (--use-kerberos=disabled) to \\\\fs1\\dept, put nightly.bak ($(stat -c %s "$RUN/nightly.bak") bytes, a SQL dump, not an executable), ls"
  ( cd "$RUN" && nsx ws2 timeout 40 smbclient //fs1.lab.local/dept -U 'LAB\svc_sql%Mssql2019!' --use-kerberos=disabled "${SMBC[@]}" -c "put nightly.bak; ls" >"$RUN/logs/smbclient-svc-ntlm.log" 2>&1 ) || true
  sleep 2
  local KS=(env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.svc")
  note "5 the job's check on ws2 $W: kinit svc_sql (AES TGT), smbclient with Kerberos (cifs/fs1.lab.local ticket, AES) to \\\\fs1\\dept: ls, get nightly.bak (read back for verification)"
  echo 'Mssql2019!' | nsx ws2 "${KS[@]}" timeout 40 kinit svc_sql@LAB.LOCAL >"$RUN/logs/kinit-svc.log" 2>&1 || true
  ( cd "$RUN" && nsx ws2 "${KS[@]}" timeout 40 smbclient //fs1.lab.local/dept --use-kerberos=required "${SMBC[@]}" -c "ls; get nightly.bak $RUN/nightly-check.bak" >"$RUN/logs/smbclient-svc-krb.log" 2>&1 ) || true
  cmp -s "$RUN/nightly.bak" "$RUN/nightly-check.bak" && echo "nightly.bak read back identical" >>"$RUN/logs/smbclient-svc-krb.log"
  sleep 2
  printf 'region,total\nnorth,1200\nsouth,980\n' > "$RUN/report-q3.csv"
  note "6 carol again: kinit, smbclient with Kerberos to fs1's dept share: put minutes.txt and report-q3.csv, get budget-2027.txt"
  benign_smb "put report-q3.csv; "
}
