#!/usr/bin/python3
"""Implant B of the c2-long-session story (victim side): keeps ONE UDP socket (fixed source port SPORT) and sends
COUNT datagrams of 40-90 random-looking bytes (a 6-byte header: 0x17 0x03, the seq, then noise) to ADDR:PORT, one
every PERIOD s +-JITTER (uniform, seeded), reading the answer of each (3 s timeout, no retry).

    udp-beacon-agent.py ADDR PORT SPORT PERIOD JITTER COUNT
"""
import os, random, socket, struct, sys, time

ADDR, PORT, SPORT, PERIOD, JITTER, COUNT = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
rng = random.Random(20261227)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("", SPORT))
u.settimeout(3)
for seq in range(1, COUNT + 1):
    t0 = time.time()
    dgram = b"\x17\x03" + struct.pack(">I", seq) + os.urandom(rng.randint(40, 90) - 6)
    u.sendto(dgram, (ADDR, PORT))
    try:
        ans, _ = u.recvfrom(2048)
        print(time.strftime("%H:%M:%S"), "exchange", seq, "sent", len(dgram), "got", len(ans), flush=True)
    except socket.timeout:
        print(time.strftime("%H:%M:%S"), "exchange", seq, "sent", len(dgram), "no answer", flush=True)
    if seq < COUNT:
        time.sleep(max(0.5, PERIOD * (1 + rng.uniform(-JITTER, JITTER)) - (time.time() - t0)))
u.close()
