#!/usr/bin/python3
"""The HTTPS implant of the c2-https-beacon story (victim side): checks in once over cleartext HTTP, then polls
its C2 over HTTPS (TLS 1.2 at most, certificate not checked) every PERIOD s with +-JITTER (a fraction), COUNT
polls, each a new connection. Its User-Agent claims Chrome on Windows; its ClientHello is Python's. Bounded by
COUNT.

    tls-beacon-agent.py NAME PERIOD JITTER COUNT
"""
import random, ssl, sys, time, urllib.request

NAME, PERIOD, JITTER, COUNT = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
random.seed(20261232)
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
ctx.maximum_version = ssl.TLSVersion.TLSv1_2


def get(url, context=None):
    r = urllib.request.Request(url, headers={"User-Agent": UA, "Accept": "*/*"})
    with urllib.request.urlopen(r, timeout=10, context=context) as resp:
        return resp.read()


try:
    print("checkin", get("http://%s/checkin?id=7f3a" % NAME), flush=True)
except Exception as e:
    print("error", e, flush=True)
for i in range(1, COUNT + 1):
    t0 = time.time()
    try:
        print(time.strftime("%H:%M:%S"), "poll", i, get("https://%s/api/v2/sync?id=7f3a" % NAME, ctx), flush=True)
    except Exception as e:
        print("error", e, flush=True)
    time.sleep(max(0.5, PERIOD * (1 + random.uniform(-JITTER, JITTER)) - (time.time() - t0)))
