# A Samba AD domain controller on the victim: realm LAB.LOCAL, NetBIOS domain LAB, host dc1.
# Provisioning takes a minute or more, so the provisioned domain (with its users) is kept in
# /tmp/nta-lab-samba-$NET.tgz and unpacked for each run at the same place (its paths are absolute).
# Sourced by a scenario; `services` calls samba_dc_start.
SAMBA_DIR=/tmp/nta-lab-samba-$NET
ADMINPASS='Adm1n!Lab2026'

samba_dc_provision() {   # once: provision, add the users, pack
  rm -rf "$SAMBA_DIR"; mkdir -p "$SAMBA_DIR"
  samba-tool domain provision --realm=LAB.LOCAL --domain=LAB --server-role=dc --dns-backend=SAMBA_INTERNAL \
    --adminpass="$ADMINPASS" --targetdir="$SAMBA_DIR" --host-ip=$V --host-name=dc1 --use-rfc2307 \
    --option="dns forwarder = $D" --option="log file = $SAMBA_DIR/log.%m" >"$SAMBA_DIR/provision.log" 2>&1
  local S=(-s "$SAMBA_DIR/etc/smb.conf")
  samba-tool user create alice 'Sunshine!2026' --given-name=Alice --surname=Meyer "${S[@]}"
  samba-tool user create carol 'Winter!2026c' --given-name=Carol --surname=Novak "${S[@]}"
  samba-tool user create svc_sql 'Mssql2019!' --description='SQL service account' "${S[@]}"
  samba-tool spn add MSSQLSvc/sql01.lab.local:1433 svc_sql "${S[@]}"
  samba-tool group addmembers 'Domain Admins' svc_sql "${S[@]}"
  samba-tool user create svc_backup 'Backup#2024' --description='Backup agent (no Kerberos pre-auth)' "${S[@]}"
  samba-tool user setexpiry --noexpiry svc_backup "${S[@]}"
  /usr/bin/python3 - "$SAMBA_DIR" <<'PY'
import sys, ldb
from samba.samdb import SamDB
from samba.auth import system_session
from samba.param import LoadParm
d = sys.argv[1]
lp = LoadParm(); lp.load(d + "/etc/smb.conf")
db = SamDB(url=d + "/private/sam.ldb", session_info=system_session(), lp=lp)
r = db.search(expression="(sAMAccountName=svc_backup)", attrs=["userAccountControl"])[0]
m = ldb.Message(); m.dn = r.dn
m["userAccountControl"] = ldb.MessageElement(str(int(r["userAccountControl"][0]) | 0x400000), ldb.FLAG_MOD_REPLACE, "userAccountControl")
db.modify(m)   # DONT_REQ_PREAUTH
PY
  # shares: a department share and ADMIN$ (Windows has it; psexec writes its service binary there)
  mkdir -p "$SAMBA_DIR/shares/dept" "$SAMBA_DIR/shares/admin"
  chmod 1777 "$SAMBA_DIR/shares/dept"; chmod 777 "$SAMBA_DIR/shares/admin"
  # ADMIN$ first (psexec writes to the first writable share it lists), then a department share;
  # LDAP without signing so impacket's binds (and the queries) stay readable in the capture
  /usr/bin/python3 - "$SAMBA_DIR" <<'PY'
import sys
d = sys.argv[1]; p = d + "/etc/smb.conf"; s = open(p).read()
shares = ("[ADMIN$]\n\tcomment = Remote Admin\n\tpath = %s/shares/admin\n\tread only = No\n\n"
          "[dept]\n\tpath = %s/shares/dept\n\tread only = No\n\n" % (d, d))
s = s.replace("[global]\n", "[global]\n\tldap server require strong auth = no\n", 1).replace("[homes]", shares + "[homes]", 1)
open(p, "w").write(s)
PY
  printf 'Budget 2027 draft\nline 2\n' > "$SAMBA_DIR/shares/dept/budget-2027.txt"
  ( cd /tmp && tar czf "$SAMBA_DIR.tgz" "${SAMBA_DIR#/tmp/}" )
}

samba_dc_start() {
  [ -f "$SAMBA_DIR.tgz" ] || samba_dc_provision
  rm -rf "$SAMBA_DIR"; ( cd /tmp && tar xzf "$SAMBA_DIR.tgz" )
  # no SMB3 encryption: impacket turns it on whenever the server offers it, and the capture would
  # hide the writes to ADMIN$ and the svcctl calls
  grep -q 'server smb encrypt' "$SAMBA_DIR/etc/smb.conf" || sed -i 's/^\[global\]$/[global]\n\tserver smb encrypt = off/' "$SAMBA_DIR/etc/smb.conf"
  # clients: a krb5.conf naming the KDC directly
  printf '[libdefaults]\n\tdefault_realm = LAB.LOCAL\n\tdns_lookup_kdc = false\n\tdns_lookup_realm = false\n\tudp_preference_limit = 1\n[realms]\n\tLAB.LOCAL = {\n\t\tkdc = %s\n\t\tadmin_server = %s\n\t}\n[domain_realm]\n\t.lab.local = LAB.LOCAL\n\tlab.local = LAB.LOCAL\n' $V $V > "$RUN/krb5.conf"
  # Heimdal's KDC requires pre-authentication of everyone unless its configuration says otherwise;
  # then an account's DONT_REQ_PREAUTH flag decides
  printf '[libdefaults]\n\tdefault_realm = LAB.LOCAL\n\tdns_lookup_realm = false\n\tdns_lookup_kdc = true\n[kdc]\n\trequire-preauth = false\n' > "$SAMBA_DIR/private/krb5.conf"
  ip netns exec $P-vic env KRB5_CONFIG="$SAMBA_DIR/private/krb5.conf" setsid unshare -u bash -c "hostname dc1 && exec samba --foreground --no-process-group -s '$SAMBA_DIR/etc/smb.conf'" </dev/null >"$RUN/logs/samba.log" 2>&1 &
  for i in $(seq 1 60); do nsx vic bash -c "exec 3<>/dev/tcp/$V/445" 2>/dev/null && nsx vic bash -c "exec 3<>/dev/tcp/$V/88" 2>/dev/null && nsx vic bash -c "exec 3<>/dev/tcp/$V/389" 2>/dev/null && break; sleep 1; done
  sleep 3
}

samba_dc_enctypes() {   # samba_dc_enctypes ACCOUNT BITS: msDS-SupportedEncryptionTypes of a running DC's account
  # (off the wire, in sam.ldb). Unset (the default: ad-roast-psexec, ad-roast-pivot), Samba 4.17's
  # KDC encrypts the tickets for a user account's SPN with RC4 (etype 23) even when the client offers
  # AES first, like Windows; with 24 (AES128 + AES256) or 28 (RC4 + AES) the ticket is AES256 whatever
  # the client asks for (its etype list then picks only the session key's type).
  /usr/bin/python3 - "$SAMBA_DIR" "$1" "$2" <<'PY'
import sys, ldb
from samba.samdb import SamDB
from samba.auth import system_session
from samba.param import LoadParm
d, acct, bits = sys.argv[1:4]
lp = LoadParm(); lp.load(d + "/etc/smb.conf")
db = SamDB(url=d + "/private/sam.ldb", session_info=system_session(), lp=lp)
r = db.search(expression="(sAMAccountName=%s)" % ldb.binary_encode(acct), attrs=["dn"])[0]
m = ldb.Message(); m.dn = r.dn
m["msDS-SupportedEncryptionTypes"] = ldb.MessageElement(bits, ldb.FLAG_MOD_REPLACE, "msDS-SupportedEncryptionTypes")
db.modify(m)
PY
}
