# Office services on the victim ("files"): vsftpd, telnetd under inetd, dovecot (POP3, IMAP),
# an SMTP server with AUTH (tools/smtp-auth-server.py), snmpd, and Apache's Basic auth on
# /intranet/. Sourced by a scenario; its `services` calls office_user… then office_services.

# Apache: /intranet/ asks for Basic credentials from $RUN/htpasswd
APACHE_EXTRA="LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so
LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so
LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so
LoadModule authz_user_module /usr/lib/apache2/modules/mod_authz_user.so
<Directory /var/www/html/intranet>
  AuthType Basic
  AuthName \"Corp intranet\"
  AuthUserFile $RUN/htpasswd
  Require valid-user
</Directory>"

# office_user NAME PASSWORD UID [HOME] [GID]: a login on the victim for FTP, Telnet, mail and the intranet
office_user() {
  local u=$1 pw=$2 uid=$3 home=${4:-/home/$1} gid=${5:-$3}
  echo "$u:x:$uid:$gid:$u,,,:$home:/bin/bash" >> "/etc/netns/$P-vic/passwd"
  echo "$u:$(openssl passwd -6 -salt "lab${uid}salt" "$pw"):19700:0:99999:7:::" >> "/etc/netns/$P-vic/shadow"
  local h=$RUN${home/#\/home/\/home}
  if [ "$home" = /var/www/html ]; then h=$RUN/www; chown "$uid:$gid" "$h"
  else mkdir -p "$h/Maildir/new" "$h/Maildir/cur" "$h/Maildir/tmp"; chown -R "$uid:$gid" "$h"; fi
  echo "$u:{PLAIN}$pw:$uid:$gid::$h" >> "$RUN/mail.passwd"
  htpasswd -b -B -C 5 "$RUN/htpasswd" "$u" "$pw" 2>/dev/null || htpasswd -c -b -B -C 5 "$RUN/htpasswd" "$u" "$pw" 2>/dev/null
}

# office_mail USER FROM SUBJECT BODY: a message waiting in USER's mailbox
office_mail() {
  local h; h=$(awk -F: -v u="$1" '$1==u{print $6}' "$RUN/mail.passwd")
  local f="$h/Maildir/cur/$((1764000000 + RANDOM)).M1P1.files:2,S"
  printf 'From: %s\r\nTo: %s@corp.lan\r\nSubject: %s\r\nDate: Mon, 30 Nov 2026 09:12:00 +0000\r\nMessage-ID: <%s@corp.lan>\r\n\r\n%s\r\n' \
    "$2" "$1" "$3" "$RANDOM.$1" "$4" > "$f"
  chown --reference="$h/Maildir" "$f"
}

# office_services "COMMUNITY…": start every service; snmpd answers the listed communities
office_services() {
  local communities=${1:-public}
  # passwd entries the daemons look up in the victim's own /etc/passwd
  grep -E '^(dovecot|dovenull|ftp|Debian-snmp):' /etc/passwd >> "/etc/netns/$P-vic/passwd"
  mkdir -p "$RUN/empty" "$RUN/dovecot" "$RUN/dovecot-state" "$RUN/snmp"; chmod 755 "$RUN/empty"
  # FTP: vsftpd, one instance per address family
  local common="background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
pam_service_name=vsftpd
secure_chroot_dir=$RUN/empty
connect_from_port_20=YES
pasv_min_port=40000
pasv_max_port=40100
seccomp_sandbox=NO
xferlog_enable=YES
dual_log_enable=YES
vsftpd_log_file=$RUN/logs/vsftpd.log
xferlog_file=$RUN/logs/xferlog"
  printf '%s\nlisten=YES\nlisten_address=%s\n' "$common" "$V" > "$RUN/vsftpd4.conf"
  vic_daemon vsftpd4 vsftpd "$RUN/vsftpd4.conf"
  if [ -n "$NET6" ]; then
    printf '%s\nlisten=NO\nlisten_ipv6=YES\nlisten_address6=%s\n' "$common" "$V6" > "$RUN/vsftpd6.conf"
    vic_daemon vsftpd6 vsftpd "$RUN/vsftpd6.conf"
  fi
  # Telnet: inetutils telnetd under openbsd-inetd; /bin/login's PAM stack without pam_loginuid
  # (it cannot write /proc/self/loginuid in this sandbox) nor pam_lastlog
  printf 'telnet stream tcp nowait root /usr/sbin/telnetd telnetd\n' > "$RUN/inetd.conf"
  [ -n "$NET6" ] && printf 'telnet stream tcp6 nowait root /usr/sbin/telnetd telnetd\n' >> "$RUN/inetd.conf"
  grep -v -E 'pam_loginuid|pam_lastlog' /etc/pam.d/login > "$RUN/pam.login"   # nor this machine's lastlog
  # one try per connection: hydra's telnet module garbles the user name when it retries on the
  # same connection (it sends "lice" for "alice"), so login hangs up after a failure
  sed -E 's/^#?\s*LOGIN_RETRIES.*/LOGIN_RETRIES 1/' /etc/login.defs > "$RUN/login.defs"
  grep -q '^LOGIN_RETRIES' "$RUN/login.defs" || echo 'LOGIN_RETRIES 1' >> "$RUN/login.defs"
  ip netns exec $P-vic setsid unshare -m -u --propagation private bash -c "mount --bind '$RUN/home' /home && mount --bind '$RUN/pam.login' /etc/pam.d/login && mount --bind '$RUN/login.defs' /etc/login.defs && hostname files && exec inetd -i '$RUN/inetd.conf'" </dev/null >"$RUN/logs/inetd.log" 2>&1 &
  # POP3 and IMAP: dovecot with a passwd-file
  cat > "$RUN/dovecot.conf" <<EOD
base_dir = $RUN/dovecot
state_dir = $RUN/dovecot-state
log_path = $RUN/logs/dovecot.log
protocols = imap pop3
listen = $V${V6:+, $V6}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 1 secs
mail_location = maildir:~/Maildir
first_valid_uid = 1000
login_greeting = Dovecot ready.
passdb {
  driver = passwd-file
  args = scheme=PLAIN $RUN/mail.passwd
}
userdb {
  driver = passwd-file
  args = $RUN/mail.passwd
}
EOD
  vic_daemon dovecot dovecot -F -c "$RUN/dovecot.conf"
  # SMTP with AUTH PLAIN/LOGIN
  vic_daemon smtp /usr/bin/python3 "$HERE/tools/smtp-auth-server.py" "$RUN/mail.passwd" files.corp.lan $V $V6
  # SNMP: a small view (system and interfaces), fixed descriptions
  {
    for c in $communities; do echo "rocommunity $c default -V sysview"; [ -n "$NET6" ] && echo "rocommunity6 $c default -V sysview"; done
    echo "view sysview included .1.3.6.1.2.1.1"
    echo "view sysview included .1.3.6.1.2.1.2"
    echo "sysName files.corp.lan"; echo "sysLocation Head office, server room 2"; echo "sysContact it-support@corp.lan"
    echo "sysDescr Linux files 6.1.0-13-amd64 #1 SMP Debian 6.1.55-1 x86_64"
  } > "$RUN/snmpd.conf"
  SNMP_PERSISTENT_DIR=$RUN/snmp vic_daemon snmpd snmpd -f -Lo -C -c "$RUN/snmpd.conf" -p "$RUN/snmpd.pid2" udp:$V:161 ${V6:+udp6:[$V6]:161}
  sleep 2
}
