#!/usr/bin/env python3
"""The ISP's STUN server on the router's WAN side (windows-noise-benign): answers every Binding request
(RFC 5389/5780) with XOR-MAPPED-ADDRESS = MAPPED_IP and the requester's own port, plus OTHER-ADDRESS, as a
full-cone 1:1 NAT would, so miniupnpd (ext_perform_stun=yes) learns MAPPED_IP as its external address and
enables port forwarding. Its packets stay inside the router's namespace (never on the lab's bridge).

    stun-server.py LISTEN_IP PORT MAPPED_IP [SECONDS]
"""
import socket, struct, sys, time

ip, port, mapped = sys.argv[1], int(sys.argv[2]), sys.argv[3]
until = time.time() + float(sys.argv[4]) if len(sys.argv) > 4 else None
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((ip, port))
s.settimeout(1.0)
COOKIE = 0x2112A442
while until is None or time.time() < until:
    try:
        req, peer = s.recvfrom(2048)
    except socket.timeout:
        continue
    if len(req) < 20 or req[0:2] != b"\x00\x01":
        continue
    tid = req[8:20]
    a = struct.unpack("!I", socket.inet_aton(mapped))[0]
    xor = struct.pack("!BBHI", 0, 1, peer[1] ^ (COOKIE >> 16), a ^ COOKIE)
    other = struct.pack("!BBH", 0, 1, port + 1) + socket.inet_aton(ip)
    attrs = struct.pack("!HH", 0x0020, 8) + xor + struct.pack("!HH", 0x802C, 8) + other
    s.sendto(struct.pack("!HHI", 0x0101, len(attrs), COOKIE) + tid + attrs, peer)
