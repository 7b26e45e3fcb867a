#!/usr/bin/env python3
"""A tiny HTTP server that answers 401 challenges for the NTA auth captures (Basic, Digest, NTLM v2 and v1).

It accepts alice with password wonderland (Basic, Digest) and any NTLM AUTHENTICATE whose user is alice (it does not
check the NTLM response: the NTA test does, with the known password). Used by record.sh only.
"""
import base64, hashlib, socket, struct, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

REALM, NONCE, USER, PASSWORD = "lab", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "alice", "wonderland"
CHALLENGE = bytes.fromhex("1122334455667788")


def utf16(s):
    return s.encode("utf-16-le")


def ntlm_challenge(v2):
    flags = 0x00000001 | 0x00000004 | 0x00000200 | 0x00008000 | 0x00010000  # unicode, req target, ntlm, always sign, target type domain
    target = utf16("LAB")
    info = b""
    if v2:
        flags |= 0x00800000 | 0x00080000 | 0x02000000  # target info, extended session security, version
        for t, v in ((2, "LAB"), (1, "WEBSRV"), (4, "lab.example"), (3, "websrv.lab.example")):
            info += struct.pack("<HH", t, len(utf16(v))) + utf16(v)
        info += struct.pack("<HH", 0, 0)
    off = 56
    msg = b"NTLMSSP\0" + struct.pack("<I", 2) + struct.pack("<HHI", len(target), len(target), off)
    msg += struct.pack("<I", flags) + CHALLENGE + b"\0" * 8
    msg += struct.pack("<HHI", len(info), len(info), off + len(target))
    msg += bytes([10, 0]) + struct.pack("<H", 17763) + b"\0\0\0\x0f"
    return msg + target + info


def ntlm_user(tok):
    if len(tok) < 44 or tok[:8] != b"NTLMSSP\0":
        return None
    ln, _, off = struct.unpack_from("<HHI", tok, 36)
    return tok[off:off + ln].decode("utf-16-le", "replace")


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def reply(self, code, headers=(), body=b""):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        auth = self.headers.get("Authorization", "")
        if self.path.startswith("/basic"):
            ok = auth == "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            return self.reply(200, body=b"welcome\n") if ok else self.reply(401, [("WWW-Authenticate", f'Basic realm="{REALM}"')])
        if self.path.startswith("/digest"):
            p = {}
            if auth.startswith("Digest "):
                for part in auth[7:].split(","):
                    k, _, v = part.strip().partition("=")
                    p[k] = v.strip('"')
            ok = False
            if p.get("username") == USER:
                ha1 = hashlib.md5(f"{USER}:{REALM}:{PASSWORD}".encode()).hexdigest()
                ha2 = hashlib.md5(f"GET:{p.get('uri')}".encode()).hexdigest()
                exp = hashlib.md5(f"{ha1}:{NONCE}:{p.get('nc')}:{p.get('cnonce')}:{p.get('qop')}:{ha2}".encode()).hexdigest()
                ok = exp == p.get("response")
            if ok:
                return self.reply(200, body=b"welcome\n")
            return self.reply(401, [("WWW-Authenticate", f'Digest realm="{REALM}", qop="auth", nonce="{NONCE}", algorithm=MD5')])
        if self.path.startswith("/ntlm"):
            v2 = self.path.startswith("/ntlm2")
            if auth.startswith("NTLM "):
                tok = base64.b64decode(auth[5:])
                if tok[8] == 1:
                    return self.reply(401, [("WWW-Authenticate", "NTLM " + base64.b64encode(ntlm_challenge(v2)).decode())])
                if tok[8] == 3:
                    return self.reply(200, body=b"welcome\n") if ntlm_user(tok) == USER else self.reply(401, [("WWW-Authenticate", "NTLM")])
            return self.reply(401, [("WWW-Authenticate", "NTLM")])
        self.reply(404)

    def log_message(self, *a):
        pass


class Server(HTTPServer):
    address_family = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET


Server((sys.argv[1], int(sys.argv[2])), H).serve_forever()
