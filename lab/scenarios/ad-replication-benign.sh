# sourced by run-scenario.sh: the story played between the hosts
# Benign twin of ad-dcsync-zerologon: the same Samba AD DC (realm LAB.LOCAL, dc1) and the
# legitimate traffic that looks like DCSync and Zerologon. (a) A second domain controller dc2
# (Samba 4.17, its own namespace, smb.conf and private dir) joins the domain with samba-tool domain
# join … DC: DRSUAPI DsBind, DsAddEntry and full DsGetNCChanges replication of every partition,
# secrets included; dc2 then serves Kerberos, LDAP and DRSUAPI; an administrator's workstation asks
# both DCs to replicate from each other (samba-tool drs replicate, DsReplicaSync, each way, the
# domain partition with --full-sync once) and reads the replication status (samba-tool drs
# showrepl). (b) A member file server fs1 joins with net ads join; its winbindd sets up the Netlogon
# secure channel to dc1: NetrServerReqChallenge + NetrServerAuthenticate3 with the machine
# account's real credential (status 0), then wbinfo --ping-dc, -t (a new secure channel) and a pass-through logon of
# carol. Meanwhile carol uses kinit and smbclient as in the attack capture.
NET=172.31.231; ATT=45; VIC=10; CLI=23; DNS=2; SHELLPORT=0
MORE_HOSTS="dc2:11 fs1:30"
EXTRA_HOSTS="$NET.10 dc1.lab.local
$NET.11 dc2.lab.local
$NET.30 fs1.lab.local"
source "$HERE/lib/samba-dc.sh"
benign_smb() {   # carol: kinit (AS-REQ with pre-auth), smbclient with Kerberos to the dept share, both ways [$1: krb5.conf]
  local KC=${1:-$RUN/krb5.conf}
  printf 'Minutes of the Monday meeting\n- budget\n- hiring\n' > "$RUN/minutes.txt"
  echo 'Winter!2026c' | nsx cli env KRB5_CONFIG="$KC" KRB5CCNAME="FILE:$RUN/cc.carol" kinit carol@LAB.LOCAL >>"$RUN/logs/kinit.log" 2>&1 || true
  ( cd "$RUN" && nsx cli env KRB5_CONFIG="$KC" KRB5CCNAME="FILE:$RUN/cc.carol" smbclient //dc1.lab.local/dept --use-kerberos=required \
      --option='client min protocol=SMB2' -c "ls; put minutes.txt; get budget-2027.txt $RUN/budget-copy.txt; ls" >>"$RUN/logs/smbclient-carol.log" 2>&1 ) || true
}
wait_ports() {   # wait_ports HOST ADDR PORT…: until each port answers (60 s at most)
  local h=$1 a=$2; shift 2
  for i in $(seq 1 60); do
    local ok=1; for p in "$@"; do nsx $h bash -c "exec 3<>/dev/tcp/$a/$p" 2>/dev/null || ok=0; done
    [ $ok = 1 ] && return 0; sleep 1
  done
}
dirs_conf() {   # dirs_conf DIR: smb.conf lines that keep a Samba instance's sockets and state in DIR
  printf '\tlock directory = %s\n\tstate directory = %s/state\n\tcache directory = %s/cache\n\tprivate dir = %s/private\n\tpid directory = %s/run\n\tncalrpc dir = %s/ncalrpc\n\twinbindd socket directory = %s/winbindd\n\tlog file = %s/log.%%m\n\tbinddns dir = %s/bind-dns\n' "$1" "$1" "$1" "$1" "$1" "$1" "$1" "$1" "$1"
}
dc2_join_and_start() {   # before the capture: samba-tool domain join … DC (about 9 MB of sealed DRSUAPI
                         # replication of the schema and configuration, too big for a fixture)
  local DC2=$RUN/dc2 I2; I2=$(addr dc2)
  for h in vic dc2; do mkdir -p "/etc/netns/$P-$h"; printf '127.0.0.1 localhost\n%s dc1.lab.local dc1\n%s dc2.lab.local dc2\n%s fs1.lab.local fs1\n' $V $I2 $(addr fs1) > "/etc/netns/$P-$h/hosts"; printf 'search lab.local\nnameserver %s\n' $V > "/etc/netns/$P-$h/resolv.conf"; done
  mkdir -p "$DC2"
  nsx dc2 unshare -u bash -c "hostname dc2 && exec samba-tool domain join lab.local DC -U 'LAB\\Administrator%$ADMINPASS' --server=dc1.lab.local --targetdir='$DC2' --dns-backend=SAMBA_INTERNAL --option='netbios name = DC2' --option='dns forwarder = $D' --option='ncalrpc dir = $DC2/ncalrpc' --option='pid directory = $DC2/run' --option='winbindd socket directory = $DC2/winbindd' --option='log file = $DC2/log.%m'" >"$RUN/logs/dc2-join.log" 2>&1 </dev/null || true
  mkdir -p "$DC2"/{run,ncalrpc,winbindd}
  /usr/bin/python3 - "$DC2/etc/smb.conf" "$(dirs_conf "$DC2")" <<'PY'
import sys, re
p, extra = sys.argv[1], sys.argv[2]
s = open(p).read()
add = "\tserver smb encrypt = off\n\tldap server require strong auth = no\n"
for line in extra.splitlines():
    k = line.split("=")[0].strip()
    if not re.search(r"^\s*" + re.escape(k) + r"\s*=", s, re.M): add += line + "\n"
s = s.replace("[global]\n", "[global]\n" + add, 1)
open(p, "w").write(s)
PY
  printf '[libdefaults]\n\tdefault_realm = LAB.LOCAL\n\tdns_lookup_realm = false\n\tdns_lookup_kdc = true\n' > "$DC2/private/krb5.conf"
}
dc2_start() {   # in the capture: dc2's samba starts, its replication service binds DRSUAPI to dc1 and pulls
  local DC2=$RUN/dc2 I2; I2=$(addr dc2)
  ip netns exec $P-dc2 env KRB5_CONFIG="$DC2/private/krb5.conf" setsid unshare -u bash -c "hostname dc2 && exec samba --foreground --no-process-group -s '$DC2/etc/smb.conf'" </dev/null >"$RUN/logs/samba-dc2.log" 2>&1 &
  wait_ports dc2 $I2 88 389 445 135
  sleep 8
}
services() {   # dc1 resolves dc2's GUID name (<guid>._msdcs.lab.local) through its own DNS
  mkdir -p "/etc/netns/$P-vic"; printf 'search lab.local\nnameserver %s\n' $V > "/etc/netns/$P-vic/resolv.conf"
  samba_dc_start
  dc2_join_and_start
}
play() {
  local FS=$RUN/fs1 ADM=$RUN/adm I2; I2=$(addr dc2); local I3; I3=$(addr fs1)
  note "domain controllers dc1.lab.local $V and dc2.lab.local $I2 (Samba 4.17 AD DCs, realm LAB.LOCAL); member file server fs1.lab.local $I3; admin workstation $A; carol's workstation $C; dns $D; no attacker"
  for h in cli att fs1; do mkdir -p "/etc/netns/$P-$h"; printf '127.0.0.1 localhost\n%s dc1.lab.local dc1\n%s dc2.lab.local dc2\n%s fs1.lab.local fs1\n' $V $I2 $I3 > "/etc/netns/$P-$h/hosts"; printf 'search lab.local\nnameserver %s\n' $V > "/etc/netns/$P-$h/resolv.conf"; done
  mkdir -p "$FS"/{state,cache,private,run,ncalrpc,winbindd} "$ADM"/{state,cache,private,run,ncalrpc,winbindd}
  note "0 carol gets a TGT with kinit and a cifs ticket, lists the dept share, puts minutes.txt and gets budget-2027.txt (smbclient, Kerberos, SMB2/3)"
  benign_smb
  sleep 2
  note "0b dc2 (joined before the capture with samba-tool domain join lab.local DC: its 9 MB of sealed DRSUAPI replication are not in the capture) starts: its replication service binds DRSUAPI on dc1 (EPM, Kerberos-authenticated sealed bind as DC2\$, DsBind) and pulls each partition with DsGetNCChanges; dc1 binds back to dc2 to notify it (DsReplicaSync)"
  dc2_start
  note "1 admin workstation: a new hire, samba-tool user create dave -H ldap://dc1.lab.local (LDAP, Kerberos-sealed SASL bind as Administrator)"
  printf '[global]\n\tworkgroup = LAB\n\trealm = LAB.LOCAL\n\tnetbios name = ADMIN1\n%s' "$(dirs_conf "$ADM")" > "$ADM/smb.conf"
  local ST=(env KRB5_CONFIG="$RUN/krb5.conf" samba-tool) U=(-s "$ADM/smb.conf" -U "LAB\\Administrator%$ADMINPASS")
  nsx att "${ST[@]}" user create dave 'Spring!2027d' --given-name=Dave --surname=Olsen -H ldap://dc1.lab.local "${U[@]}" >"$RUN/logs/user-create.log" 2>&1 </dev/null || true
  sleep 2
  note "2 admin workstation: samba-tool drs replicate dc2 dc1 DC=lab,DC=local (DRSUAPI DsReplicaSync to dc2); dc2 pulls the domain partition's changes from dc1 with DsGetNCChanges (dave's new object with its secrets), as DC2\$"
  nsx att "${ST[@]}" drs replicate dc2.lab.local dc1.lab.local DC=lab,DC=local "${U[@]}" >"$RUN/logs/drs-replicate-1.log" 2>&1 </dev/null || true
  sleep 2
  note "2b on dc2: samba-tool drs replicate --local --single-object for CN=Dave Olsen (DsGetNCChanges EXOP_REPL_OBJ from dc2 to dc1, like secretsdump -just-dc-user but from a domain controller)"
  nsx dc2 env KRB5_CONFIG="$RUN/dc2/private/krb5.conf" samba-tool drs replicate dc2.lab.local dc1.lab.local 'CN=Dave Olsen,CN=Users,DC=lab,DC=local' --local --single-object -s "$RUN/dc2/etc/smb.conf" -U "LAB\\Administrator%$ADMINPASS" >"$RUN/logs/drs-replicate-single.log" 2>&1 </dev/null || true
  sleep 2
  note "2c admin workstation: samba-tool drs replicate dc1 dc2 DC=lab,DC=local: dc1 pulls from dc2 (DsReplicaSync to dc1, then DsGetNCChanges from dc1 to dc2)"
  nsx att "${ST[@]}" drs replicate dc1.lab.local dc2.lab.local DC=lab,DC=local "${U[@]}" >"$RUN/logs/drs-replicate-2.log" 2>&1 </dev/null || true
  sleep 2
  note "3 admin workstation: samba-tool drs showrepl against dc1 and dc2 (DRSUAPI DsReplicaGetInfo)"
  nsx att "${ST[@]}" drs showrepl dc1.lab.local "${U[@]}" >"$RUN/logs/drs-showrepl-dc1.log" 2>&1 </dev/null || true
  nsx att "${ST[@]}" drs showrepl dc2.lab.local "${U[@]}" >"$RUN/logs/drs-showrepl-dc2.log" 2>&1 </dev/null || true
  sleep 2
  # (b) the member server's Netlogon secure channel
  note "4 fs1 joins the domain as a member server: net ads join -U Administrator (LDAP, Kerberos, SAMR over SMB: the machine account FS1\$ and its password)"
  cat > "$FS/smb.conf" <<CONF
[global]
	workgroup = LAB
	realm = LAB.LOCAL
	netbios name = FS1
	security = ADS
	server role = member server
	password server = dc1.lab.local
	kerberos method = secrets and keytab
	idmap config * : backend = tdb
	idmap config * : range = 3000-7999
	idmap config LAB : backend = rid
	idmap config LAB : range = 10000-999999
	winbind use default domain = no
$(dirs_conf "$FS")
CONF
  nsx fs1 unshare -u bash -c "hostname fs1 && exec net ads join -U 'Administrator%$ADMINPASS' -s '$FS/smb.conf' --no-dns-updates" >"$RUN/logs/fs1-join.log" 2>&1 </dev/null || true
  sleep 2
  note "5 fs1's winbindd starts and opens the Netlogon secure channel to dc1: NetrServerReqChallenge + NetrServerAuthenticate3 (FS1\$, WorkstationSecureChannel, the real computed credential) → status 0, then a schannel-sealed bind; wbinfo --ping-dc, -t (trust check) and -a carol (pass-through logon over the secure channel)"
  ip netns exec $P-fs1 setsid unshare -u bash -c "hostname fs1 && exec winbindd --foreground --no-process-group -s '$FS/smb.conf'" </dev/null >"$RUN/logs/winbindd-fs1.log" 2>&1 &
  for i in $(seq 1 30); do [ -S "$FS/winbindd/pipe" ] && break; sleep 1; done
  # wbinfo knows only its built-in socket directory (/run/samba/winbindd, where dc1's winbindd
  # listens): give it fs1's socket there in a mount namespace of its own
  local WB=(unshare -m --propagation private bash -c "mount --bind '$FS/winbindd' /run/samba/winbindd && exec wbinfo \"\$@\"" _)
  nsx fs1 "${WB[@]}" --ping-dc >"$RUN/logs/wbinfo.log" 2>&1 || true
  nsx fs1 "${WB[@]}" -t >>"$RUN/logs/wbinfo.log" 2>&1 || true
  nsx fs1 "${WB[@]}" -a 'LAB\carol%Winter!2026c' >>"$RUN/logs/wbinfo.log" 2>&1 || true
  nsx fs1 "${WB[@]}" --own-domain >>"$RUN/logs/wbinfo.log" 2>&1 || true
  sleep 2
  note "6 carol copies minutes.txt again; her workstation now asks dc2 for Kerberos tickets (kdc = dc2.lab.local), the file share stays on dc1"
  sed "s/kdc = $V/kdc = $I2/" "$RUN/krb5.conf" > "$RUN/krb5-dc2.conf"
  benign_smb "$RUN/krb5-dc2.conf"
}
