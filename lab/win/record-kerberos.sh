#!/usr/bin/env bash
# Records Kerberos (and Kerberos over SMB) played by real software: Samba as an Active Directory domain controller
# provisioned with samba-tool, MIT kinit/kvno and smbclient as the client, in two network namespaces made here
# (hwin-dc, hwin-ws) joined by a veth pair. No packet leaves this machine.
#
#   record-kerberos.sh OUT.pcap
#
# Realm HWIN.LAB. Users: alice ("Passw0rd!"), svc_sql ("Svc-Passw0rd1", SPN MSSQLSvc/db.hwin.lab:1433),
# bob ("Bob-Passw0rd1", no pre-authentication required). The client: a logon with a wrong password
# (PREAUTH_FAILED), an unknown user (C_PRINCIPAL_UNKNOWN), alice with RC4 (etype 23) over UDP and with AES over
# TCP, a service ticket for svc_sql in RC4 (the Kerberoasting request), bob without pre-authentication (an AS-REP
# to roast), and smbclient with Kerberos to the DC's share.
set -euo pipefail
OUT=$(realpath -m "${1:?out.pcap}")
RUN=$(mktemp -d /tmp/hwin-krb.XXXXXX); chmod 755 "$RUN"
D=hwin-dc; W=hwin-ws
cleanup() {
  set +e
  [ -f "$RUN/tcpdump.pid" ] && kill "$(cat "$RUN/tcpdump.pid")" 2>/dev/null
  [ -f "$RUN/samba.pid" ] && kill "$(cat "$RUN/samba.pid")" 2>/dev/null
  sleep 2
  for pid in $(ip netns pids $D 2>/dev/null) $(ip netns pids $W 2>/dev/null); do kill "$pid" 2>/dev/null; done
  sleep 1
  ip netns del $D 2>/dev/null; ip netns del $W 2>/dev/null
  rm -rf "$RUN" /etc/netns/$W
}
trap cleanup EXIT
ip netns add $D; ip netns add $W
ip link add hwin-d type veth peer name hwin-w
ip link set hwin-d netns $D; ip link set hwin-w netns $W
ip netns exec $D ip link set hwin-d address 08:00:27:dc:00:02
ip netns exec $W ip link set hwin-w address 3c:52:82:00:00:03
ip netns exec $D ip addr add 10.78.0.2/24 dev hwin-d; ip netns exec $D ip link set hwin-d up; ip netns exec $D ip link set lo up
ip netns exec $W ip addr add 10.78.0.3/24 dev hwin-w; ip netns exec $W ip link set hwin-w up; ip netns exec $W ip link set lo up

samba-tool domain provision --targetdir="$RUN/dc" --realm=HWIN.LAB --domain=HWIN --server-role=dc \
  --adminpass='Adm1n-Passw0rd' --dns-backend=SAMBA_INTERNAL --host-name=DC1 --host-ip=10.78.0.2 \
  --option="interfaces=10.78.0.2/24" --option="bind interfaces only=yes" >"$RUN/provision.log" 2>&1
CONF="$RUN/dc/etc/smb.conf"
st() { samba-tool "$@" -s "$CONF" >>"$RUN/tool.log" 2>&1; }
st user create alice 'Passw0rd!'
st user create svc_sql 'Svc-Passw0rd1'
st spn add MSSQLSvc/db.hwin.lab:1433 svc_sql
st user create bob 'Bob-Passw0rd1'
st user setexpiry --noexpiry alice; st user setexpiry --noexpiry svc_sql; st user setexpiry --noexpiry bob
# bob: DONT_REQ_PREAUTH (0x400000) on top of NORMAL_ACCOUNT (0x200) and DONT_EXPIRE_PASSWORD (0x10000)
printf '#!/bin/sh\nsed -i "s/^userAccountControl: .*/userAccountControl: 4260352/" "$1"\n' > "$RUN/uac-editor"
chmod +x "$RUN/uac-editor"
samba-tool user edit bob --editor="$RUN/uac-editor" -s "$CONF" >>"$RUN/tool.log" 2>&1
mkdir -p "$RUN/dc/share"
ip netns exec $D tcpdump -i hwin-d -s 0 -U -w "$OUT" 'port 88 or port 445' >/dev/null 2>&1 &
echo $! > "$RUN/tcpdump.pid"
ip netns exec $D samba -s "$CONF" --foreground --no-process-group >"$RUN/samba.log" 2>&1 &
echo $! > "$RUN/samba.pid"
for i in $(seq 1 60); do ip netns exec $D ss -ltn | grep -q ':88 ' && ip netns exec $D ss -ltn | grep -q ':445 ' && break; sleep 1; done
sleep 2
krb() { # krb5.conf with the given extra libdefaults lines
  cat > "$RUN/krb5-$1.conf" <<KRB
[libdefaults]
  default_realm = HWIN.LAB
  dns_lookup_kdc = false
  dns_lookup_realm = false
  rdns = false
  allow_weak_crypto = true
$2
[realms]
  HWIN.LAB = {
    kdc = 10.78.0.2
  }
[domain_realm]
  .hwin.lab = HWIN.LAB
  hwin.lab = HWIN.LAB
KRB
}
krb rc4udp "  default_tkt_enctypes = arcfour-hmac
  default_tgs_enctypes = arcfour-hmac
  permitted_enctypes = arcfour-hmac aes256-cts-hmac-sha1-96
  udp_preference_limit = 1465"
krb aestcp "  udp_preference_limit = 1"
cx() { local conf=$1; shift; ip netns exec $W env KRB5_CONFIG="$RUN/krb5-$conf.conf" KRB5CCACHE="FILE:$RUN/cc-$conf" KRB5CCNAME="FILE:$RUN/cc-$conf" "$@"; }
echo 'wrong-password' | cx rc4udp kinit alice@HWIN.LAB >/dev/null 2>&1 || true
echo 'whatever' | cx rc4udp kinit nosuchuser@HWIN.LAB >/dev/null 2>&1 || true
echo 'Passw0rd!' | cx rc4udp kinit alice@HWIN.LAB >/dev/null
cx rc4udp kvno MSSQLSvc/db.hwin.lab:1433@HWIN.LAB || true
echo 'Passw0rd!' | cx aestcp kinit alice@HWIN.LAB >/dev/null
cx aestcp kvno MSSQLSvc/db.hwin.lab:1433@HWIN.LAB || true
echo 'Bob-Passw0rd1' | cx rc4udp kinit bob@HWIN.LAB >/dev/null || true
cx aestcp kvno cifs/dc1.hwin.lab@HWIN.LAB || true
mkdir -p /etc/netns/$W; echo "10.78.0.2 dc1.hwin.lab dc1" > /etc/netns/$W/hosts
cx aestcp smbclient //dc1.hwin.lab/netlogon --use-kerberos=required --use-krb5-ccache="FILE:$RUN/cc-aestcp" -c 'ls' 2>&1 | tail -2 || true
rm -rf /etc/netns/$W
sleep 1
