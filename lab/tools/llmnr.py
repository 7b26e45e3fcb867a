#!/usr/bin/env python3
"""LLMNR (RFC 4795) as a Windows host speaks it, for windows-noise-benign: Debian has no LLMNR
responder or sender that runs on its own in a network namespace (systemd-resolved needs the host's
systemd). Multicast to 224.0.0.252:5355, TTL 1, answers by unicast from port 5355.

    llmnr.py respond MY_IP SECONDS NAME...   answer A queries for NAME... (any case) with MY_IP
    llmnr.py query MY_IP NAME...             ask for each NAME (A), retry once after 0.4 s when
                                             unanswered (as Windows does), print the answers
"""
import random, socket, struct, sys, time

GROUP, PORT = "224.0.0.252", 5355


def name_wire(name):
    return b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"


def parse_name(buf, off):
    labels = []
    while buf[off]:
        n = buf[off]; labels.append(buf[off + 1:off + 1 + n].decode("ascii", "replace")); off += 1 + n
    return ".".join(labels), off + 1


def respond(my_ip, seconds, names):
    names = {n.lower() for n in names}
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("", PORT))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(GROUP) + socket.inet_aton(my_ip))
    s.settimeout(0.5)
    until = time.time() + seconds
    while time.time() < until:
        try:
            q, peer = s.recvfrom(1500)
        except socket.timeout:
            continue
        if len(q) < 12 or q[2] & 0x80 or peer[0] == my_ip:
            continue
        tid, flags, qd = struct.unpack("!HHH", q[:6])
        if qd != 1:
            continue
        name, off = parse_name(q, 12)
        qtype, qclass = struct.unpack("!HH", q[off:off + 4])
        if name.lower() not in names or qtype not in (1, 255):
            continue
        question = q[12:off + 4]
        answer = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 30, 4) + socket.inet_aton(my_ip)
        r = struct.pack("!HHHHHH", tid, 0x8000, 1, 1, 0, 0) + question + answer
        s.sendto(r, peer)
        print("answered %s for %s" % (name, peer[0]), flush=True)


def query(my_ip, names):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((my_ip, 0))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(my_ip))
    s.settimeout(0.4)
    for name in names:
        tid = random.randrange(1, 65535)
        q = struct.pack("!HHHHHH", tid, 0, 1, 0, 0, 0) + name_wire(name) + struct.pack("!HH", 1, 1)
        got = None
        for attempt in range(2):
            s.sendto(q, (GROUP, PORT))
            end = time.time() + 0.4
            while time.time() < end and got is None:
                try:
                    r, peer = s.recvfrom(1500)
                except socket.timeout:
                    break
                if len(r) >= 12 and struct.unpack("!H", r[:2])[0] == tid and struct.unpack("!H", r[6:8])[0] > 0:
                    got = socket.inet_ntoa(r[-4:])
            if got:
                break
        print("%s -> %s" % (name, got or "no answer"), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "respond":
        respond(sys.argv[2], float(sys.argv[3]), sys.argv[4:])
    else:
        query(sys.argv[2], sys.argv[3:])
