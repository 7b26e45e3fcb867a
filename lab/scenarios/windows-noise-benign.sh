# sourced by run-scenario.sh: the story played between the hosts
# Benign: the background noise of a small Windows network, nothing else (issue 11). A home/office router
# (gw) is a UPnP Internet Gateway Device: real miniupnpd 2.3 (Debian's miniupnpd-nftables) with SSDP
# NOTIFY every 30 s on 239.255.255.250:1900 and SOAP control on :5000; it learns its public address from
# the ISP's STUN server (tools/stun-server.py, inside the router's namespace, on its WAN side: never on the
# bridge), as a router behind a 1:1 NAT does. A desktop's game launcher maps and lists ports with upnpc
# (miniupnpc): GetStatusInfo, GetExternalIPAddress, AddPortMapping, GetSpecificPortMappingEntry, the
# GetGenericPortMappingEntry loop, DeletePortMapping: dozens of SOAP POSTs with text/xml bodies and a
# SOAPAction header. A laptop joins: gssdp-discover (gupnp-tools) searches ssdp:all, wsdd (WS-Discovery)
# probes and fetches each host's metadata over SOAP on :5357 from the wsdd of the desktop and the NAS,
# nmblookup asks NetBIOS names by broadcast (nmbd answers on the NAS and the desktop, and they hold their
# browser election), LLMNR queries on 224.0.0.252:5355 (tools/llmnr.py: Debian has no LLMNR responder
# that runs in a namespace) for the desktop, the NAS and the never-answered wpad.
NET=172.31.238; ATT=40; VIC=10; CLI=23; DNS=2; SHELLPORT=0; MORE_HOSTS="gw:1"
EXTRA_HOSTS="$NET.40 nas01.corp.lan
$NET.1 router.corp.lan"
GW=$NET.1; WANIP=198.51.100.23     # the router's public address (documentation range), seen only inside SOAP bodies
nmb_conf() { # HOST NETBIOS_NAME OS_LEVEL: an smb.conf for nmbd/nmblookup in the lab's run directory
  local d="$RUN/nmb-$1"; mkdir -p "$d"/{lock,state,cache,pid,private,ncalrpc}
  cat > "$d/smb.conf" <<C
[global]
  netbios name = $2
  workgroup = WORKGROUP
  server string = $2
  interfaces = $(addr $1)/24
  bind interfaces only = yes
  lock directory = $d/lock
  state directory = $d/state
  cache directory = $d/cache
  pid directory = $d/pid
  private dir = $d/private
  ncalrpc dir = $d/ncalrpc
  log file = $RUN/logs/nmbd-$1.log
  log level = 1
  os level = $3
  local master = yes
  preferred master = $([ "$3" -ge 20 ] && echo yes || echo no)
C
}
services() {
  for h in gw att vic cli; do nsx $h ip route add 224.0.0.0/4 dev eth0; done       # multicast out of the LAN port
  # the router's WAN: a veth pair inside its own namespace (the ISP side holds 100.64.238.1 and the STUN server)
  nsx gw ip link add wan0 type veth peer name wan1
  nsx gw ip addr add 100.64.238.2/24 dev wan0; nsx gw ip addr add 100.64.238.1/24 dev wan1
  nsx gw ip link set wan0 up; nsx gw ip link set wan1 up; nsx gw ip route add default via 100.64.238.1 dev wan0
  nsx gw nft -f - <<'N'
table inet filter {
  chain forward { type filter hook forward priority 0; policy accept; jump miniupnpd; }
  chain miniupnpd { }
  chain prerouting { type nat hook prerouting priority -100; jump prerouting_miniupnpd; }
  chain postrouting { type nat hook postrouting priority 100; jump postrouting_miniupnpd; }
  chain prerouting_miniupnpd { }
  chain postrouting_miniupnpd { }
}
N
  cat > "$RUN/miniupnpd.conf" <<C
ext_ifname=wan0
listening_ip=eth0
http_port=5000
enable_natpmp=no
enable_upnp=yes
secure_mode=yes
system_uptime=yes
notify_interval=30
clean_ruleset_interval=600
uuid=3d3cec3a-8cf0-11e0-98ee-001a6bd2d07b
friendly_name=Home Router
manufacturer_name=Lab Networks
model_name=HR-200
model_number=2
serial=HR200-0042
ext_perform_stun=yes
ext_stun_host=100.64.238.1
ext_stun_port=3478
allow 1024-65535 $NET.0/24 1024-65535
deny 0-65535 0.0.0.0/0 0-65535
C
  nsx gw timeout 200 /usr/bin/python3 "$HERE/tools/stun-server.py" 100.64.238.1 3478 $WANIP 190 >"$RUN/logs/stun.log" 2>&1 &
  nmb_conf att NAS01 20; nmb_conf vic DESKTOP-7QK2M4 1; nmb_conf cli LAPTOP-B3N9 1
}
up() { nsx "$@" 2>&1 | grep -v -e '^upnpc : ' -e '^ (c)' -e '^Go to' -e '^for more' >>"$RUN/logs/upnpc.log" || true; }
upc() { up vic timeout 15 upnpc -i -m eth0 "$@"; sleep 1.5; }   # the desktop's game launcher; SSDP discovery each time (-i: miniupnpc 2.2 takes an IGD
                                                              # whose external address is in a reserved range, as the lab's is, for "not connected")
