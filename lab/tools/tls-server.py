#!/usr/bin/python3
"""A small HTTPS server (and optional cleartext HTTP on another port) for the TLS lab stories: answers every
GET with a short JSON body and every POST with 204. Plays the attacker's C2 (self-signed certificate) or an
internal portal (CA-signed certificate). TLS 1.2 at most, so the certificate travels in clear. Stops after
LIFETIME seconds.

    tls-server.py ADDR HTTPS_PORT CERT KEY HTTP_PORT|0 LIFETIME SERVER_HEADER
"""
import json, ssl, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ADDR, PORT, CERT, KEY, HTTP_PORT, LIFETIME, SERVER = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6]), sys.argv[7]


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return SERVER

    def do_GET(self):
        body = json.dumps({"status": "ok", "task": None}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.send_header("Connection", "close")
        self.end_headers()

    def log_message(self, fmt, *args):
        print(time.strftime("%H:%M:%S"), self.client_address[0], fmt % args, flush=True)


ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.maximum_version = ssl.TLSVersion.TLSv1_2
ctx.load_cert_chain(CERT, KEY)
tls = ThreadingHTTPServer((ADDR, PORT), H)
tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
threading.Thread(target=tls.serve_forever, daemon=True).start()
if HTTP_PORT:
    plain = ThreadingHTTPServer((ADDR, HTTP_PORT), H)
    threading.Thread(target=plain.serve_forever, daemon=True).start()
time.sleep(LIFETIME)
