# A Samba member file server of the LAB.LOCAL domain (lib/samba-dc.sh) on a MORE_HOSTS host:
# joined with `net ads join` before the capture, then winbindd (the Netlogon secure channel to dc1
# that checks NTLM logons, SID → uid mapping with idmap rid) and smbd serving ADMIN$ (first, world-writable
# on disk like a Windows server's admin share, so a Domain Admin can drop a service binary there) and
# dept. Sourced by a scenario after lib/samba-dc.sh; `services` calls samba_member_start HOST after
# samba_dc_start. Its state lives in $RUN/HOST: smb.conf, secrets, keytab, logs and sockets.
#
# A domain user must be a Unix user on the member (smbd asks NSS for LAB\svc_sql): the host's
# namespace gets its own nsswitch.conf ("passwd: files winbind", libnss-winbind), and its daemons run
# in a mount namespace where its winbindd socket directory is mounted on the built-in
# /run/samba/winbindd (where dc1's own winbindd listens otherwise), so NSS reaches the member's
# winbindd, not the DC's. The machine's own /etc/nsswitch.conf is left as it is.

# smbclient's options in these scenarios: a lock, cache and state directory of its own under $RUN.
# Its built-in /run/samba holds a name cache (gencache.tdb, 660 s) shared by every run, so a name such
# as fs1.lab.local would otherwise resolve to the subnet of a run made minutes before.
SMBC=(--option="lock directory=$RUN/smbclient" --option="cache directory=$RUN/smbclient" --option="state directory=$RUN/smbclient" --option='client min protocol=SMB2')
mkdir -p "$RUN/smbclient"

samba_member_dirs() {   # samba_member_dirs DIR: smb.conf lines that keep a Samba instance's sockets and state in DIR
  printf '\tlock directory = %s\n\tstate directory = %s/state\n\tcache directory = %s/cache\n\tprivate dir = %s/private\n\tpid directory = %s/run\n\tncalrpc dir = %s/ncalrpc\n\twinbindd socket directory = %s/winbindd\n\tlog file = %s/log.%%m\n\tbinddns dir = %s/bind-dns\n' "$1" "$1" "$1" "$1" "$1" "$1" "$1" "$1" "$1"
}

samba_member_hosts() {   # samba_member_hosts NAME…: /etc/hosts and resolv.conf (dc1's DNS) for these namespaces
  local n
  for n in "$@"; do
    mkdir -p "/etc/netns/$P-$n"
    { printf '127.0.0.1 localhost\n%s dc1.lab.local dc1\n' "$V"; printf '%s\n' "$MEMBER_HOSTS"; } > "/etc/netns/$P-$n/hosts"
    printf 'search lab.local\nnameserver %s\n' "$V" > "/etc/netns/$P-$n/resolv.conf"
  done
}

samba_member_start() {   # samba_member_start HOST (e.g. fs1): join, start winbindd and smbd (before the capture)
  local H=$1 FS=$RUN/$1 IP; IP=$(addr "$1"); local NB=${H^^}
  mkdir -p "$FS"/{state,cache,private,run,ncalrpc,winbindd,bind-dns} "$FS/shares/admin" "$FS/shares/dept"
  chmod 777 "$FS/shares/admin"; chmod 1777 "$FS/shares/dept"
  printf 'Budget 2027 draft\nline 2\n' > "$FS/shares/dept/budget-2027.txt"; chmod 666 "$FS/shares/dept/budget-2027.txt"
  cat > "$FS/smb.conf" <<CONF
[global]
	workgroup = LAB
	realm = LAB.LOCAL
	netbios name = $NB
	security = ADS
	server role = member server
	password server = dc1.lab.local
	kerberos method = secrets and keytab
	idmap config * : backend = tdb
	idmap config * : range = 3000-7999
	idmap config LAB : backend = rid
	idmap config LAB : range = 10000-999999
	winbind use default domain = no
	template shell = /bin/bash
	server smb encrypt = off
	disable netbios = yes
	smb ports = 445
	interfaces = $IP
	bind interfaces only = yes
	load printers = no
	printcap name = /dev/null
	disable spoolss = yes
$(samba_member_dirs "$FS")
[ADMIN\$]
	comment = Remote Admin
	path = $FS/shares/admin
	read only = No

[dept]
	path = $FS/shares/dept
	read only = No
CONF
  mkdir -p "/etc/netns/$P-$H"
  sed -E 's/^(passwd|group):.*/\1: files winbind/' /etc/nsswitch.conf > "/etc/netns/$P-$H/nsswitch.conf"
  nsx "$H" unshare -u bash -c "hostname $H && exec net ads join -U 'Administrator%$ADMINPASS' -s '$FS/smb.conf' --no-dns-updates" >"$RUN/logs/$H-join.log" 2>&1 </dev/null || true
  mkdir -p /run/samba/winbindd   # the mount point (dc1's samba makes it too)
  ip netns exec $P-$H setsid unshare -m -u --propagation private bash -c "hostname $H && mount --bind '$FS/winbindd' /run/samba/winbindd \
    && { winbindd --foreground --no-process-group -s '$FS/smb.conf' & } && for i in \$(seq 1 30); do [ -S '$FS/winbindd/pipe' ] && break; sleep 1; done \
    && exec smbd --foreground --no-process-group -s '$FS/smb.conf'" </dev/null >"$RUN/logs/$H-samba.log" 2>&1 &
  local i; for i in $(seq 1 60); do nsx "$H" bash -c "exec 3<>/dev/tcp/$IP/445" 2>/dev/null && break; sleep 1; done
  sleep 3
  # check (off the wire, through the member's own winbindd): the domain user svc_sql is a Unix user there
  nsx "$H" unshare -m --propagation private bash -c "mount --bind '$FS/winbindd' /run/samba/winbindd && wbinfo -t; wbinfo --ping-dc; getent passwd 'LAB\\svc_sql'" >"$RUN/logs/$H-check.log" 2>&1 || true
}
