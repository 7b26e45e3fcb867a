#!/usr/bin/python3
"""The push client of the long-session-benign story (a desktop's notification agent): ONE TLS connection
(TLS 1.2 at most, SNI NAME, certificate verified against CAFILE) to an MQTT-style broker, CONNECT and SUBSCRIBE,
then a PINGREQ (2 bytes) every PERIOD s exactly, COUNT times, answered by PINGRESP (2 bytes); notifications the
broker publishes meanwhile are read and logged. Then DISCONNECT and close.

    push-client.py NAME PORT CAFILE PERIOD COUNT
"""
import socket, ssl, sys, threading, time

NAME, PORT, CAFILE, PERIOD, COUNT = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
CLIENT_ID = "desk-ws-0147"


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def mqtt_string(s):
    b = s.encode()
    return len(b).to_bytes(2, "big") + b


def reader(s):
    try:
        while True:
            h = s.recv(1)
            if not h:
                return
            mult, n = 1, 0
            while True:
                d = s.recv(1)[0]
                n += (d & 0x7F) * mult
                mult *= 128
                if not d & 0x80:
                    break
            body = b""
            while len(body) < n:
                body += s.recv(n - len(body))
            kind = h[0] >> 4
            if kind == 3:
                tl = int.from_bytes(body[:2], "big")
                log("notification on", body[2:2 + tl].decode(), body[2 + tl:].decode(errors="replace"))
            else:
                log("packet type", kind, "length", n)
    except Exception as e:
        log("reader ends", e)


ctx = ssl.create_default_context(cafile=CAFILE)
ctx.maximum_version = ssl.TLSVersion.TLSv1_2
s = ctx.wrap_socket(socket.create_connection((NAME, PORT), timeout=None), server_hostname=NAME)
log("connected", s.getpeername(), s.version(), s.cipher())
var = mqtt_string("MQTT") + b"\x04\x02" + int(PERIOD * 2).to_bytes(2, "big") + mqtt_string(CLIENT_ID)
s.sendall(bytes([0x10, len(var)]) + var)
threading.Thread(target=reader, args=(s,), daemon=True).start()
time.sleep(0.3)
sub = b"\x00\x01" + mqtt_string("corp/notify/" + CLIENT_ID) + b"\x00"
s.sendall(bytes([0x82, len(sub)]) + sub)
t0 = time.time()
for i in range(1, COUNT + 1):
    time.sleep(max(0, t0 + i * PERIOD - time.time()))
    s.sendall(b"\xc0\x00")
    log("ping", i)
time.sleep(1)
s.sendall(b"\xe0\x00")
time.sleep(0.3)
try:
    s.unwrap()
except Exception:
    pass
s.close()
log("closed")
