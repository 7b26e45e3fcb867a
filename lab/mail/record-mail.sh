#!/usr/bin/env bash
# Records the mail lab capture: real servers (dovecot 2.3 for POP3 and IMAP; Python's smtpd on port 25, and with AUTH
# added on 587, since Debian's dovecot here has no submission service) and real clients (swaks, curl, Python's poplib and imaplib) between two network
# namespaces made here (hmail-cli, hmail-srv, joined by one veth pair; IPv4 and IPv6). No packet leaves the machine.
#
#   record-mail.sh OUT.pcap
set -euo pipefail
OUT=$(realpath -m "${1:?out.pcap}"); mkdir -p "$(dirname "$OUT")"
HERE=$(cd "$(dirname "$0")" && pwd)
RUN=$(mktemp -d /tmp/hmail.XXXXXX); chmod 755 "$RUN"
C=10.77.0.1; S=10.77.0.2; C6=fd77::1; S6=fd77::2
cleanup() {
  set +e
  for n in cli srv; do
    for pid in $(ip netns pids hmail-$n 2>/dev/null); do kill "$pid" 2>/dev/null; done
  done
  sleep 1
  ip netns del hmail-cli 2>/dev/null; ip netns del hmail-srv 2>/dev/null
  mkdir -p /tmp/hmail-last; cp "$RUN"/*.log /tmp/hmail-last/ 2>/dev/null; rm -rf "$RUN"
}
trap cleanup EXIT
nsx() { local n=$1; shift; ip netns exec hmail-$n "$@"; }
for n in cli srv; do ip netns add hmail-$n; nsx $n ip link set lo up; done
ip link add hmail-c type veth peer name hmail-s
ip link set hmail-c netns hmail-cli; ip link set hmail-s netns hmail-srv
nsx cli ip addr add $C/24 dev hmail-c; nsx srv ip addr add $S/24 dev hmail-s
nsx cli ip -6 addr add $C6/64 dev hmail-c nodad; nsx srv ip -6 addr add $S6/64 dev hmail-s nodad
nsx cli ip link set hmail-c up; nsx srv ip link set hmail-s up
sleep 1

# messages: three in bob's maildir, the same files as swaks bodies
python3 "$HERE/make-messages.py" "$RUN/msgs"
mkdir -p "$RUN/home/bob/Maildir/"{cur,new,tmp} "$RUN/home/alice/Maildir/"{cur,new,tmp}
i=0; for m in m1 m2 m3; do i=$((i+1)); cp "$RUN/msgs/$m.eml" "$RUN/home/bob/Maildir/cur/100000000$i.M1P1.lab:2,"; done
chown -R mail:mail "$RUN/home"
printf 'bob:{PLAIN}bobpass\nalice:{PLAIN}alicepass\n' > "$RUN/users"
cat > "$RUN/dovecot.conf" <<CONF
protocols = imap pop3
listen = $S, $S6
base_dir = $RUN/base
state_dir = $RUN/state
log_path = $RUN/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5 apop
hostname = mail.lab.test
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $RUN/users
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$RUN/home/%u
}
mail_location = maildir:~/Maildir
first_valid_uid = 8
first_valid_gid = 8
pop3_uidl_format = %f
CONF
nsx srv dovecot -c "$RUN/dovecot.conf"
nsx srv python3 "$HERE/smtp-sink.py" $S 25 &
nsx srv python3 "$HERE/smtp-sink.py" $S 587 --auth &
nsx srv python3 "$HERE/smtp-sink.py" $S6 587 --auth &
nsx cli tcpdump -i hmail-c -s 0 -U -w "$RUN/cap.pcap" 2>"$RUN/tcpdump.log" & TCPD=$!
sleep 2

SW="swaks --server $S --port 587 --from alice@lab.test --to bob@lab.test"
# SMTP straight to the relay's port 25 (no AUTH): the dot-stuffed message
nsx cli swaks --server $S --port 25 --from alice@lab.test --to bob@lab.test --to carol@lab.test --data "$RUN/msgs/m1.eml" >"$RUN/sw1.log" 2>&1
# submission: AUTH PLAIN with pipelining and the MIME message with attachments
nsx cli $SW --auth PLAIN --auth-user bob --auth-password bobpass --pipeline --data "$RUN/msgs/m2.eml" >"$RUN/sw2.log" 2>&1
nsx cli $SW --auth LOGIN --auth-user bob --auth-password bobpass --data "$RUN/msgs/m3.eml" >"$RUN/sw3.log" 2>&1
nsx cli $SW --auth CRAM-MD5 --auth-user bob --auth-password bobpass --header "Subject: cram test" >"$RUN/sw4.log" 2>&1
nsx cli $SW --auth PLAIN --auth-user bob --auth-password wrongpass >"$RUN/sw5.log" 2>&1 || true
# swaks' own attachment over IPv6
nsx cli swaks --server $S6 --port 587 --from alice@lab.test --to bob@lab.test --auth LOGIN --auth-user alice \
  --auth-password alicepass --attach-type application/octet-stream --attach "$HERE/make-messages.py" --header "Subject: script attached" >"$RUN/sw6.log" 2>&1
# POP3 and IMAP with curl (SASL) and Python's libraries
nsx cli curl -sS -o /dev/null --login-options AUTH=PLAIN "pop3://bob:bobpass@$S/2"
nsx cli curl -sS -o /dev/null --login-options AUTH=LOGIN "pop3://bob:bobpass@$S/1"
nsx cli curl -sS -o /dev/null --login-options AUTH=PLAIN "imap://bob:bobpass@$S/INBOX;UID=2"
nsx cli curl -sS -o /dev/null --login-options AUTH=LOGIN --sasl-ir "imap://bob:bobpass@$S/INBOX;UID=3"
nsx cli curl -sS -o /dev/null -g "imap://alice:alicepass@[$S6]/INBOX"
nsx cli python3 "$HERE/clients.py" $S >"$RUN/py.log" 2>&1
sleep 2
kill $TCPD; wait $TCPD 2>/dev/null || true
cp "$RUN/cap.pcap" "$OUT"
mkdir -p "${OUT%.*}.logs"; cp "$RUN"/*.log "${OUT%.*}.logs/" 2>/dev/null || true
