#!/usr/bin/env python3
"""A Telnet client for the lab: answers option negotiation (accepts the server's ECHO and SGA, refuses the rest),
waits for the prompts and types one character per packet like a person. A wrong password first, then the right
one and a few commands. Bounded: every wait has a timeout."""
import socket, sys, time

IAC, DONT, DO, WONT, WILL, SB, SE = 255, 254, 253, 252, 251, 250, 240
host = sys.argv[1]
s = socket.create_connection((host, 23), timeout=10)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
seen = b""

def pump(until, timeout=8.0):
    global seen
    end = time.time() + timeout
    while time.time() < end:
        s.settimeout(max(0.1, end - time.time()))
        try:
            d = s.recv(4096)
        except socket.timeout:
            break
        if not d:
            break
        i, text = 0, b""
        while i < len(d):
            c = d[i]
            if c == IAC and i + 1 < len(d):
                v = d[i + 1]
                if v in (WILL, WONT, DO, DONT) and i + 2 < len(d):
                    o = d[i + 2]
                    if v == WILL:
                        s.sendall(bytes([IAC, DO if o in (1, 3) else DONT, o]))
                    elif v == DO:
                        s.sendall(bytes([IAC, WONT, o]))
                    i += 3
                    continue
                if v == SB:
                    j = d.find(bytes([IAC, SE]), i)
                    i = len(d) if j < 0 else j + 2
                    continue
                i += 2
                continue
            text += bytes([c])
            i += 1
        seen += text
        if until and until in seen.lower():
            break

def type_line(line, each=0.05):
    global seen
    seen = b""
    for ch in line:
        s.sendall(ch.encode())
        time.sleep(each)
    s.sendall(b"\r\n")

pump(b"login:")
type_line("hftp"); pump(b"password:")
type_line("not-the-password"); pump(b"login:", 10)
type_line("hftp"); pump(b"password:")
type_line("Secr3t-ftp"); pump(b"$ ", 10)
for cmd in ["id", "uname -a", "cat /etc/hostname", "ls -la /tmp | head -3"]:
    type_line(cmd); pump(b"$ ", 5)
type_line("exit"); pump(None, 2)
s.close()