play() {
  note "router (UPnP IGD, miniupnpd $(miniupnpd --version 2>&1 | head -1 | awk '{print $2}')) $GW, SOAP control on :5000, public address $WANIP (learned by STUN on its WAN side, never on this wire); desktop DESKTOP-7QK2M4 $V; laptop LAPTOP-B3N9 $C; NAS NAS01 $A; dns $D (corp.lan); no attacker"
  note "0 the router starts: SSDP NOTIFY ssdp:alive burst to 239.255.255.250:1900, again every 30 s; the NAS and the desktop run nmbd (NetBIOS name registration and browser announcements on $NET.255:137/138), wsdd (WS-Discovery Hello to 239.255.255.250:3702, metadata over HTTP/SOAP on :5357) and an LLMNR responder for their names"
  local pids=()
  nsx gw timeout 88 miniupnpd -f "$RUN/miniupnpd.conf" -d >"$RUN/logs/miniupnpd.log" 2>&1 & pids+=($!)
  for h in att:NAS01 vic:DESKTOP-7QK2M4; do   # each wsdd its own endpoint UUID (its default derives one from the machine's host name, shared here)
    nsx ${h%%:*} timeout 86 nmbd --foreground --no-process-group -s "$RUN/nmb-${h%%:*}/smb.conf" >"$RUN/logs/nmbd-${h%%:*}.out" 2>&1 & pids+=($!)
    nsx ${h%%:*} timeout -s TERM 84 /usr/bin/python3 /usr/sbin/wsdd -4 -i eth0 -n ${h##*:} -w WORKGROUP -U 6b1f0c3e-2d4a-4e8b-9c71-0a5e3f2b${OCTET[${h%%:*}]}00 >"$RUN/logs/wsdd-${h%%:*}.log" 2>&1 & pids+=($!)
    nsx ${h%%:*} timeout 90 /usr/bin/python3 "$HERE/tools/llmnr.py" respond "$(addr ${h%%:*})" 85 ${h##*:} >"$RUN/logs/llmnr-${h%%:*}.log" 2>&1 & pids+=($!)
  done
  sleep 4
  note "1 the desktop's game launcher with upnpc (miniupnpc $(dpkg-query -W -f '${Version}' miniupnpc)): M-SEARCH for an IGD, GET /rootDesc.xml, then SOAP: -s (status: GetStatusInfo, GetExternalIPAddress, link properties, byte counters), three AddPortMapping (27036 TCP and UDP 'Steam', 3074 UDP 'Xbox'), -l (the GetGenericPortMappingEntry loop)"
  upc -s
  upc -e Steam -a $V 27036 27036 TCP 3600
  upc -e Steam -a $V 27036 27036 UDP 3600
  upc -e Xbox -a $V 3074 3074 UDP 3600
  upc -l
  note "2 the laptop joins: wsdd in discovery mode (Hello, Probe, Resolve, then a SOAP Get of the metadata of the NAS and the desktop on :5357), gssdp-discover ssdp:all for 6 s"
  nsx cli timeout -s TERM 66 /usr/bin/python3 /usr/sbin/wsdd -4 -i eth0 -n LAPTOP-B3N9 -w WORKGROUP -U 6b1f0c3e-2d4a-4e8b-9c71-0a5e3f2b${OCTET[cli]}00 -D >"$RUN/logs/wsdd-cli.log" 2>&1 & pids+=($!)
  nsx cli timeout 15 gssdp-discover -i eth0 -t ssdp:all -n 6 >"$RUN/logs/gssdp-1.log" 2>&1 || true
  note "3 the laptop resolves names: DNS wpad.corp.lan (NXDOMAIN), LLMNR for wpad (unanswered, retried), nas01 and desktop-7qk2m4; NetBIOS broadcast queries for NAS01, DESKTOP-7QK2M4, WPAD (unanswered), the master browser of WORKGROUP and a node status of the NAS"
  nsx cli dig +tries=1 +time=2 @$D wpad.corp.lan >/dev/null 2>&1 || true
  nsx cli timeout 10 /usr/bin/python3 "$HERE/tools/llmnr.py" query $C wpad nas01 desktop-7qk2m4 >"$RUN/logs/llmnr-cli.log" 2>&1 || true
  for q in "NAS01" "DESKTOP-7QK2M4" "WPAD" "-M WORKGROUP" "-A $A"; do
    nsx cli timeout 10 nmblookup -s "$RUN/nmb-cli/smb.conf" -B $NET.255 $q >>"$RUN/logs/nmblookup.log" 2>&1 || true; sleep 1
  done
  note "4 the desktop's launcher checks again: -s, -l, then DeletePortMapping 27036 UDP and 3074 UDP, -l"
  sleep 8
  upc -s
  upc -l
  upc -d 27036 UDP
  upc -d 3074 UDP
  upc -l
  note "5 the laptop searches for an InternetGatewayDevice (gssdp-discover, 4 s) and asks LLMNR and NetBIOS for wpad again"
  nsx cli timeout 12 gssdp-discover -i eth0 -t urn:schemas-upnp-org:device:InternetGatewayDevice:1 -n 4 >"$RUN/logs/gssdp-2.log" 2>&1 || true
  nsx cli timeout 10 /usr/bin/python3 "$HERE/tools/llmnr.py" query $C wpad >>"$RUN/logs/llmnr-cli.log" 2>&1 || true
  nsx cli timeout 10 nmblookup -s "$RUN/nmb-cli/smb.conf" -B $NET.255 WPAD >>"$RUN/logs/nmblookup.log" 2>&1 || true
  sleep 10
  note "6 the last mapping (27036 TCP) is deleted on the desktop's exit; wsdd on every host says Bye when it stops; miniupnpd sends ssdp:byebye"
  upc -d 27036 TCP
  wait "${pids[@]}" || true   # the daemons end by their own time limits (not `wait`: the lab's own daemons never end)
}
