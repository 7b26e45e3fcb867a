#!/usr/bin/python3
"""A small ESMTP server for the lab: AUTH PLAIN and AUTH LOGIN against a dovecot passwd-file
({PLAIN} passwords), delivery into the recipient's Maildir (so IMAP and POP3 can fetch it).
Debian 12's packages hold no SMTP server with AUTH besides postfix/exim (not installed here),
so the lab plays the server side with this; the clients (hydra, swaks) are the real tools.

    smtp-auth-server.py PASSWD_FILE HOSTNAME ADDR [ADDR…]     (ADDR: 1.2.3.4 or an IPv6 address)
"""
import base64, os, socket, socketserver, sys, threading, time

PASSWD, HOST, ADDRS = sys.argv[1], sys.argv[2], sys.argv[3:]
users = {}
for line in open(PASSWD):
    f = line.rstrip("\n").split(":")
    if len(f) >= 6:   # user:{PLAIN}pass:uid:gid::home
        users[f[0]] = (f[1].removeprefix("{PLAIN}"), int(f[2]), int(f[3]), f[5])
seq = [0]
lock = threading.Lock()


def deliver(rcpt, data):
    user = rcpt.split("@")[0].strip("<>").lower()
    if user not in users:
        return
    _, uid, gid, home = users[user]
    d = os.path.join(home, "Maildir")
    for sub in ("new", "cur", "tmp"):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
        os.chown(os.path.join(d, sub), uid, gid)
    with lock:
        seq[0] += 1
        name = "%d.M%dP%d.%s" % (time.time(), seq[0], os.getpid(), HOST)
    p = os.path.join(d, "new", name)
    with open(p, "wb") as f:
        f.write(data)
    os.chown(p, uid, gid)


class Session(socketserver.StreamRequestHandler):
    def out(self, s):
        self.wfile.write((s + "\r\n").encode())

    def line(self):
        l = self.rfile.readline(4096)
        if not l:
            raise EOFError
        return l.decode("latin-1").rstrip("\r\n")

    def check(self, user, pw):
        ok = user in users and users[user][0] == pw
        print("auth %s %s %s" % (self.client_address[0], user, "ok" if ok else "fail"), flush=True)
        if ok:
            self.user = user
            self.out("235 2.7.0 Authentication successful")
        else:
            time.sleep(0.3)
            self.out("535 5.7.8 Error: authentication failed: authentication failure")

    def handle(self):
        self.user, mail, rcpts = None, None, []
        self.out("220 %s ESMTP" % HOST)
        try:
            for _ in range(10000):
                l = self.line()
                cmd = l.split(" ", 1)[0].upper()
                arg = l[len(cmd) + 1:]
                if cmd in ("EHLO", "HELO"):
                    if cmd == "HELO":
                        self.out("250 %s" % HOST)
                    else:
                        for x in ("-" + HOST, "-PIPELINING", "-SIZE 10240000", "-AUTH PLAIN LOGIN", "-8BITMIME", " SMTPUTF8"):
                            self.out("250" + x)
                elif cmd == "AUTH":
                    a = arg.split()
                    mech = a[0].upper() if a else ""
                    if mech == "PLAIN":
                        if len(a) > 1:
                            b = a[1]
                        else:
                            self.out("334 ")
                            b = self.line()
                        try:
                            _, u, p = base64.b64decode(b).decode("latin-1").split("\0")
                        except Exception:
                            self.out("501 5.5.2 Cannot decode response"); continue
                        self.check(u, p)
                    elif mech == "LOGIN":
                        try:
                            if len(a) > 1:
                                u = base64.b64decode(a[1]).decode("latin-1")
                            else:
                                self.out("334 VXNlcm5hbWU6")
                                u = base64.b64decode(self.line()).decode("latin-1")
                            self.out("334 UGFzc3dvcmQ6")
                            p = base64.b64decode(self.line()).decode("latin-1")
                        except EOFError:
                            raise
                        except Exception:
                            self.out("501 5.5.2 Cannot decode response"); continue
                        self.check(u, p)
                    else:
                        self.out("504 5.5.4 Unrecognized authentication type")
                elif cmd == "MAIL":
                    if not self.user:
                        self.out("530 5.7.0 Authentication required"); continue
                    mail, rcpts = arg, []
                    self.out("250 2.1.0 Ok")
                elif cmd == "RCPT":
                    rcpts.append(arg.split(":", 1)[-1].strip())
                    self.out("250 2.1.5 Ok")
                elif cmd == "DATA":
                    if not rcpts:
                        self.out("554 5.5.1 Error: no valid recipients"); continue
                    self.out("354 End data with <CR><LF>.<CR><LF>")
                    buf = []
                    for _ in range(1000000):
                        l = self.rfile.readline(65536)
                        if not l or l in (b".\r\n", b".\n"):
                            break
                        buf.append(l[1:] if l.startswith(b"..") else l)
                    data = ("Received: from %s by %s\r\n" % (self.client_address[0], HOST)).encode() + b"".join(buf)
                    for r in rcpts:
                        deliver(r, data)
                    self.out("250 2.0.0 Ok: queued as %X" % (int(time.time() * 1000) & 0xFFFFFFF))
                    mail, rcpts = None, []
                elif cmd == "RSET":
                    mail, rcpts = None, []
                    self.out("250 2.0.0 Ok")
                elif cmd == "NOOP":
                    self.out("250 2.0.0 Ok")
                elif cmd == "QUIT":
                    self.out("221 2.0.0 Bye")
                    return
                else:
                    self.out("502 5.5.2 Error: command not recognized")
        except (EOFError, ConnectionError):
            pass


class V4(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class V6(V4):
    address_family = socket.AF_INET6


for a in ADDRS:
    srv = (V6 if ":" in a else V4)((a, 25), Session)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
print("listening on", ADDRS, flush=True)
time.sleep(600)   # the lab ends it sooner; bounded in any case
