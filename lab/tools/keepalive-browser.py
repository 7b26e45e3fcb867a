#!/usr/bin/python3
"""The browser-like client of the long-session-benign story: ONE HTTPS connection (http.client, ALPN http/1.1,
certificate verified against CAFILE, a Firefox User-Agent) to NAME:443 on which it sends the PATHS one after
another at irregular moments (gaps uniform in [MIN_GAP, MAX_GAP] s, seeded), kept alive between them; then closes.

    keepalive-browser.py NAME CAFILE MIN_GAP MAX_GAP PATH…
"""
import http.client, random, ssl, sys, time

NAME, CAFILE, LO, HI, PATHS = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5:]
UA = "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0"
rng = random.Random(20261227)
ctx = ssl.create_default_context(cafile=CAFILE)
ctx.set_alpn_protocols(["http/1.1"])
c = http.client.HTTPSConnection(NAME, 443, context=ctx, timeout=30)
for i, p in enumerate(PATHS):
    if i:
        time.sleep(rng.uniform(LO, HI))
    c.request("GET", p, headers={"User-Agent": UA, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                                 "Accept-Language": "en-US,en;q=0.5"})
    r = c.getresponse()
    body = r.read()
    print(time.strftime("%H:%M:%S"), "GET", p, r.status, len(body), "local port", c.sock.getsockname()[1], flush=True)
c.close()
