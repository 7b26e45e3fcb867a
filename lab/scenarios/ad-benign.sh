# sourced by run-scenario.sh: the story played between the hosts
# Benign twin of ad-roast-psexec: the same Samba AD DC (realm LAB.LOCAL, dc1) used by staff.
# carol gets Kerberos tickets with kinit (one typo first: PREAUTH_FAILED) and copies files both
# ways on the dept share with smbclient over Kerberos; alice uses smbclient with her password
# (NTLM) and lists the shares; a help-desk script looks up one user in LDAP with a simple bind;
# carol asks for a service ticket of the file server (kvno cifs/dc1.lab.local, AES).
NET=172.31.230; ATT=45; VIC=10; CLI=23; DNS=2; SHELLPORT=0
EXTRA_HOSTS="$NET.10 dc1.lab.local"
source "$HERE/lib/samba-dc.sh"
services() { samba_dc_start; }
play() {
  note "domain controller dc1.lab.local $V (Samba 4.17 AD DC, realm LAB.LOCAL); workstations: carol $C, alice $A; dns $D; no attacker"
  for h in cli att; do mkdir -p "/etc/netns/$P-$h"; printf '127.0.0.1 localhost\n%s dc1.lab.local dc1\n' $V > "/etc/netns/$P-$h/hosts"; printf 'nameserver %s\n' $D > "/etc/netns/$P-$h/resolv.conf"; done
  local K=(env KRB5_CONFIG="$RUN/krb5.conf" KRB5CCNAME="FILE:$RUN/cc.carol")
  note "1 carol: kinit with a typo (Winter!2026, KDC_ERR_PREAUTH_FAILED), then Winter!2026c (TGT, AES)"
  echo 'Winter!2026' | nsx cli "${K[@]}" kinit carol@LAB.LOCAL >"$RUN/logs/kinit-typo.log" 2>&1 || true
  sleep 2
  echo 'Winter!2026c' | nsx cli "${K[@]}" kinit carol@LAB.LOCAL >"$RUN/logs/kinit.log" 2>&1 || true
  sleep 1
  note "2 carol: smbclient with Kerberos to \\\\dc1\\dept: ls, put minutes.txt and report-q3.csv, get budget-2027.txt, ls (SMB3, no encryption)"
  printf 'Minutes of the Monday meeting\n- budget\n- hiring\n' > "$RUN/minutes.txt"
  printf 'region,total\nnorth,1200\nsouth,980\n' > "$RUN/report-q3.csv"
  ( cd "$RUN" && nsx cli "${K[@]}" smbclient //dc1.lab.local/dept --use-kerberos=required -c "ls; put minutes.txt; put report-q3.csv; get budget-2027.txt $RUN/budget-copy.txt; ls" >"$RUN/logs/smbclient-carol.log" 2>&1 ) || true
  sleep 2
  note "3 carol: kvno cifs/dc1.lab.local (a service ticket for the file server, AES)"
  nsx cli "${K[@]}" kvno cifs/dc1.lab.local >"$RUN/logs/kvno.log" 2>&1 || true
  sleep 2
  note "4 alice: smbclient with her password (NTLM): lists the shares (-L), then gets minutes.txt from dept"
  nsx att smbclient -L //dc1.lab.local -U 'LAB\alice%Sunshine!2026' >"$RUN/logs/smbclient-list.log" 2>&1 || true
  ( cd "$RUN" && nsx att smbclient //dc1.lab.local/dept -U 'LAB\alice%Sunshine!2026' -c "get minutes.txt $RUN/minutes-alice.txt" >"$RUN/logs/smbclient-alice.log" 2>&1 ) || true
  sleep 2
  note "5 help desk: ldapsearch with a simple bind as alice looks up carol's phone and mail (one entry)"
  nsx att ldapsearch -x -LLL -H ldap://$V -D 'alice@lab.local' -w 'Sunshine!2026' -b 'DC=lab,DC=local' '(sAMAccountName=carol)' displayName mail telephoneNumber >"$RUN/logs/ldapsearch.log" 2>&1 || true
  sleep 2
  note "6 carol copies minutes.txt again an hour later (here: ten seconds)"
  ( cd "$RUN" && nsx cli "${K[@]}" smbclient //dc1.lab.local/dept --use-kerberos=required -c "put minutes.txt; ls" >>"$RUN/logs/smbclient-carol.log" 2>&1 ) || true
}
