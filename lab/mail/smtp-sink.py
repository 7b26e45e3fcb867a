#!/usr/bin/env python3
"""A small SMTP server for the mail lab (Python's smtpd, Debian's dovecot has no submission service here): accepts
every message and keeps nothing; with --auth it offers AUTH PLAIN, LOGIN and CRAM-MD5 (users bob/bobpass and
alice/alicepass) and PIPELINING."""
import asyncore, base64, hmac, smtpd, sys, time, warnings
warnings.simplefilter("ignore")
USERS = {"bob": "bobpass", "alice": "alicepass"}
AUTH = "--auth" in sys.argv


class Channel(smtpd.SMTPChannel):
    auth_step = None

    def smtp_EHLO(self, arg):
        super().smtp_EHLO(arg)

    def push(self, msg):
        # the greeting names the software; EHLO gains PIPELINING and AUTH
        if AUTH and msg.startswith("250 HELP"):
            super().push("250-PIPELINING")
            super().push("250-AUTH PLAIN LOGIN CRAM-MD5")
        super().push(msg)

    def found_terminator(self):
        if self.auth_step is None:
            return super().found_terminator()
        line = self._emptystring.join(self.received_lines)
        self.received_lines = []
        self.auth_answer(line.strip())

    def smtp_AUTH(self, arg):
        if not AUTH:
            self.push("502 5.5.1 no AUTH here")
            return
        parts = (arg or "").split()
        mech = parts[0].upper() if parts else ""
        self.mech, self.user = mech, None
        if mech == "PLAIN":
            if len(parts) > 1:
                return self.check_plain(parts[1])
            self.auth_step = "plain"; self.push("334 ")
        elif mech == "LOGIN":
            if len(parts) > 1:
                self.user = base64.b64decode(parts[1]).decode()
                self.auth_step = "pass"; self.push("334 UGFzc3dvcmQ6")
            else:
                self.auth_step = "user"; self.push("334 VXNlcm5hbWU6")
        elif mech == "CRAM-MD5":
            self.challenge = "<%d.%d@mail.lab.test>" % (len(self.received_data), int(time.time()))
            self.auth_step = "cram"; self.push("334 " + base64.b64encode(self.challenge.encode()).decode())
        else:
            self.push("504 5.5.4 unrecognized authentication type")

    def auth_answer(self, line):
        step, self.auth_step = self.auth_step, None
        if line == "*":
            return self.push("501 5.7.0 authentication cancelled")
        if step == "plain":
            return self.check_plain(line)
        if step == "user":
            self.user = base64.b64decode(line).decode()
            self.auth_step = "pass"
            return self.push("334 UGFzc3dvcmQ6")
        if step == "pass":
            return self.result(USERS.get(self.user) == base64.b64decode(line).decode())
        if step == "cram":
            user, digest = base64.b64decode(line).decode().rsplit(" ", 1)
            pw = USERS.get(user, "")
            want = hmac.new(pw.encode(), self.challenge.encode(), "md5").hexdigest()
            return self.result(user in USERS and hmac.compare_digest(want, digest))

    def check_plain(self, b64):
        _, user, pw = base64.b64decode(b64).decode().split("\0")
        self.result(USERS.get(user) == pw)

    def result(self, ok):
        self.push("235 2.7.0 Authentication successful" if ok else "535 5.7.8 Authentication credentials invalid")


class Sink(smtpd.SMTPServer):
    channel_class = Channel

    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        return None


Sink((sys.argv[1], int(sys.argv[2])), None, decode_data=False)
asyncore.loop(timeout=1)
