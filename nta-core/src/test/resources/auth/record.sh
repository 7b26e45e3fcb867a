#!/usr/bin/env bash
# Records the small captures of this folder with real clients and servers between two network namespaces made here
# (hauth-c 10.77.0.1, the client; hauth-s 10.77.0.2, the server). No packet leaves this machine. Run as root:
#   record.sh http|http6|ldap|ldap-samba|snmp OUT.pcap
# http6: Basic and NTLM over IPv6 (fd00:77::1 -> fd00:77::2)
# http: curl --basic/--digest/--ntlm against authserver.py (alice:wonderland; NTLM as LAB\alice, password Passw0rd!)
# ldap: ldapsearch (simple binds, anonymous, SASL refused) and python3-ldap3's NTLM (sicily) bind against ldapserver.py
# ldap-samba: samba-tool (GSS-SPNEGO NTLMSSP, right and wrong password) and ldapsearch (simple bind) against a Samba
#   AD DC provisioned into $DC (default /tmp/hauth-dc/dc) with: samba-tool domain provision --targetdir=$DC
#   --realm=LAB.EXAMPLE --domain=LAB --server-role=dc --dns-backend=NONE --adminpass='Passw0rd!2024'
#   --option="interfaces=10.77.0.2" --option="bind interfaces only=yes" --option="ldap server require strong auth=no"
# snmp: net-snmp's snmpget/snmpwalk/snmpbulkget/snmpset/snmptrap against snmpd (community public read-only)
set -euo pipefail
WHAT=${1:?http|ldap|snmp}; OUT=$(realpath -m "${2:?out.pcap}")
HERE=$(cd "$(dirname "$0")" && pwd)
RUN=$(mktemp -d /tmp/hauth.XXXXXX)
C=hauth-c; S=hauth-s
cleanup() {
  set +e
  for n in $C $S; do
    for pid in $(ip netns pids $n 2>/dev/null); do kill "$pid" 2>/dev/null; done
  done
  sleep 1
  ip netns del $C 2>/dev/null; ip netns del $S 2>/dev/null
  rm -rf "$RUN"
}
trap cleanup EXIT
ip netns add $C; ip netns add $S
ip link add hauth-c0 type veth peer name hauth-s0
ip link set hauth-c0 netns $C; ip link set hauth-s0 netns $S
ip netns exec $C ip link set lo up; ip netns exec $S ip link set lo up
ip netns exec $C ip addr add 10.77.0.1/24 dev hauth-c0; ip netns exec $C ip link set hauth-c0 up
ip netns exec $S ip addr add 10.77.0.2/24 dev hauth-s0; ip netns exec $S ip link set hauth-s0 up
ip netns exec $C ip -6 addr add fd00:77::1/64 dev hauth-c0 nodad; ip netns exec $S ip -6 addr add fd00:77::2/64 dev hauth-s0 nodad
sleep 1
c() { ip netns exec $C timeout 20 "$@" || true; }

case $WHAT in
  http) ip netns exec $S /usr/bin/python3 "$HERE/authserver.py" 10.77.0.2 8080 & ;;
  http6) ip netns exec $S /usr/bin/python3 "$HERE/authserver.py" fd00:77::2 8080 & ;;
  ldap) ip netns exec $S /usr/bin/python3 "$HERE/ldapserver.py" 10.77.0.2 389 & ;;
  ldap-samba)
    DC=${DC:-/tmp/hauth-dc/dc}
    ip netns exec $S samba -i -M single -s "$DC/etc/smb.conf" > "$RUN/samba.log" 2>&1 &
    for i in $(seq 60); do ip netns exec $S ss -ltn | grep -q ':389 ' && break; sleep 1; done ;;
  snmp)
    printf 'agentAddress udp:10.77.0.2:161\nrocommunity public 10.77.0.0/24\nsysLocation lab rack 1\nsysContact admin@lab.example\n' > "$RUN/snmpd.conf"
    ip netns exec $S /usr/sbin/snmpd -f -Lo -C -c "$RUN/snmpd.conf" -p "$RUN/snmpd.pid" > "$RUN/snmpd.log" 2>&1 & ;;
