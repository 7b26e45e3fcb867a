#!/usr/bin/python3
"""A lab NTP server and client (no NTP daemon is installed here). The server answers every 48-byte NTP client
packet with a 48-byte NTP v4 server reply (stratum STRATUM, reference 127.127.1.1 as a local clock, origin = the
client's transmit time); the client keeps ONE socket (source port SPORT, 123 as ntpd uses) and sends a 48-byte NTP
v4 client packet every PERIOD s, COUNT times, logging the offset and delay of each answer (2 s timeout, no retry).

    ntp-lab.py server ADDR STRATUM LIFETIME
    ntp-lab.py client SERVER SPORT PERIOD COUNT
"""
import socket, struct, sys, time

DELTA = 2208988800        # 1900-01-01 to 1970-01-01


def ts(t):
    return struct.pack(">II", int(t) + DELTA, int((t % 1) * 2 ** 32))


def unts(b):
    s, f = struct.unpack(">II", b)
    return s - DELTA + f / 2 ** 32


if sys.argv[1] == "server":
    addr, stratum, lifetime = sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind((addr, 123))
    u.settimeout(1)
    ref = time.time() - 17.3
    end = time.time() + lifetime
    while time.time() < end:
        try:
            data, peer = u.recvfrom(512)
        except socket.timeout:
            continue
        rx = time.time()
        if len(data) < 48 or data[0] & 7 != 3:
            continue
        poll = data[2]
        reply = (bytes([(data[0] & 0x38) | 4, stratum, poll, 0xEC]) + struct.pack(">II", 0x00000000, 0x00000A3D)
                 + bytes([127, 127, 1, 1]) + ts(ref) + data[40:48] + ts(rx) + ts(time.time()))
        u.sendto(reply, peer)
        print(time.strftime("%H:%M:%S"), "ntp", peer, "in", len(data), "out", len(reply), flush=True)
else:
    server, sport, period, count = sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("", sport))
    u.settimeout(2)
    t0 = time.time()
    for i in range(1, count + 1):
        time.sleep(max(0, t0 + (i - 1) * period - time.time()))
        t1 = time.time()
        u.sendto(bytes([0x23, 0, 3, 0xEC]) + bytes(36) + ts(t1), (server, 123))    # LI 0, v4, client, poll 2^3
        try:
            r, _ = u.recvfrom(512)
            t4 = time.time()
            t2, t3 = unts(r[32:40]), unts(r[40:48])
            print(time.strftime("%H:%M:%S"), "poll", i, "stratum", r[1], "offset %.6f delay %.6f" % (((t2 - t1) + (t3 - t4)) / 2, (t4 - t1) - (t3 - t2)), flush=True)
        except socket.timeout:
            print(time.strftime("%H:%M:%S"), "poll", i, "no answer", flush=True)
