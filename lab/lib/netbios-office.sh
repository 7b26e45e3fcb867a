# sourced by the name-resolution scenarios (name-poisoning, name-resolution-benign): a small Windows-style office
# on NetBIOS. smb_conf writes a host's smb.conf (nmbd/smbd/smbclient) in the run directory; office_hosts gives the
# hosts multicast routes, the workstations the site's resolver, and the file server its accounts and share.
smb_conf() { # HOST NETBIOS_NAME ROLE(server|client): an smb.conf in the lab's run directory
  local d="$RUN/smb-$1"; mkdir -p "$d"/{lock,state,cache,pid,private,ncalrpc}; chmod 755 "$d"
  cat > "$d/smb.conf" <<C
[global]
  netbios name = $2
  workgroup = CORP
  server string = $2
  interfaces = $(addr $1)/24
  bind interfaces only = yes
  name resolve order = host bcast
  name cache timeout = $([ "$3" = server ] && echo 660 || echo 0)
  lock directory = $d/lock
  state directory = $d/state
  cache directory = $d/cache
  pid directory = $d/pid
  private dir = $d/private
  ncalrpc dir = $d/ncalrpc
  log level = 1
  os level = $([ "$3" = server ] && echo 20 || echo 1)
  local master = $([ "$3" = server ] && echo yes || echo no)
  preferred master = no
C
  [ "$3" = server ] && cat >> "$d/smb.conf" <<C
  server role = standalone server
  passdb backend = tdbsam:$d/private/passdb.tdb
  map to guest = never
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  server smb encrypt = off
[share]
  path = $RUN/share
  read only = no
  valid users = alice bob
C
  true
}
office_hosts() {
  for h in att vic cli fs; do nsx $h ip route add 224.0.0.0/4 dev eth0; done       # LLMNR multicast out of eth0
  for h in vic cli; do mkdir -p "/etc/netns/$P-$h"; printf '127.0.0.1 localhost\n' > "/etc/netns/$P-$h/hosts"
    printf 'nameserver %s\nsearch corp.lan\n' $D > "/etc/netns/$P-$h/resolv.conf"; done
  # the file server's own accounts (smbd maps alice and bob to these)
  mkdir -p "/etc/netns/$P-fs"
  printf '%s\n' 'root:x:0:0:root:/root:/bin/bash' 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' \
    'alice:x:1101:1101:Alice Martin:/nonexistent:/usr/sbin/nologin' 'bob:x:1102:1102:Bob Keller:/nonexistent:/usr/sbin/nologin' > "/etc/netns/$P-fs/passwd"
  printf '%s\n' 'root:x:0:' 'users:x:100:alice,bob' 'nogroup:x:65534:' 'alice:x:1101:' 'bob:x:1102:' > "/etc/netns/$P-fs/group"
  printf '127.0.0.1 localhost\n' > "/etc/netns/$P-fs/hosts"
  mkdir -p "$RUN/share/Finance"
  printf 'Q3 budget review\n- travel: -12%%\n- hardware: +4%%\n' > "$RUN/share/Finance/budget-notes.txt"
  printf 'Printer on floor 2 is PRINTSRV (ask IT).\n' > "$RUN/share/README.txt"
  head -c 18000 /dev/zero | tr '\0' 'x' > "$RUN/share/minutes-2026-11.docx"
  chown -R 1101:100 "$RUN/share"; chmod -R 2777 "$RUN/share"
}
