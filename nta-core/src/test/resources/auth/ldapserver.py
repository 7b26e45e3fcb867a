#!/usr/bin/env python3
"""A tiny LDAP server for the NTA auth captures: simple bind (cn=admin,dc=lab,dc=example / adminpw accepted, else
49 invalidCredentials), Microsoft's sicily NTLM bind (discovery, negotiate -> a CHALLENGE in matchedDN, response ->
success for alice), SASL -> 7 authMethodNotSupported, search -> one entry and done. Used by record.sh only."""
import socket, struct, sys, threading

CHALLENGE = bytes.fromhex("a1b2c3d4e5f60718")


def tlv(tag, body):
    n = len(body)
    if n < 128:
        return bytes([tag, n]) + body
    lb = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(lb)]) + lb + body


def integer(v, tag=0x02):
    return tlv(tag, v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big", signed=True))


def read_tlv(b, i):
    tag = b[i]; i += 1
    n = b[i]; i += 1
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(b[i:i + k], "big"); i += k
    return tag, b[i:i + n], i + n


def children(b):
    i, out = 0, []
    while i < len(b):
        t, v, i = read_tlv(b, i)
        out.append((t, v))
    return out


def ntlm_challenge():
    flags = 0xe2898215
    target = "LAB".encode("utf-16-le")
    info = b""
    for t, v in ((2, "LAB"), (1, "DC01"), (4, "lab.example"), (3, "dc01.lab.example")):
        e = v.encode("utf-16-le")
        info += struct.pack("<HH", t, len(e)) + e
    info += b"\0\0\0\0"
    off = 56
    return (b"NTLMSSP\0" + struct.pack("<I", 2) + struct.pack("<HHI", len(target), len(target), off)
            + struct.pack("<I", flags) + CHALLENGE + b"\0" * 8 + struct.pack("<HHI", len(info), len(info), off + len(target))
            + bytes([10, 0]) + struct.pack("<H", 20348) + b"\0\0\0\x0f" + target + info)


def result(op, code, matched=b"", msg=b""):
    return tlv(op, integer(code, 0x0a) + tlv(0x04, matched) + tlv(0x04, msg))


def handle(c):
    buf = b""
    while True:
        d = c.recv(65536)
        if not d:
            return
        buf += d
        while len(buf) >= 2:
            try:
                tag, body, end = read_tlv(buf, 0)
            except IndexError:
                break
            if end > len(buf):
                break
            buf = buf[end:]
            parts = children(body)
            mid = int.from_bytes(parts[0][1], "big")
            op, ob = parts[1]
            out = []
            if op == 0x60:  # bindRequest
                f = children(ob)
                name, (atag, aval) = f[1][1], f[2]
                if atag == 0x80:
                    code = 0 if (name == b"cn=admin,dc=lab,dc=example" and aval == b"adminpw") or (name == b"" and aval == b"") else 49
                    out.append(result(0x61, code, b"", b"" if code == 0 else b"80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563"))
                elif atag == 0x89:  # sicilyPackageDiscovery
                    out.append(result(0x61, 0, b"NTLM"))
                elif atag == 0x8a:  # sicilyNegotiate
                    out.append(result(0x61, 0, ntlm_challenge()))
                elif atag == 0x8b:  # sicilyResponse
                    ln, _, off = struct.unpack_from("<HHI", aval, 36)
                    user = aval[off:off + ln].decode("utf-16-le", "replace")
                    out.append(result(0x61, 0 if user == "alice" else 49))
                else:
                    out.append(result(0x61, 7, b"", b"SASL not supported here"))
            elif op == 0x63:  # searchRequest
                base = children(ob)[0][1]
                entry = tlv(0x64, tlv(0x04, base) + tlv(0x30, tlv(0x30, tlv(0x04, b"objectClass") + tlv(0x31, tlv(0x04, b"top")))))
                out.append(entry)
                out.append(result(0x65, 0))
            elif op == 0x42:  # unbind
                c.close()
                return
            else:
                out.append(result(op + 1 if op & 0x20 else 0x78, 53))
            c.sendall(b"".join(tlv(0x30, integer(mid) + o) for o in out))


s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2])))
s.listen(8)
while True:
    conn, _ = s.accept()
    threading.Thread(target=handle, args=(conn,), daemon=True).start()
