#!/usr/bin/python3
"""Every credential sent in the clear in a capture, with the frames of its secret and of the
server's answer: FTP, Telnet, SMTP AUTH, HTTP Basic, POP3, IMAP (by server port) and SNMP
communities. Reads the stream payloads from `tshark -2` so frame numbers and tcp.stream are
Wireshark's. Used to write the truth tables of the lab's .md files.

    cred-table.py CAPTURE [--ports ftp=21,telnet=23,...] [--md]
"""
import base64, re, subprocess, sys
from collections import defaultdict

PORTS = {21: "ftp", 23: "telnet", 25: "smtp", 80: "http", 110: "pop3", 143: "imap"}


def tshark(cap, flt, fields):
    cmd = ["tshark", "-2", "-r", cap, "-Y", flt, "-T", "fields", "-E", "separator=\t"]
    for f in fields:
        cmd += ["-e", f]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return [l.split("\t") for l in out.splitlines()]


def b64(s):
    try:
        return base64.b64decode(s.strip()).decode("latin-1")
    except Exception:
        return "?"


def strip_iac(data):
    out, i = bytearray(), 0
    while i < len(data):
        c = data[i]
        if c == 255 and i + 1 < len(data):
            cmd = data[i + 1]
            if cmd == 250:            # subnegotiation: to IAC SE
                j = data.find(b"\xff\xf0", i)
                i = len(data) if j < 0 else j + 2
            elif cmd in (251, 252, 253, 254):
                i += 3
            elif cmd == 255:
                out.append(255); i += 2
            else:
                i += 2
        else:
            out.append(c); i += 1
    return bytes(out)


class Stream:
    def __init__(self, sid, proto, client, server):
        self.sid, self.proto, self.client, self.server = sid, proto, client, server
        self.segs = []   # (frame, from_client, bytes)


def lines(segs, from_client):
    """(frame of the line's last byte, first frame, text) for each line one side sent"""
    buf, first = b"", None
    for fr, fc, data in segs:
        if fc != from_client:
            continue
        for ch in [data[i:i + 1] for i in range(len(data))]:
            if first is None:
                first = fr
            if ch == b"\n":
                yield fr, first, buf.rstrip(b"\r\x00").decode("latin-1")
                buf, first = b"", None
            else:
                buf += ch


def answer_after(st, frame, pattern):
    """first server segment after frame whose text matches pattern: (frame, match)"""
    rx = re.compile(pattern, re.M)
    for fr, fc, data in st.segs:
        if fr > frame and not fc:
            m = rx.search(data.decode("latin-1"))
            if m:
                return fr, m.group(0)
    return None, None


def creds(st):
    out = []   # (user, secret, user_frame, secret_frame, result_frame, accepted, how)
    p = st.proto
    cl = list(lines(st.segs, True))
    results = {"ftp": (r"^230 ", r"^530 "), "pop3": (r"^\+OK", r"^-ERR"), "smtp": (r"^235 ", r"^5\d\d "), "imap": None}
    if p in ("ftp", "pop3", "smtp", "imap"):
        user, ufr = None, None
        for k, (fr, first, t) in enumerate(cl):
            tag, rest = "", t
            if p == "imap":
                tag, _, rest = t.partition(" ")
                okrx, badrx = r"^%s OK" % re.escape(tag), r"^%s (NO|BAD)" % re.escape(tag)
            else:
                okrx, badrx = results[p]
            u = rest.upper()
            found = None
            if p in ("ftp", "pop3") and u.startswith("USER "):
                user, ufr = rest[5:], fr
            elif p in ("ftp", "pop3") and u.startswith("PASS "):
                found = (user, rest[5:], ufr, fr, "USER/PASS")
            elif p == "imap" and u.startswith("LOGIN "):
                m = re.match(r'(?i)LOGIN (?:"([^"]*)"|(\S+)) (?:"([^"]*)"|(\S+))', rest)
                if m:
                    found = (m.group(1) or m.group(2), m.group(3) or m.group(4), fr, fr, "LOGIN")
            else:
                m = re.match(r"(?i)(?:AUTH|AUTHENTICATE) (PLAIN|LOGIN) ?(\S*)", rest)
                if m and m.group(1).upper() == "PLAIN":
                    arg, pfr = m.group(2), fr
                    if not arg and k + 1 < len(cl):
                        pfr, _, arg = cl[k + 1]
                    _, usr, pw = (b64(arg).split("\0") + ["", "", ""])[:3]
                    found = (usr, pw, pfr, pfr, "AUTH PLAIN")
                elif m:
                    j = k + 1
                    if m.group(2):
                        ufr2, usr = fr, b64(m.group(2))
                    elif j < len(cl):
                        ufr2, usr, j = cl[j][0], b64(cl[j][2]), j + 1
                    else:
                        continue
                    if j < len(cl):
                        found = (usr, b64(cl[j][2]), ufr2, cl[j][0], "AUTH LOGIN")
            if found:
                usr, pw, uf, pf, how = found
                rf, rt = answer_after(st, pf, okrx + "|" + badrx)
                ok = rt is not None and re.match(okrx, rt) is not None
                out.append((usr, pw, uf, pf, rf, ok, how))
    elif p == "http":
        reqs = [(fr, t) for fr, first, t in cl if t.lower().startswith("authorization: basic ")]
        req_lines = [fr for fr, first, t in cl if re.match(r"^[A-Z]+ \S+ HTTP/1\.[01]$", t)]
        resp = [(fr, int(m.group(1))) for fr, fc, d in st.segs if not fc
                for m in [re.match(rb"HTTP/1\.[01] (\d{3})", d)] if m]
        for fr, t in reqs:
            usr, _, pw = b64(t[21:]).partition(":")
            rr = [x for x in resp if x[0] > fr]
            rf, code = rr[0] if rr else (None, None)
            out.append((usr, pw, fr, fr, rf, code is not None and code < 400, "Basic (%s)" % code))
    elif p == "telnet":
        state, usr, ufr = None, None, None
        buf, first = b"", None
        events = []
        for fr, fc, data in st.segs:
            d = strip_iac(data)
            if not fc:
                s = d.decode("latin-1")
                if "Login incorrect" in s and state == "wait":
                    out.append((usr, pw, ufr, pfr, fr, False, "login")); state = None
                elif re.search(r"[$#] $", s) and state == "wait":
                    out.append((usr, pw, ufr, pfr, fr, True, "login")); state = "shell"
                if s.rstrip().endswith("login:"):
                    state = "user"
                elif s.rstrip().endswith("Password:"):
                    state = "pass"
                continue
            for ch in d:
                if first is None:
                    first = fr
                if ch in (10, 13):
                    if buf or ch == 13:
                        text = buf.decode("latin-1")
                        if state == "user":
                            usr, ufr, state = text, fr, "sent-user"
                        elif state == "pass":
                            pw, pfr, state = text, fr, "wait"
                    buf, first = b"", None
                elif ch:
                    buf += bytes([ch])
    return out


