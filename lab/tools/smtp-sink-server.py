#!/usr/bin/python3
"""A receiving SMTP server for the lab that takes any mail, without AUTH (an attacker's drop box,
or an internal relay that trusts its own network): ESMTP, every message written as OUTDIR/N.eml,
the attachments of each (MIME parts with a file name) as OUTDIR/N-FILENAME, with a line per
message and per attachment (size, SHA-256) on stdout. The clients (swaks) are the real tools.

    smtp-sink-server.py HOSTNAME OUTDIR ADDR [ADDR…]     (ADDR: 1.2.3.4 or an IPv6 address)

Bounded: it serves at most 600 s.
"""
import email, email.policy, hashlib, os, socket, socketserver, sys, threading, time

HOST, OUT, ADDRS = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(OUT, exist_ok=True)
seq = [0]
lock = threading.Lock()


def store(data):
    with lock:
        seq[0] += 1
        n = seq[0]
    with open(os.path.join(OUT, "%d.eml" % n), "wb") as f:
        f.write(data)
    print("message %d: %d bytes sha256 %s" % (n, len(data), hashlib.sha256(data).hexdigest()), flush=True)
    msg = email.message_from_bytes(data, policy=email.policy.default)
    for part in msg.walk():
        name = part.get_filename()
        if name:
            body = part.get_payload(decode=True) or b""
            with open(os.path.join(OUT, "%d-%s" % (n, os.path.basename(name))), "wb") as f:
                f.write(body)
            print("  attachment %s (%s): %d bytes sha256 %s" % (name, part.get_content_type(), len(body),
                  hashlib.sha256(body).hexdigest()), flush=True)


class Session(socketserver.StreamRequestHandler):
    def out(self, s):
        self.wfile.write((s + "\r\n").encode())

    def handle(self):
        rcpts = []
        self.out("220 %s ESMTP Postfix (Debian/GNU)" % HOST)
        try:
            for _ in range(1000):
                l = self.rfile.readline(4096)
                if not l:
                    return
                l = l.decode("latin-1").rstrip("\r\n")
                cmd = l.split(" ", 1)[0].upper()
                arg = l[len(cmd) + 1:]
                if cmd == "HELO":
                    self.out("250 %s" % HOST)
                elif cmd == "EHLO":
                    for x in ("-" + HOST, "-PIPELINING", "-SIZE 10240000", "-8BITMIME", " SMTPUTF8"):
                        self.out("250" + x)
                elif cmd == "MAIL":
                    rcpts = []
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
                        d = self.rfile.readline(65536)
                        if not d or d in (b".\r\n", b".\n"):
                            break
                        buf.append(d[1:] if d.startswith(b"..") else d)
                    store(b"".join(buf))
                    self.out("250 2.0.0 Ok: queued as %X" % (int(time.time() * 1000) & 0xFFFFFFF))
                    rcpts = []
                elif cmd == "RSET":
                    rcpts = []
                    self.out("250 2.0.0 Ok")
                elif cmd == "NOOP":
                    self.out("250 2.0.0 Ok")
                elif cmd == "QUIT":
                    self.out("221 2.0.0 Bye")
                    return
                else:
                    self.out("502 5.5.2 Error: command not recognized")
        except ConnectionError:
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