esac
sleep 2
ip netns exec $S tcpdump -i hauth-s0 -U -s 0 -w "$OUT" not arp and not icmp6 > "$RUN/tcpdump.log" 2>&1 &
sleep 2

case $WHAT in
  http)
    U=http://10.77.0.2:8080
    c curl -s -o /dev/null --basic -u alice:wonderland $U/basic
    c curl -s -o /dev/null --basic -u alice:letmein $U/basic
    c curl -s -o /dev/null --digest -u alice:wonderland $U/digest/report.html
    c curl -s -o /dev/null --digest -u alice:guess $U/digest/report.html
    c curl -s -o /dev/null --ntlm -u 'LAB\alice:Passw0rd!' $U/ntlm2/inbox
    c curl -s -o /dev/null --ntlm -u 'LAB\alice:Passw0rd!' $U/ntlm1/inbox
    c curl -s -o /dev/null --ntlm -u 'LAB\mallory:Summer2024' $U/ntlm2/inbox
    ;;
  http6)
    U='http://[fd00:77::2]:8080'
    c curl -g -s -o /dev/null --basic -u bob:builder "$U/basic"
    c curl -g -s -o /dev/null --ntlm -u 'LAB\alice:Passw0rd!' "$U/ntlm2/v6"
    c curl -g -s -o /dev/null --ntlm -u ':' "$U/ntlm2/anonymous"
    ;;
  ldap)
    L=ldap://10.77.0.2:389
    c ldapsearch -x -H $L -D cn=admin,dc=lab,dc=example -w adminpw -b dc=lab,dc=example '(&(objectClass=person)(uid=alice))' cn mail
    c ldapsearch -x -H $L -D cn=admin,dc=lab,dc=example -w Winter2024 -b dc=lab,dc=example '(uid=*)'
    c ldapsearch -x -H $L -b '' -s base '(objectClass=*)' namingContexts
    c ldapsearch -H $L -Y DIGEST-MD5 -U alice -w x -b dc=lab,dc=example
    c /usr/bin/python3 -c "
import hashlib, ldap3
from Cryptodome.Hash import MD4  # OpenSSL 3 has no MD4 for hashlib; ldap3 asks hashlib.new('MD4')
_new = hashlib.new
hashlib.new = lambda n, d=b'', **k: MD4.new(d) if n.upper() == 'MD4' else _new(n, d, **k)
s = ldap3.Server('10.77.0.2', port=389, get_info=ldap3.NONE)
c = ldap3.Connection(s, user='LAB\\\\alice', password='Passw0rd!', authentication=ldap3.NTLM)
print('ntlm bind', c.bind()); c.unbind()"
    ;;
  ldap-samba)
    c samba-tool user list -H ldap://10.77.0.2 -U 'LAB\Administrator%Passw0rd!2024' --use-kerberos=off
    c samba-tool user list -H ldap://10.77.0.2 -U 'LAB\Administrator%Autumn2024' --use-kerberos=off
    c ldapsearch -x -H ldap://10.77.0.2 -D 'Administrator@lab.example' -w 'Passw0rd!2024' -b 'DC=lab,DC=example' -s base '(objectClass=*)' dn
    ;;
  snmp)
    A=10.77.0.2
    c snmpget -v2c -c public -r0 -t2 $A 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.5.0
    c snmpwalk -v1 -c public -r0 -t2 $A 1.3.6.1.2.1.1.9.1.3
    c snmpbulkget -v2c -c public -r0 -t2 -Cn0 -Cr4 $A 1.3.6.1.2.1.1
    c snmpget -v2c -c secret -r0 -t1 $A 1.3.6.1.2.1.1.5.0
    c snmpset -v2c -c public -r0 -t2 $A 1.3.6.1.2.1.1.4.0 s evil@example.com
    c snmpset -v1 -c public -r0 -t2 $A 1.3.6.1.2.1.1.4.0 s evil@example.com
    c snmptrap -v2c -c public $A:162 '' 1.3.6.1.6.3.1.1.5.1
    ;;
esac
sleep 2
kill %2 2>/dev/null || true
sleep 1
