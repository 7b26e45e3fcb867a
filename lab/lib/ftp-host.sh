# vsftpd on any lab host (lib/office.sh puts it on the victim only). Sourced by a scenario.
#
#   ftp_host HOST ADDR USER:PASSWORD:UID…
#
# gives HOST (att, a MORE_HOSTS name…) an /etc/passwd and /etc/shadow of its own (root, nobody,
# ftp and the listed users, each with a writable home $RUN/ftp-HOST/USER) and starts vsftpd on
# ADDR:21 (passive ports 40000-40100, no anonymous login, no TLS, each user chrooted in its home so
# PWD answers "/"), logging to
# logs/vsftpd-HOST.log and logs/xferlog-HOST. Every later `nsx HOST …` sees that passwd.
ftp_host() {
  local h=$1 addr=$2; shift 2
  local etc=/etc/netns/$P-$h d=$RUN/ftp-$h
  mkdir -p "$etc" "$d" "$RUN/empty-$h"; chmod 755 "$d" "$RUN/empty-$h"
  printf '%s\n' 'root:x:0:0:root:/root:/bin/bash' 'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin' \
    'ftp:x:108:115:ftp daemon,,,:/srv/ftp:/usr/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' > "$etc/passwd"
  printf '%s\n' 'root:*:19000:0:99999:7:::' 'daemon:*:19000:0:99999:7:::' 'ftp:*:19000:0:99999:7:::' 'nobody:*:19000:0:99999:7:::' > "$etc/shadow"
  chmod 640 "$etc/shadow"
  local spec u pw uid
  for spec in "$@"; do
    IFS=: read -r u pw uid <<< "$spec"
    echo "$u:x:$uid:$uid:$u,,,:$d/$u:/bin/bash" >> "$etc/passwd"
    echo "$u:$(openssl passwd -6 -salt "lab${uid}salt" "$pw"):19700:0:99999:7:::" >> "$etc/shadow"
    mkdir -p "$d/$u"; chown "$uid:$uid" "$d/$u"
  done
  cat > "$RUN/vsftpd-$h.conf" <<EOF
background=NO
listen=YES
listen_address=$addr
anonymous_enable=NO
local_enable=YES
write_enable=YES
chroot_local_user=YES
allow_writeable_chroot=YES
local_umask=022
pam_service_name=vsftpd
secure_chroot_dir=$RUN/empty-$h
connect_from_port_20=YES
pasv_min_port=40000
pasv_max_port=40100
seccomp_sandbox=NO
xferlog_enable=YES
dual_log_enable=YES
vsftpd_log_file=$RUN/logs/vsftpd-$h.log
xferlog_file=$RUN/logs/xferlog-$h
EOF
  nsx "$h" setsid vsftpd "$RUN/vsftpd-$h.conf" </dev/null >"$RUN/logs/vsftpd-$h.out" 2>&1 &
}