def main():
    cap = sys.argv[1]
    md = "--md" in sys.argv
    rows = tshark(cap, "tcp.len>0 && tcp.port in {%s}" % ",".join(map(str, PORTS)),
                  ["frame.number", "tcp.stream", "ip.src", "ipv6.src", "ip.dst", "ipv6.dst", "tcp.srcport", "tcp.dstport", "tcp.payload"])
    streams = {}
    for fr, sid, s4, s6, d4, d6, sp, dp, pl in rows:
        sp, dp = int(sp), int(dp)
        fc = dp in PORTS and not (sp in PORTS and sp < dp)
        port = dp if fc else sp
        if sid not in streams:
            c, s = (s4 or s6, d4 or d6) if fc else (d4 or d6, s4 or s6)
            streams[sid] = Stream(int(sid), PORTS[port], c, s)
        streams[sid].segs.append((int(fr), fc, bytes.fromhex(pl.replace(":", ""))))
    table = []
    for st in sorted(streams.values(), key=lambda s: s.sid):
        for usr, pw, ufr, pfr, rf, ok, how in creds(st):
            table.append((pfr, st.proto, how, st.client, st.server, st.sid, usr, pw, ufr, pfr, rf, ok))
    runs = []   # consecutive requests of one client with one community: one row
    for fr, comm, rid, src4, src6, dst4, dst6, pdu in tshark(cap, "snmp", ["frame.number", "snmp.community", "snmp.request_id", "ip.src", "ipv6.src", "ip.dst", "ipv6.dst", "snmp.data"]):
        key = (comm, src4 or src6, dst4 or dst6)
        if pdu == "2":   # get-response: answers the run of its client (the request's destination)
            for r in reversed(runs):
                if r["key"] == (comm, dst4 or dst6, src4 or src6):
                    r["answers"].append(int(fr)); break
            continue
        if runs and runs[-1]["key"] == key and not runs[-1].get("closed"):
            runs[-1]["reqs"].append(int(fr))
        else:
            for r in runs:
                if r["key"][1] == key[1]:
                    r["closed"] = True
            runs.append({"key": key, "reqs": [int(fr)], "answers": []})
    for r in runs:
        comm, c, sv = r["key"]
        q, a = r["reqs"], r["answers"]
        table.append((q[0], "snmp", "community, %d requests %d-%d, %d answered" % (len(q), q[0], q[-1], len(a)), c, sv, "-", "", comm,
                      q[0], q[0], a[0] if a else None, bool(a)))
    table.sort(key=lambda r: r[0])
    if md:
        print("| proto | how | client | server | tcp.stream | user | password / community | frame user | frame secret | frame result | accepted |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for r in table:
            print("| %s |" % " | ".join("`%s`" % x if i in (5, 6) else str(x if x is not None else "-") for i, x in enumerate(r[1:])).replace("True", "**yes**").replace("False", "no"))
    else:
        for r in table:
            print("\t".join(str(x) for x in r[1:]))


main()
