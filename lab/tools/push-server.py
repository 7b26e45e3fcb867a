#!/usr/bin/python3
"""The internal push service of the long-session-benign story: an MQTT-style broker over TLS (TLS 1.2 at most, so
the certificate travels in clear) on MQTT_PORT and, if HTTPS_PORT is not 0, an intranet web application over
HTTPS on HTTPS_PORT with HTTP/1.1 keep-alive (connections stay open until the client closes them).
MQTT 3.1.1 subset: CONNECT/CONNACK, SUBSCRIBE/SUBACK, PINGREQ/PINGRESP (2 bytes each way), DISCONNECT; the broker
also publishes one ~300-byte notification to each session at every moment of NOTIFY_AT (seconds after the
session's CONNECT, comma-separated). Stops after LIFETIME seconds.

    push-server.py ADDR MQTT_PORT HTTPS_PORT CERT KEY NOTIFY_AT LIFETIME
"""
import json, socket, ssl, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ADDR, MQTT_PORT, HTTPS_PORT, CERT, KEY = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
NOTIFY_AT = [float(x) for x in sys.argv[6].split(",") if x]
LIFETIME = float(sys.argv[7])


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def ctx():
    c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    c.maximum_version = ssl.TLSVersion.TLSv1_2
    c.load_cert_chain(CERT, KEY)
    return c


def remlen(n):
    out = b""
    while True:
        d, n = n % 128, n // 128
        out += bytes([d | (0x80 if n else 0)])
        if not n:
            return out


def mqtt_string(s):
    b = s.encode()
    return len(b).to_bytes(2, "big") + b


def read_packet(s):
    h = s.recv(1)
    if not h:
        return None, None
    mult, n = 1, 0
    while True:
        d = s.recv(1)[0]
        n += (d & 0x7F) * mult
        mult *= 128
        if not d & 0x80:
            break
    body = b""
    while len(body) < n:
        c = s.recv(n - len(body))
        if not c:
            return None, None
        body += c
    return h[0], body


def notification(i):
    msg = {"type": "notification", "id": "n-%04d" % (4711 + i), "app": "tickets",
           "title": "Ticket INC-2%05d updated" % (3100 + i * 17),
           "body": "Your request 'Replace docking station, 3rd floor' changed state to In progress. Assigned to: IT Service Desk.",
           "url": "https://apps.corp.lan/tickets/INC-2%05d" % (3100 + i * 17), "ts": int(time.time())}
    payload = json.dumps(msg, separators=(",", ":")).encode()
    var = mqtt_string("corp/notify/desk-ws-0147") + payload
    return bytes([0x30]) + remlen(len(var)) + var


def mqtt_session(conn, peer):
    lock = threading.Lock()
    t0 = time.time()
    alive = [True]

    def notifier():
        for i, at in enumerate(NOTIFY_AT):
            while alive[0] and time.time() - t0 < at:
                time.sleep(0.1)
            if not alive[0]:
                return
            p = notification(i)
            with lock:
                conn.sendall(p)
            log("mqtt publish notification", i + 1, "to", peer, len(p), "bytes")

    try:
        while True:
            t, body = read_packet(conn)
            if t is None:
                break
            kind = t >> 4
            if kind == 1:          # CONNECT
                log("mqtt connect", peer, "client id", body[12:].decode(errors="replace"))
                with lock:
                    conn.sendall(b"\x20\x02\x00\x00")
                threading.Thread(target=notifier, daemon=True).start()
            elif kind == 8:        # SUBSCRIBE
                log("mqtt subscribe", peer, body[4:-1].decode(errors="replace"))
                with lock:
                    conn.sendall(b"\x90\x03" + body[:2] + b"\x00")
            elif kind == 12:       # PINGREQ
                with lock:
                    conn.sendall(b"\xd0\x00")
                log("mqtt ping", peer)
            elif kind == 14:       # DISCONNECT
                log("mqtt disconnect", peer)
                break
    except Exception as e:
        log("mqtt error", peer, e)
    finally:
        alive[0] = False
        conn.close()
        log("mqtt session closed", peer)


def mqtt_loop():
    c = ctx()
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((ADDR, MQTT_PORT))
    ls.listen(5)
    while True:
        s, peer = ls.accept()
        try:
            t = c.wrap_socket(s, server_side=True)
        except Exception as e:
            log("mqtt handshake failed", peer, e)
            s.close()
            continue
        threading.Thread(target=mqtt_session, args=(t, peer), daemon=True).start()


PAGES = {"/": ("text/html", b"<!doctype html><html><head><title>Corp apps</title><link rel=stylesheet href=/static/app.css></head>"
                            b"<body><h1>Corp apps</h1><ul><li><a href=/tickets>Tickets</a><li><a href=/calendar>Calendar</a>"
                            b"<li><a href=/news>News</a></ul></body></html>\n"),
         "/static/app.css": ("text/css", b"body{font-family:sans-serif;margin:2em}h1{color:#234}ul{list-style:none}\n"),
         "/news": ("text/html", b"<!doctype html><html><body><h1>News</h1><p>Canteen closed on Friday.</p></body></html>\n")}


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"        # keep-alive: the connection stays until the client closes it

    def version_string(self):
        return "nginx/1.22.1"

    def do_GET(self):
        if self.path in PAGES:
            ctype, body = PAGES[self.path]
        else:
            ctype, body = "application/json", json.dumps({"path": self.path, "items": [], "unread": 2}).encode()
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Keep-Alive", "timeout=300")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        log("https", self.client_address[0], fmt % args)


threading.Thread(target=mqtt_loop, daemon=True).start()
if HTTPS_PORT:
    web = ThreadingHTTPServer((ADDR, HTTPS_PORT), H)
    web.socket = ctx().wrap_socket(web.socket, server_side=True)
    threading.Thread(target=web.serve_forever, daemon=True).start()
time.sleep(LIFETIME)
