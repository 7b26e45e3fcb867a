#!/usr/bin/env python3
"""Writes NAME.answers.json, the machine-readable answer key of a capture fixture, from the
capture itself with tshark (4.0, two-pass, as `tshark -2` shows frames and tcp.stream) and
from what the scenario played (addresses, commands, file names: see the scenario and its
OUT.truth.txt). Independent of NTA. Every number in a key comes from a tshark query below, so
a reviewer can check it and a re-recorded capture gets a fresh key.

    make-answers.py CAPTURE_DIR [NAME ...]      (CAPTURE_DIR holds NAME.pcap.gz)

The schema is described in nta-core/src/test/resources/captures/README.md.
"""
import datetime
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

import uploads  # same folder

SCHEMA = "nta-answers/1"
ALL_TYPES = ["port_scan", "host_sweep", "content_discovery", "attack_tool", "web_attack",
             "login_bruteforce", "file_upload", "webshell_command", "reverse_shell",
             "info_disclosure", "cleartext_credentials", "credential_reuse", "post_login_activity", "beacon",
             "dns_tunnel", "exfiltration", "payload_delivery", "intel_match"]


class Cap:
    def __init__(self, path):
        self.path = path

    def rows(self, display_filter, *fields, two_pass=True):
        cmd = ["tshark"] + (["-2"] if two_pass else []) + ["-r", self.path, "-Y", display_filter,
                                                            "-T", "fields", "-E", "occurrence=f"]
        for f in fields:
            cmd += ["-e", f]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def one(self, display_filter, *fields):
        r = self.rows(display_filter, *fields)
        if not r:
            raise SystemExit(f"{self.path}: nothing matches {display_filter}")
        return r[0]

    def rows_all(self, display_filter, *fields, sep=","):
        """Like rows, with every occurrence of a field joined by sep (occurrence=a)."""
        cmd = ["tshark", "-2", "-r", self.path, "-Y", display_filter, "-T", "fields", "-E", "occurrence=a",
               "-E", f"aggregator={sep}"]
        for f in fields:
            cmd += ["-e", f]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def rows_opened(self, password, display_filter, *fields):
        """Like rows, with NTLMSSP-sealed DCE/RPC opened by tshark with the scenario's password (-o ntlmssp.nt_password)."""
        cmd = ["tshark", "-2", "-r", self.path, "-o", f"ntlmssp.nt_password:{password}", "-Y", display_filter,
               "-T", "fields", "-E", "occurrence=f"]
        for f in fields:
            cmd += ["-e", f]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def packets(self, display_filter, protocols):
        """tshark -2 -T json of the matching frames, limited to the given protocols: one layers dict per frame, a
        field that occurs more than once in a node as a Many (a list)."""
        out = subprocess.run(["tshark", "-2", "-r", self.path, "-Y", display_filter, "-T", "json", "-J", protocols],
                             check=True, capture_output=True, text=True).stdout
        return [p["_source"]["layers"] for p in json.loads(out, object_pairs_hook=_pairs)] if out.strip() else []

    def time(self, frame):
        (t,) = self.one(f"frame.number=={frame}", "frame.time_epoch")
        return utc(t)

    def info(self):
        out = subprocess.run(["capinfos", "-M", "-c", "-a", "-e", "-S", "-H", self.path], check=True,
                             capture_output=True, text=True).stdout
        d = {}
        for line in out.splitlines():
            k, _, v = line.partition(":")
            d[k.strip()] = v.strip()
        return d


class Many(list):
    """A JSON field that tshark wrote more than once in one node."""


def _pairs(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            if not isinstance(d[k], Many):
                d[k] = Many([d[k]])
            d[k].append(v)
        else:
            d[k] = v
    return d


def many(v):
    return list(v) if isinstance(v, Many) else [] if v is None else [v]


def utc(epoch):
    s, _, frac = str(epoch).partition(".")
    t = datetime.datetime.fromtimestamp(int(s), datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + (frac + "000000")[:6] + "Z"


def header(cap, name, verdict, attackers, victims, benign_hosts, story):
    info = cap.info()
    first = cap.one("frame.number==1", "frame.time_epoch")[0]
    (count,) = [int(info["Number of packets"])]
    last = cap.one(f"frame.number=={count}", "frame.time_epoch")[0]
    with open(cap.path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    return {"schema": SCHEMA, "capture": name + ".pcap.gz", "sha256_decompressed": sha,
            "format": "pcap", "link_type": "Ethernet", "frames": count,
            "first_time_utc": utc(first), "last_time_utc": utc(last),
            "verdict": verdict, "attackers": attackers, "victims": victims,
            "benign_hosts": benign_hosts, "story": story}


def upload(cap, frame, attacker, victim, required=True, note=None):
    (stream, resp) = cap.one(f"frame.number=={frame}", "tcp.stream", "http.response_in")
    files = uploads_in(cap, int(stream))
    assert len(files) == 1, files
    f = files[0]
    d = {"type": "file_upload", "required": required, "attacker": attacker, "victim": victim,
         "uri": cap.one(f"frame.number=={frame}", "http.request.uri")[0], "method": "POST",
         "field": "fileToUpload", "filename": f["filename"], "content_type": f["type"],
         "size": f["size"], "sha256": f["sha256"], "frame": frame, "stream": int(stream),
         "response_frame": int(resp), "time_utc": cap.time(frame)}
    if note:
        d["note"] = note
    return d


def uploads_in(cap, stream):
    return uploads.files(cap.path, stream)


def shell_lines(cap, stream, typist):
    """Lines that `typist` sent in one TCP stream, with the frame of each."""
    rows = cap.rows(f"tcp.stream=={stream} && tcp.len>0", "frame.number", "ip.src", "ipv6.src",
                    "tcp.payload")
    lines, frames, buf = [], [], b""
    for frame, src4, src6, payload in rows:
        if typist not in (src4, src6):
            continue
        buf += bytes.fromhex(payload)
        while b"\n" in buf:
            line, _, buf = buf.partition(b"\n")
            lines.append(line.decode())
            frames.append(int(frame))
    return lines, frames


def reverse_shell(cap, port, attacker, victim, launched_by, shell, ip_version, note=None):
    src = "ipv6.src" if ip_version == 6 else "ip.src"
    syn, stream, t = cap.one(f"tcp.dstport=={port} && tcp.flags.syn==1 && tcp.flags.ack==0 && {src}=={victim}",
                             "frame.number", "tcp.stream", "frame.time_epoch")
    cmds, frames = shell_lines(cap, int(stream), attacker)
    last = cap.rows(f"tcp.stream=={stream}", "frame.number")[-1][0]
    d = {"type": "reverse_shell", "required": True, "attacker": attacker, "victim": victim,
         "listener": attacker, "connector": victim, "port": port, "ip_version": ip_version,
         "stream": int(stream), "syn_frame": int(syn), "syn_time_utc": utc(t), "last_frame": int(last),
         "shell": shell, "commands": cmds, "command_frames": frames,
         "launched_by": {"frame": launched_by, "stream": int(cap.one(f"frame.number=={launched_by}", "tcp.stream")[0])}}
    if note:
        d["note"] = note
    return d


def webshell_commands(cap, uri_filter, attacker, victim, param, method, decode, encoding):
    rows = cap.rows(f"http.request && {uri_filter}", "frame.number", "tcp.stream", "http.request.uri",
                    "http.file_data", "http.response_in")
    out = []
    for frame, stream, uri, body, resp in rows:
        if method == "POST":
            raw = urllib.parse.parse_qs(body, keep_blank_values=True)[param][0]
            wire = body
        else:
            q = urllib.parse.urlsplit(uri).query
            raw = urllib.parse.parse_qs(q, keep_blank_values=True)[param][0]
            wire = q
        out.append({"type": "webshell_command", "required": True, "attacker": attacker, "victim": victim,
                    "uri": urllib.parse.urlsplit(uri).path, "method": method, "param": param,
                    "encoding": encoding, "wire_value": wire, "command": decode(raw),
                    "frame": int(frame), "stream": int(stream), "response_frame": int(resp),
                    "time_utc": cap.time(frame)})
    return out


def request_range(cap, display_filter):
    rows = cap.rows(f"http.request && {display_filter}", "frame.number", "tcp.stream")
    frames = [int(r[0]) for r in rows]
    streams = sorted({int(r[1]) for r in rows})
    return {"requests": len(frames), "first_frame": frames[0], "last_frame": frames[-1],
            "first_time_utc": cap.time(frames[0]), "last_time_utc": cap.time(frames[-1]),
            "first_stream": streams[0], "last_stream": streams[-1], "streams": len(streams)}


def responses(cap, display_filter):
    rows = cap.rows(f"http.response && {display_filter}", "frame.number", "http.response.code",
                    "http.response_for.uri")
    counts, found = {}, []
    for frame, code, uri in rows:
        counts[code] = counts.get(code, 0) + 1
        if code != "404":
            found.append({"path": urllib.parse.urlsplit(uri).path, "status": int(code), "frame": int(frame)})
    return dict(sorted(counts.items())), found


def tcp_scan(cap, scan_type, attacker, victim, flag_filter, frame_limit, ip_version, port_range, open_ports,
             note):
    a, v = ("ipv6.src", "ipv6.dst") if ip_version == 6 else ("ip.src", "ip.dst")
    rows = cap.rows(f"{a}=={attacker} && {v}=={victim} && {flag_filter} && frame.number<={frame_limit}",
                    "frame.number", "tcp.dstport", "frame.time_epoch")
    ports = {int(r[1]) for r in rows}
    return {"type": "port_scan", "required": True, "attacker": attacker, "victim": victim, "tool": "nmap",
            "scan_type": scan_type, "protocol": "tcp", "ip_version": ip_version, "port_range": port_range,
            "ports_probed": len(ports), "probes": len(rows), "open_ports": open_ports,
            "first_frame": int(rows[0][0]), "last_frame": int(rows[-1][0]),
            "first_time_utc": utc(rows[0][2]), "last_time_utc": utc(rows[-1][2]), "note": note}


# ---------------------------------------------------------------------------------------------

def connect_scan_ffuf_post_shell(cap, name):
    A, V, C, D = "10.77.3.66", "10.77.3.20", "10.77.3.31", "10.77.3.53"
    k = header(cap, name, "malicious", [A], [V], [C, D],
               "TCP connect scan of ports 1-10000 finds 22 and 8080; ffuf content discovery on the web "
               "server at port 8080; a PHP web shell uploaded as img.phtml with Content-Type image/png "
               "takes commands in a POST body (c=...); it starts a bash /dev/tcp reverse shell to "
               f"{A}:9001 where the attacker types commands as www-data.")
    fnd = []
    # the scan ends before ffuf's first connection (the first SYN to 8080 after the scan)
    ffuf = request_range(cap, 'http.user_agent contains "Fuzz Faster U Fool"')
    first_ffuf_syn = int(cap.one(f"tcp.stream=={ffuf['first_stream']}", "frame.number")[0])
    fnd.append(tcp_scan(cap, "connect", A, V, "tcp.flags.syn==1 && tcp.flags.ack==0", first_ffuf_syn - 1, 4,
                        "1-10000", [22, 8080],
                        "kernel connect() from many source ports (one tcp.stream per port); open ports "
                        "complete the handshake and get an RST from the attacker"))
    counts, found = responses(cap, f"tcp.stream>={ffuf['first_stream']} && tcp.stream<={ffuf['last_stream']}")
    fnd.append(dict({"type": "content_discovery", "required": True, "attacker": A, "victim": V, "tool": "ffuf",
                     "user_agent": "Fuzz Faster U Fool v1.1.0", "wordlist": "dirb small.txt + .php,.txt",
                     "status_counts": counts, "found": found}, **ffuf))
    fnd.append(dict({"type": "attack_tool", "required": True, "attacker": A, "victim": V, "tool": "ffuf",
                     "user_agent": "Fuzz Faster U Fool v1.1.0"}, **ffuf))
    (up,) = cap.one('http.request.method=="POST" && http.request.uri=="/upload.php"', "frame.number")
    fnd.append(upload(cap, int(up), A, V, note="PHP code (<?php system($_POST['c']); ?>) sent as an image: "
                      "extension .phtml, declared Content-Type image/png; Apache runs .phtml as PHP"))
    cmds = webshell_commands(cap, 'http.request.uri=="/uploads/img.phtml"', A, V, "c", "POST",
                             lambda s: s, "form-urlencoded body")
    fnd += cmds
    fnd.append(reverse_shell(cap, 9001, A, V, cmds[-1]["frame"], "bash -i over /dev/tcp (prompt, echo)", 4,
                             "the shell prints 'bash: cannot set terminal process group' and a prompt "
                             "www-data@portal:/var/www/html/uploads$ before the first command"))
    fnd.append({"type": "info_disclosure", "required": False, "attacker": A, "victim": V,
                "what": "/etc/shadow read in the reverse shell (hash of bob)",
                "frame": int(cap.one('tcp.stream==' + str(fnd[-1]["stream"]) + ' && tcp.payload contains "bob:$6$"',
                                     "frame.number")[0]),
                "stream": fnd[-1]["stream"]})
    k["findings"] = fnd
    k["absent_findings"] = ["login_bruteforce", "host_sweep"]
    return k


def ipv6_fin_udp_wfuzz_b64_ncat(cap, name):
    A, V, C, D = "192.168.77.66", "192.168.77.45", "192.168.77.12", "192.168.77.3"
    A6, V6, C6 = "fd77:6b0:1::66", "fd77:6b0:1::45", "fd77:6b0:1::12"
    k = header(cap, name, "malicious", [A6, A], [V6, V], [C6, C, D],
               "Dual-stack hosts. nmap FIN scan over IPv6 (ports 1-1000; 22, 53, 80 stay silent), nmap UDP "
               "scan over IPv4 (53 answers), wfuzz content discovery against the IPv6 web server, a PHP web "
               "shell (thumb.php) uploaded over IPv6 that runs base64-encoded commands from GET parameter x, "
               f"then an ncat -e /bin/sh reverse shell over IPv6 to [{A6}]:443 (cleartext, not TLS).")
    k["same_host"] = [[A, A6], [V, V6], [C, C6]]
    fnd = []
    fin = tcp_scan(cap, "fin", A6, V6, "tcp.flags.fin==1 && tcp.flags.ack==0", 10 ** 9, 6, "1-1000", [22, 53, 80],
                   "closed ports answer RST/ACK; open_ports are the ports that never answer (open|filtered, "
                   "probed twice); 53/tcp is dnsmasq on the victim")
    fnd.append(fin)
    udp = cap.rows(f"ip.src=={A} && ip.dst=={V} && udp && !icmp", "frame.number", "udp.dstport", "frame.time_epoch")
    fnd.append({"type": "port_scan", "required": True, "attacker": A, "victim": V, "tool": "nmap",
                "scan_type": "udp", "protocol": "udp", "ip_version": 4,
                "port_range": "53,67,69,123,137,161,500,514,1900,5353",
                "ports_probed": len({int(r[1]) for r in udp}), "probes": len(udp), "open_ports": [53],
                "first_frame": int(udp[0][0]), "last_frame": int(udp[-1][0]),
                "first_time_utc": utc(udp[0][2]), "last_time_utc": utc(udp[-1][2]),
                "note": "nmap sends protocol payloads (SNMP, DNS, NTP, TFTP, NBNS, ISAKMP, SSDP, DHCP, mDNS) "
                        "from one source port; closed ports answer ICMP port unreachable; the DNS answers from "
                        "53 get an ICMP port unreachable from the attacker's kernel; Wireshark labels several "
                        "probes and the DNS answers TFTP (a conversation set up by the TFTP probe to 69)"})
    wf = request_range(cap, 'http.user_agent contains "Wfuzz"')
    counts, found = responses(cap, f"tcp.stream>={wf['first_stream']} && tcp.stream<={wf['last_stream']}")
    fnd.append(dict({"type": "content_discovery", "required": True, "attacker": A6, "victim": V6, "tool": "wfuzz",
                     "user_agent": "Wfuzz/3.1.0", "wordlist": "wfuzz general/common.txt, FUZZ and FUZZ.php",
                     "ip_version": 6, "status_counts": counts, "found": found}, **wf))
    fnd.append(dict({"type": "attack_tool", "required": True, "attacker": A6, "victim": V6, "tool": "wfuzz",
                     "user_agent": "Wfuzz/3.1.0"}, **wf))
    fnd.append({"type": "attack_tool", "required": False, "attacker": A6, "victim": V6, "tool": "nmap",
                "note": "FIN scan and UDP scan payloads (e.g. the TFTP read request for r7tftp.txt, DNS "
                        "version.bind query)"})
    (up,) = cap.one('http.request.method=="POST" && http.request.uri=="/upload.php"', "frame.number")
    fnd.append(upload(cap, int(up), A6, V6, note="PHP web shell <?php system(base64_decode($_GET['x'])); ?> "
                      "uploaded over IPv6"))
    b64 = lambda s: __import__("base64").b64decode(s).decode()
    cmds = webshell_commands(cap, 'http.request.uri contains "/uploads/thumb.php"', A6, V6, "x", "GET", b64,
                             "base64, then URL-encoded (= as %3d)")
    fnd += cmds
    fnd.append(reverse_shell(cap, 443, A6, V6, cmds[-1]["frame"], "sh via ncat -e /bin/sh (no prompt, no echo)", 6,
                             "cleartext shell on port 443: Wireshark tries TLS on it and finds no records"))
    k["findings"] = fnd
    k["absent_findings"] = ["login_bruteforce", "host_sweep"]
    return k


def hydra_login_bruteforce(cap, name):
    A, V, C, D = "172.31.200.99", "172.31.200.10", "172.31.200.23", "172.31.200.2"
    k = header(cap, name, "malicious", [A], [V], [C, D],
               "hydra http-post-form guesses admin's password on /index.php (a GET of the form before "
               "every POST) and finds S3cr3t! (302 to /editprofile.php); the attacker then logs in by hand "
               "and browses. A benign client logs in correctly as bob during the attack.")
    fnd = []
    hy = request_range(cap, 'http.user_agent contains "Hydra"')
    posts = cap.rows('http.request.method=="POST" && http.user_agent contains "Hydra"', "frame.number",
                     "tcp.stream", "http.file_data", "http.response_in")
    ok = [p for p in posts if cap.one(f"frame.number=={p[3]}", "http.response.code")[0] == "302"]
    assert len(ok) == 1, ok
    s_frame, s_stream, s_body, s_resp = ok[0]
    fnd.append({"type": "login_bruteforce", "required": True, "attacker": A, "victim": V, "tool": "hydra",
                "user_agent": "Mozilla/5.0 (Hydra)", "uri": "/index.php", "usernames": ["admin"],
                "attempts": len(posts), "failed": len(posts) - 1, "success": True,
                "password": "S3cr3t!", "success_frame": int(s_frame), "success_stream": int(s_stream),
                "success_response_frame": int(s_resp), "success_time_utc": cap.time(s_frame),
                "first_frame": hy["first_frame"], "last_frame": hy["last_frame"],
                "first_post_frame": int(posts[0][0]), "last_post_frame": int(posts[-1][0]),
                "first_time_utc": hy["first_time_utc"], "last_time_utc": hy["last_time_utc"],
                "note": f"{hy['requests']} hydra requests: {len(posts)} POSTs (one per password, each in its own "
                        "connection, password not URL-encoded), a GET /index.php before each, and one GET "
                        "/editprofile.php following the 302; three POSTs come after the hit (4 tasks). A "
                        "manual failed attempt admin/admin precedes hydra."})
    fnd.append(dict({"type": "attack_tool", "required": True, "attacker": A, "victim": V, "tool": "hydra",
                     "user_agent": "Mozilla/5.0 (Hydra)"}, **hy))
    (m,) = cap.rows(f'http.request.method=="POST" && ip.src=={A} && http.file_data contains "S3cr3t%21"',
                    "frame.number", "tcp.stream", "http.response_in")
    fnd.append({"type": "cleartext_credentials", "required": False, "attacker": A, "victim": V,
                "protocol": "http", "username": "admin", "frame": int(m[0]), "stream": int(m[1]),
                "response_frame": int(m[2]), "success": True,
                "note": "the attacker's manual login with the found password (S3cr3t%21 URL-encoded)"})
    (b,) = cap.rows(f'http.request.method=="POST" && ip.src=={C}', "frame.number", "tcp.stream", "http.response_in")
    fnd.append({"type": "cleartext_credentials", "required": False, "attacker": None, "victim": V,
                "client": C, "protocol": "http", "username": "bob", "frame": int(b[0]), "stream": int(b[1]),
                "response_frame": int(b[2]), "success": True,
                "note": "benign: bob logs in correctly during the brute force; not part of the attack"})
    k["findings"] = fnd
    k["absent_findings"] = ["port_scan", "host_sweep", "file_upload", "webshell_command", "reverse_shell",
                            "content_discovery"]
    return k


def sqlmap_union_web_probes(cap, name):
    A, V, C, D = "10.13.37.200", "10.13.37.80", "10.13.37.81", "10.13.37.254"
    k = header(cap, name, "malicious", [A], [V], [C, D],
               "sqlmap (UNION and boolean-blind, level 3) on GET /product.php?id= dumps the users table "
               "(passwords in a UNION answer); then hand-made curl probes: XSS, path traversal (double URL "
               "encoding, overlong UTF-8, raw ../), template injection, command injection and JNDI strings "
               "in User-Agent, Referer and X-Api-Version. The probes fail (404/400/500).")
    fnd = []
    sq = request_range(cap, 'http.user_agent contains "sqlmap"')
    (leak,) = cap.rows('http.response && http.file_data contains "S3cr3t!"', "frame.number", "tcp.stream",
                       "http.request_in")
    fnd.append(dict({"type": "web_attack", "required": True, "attacker": A, "victim": V, "tool": "sqlmap",
                     "kinds": ["sqli"], "success": True, "uri": "/product.php", "param": "id", "method": "GET",
                     "examples": [
                         {"kind": "sqli", "frame": int(f), "stream": int(s), "uri": u}
                         for f, s, u in cap.rows('http.user_agent contains "sqlmap" && '
                                                 '(http.request.uri contains "UNION%20ALL%20SELECT" || '
                                                 'http.request.uri contains "AND%209956%3D9956")',
                                                 "frame.number", "tcp.stream", "http.request.uri")[:2]],
                     "note": "sqlmap's first-run heuristic request (second request) mixes SQLi, XSS and "
                             "path traversal in one random parameter; boolean payloads AND n=n with 500 "
                             "answers for broken syntax; UNION ALL SELECT NULL,NULL,CHAR(...)||... answers"},
                    **sq))
    fnd.append(dict({"type": "attack_tool", "required": True, "attacker": A, "victim": V, "tool": "sqlmap",
                     "user_agent": "sqlmap/1.7.2#stable (https://sqlmap.org)"}, **sq))
    fnd.append({"type": "info_disclosure", "required": True, "attacker": A, "victim": V,
                "what": "users table dumped through the UNION injection: 1 admin S3cr3t!, 2 bob bobthe",
                "frame": int(leak[0]), "stream": int(leak[1]), "request_frame": int(leak[2]),
                "time_utc": cap.time(leak[0])})
    probes = cap.rows(f'http.request && ip.src=={A} && !(http.user_agent contains "sqlmap") && '
                      f'!(http.user_agent contains "Firefox")', "frame.number", "tcp.stream",
                      "http.request.method", "http.request.uri", "http.response_in")
    kinds = [  # (method, URI prefix, exact?) -> kind, where the attack string sits, its encoding
        ("GET", "/search.php?q=%253C", False, "xss", "query", "double URL encoding"),
        ("GET", "/product.php?id=%3Csvg", False, "xss", "query", "URL encoding"),
        ("POST", "/index.php", True, "xss", "body", "form-urlencoded"),
        ("GET", "/download.php?file=%252e", False, "path_traversal", "query", "double URL encoding"),
        ("GET", "/uploads/../", False, "path_traversal", "path", "none (raw ../)"),
        ("GET", "/download.php?file=..%c0%af", False, "path_traversal", "query", "overlong UTF-8 (%c0%af)"),
        ("GET", "/search.php?q=%7B%7B", False, "template_injection", "query", "URL encoding ({{7*7}})"),
        ("GET", "/search.php?name=", False, "template_injection", "query", "none (${7*7} and <%=7*7%>)"),
        ("GET", "/ping.php?host=", False, "cmd_injection", "query", "URL encoding (;id)"),
        ("POST", "/ping.php", True, "cmd_injection", "body", "form-urlencoded ($(whoami) `id`)"),
        ("GET", "/", True, "jndi", "User-Agent", "none (${jndi:ldap://...})"),
        ("GET", "/about.php", True, "jndi", "X-Api-Version and Referer", "nested lookups ${${lower:j}ndi:...}")]
    ex = []
    for f, s, meth, uri, resp in probes:
        (kind, where, enc), = [k3[3:] for k3 in kinds if k3[0] == meth and
                                (uri == k3[1] if k3[2] else uri.startswith(k3[1]))]
        code = cap.one(f"frame.number=={resp}", "http.response.code")[0]
        ex.append({"kind": kind, "frame": int(f), "stream": int(s), "method": meth, "uri": uri, "where": where,
                   "encoding": enc, "response_code": int(code)})
    fnd.append({"type": "web_attack", "required": True, "attacker": A, "victim": V, "tool": "curl",
                "user_agent": "curl/7.88.1",
                "kinds": sorted({e["kind"] for e in ex}), "success": False,
                "first_frame": ex[0]["frame"], "last_frame": ex[-1]["frame"],
                "first_time_utc": cap.time(ex[0]["frame"]), "last_time_utc": cap.time(ex[-1]["frame"]),
                "examples": ex,
                "note": "attempts only: the targets do not exist (404), curl's raw ../ gets 400, the XSS in "
                        "product.php?id breaks the SQL (500, not reflected)"})
    k["findings"] = fnd
    k["absent_findings"] = ["port_scan", "host_sweep", "login_bruteforce", "file_upload", "webshell_command",
                            "reverse_shell", "content_discovery"]
    return k


def benign_office_day(cap, name):
    A, V, C, D = "192.168.150.21", "192.168.150.10", "192.168.150.22", "192.168.150.1"
    k = header(cap, name, "benign", [], [], [A, V, C, D],
               "Two staff members use the portal: correct logins after a few typos (3 failed logins in "
               "total), uploads of a JPEG, a PNG and a PDF, 404s for favicon/touch icon/an old bookmark, DNS "
               "lookups (one NXDOMAIN typo, one AAAA without data), curl health checks from the monitoring "
               "host, and a zip download. Nothing malicious.")
    fnd = []
    for (f,) in cap.rows('http.request.method=="POST" && http.request.uri=="/upload.php"', "frame.number"):
        src = cap.one(f"frame.number=={f}", "ip.src")[0]
        fnd.append(upload(cap, int(f), None, V, required=False,
                          note=f"benign upload by {src}: the bytes match the declared type"))
        fnd[-1]["client"] = src
    logins = cap.rows('http.request.method=="POST" && http.request.uri=="/index.php"', "frame.number", "tcp.stream",
                      "ip.src", "http.file_data", "http.response_in")
    for f, s, src, body, resp in logins:
        code = cap.one(f"frame.number=={resp}", "http.response.code")[0]
        user = urllib.parse.parse_qs(body)["username"][0]
        fnd.append({"type": "cleartext_credentials", "required": False, "attacker": None, "victim": V,
                    "client": src, "protocol": "http", "username": user, "frame": int(f), "stream": int(s),
                    "response_frame": int(resp), "success": code == "302"})
    k["findings"] = fnd
    k["allowed_findings"] = ["file_upload", "cleartext_credentials"]
    k["absent_findings"] = [t for t in ALL_TYPES if t not in k["allowed_findings"]]
    k["facts"] = {
        "failed_logins": sum(1 for x in fnd if x["type"] == "cleartext_credentials" and not x["success"]),
        "http_404": [{"frame": int(f), "uri": urllib.parse.urlsplit(u).path} for f, u in
                     cap.rows("http.response.code==404", "frame.number", "http.response_for.uri")],
        "dns_nxdomain": [{"frame": int(f), "name": n} for f, n in
                         cap.rows("dns.flags.response==1 && dns.flags.rcode==3", "frame.number", "dns.qry.name")],
        "zip_download": [{"frame": int(f), "stream": int(s)} for f, s in
                         cap.rows('http.response && http.response_for.uri contains "handbook.zip"', "frame.number",
                                  "tcp.stream")],
        "health_checks": len(cap.rows(f"http.request && ip.src=={D}", "frame.number"))}
    return k


def webshell_lab(cap, name):
    A, V, C, D = "10.251.96.4", "10.251.96.5", "10.251.96.9", "10.251.96.2"
    k = header(cap, name, "malicious", [A], [V], [C, D],
               "Reference capture: nmap SYN scan (1-1024), gobuster, manual browsing, sqlmap on the POST "
               "login form (error pages leak root:bobthe@localhost), upload of the web shell dbfunctions.php, "
               "commands id and whoami through ?cmd=, then a python3 reverse shell to 10.251.96.4:4422.")
    fnd = []
    gb = request_range(cap, 'http.user_agent contains "gobuster"')
    first_gb_syn = int(cap.one(f"tcp.stream=={gb['first_stream']}", "frame.number")[0])
    fnd.append(tcp_scan(cap, "syn", A, V, "tcp.flags.syn==1 && tcp.flags.ack==0", first_gb_syn - 1, 4, "1-1024",
                        [22, 80], "all SYNs from source port 45518; closed ports answer RST/ACK"))
    counts, found = responses(cap, f"tcp.stream>={gb['first_stream']} && tcp.stream<={gb['last_stream']}")
    fnd.append(dict({"type": "content_discovery", "required": True, "attacker": A, "victim": V, "tool": "gobuster",
                     "user_agent": "gobuster/3.5", "wordlist": "dirb common.txt", "status_counts": counts,
                     "found": found}, **gb))
    fnd.append(dict({"type": "attack_tool", "required": True, "attacker": A, "victim": V, "tool": "gobuster",
                     "user_agent": "gobuster/3.5"}, **gb))
    fnd.append({"type": "attack_tool", "required": False, "attacker": A, "victim": V, "tool": "nmap",
                "note": "SYN scan fingerprint: window 1024, only the MSS option, one source port (45518)",
                "first_frame": fnd[0]["first_frame"], "last_frame": fnd[0]["last_frame"]})
    sq = request_range(cap, 'http.user_agent contains "sqlmap"')
    fnd.append(dict({"type": "attack_tool", "required": True, "attacker": A, "victim": V, "tool": "sqlmap",
                     "user_agent": "sqlmap/1.7.2#stable (https://sqlmap.org)"}, **sq))
    (probe,) = cap.rows('http.user_agent contains "sqlmap" && http.request.uri contains "/index.php?"',
                        "frame.number", "tcp.stream")
    fnd.append(dict({"type": "web_attack", "required": True, "attacker": A, "victim": V, "tool": "sqlmap",
                     "kinds": ["sqli", "xss", "path_traversal"], "success": True, "uri": "/index.php",
                     "method": "POST", "params": ["username", "password"],
                     "examples": [{"kinds": ["sqli", "xss", "path_traversal"], "frame": int(probe[0]),
                                   "stream": int(probe[1]),
                                   "note": "sqlmap's heuristic probe: a POST whose query string mixes SQLi, "
                                           "XSS and path traversal (the shared README calls it a GET)"}],
                     "note": "POSTs to /index.php; the boolean login bypass answers 302 and sqlmap follows it "
                             "with GET /editprofile.php (82 times)"}, **sq))
    leaks = cap.rows('http.response && http.file_data contains "root:bobthe@localhost"', "frame.number", "tcp.stream")
    fnd.append({"type": "info_disclosure", "required": True, "attacker": A, "victim": V,
                "what": "SQLite error pages leak the DB credentials root:bobthe@localhost",
                "frame": int(leaks[0][0]), "stream": int(leaks[0][1]), "count": len(leaks)})
    (up,) = cap.one('http.request.method=="POST" && http.request.uri=="/upload.php"', "frame.number")
    fnd.append(upload(cap, int(up), A, V, note="PHP web shell system($_GET[\"cmd\"])"))
    cmds = webshell_commands(cap, 'http.request.uri contains "/uploads/dbfunctions.php?cmd="', A, V, "cmd", "GET",
                             lambda s: s, "URL encoding")
    fnd += cmds
    fnd.append(reverse_shell(cap, 4422, A, V, cmds[-1]["frame"], "sh -i via python3 socket payload", 4))
    k["findings"] = fnd
    k["absent_findings"] = ["login_bruteforce", "host_sweep"]
    return k


def benign_lab(cap, name):
    A, V, C, D = "172.20.10.5", "172.20.10.2", "172.20.10.7", "172.20.10.1"
    k = header(cap, name, "benign", [], [], [A, V, C, D],
               "Reference capture: a client browses with a Chrome UA, logs in with the right password, uploads "
               "a JPEG avatar and views it; an admin host fetches two pages with curl; DNS lookups.")
    fnd = []
    (up,) = cap.one('http.request.method=="POST" && http.request.uri=="/upload.php"', "frame.number")
    fnd.append(upload(cap, int(up), None, V, required=False, note="benign JPEG avatar (me.jpg)"))
    fnd[-1]["client"] = C
    (f, s, r) = cap.one('http.request.method=="POST" && http.request.uri=="/index.php"', "frame.number",
                        "tcp.stream", "http.response_in")
    fnd.append({"type": "cleartext_credentials", "required": False, "attacker": None, "victim": V, "client": C,
                "protocol": "http", "username": "bob", "frame": int(f), "stream": int(s),
                "response_frame": int(r), "success": True})
    k["findings"] = fnd
    k["allowed_findings"] = ["file_upload", "cleartext_credentials"]
    k["absent_findings"] = [t for t in ALL_TYPES if t not in k["allowed_findings"]]
    return k


# --- lab recordings of the office (cleartext protocols) and c2 families ------------------------

def cred_table(cap):
    """Every clear-text credential of the capture as lab/tools/cred-table.py finds it (tshark only)."""
    here = os.path.dirname(os.path.abspath(__file__))
    out = subprocess.run([sys.executable, os.path.join(here, "cred-table.py"), cap.path], check=True,
                         capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        proto, how, client, server, sid, user, pw, ufr, pfr, rf, ok = line.split("\t")
        rows.append({"protocol": proto, "how": how, "client": client, "server": server,
                     "stream": None if sid == "-" else int(sid), "user": user, "secret": pw,
                     "user_frame": int(ufr), "secret_frame": int(pfr),
                     "result_frame": None if rf in ("None", "-") else int(rf), "accepted": ok == "True"})
    return rows


def stream_messages(cap, stream, server_side):
    """(head, body) of each HTTP request (or, server_side, response) of one TCP stream, from tshark's follow."""
    out = subprocess.run(["tshark", "-r", cap.path, "-q", "-z", f"follow,tcp,raw,{stream}"], check=True,
                         capture_output=True, text=True).stdout
    data = bytearray()
    for line in out.split("=" * 67)[1].splitlines():
        if not line or line.startswith(("Follow:", "Filter:", "Node ")):
            continue
        if line.startswith("\t") == server_side:
            data += bytes.fromhex(line.strip())
    return list(uploads.requests(bytes(data)))


def content_kind(b):
    if b.startswith(b"\x7fELF"):
        return "elf"
    if b.startswith(b"#!") and b"python" in b.split(b"\n", 1)[0]:
        return "python"
    if b.startswith(b"#!"):
        return "shell"
    if b.startswith(b"\x1f\x8b"):
        return "gzip"
    return "other"


def guessing_burst(rows, client, protocol, tool, note=None, required=True, victim=None):
    """One client's guesses on one protocol: every rejected try and the first accepted one (hydra's tries in
    flight after the hit are failures too); later logins with the found password are the loot's use."""
    mine = sorted((r for r in rows if r["client"] == client and r["protocol"] == protocol), key=lambda r: r["secret_frame"])
    win = next(r for r in mine if r["accepted"])
    tries = [r for r in mine if not r["accepted"]] + [win]
    tries.sort(key=lambda r: r["secret_frame"])
    users = sorted({r["user"] for r in tries})
    passwords = {r["secret"] for r in tries}
    d = {"type": "login_bruteforce", "required": required, "attacker": client, "victim": victim or win["server"],
         "protocol": protocol, "tool": tool, "pattern": "spraying" if len(users) > 1 and len(passwords) == 1 else "brute_force",
         "usernames": users, "attempts": len(tries), "failed": len(tries) - 1, "success": True,
         "success_user": win["user"], "password": win["secret"], "success_frame": win["secret_frame"],
         "success_stream": win["stream"], "success_response_frame": win["result_frame"],
         "first_frame": tries[0]["secret_frame"], "last_frame": tries[-1]["secret_frame"],
         "streams": sorted({r["stream"] for r in tries}),
         "ip_version": 6 if ":" in client else 4}
    if note:
        d["note"] = note
    return d


def ftp_transfers(cap, control_streams):
    """RETR/STOR on the given FTP control streams with their data connection: tshark's ftp-data stream whose first
    payload follows the command (each transfer has its own data connection)."""
    data = {}
    for frame, stream, payload in cap.rows("ftp-data && tcp.len>0", "frame.number", "tcp.stream", "tcp.payload"):
        d = data.setdefault(int(stream), {"stream": int(stream), "frames": [], "bytes": b""})
        d["frames"].append(int(frame))
        d["bytes"] += bytes.fromhex(payload.replace(":", ""))
    out = []
    flt = " || ".join(f"tcp.stream=={s}" for s in control_streams)
    for frame, stream, cmd, arg in cap.rows(f"({flt}) && ftp.request.command in {{\"RETR\",\"STOR\"}}", "frame.number",
                                            "tcp.stream", "ftp.request.command", "ftp.request.arg"):
        d = min((x for x in data.values() if x["frames"][0] > int(frame)), key=lambda x: x["frames"][0])
        out.append({"command": cmd, "name": arg, "frame": int(frame), "control_stream": int(stream),
                    "data_stream": d["stream"], "data_frame": d["frames"][-1], "size": len(d["bytes"]),
                    "sha256": hashlib.sha256(d["bytes"]).hexdigest()})
    return out


def office_bruteforce(cap, name):
    A, V, C, M, D = "172.31.210.66", "172.31.210.20", "172.31.210.31", "172.31.210.50", "172.31.210.2"
    A6, V6 = "fd00:210::66", "fd00:210::20"
    k = header(cap, name, "malicious", [A, A6], [V, V6], [C, M, D],
               "172.31.210.66 guesses passwords on the office server 172.31.210.20 over FTP, POP3, IMAP, SMTP "
               "AUTH and HTTP Basic (hydra) and Telnet (a script), each ending in a success, and sprays one "
               "password over ten IMAP accounts over IPv6 (erin accepted). With the loot it uploads a PHP web "
               "shell over FTP into the web root and runs id through it, reads bob's mail over IMAP, logs in "
               "over Telnet as alice and reads /etc/passwd, and walks SNMP with the default community public. "
               "alice (172.31.210.31) and the monitoring host (172.31.210.50) use the same services "
               "legitimately.")
    k["same_host"] = [[A, A6], [V, V6]]
    rows = cred_table(cap)
    fnd = []
    fnd.append(guessing_burst(rows, A, "ftp", "hydra", "several tries per connection, 4 tasks; two tries in flight "
                              "after the hit fail too"))
    fnd.append(guessing_burst(rows, A, "telnet", "script (python telnetlib)", "one connection per password; the "
                              "server hangs up after each Login incorrect"))
    fnd.append(guessing_burst(rows, A, "pop3", "hydra", "AUTH LOGIN (base64); stream 19 is hydra's CAPA probe"))
    fnd.append(guessing_burst(rows, A, "imap", "hydra", "AUTHENTICATE LOGIN"))
    fnd.append(guessing_burst(rows, A, "smtp", "hydra", "AUTH LOGIN"))
    basic = guessing_burst(rows, A, "http", "hydra", "HTTP Basic on /intranet/; one GET without credentials first")
    (first_get,) = cap.one(f'http.request && ip.src=={A} && !http.authorization', "frame.number")
    (uri, ua) = cap.one(f"frame.number=={basic['success_frame']}", "http.request.uri", "http.user_agent")
    basic.update({"uri": uri, "user_agent": ua, "unauthenticated_request_frame": int(first_get)})
    fnd.append(basic)
    fnd.append(guessing_burst(rows, A6, "imap", "hydra", "password spraying over IPv6: one password, ten users "
                              "(ivan and judy do not exist and get NO as well)", victim=V6))
    fnd.append({"type": "attack_tool", "required": True, "attacker": A, "victim": V, "tool": "hydra", "user_agent": ua,
                "requests": len(cap.rows(f'http.request && ip.src=={A} && http.user_agent contains "Hydra"', "frame.number"))})
    # the loot in use: FTP as webadmin (web shell upload), IMAP as bob, Telnet as alice, SNMP public
    ftp_win = fnd[0]
    loot = [r for r in rows if r["client"] == A and r["protocol"] == "ftp" and r["accepted"]
            and r["secret_frame"] > ftp_win["success_frame"]]
    moved = ftp_transfers(cap, [r["stream"] for r in loot])
    up = next(m for m in moved if m["command"] == "STOR")
    fnd.append({"type": "post_login_activity", "required": True, "attacker": A, "victim": V, "protocol": "ftp",
                "username": ftp_win["success_user"], "found_frame": ftp_win["success_frame"],
                "login_frame": loot[0]["secret_frame"], "frame": up["frame"],
                "uploads": [m for m in moved if m["command"] == "STOR"],
                "downloads": [m for m in moved if m["command"] == "RETR"],
                "note": "a PHP web shell (system($_REQUEST[\"cmd\"])) stored into the web root with the stolen FTP account"})
    fnd.append(dict({"type": "file_upload", "required": False, "attacker": A, "victim": V, "protocol": "ftp",
                     "filename": up["name"], "stream": up["control_stream"],
                     "note": "over FTP, not HTTP: may be reported inside post_login_activity"},
                    **{k2: up[k2] for k2 in ("size", "sha256", "frame", "data_stream", "data_frame")}))
    fnd += webshell_commands(cap, 'http.request.uri contains "/shell.php?cmd="', A, V, "cmd", "GET", lambda s: s,
                             "URL encoding")
    imap_win = fnd[3]
    fetches = cap.rows(f'ip.src=={A} && imap.request contains "FETCH"', "frame.number", "tcp.stream")
    bob = [r for r in rows if r["client"] == A and r["protocol"] == "imap" and r["accepted"]
           and r["secret_frame"] > imap_win["success_frame"]]
    fnd.append({"type": "post_login_activity", "required": True, "attacker": A, "victim": V, "protocol": "imap",
                "username": imap_win["success_user"], "found_frame": imap_win["success_frame"],
                "logins": [r["secret_frame"] for r in bob], "messages_read": len(fetches),
                "fetch_frames": [int(f) for f, _ in fetches], "frame": int(fetches[0][0])})
    tel_win = fnd[1]
    (tel,) = [r for r in rows if r["client"] == A and r["protocol"] == "telnet" and r["accepted"]
              and r["secret_frame"] > tel_win["success_frame"]]
    (cmd_frame, payload) = cap.one(f'tcp.stream=={tel["stream"]} && frame contains "cat /etc/passwd"', "frame.number",
                                   "tcp.payload")
    (leak,) = cap.one(f'tcp.stream=={tel["stream"]} && frame contains "root:x:0:0"', "frame.number")
    fnd.append({"type": "post_login_activity", "required": True, "attacker": A, "victim": V, "protocol": "telnet",
                "username": tel_win["success_user"], "found_frame": tel_win["success_frame"],
                "login_frame": tel["secret_frame"], "stream": tel["stream"],
                "command": bytes.fromhex(payload.replace(":", "")).decode().strip(), "frame": int(cmd_frame),
                "output_frame": int(leak),
                "note": "the commands typed in the Telnet session that the guessed password opened, with their output"})
    for r in rows:
        if r["protocol"] == "snmp" and r["client"] == A:
            fnd.append({"type": "cleartext_credentials", "required": False, "attacker": A, "victim": V,
                        "protocol": "snmp", "community": r["secret"], "frame": r["secret_frame"],
                        "response_frame": r["result_frame"], "success": r["accepted"], "how": r["how"],
                        "note": "default community" if r["secret"] in ("public", "private") else None})
    k["findings"] = fnd
    k["absent_findings"] = ["port_scan", "host_sweep", "content_discovery", "web_attack", "reverse_shell", "beacon",
                            "dns_tunnel", "payload_delivery", "credential_reuse", "intel_match"]
    k["facts"] = {"benign_logins": [{"protocol": r["protocol"], "client": r["client"], "user": r["user"],
                                     "frame": r["secret_frame"], "accepted": r["accepted"]}
                                    for r in rows if r["client"] in (C, M)]}
    return k


def office_benign(cap, name):
    V, V6, D = "172.31.210.20", "fd00:210::20", "172.31.210.2"
    users = ["172.31.210.31", "172.31.210.45", "172.31.210.32", "172.31.210.33", "172.31.210.50"]
    users6 = ["fd00:210::31", "fd00:210::45", "fd00:210::32", "fd00:210::33", "fd00:210::50"]
    k = header(cap, name, "benign", [], [], [V, V6] + [a for p in zip(users, users6) for a in p] + [D],
               "Staff use the office server's cleartext protocols the ordinary way: mail over IMAP/POP3 and SMTP "
               "AUTH (swaks, a PDF attached), the intranet with HTTP Basic, FTP both ways in active and passive mode "
               "(the web admin stores a harmless PHP page into the web root), a Telnet session, SNMP with the site's "
               "community; one typo per user before the right password. Nothing malicious.")
    k["same_host"] = [[V, V6]] + [list(p) for p in zip(users, users6)]
    rows = cred_table(cap)
    fnd = []
    for r in rows:
        fnd.append({"type": "cleartext_credentials", "required": False, "attacker": None, "victim": r["server"],
                    "client": r["client"], "protocol": r["protocol"], "username": r["user"] or None,
                    "frame": r["secret_frame"], "stream": r["stream"], "response_frame": r["result_frame"],
                    "success": r["accepted"]})
    stores = cap.rows('ftp.request.command=="STOR"', "frame.number", "tcp.stream", "ip.src", "ipv6.src", "ftp.request.arg")
    moved = ftp_transfers(cap, sorted({int(s) for _, s, _, _, _ in stores}))
    for m in moved:
        if m["command"] != "STOR":
            continue
        client = next(c4 or c6 for f, _, c4, c6, _ in stores if int(f) == m["frame"])
        fnd.append(dict({"type": "file_upload", "required": False, "attacker": None, "victim": V, "client": client,
                         "protocol": "ftp", "filename": m["name"], "stream": m["control_stream"]},
                        **{x: m[x] for x in ("size", "sha256", "frame", "data_stream")}))
    k["findings"] = fnd
    k["allowed_findings"] = ["file_upload", "cleartext_credentials"]
    k["absent_findings"] = [t for t in ALL_TYPES if t not in k["allowed_findings"]]
    php = cap.rows('http.request && http.request.uri contains ".php"', "frame.number", "tcp.stream", "http.request.uri")
    k["facts"] = {
        "failed_logins": [{"protocol": r["protocol"], "client": r["client"], "user": r["user"], "frame": r["secret_frame"]}
                          for r in rows if not r["accepted"]],
        "php_page_requested_after_ftp_upload": [{"frame": int(f), "stream": int(s), "uri": u} for f, s, u in php],
        "snmp_communities": sorted({r["secret"] for r in rows if r["protocol"] == "snmp"})}
    return k


def http_series(cap, display_filter):
    rows = cap.rows(f"http.request && {display_filter}", "frame.number", "tcp.stream", "frame.time_epoch")
    times = [float(t) for _, _, t in rows]
    gaps = [b - a for a, b in zip(times, times[1:])]
    mean = sum(gaps) / len(gaps)
    sd = (sum((g - mean) ** 2 for g in gaps) / len(gaps)) ** 0.5  # population sd, as the .md files give it
    return {"count": len(rows), "first_frame": int(rows[0][0]), "last_frame": int(rows[-1][0]),
            "first_stream": int(rows[0][1]), "last_stream": int(rows[-1][1]),
            "first_time_utc": utc(rows[0][2]), "last_time_utc": utc(rows[-1][2]),
            "observed_mean_s": round(mean, 3), "observed_sd_s": round(sd, 3),
            "observed_min_s": round(min(gaps), 3), "observed_max_s": round(max(gaps), 3)}


def downloads(cap, display_filter):
    out = []
    for f, s, host, uri, ua, resp in cap.rows(f"http.request && {display_filter}", "frame.number", "tcp.stream", "http.host",
                                               "http.request.uri", "http.user_agent", "http.response_in"):
        (head, body), = [m for m in stream_messages(cap, int(s), True)][-1:]
        (ctype,) = cap.one(f"frame.number=={resp}", "http.content_type")
        tool = ua.split("/")[0].lower()
        out.append({"file": uri.rsplit("/", 1)[1], "uri": uri, "host": host, "size": len(body),
                    "sha256": hashlib.sha256(body).hexdigest(), "content_kind": content_kind(body),
                    "declared_type": ctype, "client_tool": tool if tool in ("curl", "wget") else None, "user_agent": ua,
                    "request_frame": int(f), "frame": int(resp), "stream": int(s)})
    return out


def c2_http_beacon(cap, name):
    A, V, C, D = "172.31.220.66", "172.31.220.10", "172.31.220.23", "172.31.220.2"
    k = header(cap, name, "malicious", [A], [V], [C, D],
               "The victim fetches a dropper script (curl), an ELF and a python implant (wget) from "
               "cdn-sync-update.net (172.31.220.66); the implant polls it every 5 s with 20 % jitter (25 times), "
               "gets one task, POSTs its output, and POSTs a 4,821-byte tar.gz of passwd, shadow and HR data. "
               "A benign client browses the victim's own web site meanwhile.")
    fnd = []
    for d in downloads(cap, f'ip.src=={V} && ip.dst=={A} && http.request.uri contains "/dl/"'):
        fnd.append(dict({"type": "payload_delivery", "required": True, "attacker": A, "victim": V}, **d))
    poll = 'http.request.uri contains "/api/v1/poll"'
    (host, uri, ua) = cap.one(f"http.request && {poll}", "http.host", "http.request.uri", "http.user_agent")
    fnd.append(dict({"type": "beacon", "required": True, "attacker": A, "victim": V, "destination": host,
                     "server_address": A, "port": 80, "uri": uri, "user_agent": ua, "period_s": 5.0, "jitter": 0.2},
                    **http_series(cap, f"ip.src=={V} && {poll}"),
                    note="a new connection and a DNS lookup per poll; the scenario's period is 5 s with uniform jitter "
                         "of 20 %"))
    (task,) = cap.one(f'http.response && ip.src=={A} && http.response_for.uri contains "/api/v1/poll" && '
                      'http.file_data contains "\\"cmd\\""', "frame.number")
    for uri_part, required, what in (("/api/v1/result", False, "the task's output (JSON) sent back"),
                                     ("/api/v1/upload", True, "tar.gz of etc/passwd, etc/shadow, hr/employees.csv")):
        (f, s, resp) = cap.one(f'http.request.method=="POST" && http.request.uri contains "{uri_part}"', "frame.number",
                               "tcp.stream", "http.response_in")
        (head, body), = stream_messages(cap, int(s), False)
        fnd.append({"type": "exfiltration", "required": required, "attacker": A, "victim": V, "protocol": "http",
                    "method": "POST", "uri": uri_part, "bytes": len(body), "sha256": hashlib.sha256(body).hexdigest(),
                    "content_kind": content_kind(body), "frame": int(f), "stream": int(s), "response_frame": int(resp),
                    "what": what, "task_frame": int(task)})
    k["findings"] = fnd
    k["absent_findings"] = ["port_scan", "host_sweep", "content_discovery", "attack_tool", "web_attack",
                            "login_bruteforce", "webshell_command", "reverse_shell", "dns_tunnel", "credential_reuse",
                            "post_login_activity", "intel_match"]
    return k


def dns_tunnel(cap, name):
    A, V, R, C = "172.31.221.66", "172.31.221.10", "172.31.221.2", "172.31.221.23"
    zone = "t.cdn-sync-update.net"
    k = header(cap, name, "malicious", [A], [V], [C, R],
               "iodine on 172.31.221.10 tunnels IP over DNS through the site's resolver 172.31.221.2 to the "
               "authoritative server of t.cdn-sync-update.net, 172.31.221.66 (NULL queries of up to 253 characters), "
               "and sends 4,587 bytes (an archive) through it with ncat. A benign client looks up corp.lan names.")
    q = cap.rows(f'dns.flags.response==0 && ip.src=={V} && dns.qry.name contains "{zone}"', "frame.number", "dns.qry.type",
                 "dns.qry.name.len")
    relayed = cap.rows(f'dns.flags.response==0 && ip.src=={R} && ip.dst=={A}', "frame.number")
    long_names = [int(f) for f, _, n in q if int(n) > 200]
    up = sum(int(x) for (x,) in cap.rows(f"dns && ip.src=={V}", "frame.len"))
    down = sum(int(x) for (x,) in cap.rows(f"dns && ip.dst=={V}", "frame.len"))
    fnd = [{"type": "dns_tunnel", "required": True, "attacker": A, "victim": V, "tool": "iodine",
            "domain": "cdn-sync-update.net", "zone": zone, "resolver": R, "server": A,
            "qtypes": sorted({{"10": "NULL"}.get(t, t) for _, t, _ in q}), "queries_from_victim": len(q),
            "queries_relayed": len(relayed), "first_frame": int(q[0][0]), "last_frame": int(q[-1][0]),
            "max_name_length": max(int(n) for _, _, n in q), "long_name_queries": len(long_names),
            "long_name_first_frame": long_names[0], "long_name_last_frame": long_names[-1],
            "dns_bytes_from_victim": up, "dns_bytes_to_victim": down}]
    fnd.append({"type": "exfiltration", "required": False, "attacker": A, "victim": V, "protocol": "dns",
                "bytes": 4587, "first_frame": long_names[0], "last_frame": long_names[-1],
                "note": "loot.tgz sent by ncat through the tunnel (the byte count is the scenario's: iodine's Base128 "
                        "and compression hide it from tshark); may be reported inside dns_tunnel"})
    k["findings"] = fnd
    k["absent_findings"] = [t for t in ALL_TYPES if t not in ("dns_tunnel", "exfiltration")]
    k["facts"] = {"benign_queries": [{"frame": int(f), "name": n} for f, n in
                                     cap.rows(f"dns.flags.response==0 && ip.src=={C}", "frame.number", "dns.qry.name")]}
    return k


def monitoring_poll(cap, name):
    M, W, U, D = "172.31.222.50", "172.31.222.10", "172.31.222.23", "172.31.222.2"
    k = header(cap, name, "benign", [], [], [M, W, U, D],
               "A monitoring host checks http://intranet.corp.lan/health.php every 5 s (25 times, check_http) and "
               "POSTs its metrics to status.corp.lan every third check; a user uploads a tar.gz and a PDF through "
               "the intranet's web form, lists /uploads/ and downloads the PDF. Nothing malicious.")
    fnd = []
    for (f,) in cap.rows('http.request.method=="POST" && http.request.uri=="/upload.php"', "frame.number"):
        fnd.append(upload(cap, int(f), None, W, required=False, note="a user's document upload through the form"))
        fnd[-1]["client"] = U
    k["findings"] = fnd
    k["allowed_findings"] = ["file_upload"]
    k["absent_findings"] = [t for t in ALL_TYPES if t not in k["allowed_findings"]]
    (ua,) = cap.one('http.request.uri contains "/health.php"', "http.user_agent")
    (ua2,) = cap.one('http.request.uri contains "/status.php"', "http.user_agent")
    k["facts"] = {"health_checks": dict({"client": M, "uri": "/health.php", "user_agent": ua, "period_s": 5.0},
                                        **http_series(cap, f'ip.src=={M} && http.request.uri contains "/health.php"')),
                  "status_posts": dict({"client": M, "uri": "/status.php", "user_agent": ua2},
                                       **http_series(cap, f'ip.src=={M} && http.request.uri contains "/status.php"'))}
    return k


def software_update(cap, name):
    MIR, WS, U, D = "172.31.223.40", "172.31.223.10", "172.31.223.23", "172.31.223.2"
    k = header(cap, name, "benign", [], [], [MIR, WS, U, D],
               "A workstation updates from the internal mirror mirror.corp.lan (apt-like index and five .deb), "
               "fetches a vendor script with curl and an ELF with wget from it, and loads static assets from 30 "
               "CDN-style hashed names under cdn-corp.net (A and AAAA answered with the mirror's address); a user "
               "browses the intranet. Nothing malicious.")
    fnd = []
    for d in downloads(cap, f'ip.src=={WS} && http.request.uri contains "/vendor/"'):
        fnd.append(dict({"type": "payload_delivery", "required": False, "attacker": None, "victim": WS, "client": WS,
                         "server_address": MIR, "note": "a vendor installer from the internal mirror; nothing follows it"}, **d))
    k["findings"] = fnd
    k["allowed_findings"] = ["payload_delivery"]
    k["absent_findings"] = [t for t in ALL_TYPES if t not in k["allowed_findings"]]
    cdn = cap.rows('dns.flags.response==0 && dns.qry.name contains "cdn-corp.net"', "frame.number", "dns.qry.name",
                   "dns.qry.type", "dns.qry.name.len")
    names = sorted({n for _, n, _, _ in cdn})
    k["facts"] = {
        "mirror_downloads": [{"frame": int(f), "uri": u, "user_agent": a} for f, u, a in
                             cap.rows(f"http.request && ip.dst=={MIR} && !(http.host contains \"cdn-corp\")",
                                      "frame.number", "http.request.uri", "http.user_agent")],
        "cdn_names": {"names": len(names), "queries": len(cdn), "qtypes": sorted({t for _, _, t, _ in cdn}),
                      "name_lengths": sorted({int(x) for _, _, _, x in cdn}), "first_frame": int(cdn[0][0]),
                      "last_frame": int(cdn[-1][0])}}
    return k


# --- lab recordings of the Active Directory family (Samba AD DC) and the TLS channel family ------

# every finding type NTA has (ALL_TYPES are those of the first recordings), for keys written since
ALL_TYPES_NOW = ALL_TYPES + ["kerberoasting", "asrep_roasting", "user_enumeration", "lateral_movement",
                             "suspicious_certificate", "client_impersonation", "dcsync", "zerologon", "name_poisoning"]
KRB_ERRORS = {"6": "KDC_ERR_C_PRINCIPAL_UNKNOWN", "13": "KDC_ERR_BADOPTION", "24": "KDC_ERR_PREAUTH_FAILED",
              "25": "KDC_ERR_PREAUTH_REQUIRED", "50": "KRB_AP_ERR_INAPP_CKSUM"}
KRB_MSG = {"10": "AS-REQ", "11": "AS-REP", "12": "TGS-REQ", "13": "TGS-REP", "30": "KRB-ERROR"}
RPC_STATUS = {"0x00000000": "success", "0x00000424": "ERROR_SERVICE_DOES_NOT_EXIST",
              "0x1c010002": "nca_op_rng_error", "0xc0000022": "STATUS_ACCESS_DENIED"}
SVCCTL_OPS = {12: "CreateServiceW", 15: "OpenSCManagerW", 16: "OpenServiceW", 19: "StartServiceW", 2: "DeleteService"}
DRSUAPI_OPS = {0: "DsBind", 2: "DsReplicaSync", 3: "DsGetNCChanges", 4: "DsReplicaUpdateRefs", 12: "DsCrackNames",
               16: "DsGetDomainControllerInfo", 19: "DsReplicaGetInfo"}
DRSUAPI_UUID = "e3514235-4b06-11d1-ab04-00c04fc2dcd2"
NETLOGON_UUID = "12345678-1234-abcd-ef00-01234567cffb"
PA_ENC_TIMESTAMP = "2"


def kerberos(cap, display_filter="kerberos.msg_type && (tcp.port==88 || udp.port==88)"):
    """Every Kerberos message: frame, stream, addresses, type, client and service names (of the request body, else
    of the message, else of its ticket), the etypes a request offers, a reply's ticket etype, error, padata types."""
    out = []
    for L in cap.packets(display_filter, "frame ip tcp udp kerberos"):
        for k in many(L["kerberos"]):
            (e,) = [v for n, v in k.items() if n.endswith("_element")]
            body = e.get("kerberos.req_body_element", {})

            def name(node, which):
                el = node.get(f"kerberos.{which}_element")
                tree = el.get(f"kerberos.{which}_string_tree") if el else None
                return "/".join(many(tree[f"kerberos.{which[0].upper()}NameString"])) if tree else None

            ticket = e.get("kerberos.ticket_element", {})
            pa = many(e.get("kerberos.padata_tree", {}).get("kerberos.PA_DATA_element"))
            tcp, udp = L.get("tcp", {}), L.get("udp", {})
            out.append({"frame": int(L["frame"]["frame.number"]), "time": L["frame"]["frame.time_epoch"],
                        "stream": int(tcp["tcp.stream"]) if tcp else None,
                        "udp_stream": int(udp["udp.stream"]) if udp else None,
                        "src": L["ip"]["ip.src"], "dst": L["ip"]["ip.dst"], "type": e["kerberos.msg_type"],
                        "cname": name(body, "cname") or name(e, "cname"),
                        "sname": name(body, "sname") or name(e, "sname") or name(ticket, "sname"),
                        "etypes": [int(x) for x in many(body.get("kerberos.kdc-req-body.etype_tree", {})
                                                        .get("kerberos.ENCTYPE"))],
                        "ticket_etype": int(ticket["kerberos.enc_part_element"]["kerberos.etype"]) if ticket else None,
                        "error": e.get("kerberos.error_code"), "padata": [p["kerberos.padata_type"] for p in pa]})
    for m in out:  # the answer: the next message of the same connection from the other side
        m["answer"] = next((a for a in out if a["frame"] > m["frame"] and a["src"] == m["dst"] and
                            (a["stream"], a["udp_stream"]) == (m["stream"], m["udp_stream"])), None) \
            if m["type"] in ("10", "12") else None
    return out


def without_preauth(krb):
    """AS-REQs without PA-ENC-TIMESTAMP, less a login's first try: one that the client's very next AS-REQ repeats for
    the same name with pre-authentication (MIT kinit and impacket ask without it first, then answer
    PREAUTH_REQUIRED)."""
    out = []
    asreq = [m for m in krb if m["type"] == "10"]
    for i, m in enumerate(asreq):
        if PA_ENC_TIMESTAMP in m["padata"]:
            continue
        nxt = next((n for n in asreq[i + 1:] if n["src"] == m["src"]), None)
        if nxt and nxt["cname"] == m["cname"] and PA_ENC_TIMESTAMP in nxt["padata"]:
            continue
        out.append(m)
    return out


def rpc_calls(cap, display_filter):
    """DCE/RPC requests (over SMB pipes or TCP) with their answer: frame, stream, call id, opnum, answer frames
    (every fragment), answer type (response or fault), fault status, fragment bytes."""
    reqs = cap.rows(f"dcerpc.pkt_type==0 && ({display_filter})", "frame.number", "tcp.stream", "ip.src", "ip.dst",
                    "dcerpc.cn_call_id", "dcerpc.opnum", "dcerpc.auth_level", "frame.time_epoch")
    answers = cap.rows("dcerpc.pkt_type==2 || dcerpc.pkt_type==3", "frame.number",
                       "tcp.stream", "dcerpc.cn_call_id", "dcerpc.pkt_type", "dcerpc.cn_status", "dcerpc.cn_frag_len",
                       "dcerpc.request_in")
    out = []
    for f, s, src, dst, call, op, level, t in reqs:
        mine = [a for a in answers if a[6] == f]
        out.append({"frame": int(f), "stream": int(s), "client": src, "server": dst, "call_id": int(call),
                    "opnum": int(op), "auth_level": int(level) if level else None, "time": t,
                    "answer_frames": [int(a[0]) for a in mine],
                    "fault": next((RPC_STATUS.get(a[4], a[4]) for a in mine if a[3] == "3"), None),
                    "answer_bytes": sum(int(a[5]) for a in mine)})
    return out


def smb_writes(cap, display_filter="frame"):
    """SMB2 WRITE requests to a file (not a pipe): share, file name (from the CREATE that opened the FileId), size,
    SHA-256 of the bytes written, the answer's status."""
    names = {}
    for f, name, resp in cap.rows("smb2.cmd==5 && smb2.flags.response==0", "frame.number", "smb2.filename",
                                  "smb2.response_in"):
        if resp:
            (fid,) = cap.one(f"frame.number=={resp}", "smb2.fid")
            names[fid] = (name, int(f))
    out = []
    for f, s, src, dst, tree, fid, n, data, resp in cap.rows(
            f"smb2.cmd==9 && smb2.flags.response==0 && !(smb2.tree contains \"IPC$\") && ({display_filter})",
            "frame.number", "tcp.stream", "ip.src", "ip.dst", "smb2.tree", "smb2.fid", "smb2.write_length", "data.data",
            "smb2.response_in"):
        b = bytes.fromhex(data.replace(":", ""))
        assert len(b) == int(n), (f, len(b), n)
        (status,) = cap.one(f"frame.number=={resp}", "smb2.nt_status")
        name, create = names[fid]
        out.append({"client": src, "server": dst, "share": tree.rsplit("\\", 1)[1], "filename": name, "size": len(b),
                    "sha256": hashlib.sha256(b).hexdigest(), "pe": b[:2] == b"MZ", "create_frame": create,
                    "frame": int(f), "stream": int(s), "response_frame": int(resp), "accepted": int(status, 16) == 0})
    return out


def ntlm_logins(cap, display_filter="frame"):
    return [{"frame": int(f), "stream": int(s), "client": c, "user": f"{d}\\{u}"} for f, s, c, d, u in
            cap.rows(f"ntlmssp.messagetype==3 && ({display_filter})", "frame.number", "tcp.stream", "ip.src",
                     "ntlmssp.auth.domain", "ntlmssp.auth.username")]


def ldap_simple_binds(cap, display_filter="frame"):
    out = []
    for f, s, c, v, user, resp in cap.rows(f"ldap.protocolOp==0 && ldap.simple && ({display_filter})", "frame.number",
                                           "tcp.stream", "ip.src", "ip.dst", "ldap.name", "ldap.messageID"):
        (rf, code) = cap.one(f"tcp.stream=={s} && ldap.protocolOp==1 && ldap.messageID=={resp}", "frame.number",
                             "ldap.resultCode")
        out.append({"client": c, "server": v, "username": user, "frame": int(f), "stream": int(s),
                    "response_frame": int(rf), "success": code == "0"})
    return out


def psexec_smbexec(cap, A, V):
    """impacket psexec then smbexec from A against V over SMB2 (NTLM), svcctl on \\pipe\\svcctl: the two
    lateral_movement findings and the file_upload of the service binary to ADMIN$."""
    fnd = []
    writes = smb_writes(cap, f"ip.src=={A}")
    svc = rpc_calls(cap, "svcctl")
    ops = {int(f): (n, b) for f, n, b in cap.rows("svcctl && dcerpc.pkt_type==0", "frame.number",
                                                    "svcctl.servicename", "svcctl.binarypathname")}
    rc = {int(f): r for f, r in cap.rows("svcctl && dcerpc.pkt_type==2", "frame.number", "svcctl.rc")}

    def calls(stream):
        out = []
        for c in svc:
            if c["stream"] != stream:
                continue
            n, b = ops[c["frame"]]
            status = c["fault"] or RPC_STATUS.get(rc.get(c["answer_frames"][0]), rc.get(c["answer_frames"][0]))
            d = {"interface": "svcctl", "operation": SVCCTL_OPS[c["opnum"]], "opnum": c["opnum"],
                 "request_frame": c["frame"], "response_frame": c["answer_frames"][0], "status": status,
                 "succeeded": status == "success"}
            if c["opnum"] == 12:
                d.update({"service_name": n, "binary_path": b})
            out.append(d)
        return out

    def pipe_opens(stream):
        return [int(f) for (f,) in cap.rows(f'tcp.stream=={stream} && smb2.cmd==5 && smb2.flags.response==0 && '
                                            f'smb2.filename=="svcctl"', "frame.number")]

    (w,) = [x for x in writes if x["share"] == "ADMIN$"]
    (login,) = ntlm_logins(cap, f"tcp.stream=={w['stream']}")
    tc = [int(f) for (f,) in cap.rows(f'tcp.stream=={w["stream"]} && smb2.cmd==3 && smb2.flags.response==0 && '
                                      f'smb2.tree contains "ADMIN$"', "frame.number")]
    pc = calls(w["stream"])
    creates = [c for c in pc if c["operation"] == "CreateServiceW"]
    fnd.append({"type": "lateral_movement", "required": True, "attacker": A, "victim": V, "client": A, "server": V,
                "tool": "impacket psexec", "style": "psexec", "user": login["user"], "auth_frame": login["frame"],
                "stream": w["stream"], "share": "ADMIN$", "tree_connect_frames": tc,
                "file": {x: w[x] for x in ("filename", "size", "sha256", "pe", "create_frame", "frame",
                                           "response_frame", "accepted")},
                "pipe": "svcctl", "pipe_open_frames": pipe_opens(w["stream"]), "rpc_calls": pc,
                "service_created": any(c["succeeded"] for c in creates), "succeeded": any(c["succeeded"] for c in creates),
                "attempted": True, "frame": creates[0]["request_frame"], "first_frame": login["frame"],
                "last_frame": creates[-1]["response_frame"],
                "note": "the service binary (RemCom) is written to ADMIN$ and accepted; CreateServiceW faults "
                        "(Samba implements no CreateService): attempted, not successful; psexec then reopens the file "
                        "to delete it"})
    fnd.append(dict({"type": "file_upload", "required": False, "attacker": A, "victim": V, "protocol": "smb2",
                     "share": "ADMIN$", "note": "over SMB2 to ADMIN$: may be reported inside lateral_movement"},
                    **{x: w[x] for x in ("filename", "size", "sha256", "frame", "stream", "response_frame")}))
    (sx,) = {c["stream"] for c in svc if c["stream"] != w["stream"]}
    (login2,) = ntlm_logins(cap, f"tcp.stream=={sx}")
    sc = calls(sx)
    creates = [c for c in sc if c["operation"] == "CreateServiceW"]
    fnd.append({"type": "lateral_movement", "required": True, "attacker": A, "victim": V, "client": A, "server": V,
                "tool": "impacket smbexec", "style": "smbexec", "user": login2["user"], "auth_frame": login2["frame"],
                "stream": sx, "share": "IPC$", "pipe": "svcctl", "pipe_open_frames": pipe_opens(sx), "rpc_calls": sc,
                "command": creates[0]["binary_path"],
                "service_created": any(c["succeeded"] for c in creates), "succeeded": any(c["succeeded"] for c in creates),
                "attempted": True, "frame": creates[0]["request_frame"], "first_frame": login2["frame"],
                "last_frame": creates[-1]["response_frame"],
                "note": "a service whose binary path is a %COMSPEC% command line writing its output to "
                        "\\\\127.0.0.1\\C$\\__output; refused like psexec's"})
    return fnd


def ad_roast_psexec(cap, name):
    A, V, C, D = "172.31.230.66", "172.31.230.10", "172.31.230.23", "172.31.230.2"
    k = header(cap, name, "malicious", [A], [V], [C, D],
               "Against the Samba AD DC dc1.lab.local (172.31.230.10), 172.31.230.66 sends AS-REQs without "
               "pre-authentication, RC4 only, for ten names (impacket GetNPUsers; no AS-REP: every existing name is "
               "asked for pre-auth, three names are unknown); with alice's phished password it searches LDAP for "
               "accounts with an SPN and gets an RC4 service ticket for svc_sql's MSSQLSvc/sql01.lab.local:1433 "
               "(Kerberoasting); with svc_sql's cracked password (a Domain Admin) it writes a service binary to ADMIN$ "
               "and calls svcctl CreateServiceW (psexec), then CreateServiceW with a cmd.exe command line (smbexec): "
               "both refused, Samba has no CreateService. carol (172.31.230.23) uses Kerberos and the dept share "
               "before and after.")
    krb = kerberos(cap)
    fnd = []
    # 1 AS-REQs without pre-authentication (no PA-ENC-TIMESTAMP) from the attacker that are not a login's first try
    nopre = [m for m in without_preauth(krb) if m["src"] == A]
    errors = {}
    for m in nopre:
        errors[m["answer"]["error"]] = errors.get(m["answer"]["error"], 0) + 1
    unknown = [m for m in nopre if m["answer"]["error"] == "6"]
    fnd.append({"type": "asrep_roasting", "required": True, "attacker": A, "victim": V, "client": A, "kdc": V,
                "tool": "impacket GetNPUsers", "usernames": [m["cname"] for m in nopre], "requests": len(nopre),
                "as_req_frames": [m["frame"] for m in nopre], "answer_frames": [m["answer"]["frame"] for m in nopre],
                "streams": [m["stream"] for m in nopre],
                "etypes_offered": sorted({e for m in nopre for e in m["etypes"]}),
                "rc4_only": all(m["etypes"] == [23] for m in nopre),
                "errors": {f"{c} {KRB_ERRORS[c]}": n for c, n in sorted(errors.items(), key=lambda x: int(x[0]))},
                "unknown_users": [m["cname"] for m in unknown],
                "as_rep_without_preauth": [m["answer"]["frame"] for m in nopre if m["answer"]["type"] == "11"],
                "succeeded": any(m["answer"]["type"] == "11" for m in nopre),
                "first_frame": nopre[0]["frame"], "last_frame": nopre[-1]["answer"]["frame"],
                "first_time_utc": utc(nopre[0]["time"]), "last_time_utc": utc(nopre[-1]["time"]),
                "note": "attempted, no hash: svc_backup has DONT_REQ_PREAUTH set but Samba 4.17's KDC answered "
                        "PREAUTH_REQUIRED as for the other existing names; no AS-REP was sent"})
    fnd.append({"type": "user_enumeration", "required": False, "attacker": A, "victim": V, "client": A, "kdc": V,
                "unknown_users": [m["cname"] for m in unknown], "as_req_frames": [m["frame"] for m in unknown],
                "error_frames": [m["answer"]["frame"] for m in unknown], "error_code": 6,
                "known_users": [m["cname"] for m in nopre if m["answer"]["error"] != "6"],
                "note": "GetNPUsers's name list: KDC_ERR_C_PRINCIPAL_UNKNOWN tells which names do not exist; may be "
                        "reported inside asrep_roasting"})
    # 2 Kerberoasting: TGS-REQs for a user account's SPN offering no AES type
    (bind,) = ldap_simple_binds(cap, f"ip.src=={A}")
    (sf, ss) = cap.one(f"ip.src=={A} && ldap.protocolOp==3", "frame.number", "tcp.stream")
    (present,) = cap.one(f"frame.number=={sf}", "ldap.present")
    (entries_frame, entries) = cap.rows_all(f"tcp.stream=={ss} && ldap.protocolOp==4", "frame.number",
                                            "ldap.objectName", sep="|")[0]
    rc4 = [m for m in krb if m["src"] == A and m["type"] == "12" and not {17, 18} & set(m["etypes"])]
    got = [m for m in rc4 if m["answer"]["type"] == "13"]
    refused = [m for m in rc4 if m["answer"]["type"] == "30"]
    (spn,) = {m["sname"] for m in got}
    fnd.append({"type": "kerberoasting", "required": True, "attacker": A, "victim": V, "client": A, "kdc": V,
                "tool": "MIT kvno -e rc4-hmac, impacket GetUserSPNs", "user": got[0]["answer"]["cname"],
                "spn": spn, "account": "svc_sql", "etypes_requested": sorted({e for m in got for e in m["etypes"]}),
                "tgs_req_frames": [m["frame"] for m in rc4], "tgs_req_streams": [m["stream"] for m in rc4],
                "tgs_rep_frames": [m["answer"]["frame"] for m in got],
                "ticket_etype": got[0]["answer"]["ticket_etype"], "succeeded": bool(got),
                "refused": [{"frame": m["frame"], "service": m["sname"], "etypes_requested": m["etypes"],
                             "error_frame": m["answer"]["frame"],
                             "error": f"{m['answer']['error']} {KRB_ERRORS[m['answer']['error']]}"} for m in refused],
                "ldap_bind_frame": bind["frame"], "ldap_search_frame": int(sf), "ldap_search_stream": int(ss),
                "ldap_filter_present": present, "ldap_entries_frame": int(entries_frame),
                "ldap_entries": entries.split("|"),
                "frame": got[0]["frame"], "first_frame": bind["frame"], "last_frame": rc4[-1]["answer"]["frame"],
                "note": "the TGS-REP's ticket is RC4 (etype 23), encrypted with svc_sql's key: crackable offline "
                        "(hashcat 13100); GetUserSPNs's own TGS-REQ (for the principal svc_sql) was refused"})
    fnd.append(dict({"type": "cleartext_credentials", "required": False, "attacker": A, "victim": V,
                     "protocol": "ldap", "note": "LDAP simple bind with alice's phished password in clear"},
                    **{x: bind[x] for x in ("username", "frame", "stream", "response_frame", "success")}))
    fnd += psexec_smbexec(cap, A, V)
    fnd.append({"type": "attack_tool", "required": False, "attacker": A, "victim": V, "tool": "impacket",
                "note": "GetNPUsers (RC4-only AS-REQs without pre-auth), GetUserSPNs, psexec (RemCom service binary, "
                        "random names), smbexec (service BTOBTO)"})
    k["findings"] = fnd
    k["absent_findings"] = ["port_scan", "host_sweep", "content_discovery", "web_attack", "login_bruteforce",
                            "webshell_command", "reverse_shell", "beacon", "dns_tunnel", "exfiltration", "intel_match",
                            "dcsync", "zerologon", "suspicious_certificate", "client_impersonation"]
    k["facts"] = {"benign_kerberos": [{"frame": m["frame"], "stream": m["stream"], "message": KRB_MSG[m["type"]],
                                       "user": m["cname"], "service": m["sname"], "etypes_offered": m["etypes"],
                                       "pre_auth": PA_ENC_TIMESTAMP in m["padata"],
                                       "answer_frame": m["answer"]["frame"],
                                       "answer": KRB_MSG[m["answer"]["type"]] + (
                                           f" {m['answer']['error']} {KRB_ERRORS[m['answer']['error']]}"
                                           if m["answer"]["error"] else "")}
                                      for m in krb if m["src"] == C and m["type"] in ("10", "12")],
                  "benign_smb_writes": [{x: b[x] for x in ("client", "share", "filename", "size", "frame", "stream")}
                                        for b in smb_writes(cap, f"ip.src=={C}")]}
    return k


def ad_benign(cap, name):
    V, C, L, D = "172.31.230.10", "172.31.230.23", "172.31.230.45", "172.31.230.2"
    k = header(cap, name, "benign", [], [], [V, C, L, D],
               "Staff use the Samba AD domain the ordinary way: carol mistypes her password once with kinit "
               "(PREAUTH_FAILED), then logs in, gets an AES cifs ticket and copies files to and from the dept share "
               "with smbclient over Kerberos; alice lists the shares and reads a file with smbclient over NTLM; a "
               "help-desk script on alice's PC looks up one user over LDAP with a simple bind (password in clear). "
               "Nothing malicious.")
    krb = kerberos(cap)
    fnd = []
    for b in ldap_simple_binds(cap):
        fnd.append(dict({"type": "cleartext_credentials", "required": False, "attacker": None, "victim": b["server"],
                         "client": b["client"], "protocol": "ldap",
                         "note": "a help-desk lookup with a simple bind: a cleartext credential, not an attack"},
                        **{x: b[x] for x in ("username", "frame", "stream", "response_frame", "success")}))
    for w in smb_writes(cap):
        fnd.append(dict({"type": "file_upload", "required": False, "attacker": None, "victim": w["server"],
                         "client": w["client"], "protocol": "smb2", "share": w["share"],
                         "note": "a user's copy to a department share"},
                        **{x: w[x] for x in ("filename", "size", "sha256", "frame", "stream", "response_frame")}))
    k["findings"] = fnd
    k["allowed_findings"] = ["cleartext_credentials", "file_upload"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    (sf, ss, attr, value) = cap.one("ldap.protocolOp==3", "frame.number", "tcp.stream", "ldap.attributeDesc",
                                    "ldap.assertionValue")
    k["facts"] = {
        "failed_kerberos_logins": [{"client": m["src"], "user": m["cname"], "frame": m["frame"], "stream": m["stream"],
                                    "error_frame": m["answer"]["frame"],
                                    "error": f"{m['answer']['error']} {KRB_ERRORS[m['answer']['error']]}"}
                                   for m in krb if m["type"] == "10" and m["answer"]["error"] == "24"],
        "kinit_first_try_without_preauth": [{"client": m["src"], "user": m["cname"], "frame": m["frame"],
                                             "answer_frame": m["answer"]["frame"]}
                                            for m in krb if m["type"] == "10" and PA_ENC_TIMESTAMP not in m["padata"]],
        "as_without_preauth_not_retried": [m["frame"] for m in without_preauth(krb)],
        "service_tickets": [{"client": m["src"], "service": m["sname"], "frame": m["frame"], "stream": m["stream"],
                             "etypes_offered": m["etypes"], "answer_frame": m["answer"]["frame"],
                             "ticket_etype": m["answer"]["ticket_etype"]}
                            for m in krb if m["type"] == "12" and m["answer"]["type"] == "13"],
        "ntlm_logins": ntlm_logins(cap),
        "share_listing": [{"client": c["client"], "operation": "NetShareEnumAll", "frame": c["frame"],
                           "stream": c["stream"], "response_frame": c["answer_frames"][0]}
                          for c in rpc_calls(cap, "srvsvc") if c["opnum"] == 15],
        "ldap_search": {"client": L, "frame": int(sf), "stream": int(ss), "filter": f"({attr}={value})"}}
    return k


def drsuapi_binds(cap):
    """DRSUAPI binds (the interface UUID; the port comes from the endpoint mapper): frame, stream, client, server,
    port, auth type and level, and the NTLMSSP user if the bind authenticated with NTLM."""
    out = []
    for f, s, c, v, port, atype, level in cap.rows(f"dcerpc.pkt_type==11 && dcerpc.cn_bind_to_uuid=={DRSUAPI_UUID}",
                                                   "frame.number", "tcp.stream", "ip.src", "ip.dst", "tcp.dstport",
                                                   "dcerpc.auth_type", "dcerpc.auth_level"):
        users = ntlm_logins(cap, f"tcp.stream=={s}")
        out.append({"frame": int(f), "stream": int(s), "client": c, "server": v, "port": int(port),
                    "auth_type": int(atype) if atype else None, "auth_level": int(level) if level else None,
                    "ntlm_user": users[0]["user"] if users else None, "ntlm_auth_frame": users[0]["frame"] if users else None})
    return out


def ad_dcsync_zerologon(cap, name):
    A, V, C, D = "172.31.231.66", "172.31.231.10", "172.31.231.23", "172.31.231.2"
    k = header(cap, name, "malicious", [A], [V], [C, D],
               "172.31.231.66, not a domain controller, logs in to dc1 (172.31.231.10) as LAB\\svc_sql (a Domain "
               "Admin, password cracked after Kerberoasting) and makes it replicate account secrets over sealed "
               "DRSUAPI (impacket secretsdump: DsBind, DsCrackNames, DsGetNCChanges EXOP_REPL_OBJ): krbtgt alone, "
               "then the 8 accounts SAMR EnumDomainUsers listed; then it tries Zerologon (CVE-2020-1472): 256 "
               "NetrServerReqChallenge + NetrServerAuthenticate3 with an all-zero client challenge and credential for "
               "DC1$ on one unauthenticated Netlogon connection, every one refused (STATUS_ACCESS_DENIED). carol "
               "(172.31.231.23) uses Kerberos and the dept share before and after.")
    fnd = []
    binds = [b for b in drsuapi_binds(cap) if b["client"] == A]
    calls = [c for c in rpc_calls(cap, "drsuapi") if c["client"] == A]
    runs = []
    for b in binds:
        mine = [c for c in calls if c["stream"] == b["stream"]]
        gnc = [c for c in mine if c["opnum"] == 3]
        samr_stream = max(int(s) for (s,) in cap.rows(f"samr && dcerpc.pkt_type==0 && frame.number<{b['frame']}",
                                                      "tcp.stream"))
        enum = [c for c in rpc_calls(cap, f"samr && tcp.stream=={samr_stream}") if c["opnum"] == 13]
        if enum:
            (names,) = cap.rows_all(f"frame.number=={enum[0]['answer_frames'][0]}", "samr.samr_SamEntry.name")[0]
            accounts = names.split(",")
        else:  # the names asked of DsCrackNames, in clear once the stubs are opened with svc_sql's password
            accounts = [r[0].rsplit("\\", 1)[1] for r in
                        cap.rows_opened("Mssql2019!", f"tcp.stream=={b['stream']} && drsuapi && dcerpc.opnum==12 && "
                                                      "dcerpc.pkt_type==0", "drsuapi.DsNameString.str")]
        runs.append({"drsuapi_stream": b["stream"], "bind_frame": b["frame"], "auth_level": b["auth_level"],
                     "user": b["ntlm_user"], "auth3_frame": b["ntlm_auth_frame"],
                     "ds_bind_frame": next(c["frame"] for c in mine if c["opnum"] == 0),
                     "calls": [{"operation": DRSUAPI_OPS[c["opnum"]], "opnum": c["opnum"], "frame": c["frame"],
                                "answer_frames": c["answer_frames"], "answer_bytes": c["answer_bytes"]} for c in mine],
                     "getncchanges_frames": [c["frame"] for c in gnc],
                     "getncchanges_answer_frames": [c["answer_frames"] for c in gnc],
                     "reply_bytes": sum(c["answer_bytes"] for c in gnc), "samr_stream": samr_stream,
                     "samr_enum_frame": enum[0]["frame"] if enum else None, "accounts": accounts})
    gnc = [c for c in calls if c["opnum"] == 3]
    epm = cap.rows(f"ip.src=={A} && epm && dcerpc.pkt_type==0", "frame.number", "tcp.stream", "dcerpc.response_in")
    not_dc = cap.rows(f"ip.src=={A} && (kerberos.msg_type in {{11,13}} || ldap.protocolOp in {{1,4,5}} || "
                      "dcerpc.pkt_type==12)", "frame.number")
    fnd.append({"type": "dcsync", "required": True, "attacker": A, "victim": V, "client": A, "dc": V,
                "tool": "impacket secretsdump (DRSUAPI)", "user": binds[0]["ntlm_user"], "interface": DRSUAPI_UUID,
                "port": binds[0]["port"], "sealed": all(c["auth_level"] == 6 for c in calls), "auth_level": 6,
                "client_is_dc": bool(not_dc), "ds_bind_frames": [r["ds_bind_frame"] for r in runs],
                "getncchanges_frames": [c["frame"] for c in gnc], "requests": len(gnc),
                "faults": sum(1 for c in gnc if c["fault"]), "succeeded": all(c["answer_frames"] and not c["fault"] for c in gnc),
                "reply_bytes": sum(c["answer_bytes"] for c in gnc),
                "accounts": sorted({a for r in runs for a in r["accounts"]}, key=str.lower),
                "epm_map_frames": [max(int(f) for f, _, _ in epm if int(f) < r["bind_frame"]) for r in runs], "runs": runs,
                "frame": gnc[0]["frame"], "first_frame": runs[0]["bind_frame"], "last_frame": gnc[-1]["answer_frames"][-1],
                "first_time_utc": utc(gnc[0]["time"]), "last_time_utc": utc(gnc[-1]["time"]),
                "note": "stubs sealed at packet privacy (NTLMSSP): the bind's interface and each request's opnum are in "
                        "clear; the client never acts as a domain controller"})
    # Zerologon: NetrServerReqChallenge (4) + NetrServerAuthenticate3 (26) on one unauthenticated connection
    nl = rpc_calls(cap, f"rpc_netlogon && ip.src=={A}")
    auth = cap.rows(f"rpc_netlogon && dcerpc.opnum==26 && dcerpc.pkt_type==0 && ip.src=={A}", "frame.number",
                    "tcp.stream", "netlogon.acct_name", "netlogon.computer_name", "netlogon.sec_chan_type",
                    "netlogon.clientcred", "netlogon.neg_flags", "dcerpc.response_in", "frame.time_epoch")
    status = {int(f): rc for f, rc in cap.rows("rpc_netlogon && dcerpc.opnum==26 && dcerpc.pkt_type==2",
                                               "frame.number", "netlogon.rc")}
    chal = cap.rows(f"rpc_netlogon && dcerpc.opnum==4 && dcerpc.pkt_type==0 && ip.src=={A}", "frame.number",
                    "netlogon.clientchallenge")
    counts = {}
    for a in auth:
        s = status[int(a[7])]
        counts[f"{s} {RPC_STATUS.get(s, '')}".strip()] = counts.get(f"{s} {RPC_STATUS.get(s, '')}".strip(), 0) + 1
    (stream,) = {int(a[1]) for a in auth}
    (bind, bind_auth) = cap.one(f"tcp.stream=={stream} && dcerpc.pkt_type==11", "frame.number", "dcerpc.auth_type")
    zero = "0" * 16
    fnd.append({"type": "zerologon", "required": True, "attacker": A, "victim": V, "client": A, "dc": V,
                "tool": "lab zerologon-probe.py (impacket nrpc)", "cve": "CVE-2020-1472", "interface": NETLOGON_UUID,
                "port": int(cap.one(f"frame.number=={bind}", "tcp.dstport")[0]), "stream": stream,
                "bind_frame": int(bind), "bind_authenticated": bool(bind_auth),
                "accounts": sorted({a[2] for a in auth}), "computer_names": sorted({a[3] for a in auth}),
                "secure_channel_types": sorted({int(a[4]) for a in auth}), "negotiate_flags": sorted({a[6] for a in auth}),
                "attempts": len(auth), "req_challenges": len(chal),
                "zero_client_challenges": sum(1 for _, c in chal if c == zero),
                "zero_client_credentials": sum(1 for a in auth if a[5] == zero),
                "first_req_challenge_frame": int(chal[0][0]), "first_authenticate_frame": int(auth[0][0]),
                "first_response_frame": int(auth[0][7]), "last_req_challenge_frame": int(chal[-1][0]),
                "last_authenticate_frame": int(auth[-1][0]), "last_response_frame": int(auth[-1][7]),
                "statuses": counts, "succeeded": any(int(s, 16) == 0 for s in (status[int(a[7])] for a in auth)),
                "password_set2_frames": [int(f) for (f,) in cap.rows("rpc_netlogon && dcerpc.opnum==30", "frame.number")],
                "duration_s": round(float(auth[-1][8]) - float(auth[0][8]), 3),
                "frame": int(auth[0][0]), "first_frame": int(bind), "last_frame": int(auth[-1][7]),
                "first_time_utc": utc(auth[0][8]), "last_time_utc": utc(auth[-1][8]),
                "note": "attempted, refused: Samba 4.17 is patched, every NetrServerAuthenticate3 answers "
                        "STATUS_ACCESS_DENIED and no NetrServerPasswordSet2 follows"})
    (r2,) = [r for r in runs if r["samr_enum_frame"]]
    (ef, ers) = cap.one(f"frame.number=={r2['samr_enum_frame']}", "frame.number", "dcerpc.response_in")
    fnd.append({"type": "user_enumeration", "required": False, "attacker": A, "victim": V, "client": A, "server": V,
                "protocol": "samr", "operation": "EnumDomainUsers", "frame": int(ef), "response_frame": int(ers),
                "stream": r2["samr_stream"], "users": r2["accounts"],
                "note": "secretsdump lists the domain's accounts over SAMR (\\pipe\\samr, readable) before replicating "
                        "each; may be reported inside dcsync"})
    k["findings"] = fnd
    k["absent_findings"] = ["port_scan", "host_sweep", "content_discovery", "web_attack", "webshell_command",
                            "reverse_shell", "cleartext_credentials", "beacon", "dns_tunnel", "payload_delivery",
                            "intel_match", "kerberoasting", "asrep_roasting", "lateral_movement",
                            "suspicious_certificate", "client_impersonation"]
    k["facts"] = {"dc_lookup": [{"frame": int(f), "udp_stream": int(s), "name": n, "qtype": int(t)} for f, s, n, t in
                                cap.rows(f"dns.flags.response==0 && ip.src=={A}", "frame.number", "udp.stream",
                                         "dns.qry.name", "dns.qry.type")],
                  "benign_smb_writes": [{x: w[x] for x in ("client", "share", "filename", "size", "frame", "stream")}
                                        for w in smb_writes(cap, f"ip.src=={C}")]}
    return k


def ad_replication_benign(cap, name):
    DC1, DC2, FS, ADM, C, D = ("172.31.231.10", "172.31.231.11", "172.31.231.30", "172.31.231.45", "172.31.231.23",
                               "172.31.231.2")
    k = header(cap, name, "benign", [], [], [DC1, DC2, FS, ADM, C, D],
               "Two Samba domain controllers replicate: dc2 (172.31.231.11, joined before the capture) starts and pulls "
               "every partition from dc1 (172.31.231.10) with DRSUAPI DsGetNCChanges as DC2$, dc1 notifies dc2 "
               "(DsReplicaSync) and pulls back as DC1$; an administrator's PC (172.31.231.45) triggers and inspects "
               "replication with samba-tool (DsReplicaSync, DsReplicaGetInfo) and one single-object replication runs "
               "on dc2; a member server (172.31.231.30) joins and sets up three Netlogon secure channels with its real "
               "machine password (status 0), then passes two logons through (SamLogonEx); carol uses Kerberos from both "
               "DCs and the dept share. Nothing malicious.")
    fnd = []
    for w in smb_writes(cap):
        fnd.append(dict({"type": "file_upload", "required": False, "attacker": None, "victim": w["server"],
                         "client": w["client"], "protocol": "smb2", "share": w["share"],
                         "note": "a user's copy to a department share"},
                        **{x: w[x] for x in ("filename", "size", "sha256", "frame", "stream", "response_frame")}))
    k["findings"] = fnd
    k["allowed_findings"] = ["file_upload"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    dcs = sorted({s for (s,) in cap.rows(f"dcerpc.pkt_type==12 && tcp.srcport==49153", "ip.src")} |
                 {s for (s,) in cap.rows("kerberos.msg_type in {11,13} && tcp.srcport==88", "ip.src")})
    calls = rpc_calls(cap, "drsuapi")
    drs = []
    for b in drsuapi_binds(cap):
        mine = [c for c in calls if c["stream"] == b["stream"]]
        d = {"client": b["client"], "server": b["server"], "stream": b["stream"], "bind_frame": b["frame"],
             "auth": {9: "spnego", 10: "ntlmssp", 16: "kerberos"}.get(b["auth_type"], b["auth_type"]),
             "auth_level": b["auth_level"], "ntlm_user": b["ntlm_user"], "client_is_dc": b["client"] in dcs}
        for op in sorted({c["opnum"] for c in mine}):
            d[DRSUAPI_OPS[op]] = [c["frame"] for c in mine if c["opnum"] == op]
        drs.append(d)
    nl = cap.rows("rpc_netlogon && dcerpc.opnum==26 && dcerpc.pkt_type==0", "frame.number", "tcp.stream", "ip.src",
                  "ip.dst", "netlogon.acct_name", "netlogon.sec_chan_type", "netlogon.clientcred", "netlogon.neg_flags",
                  "dcerpc.response_in")
    chans = []
    for f, s, c, v, acct, typ, cred, flags, resp in nl:
        (cf, chal, cresp) = cap.rows(f"tcp.stream=={s} && rpc_netlogon && dcerpc.opnum==4 && dcerpc.pkt_type==0 && "
                                     f"frame.number<{f}", "frame.number", "netlogon.clientchallenge",
                                     "dcerpc.response_in")[-1]
        (rc,) = cap.one(f"frame.number=={resp}", "netlogon.rc")
        (over_smb,) = cap.one(f"frame.number=={f}", "smb2.cmd") if cap.rows(f"frame.number=={f} && smb2", "frame.number") \
            else (None,)
        chans.append({"client": c, "dc": v, "account": acct, "secure_channel_type": int(typ), "negotiate_flags": flags,
                      "stream": int(s), "carrier": "smb2 \\pipe\\netlogon" if over_smb else "tcp",
                      "req_challenge_frame": int(cf), "client_challenge": chal, "authenticate_frame": int(f),
                      "client_credential": cred, "response_frame": int(resp), "status": rc,
                      "zero_challenge": chal == "0" * 16, "zero_credential": cred == "0" * 16})
    sam = rpc_calls(cap, "rpc_netlogon && dcerpc.opnum==39")
    k["facts"] = {
        "domain_controllers": dcs,
        "replication": [d for d in drs if "DsGetNCChanges" in d],
        "getncchanges_clients": sorted({d["client"] for d in drs if "DsGetNCChanges" in d}),
        "drsuapi_without_getncchanges": [d for d in drs if "DsGetNCChanges" not in d],
        "netlogon_secure_channels": chans,
        "samlogonex": [{"client": c["client"], "frame": c["frame"], "stream": c["stream"],
                        "response_frame": c["answer_frames"][0],
                        "bind_auth_type": int(cap.one(f"tcp.stream=={c['stream']} && dcerpc.pkt_type==11",
                                                      "dcerpc.auth_type")[0])} for c in sam],
        "dns_dynamic_updates": {"client": DC2, "server": DC1, "count": len(cap.rows(
            f"dns.flags.opcode==5 && dns.flags.response==0 && ip.src=={DC2}", "frame.number"))},
        "resets_before_dc2_runs": [int(f) for (f,) in cap.rows(f"ip.src=={DC2} && tcp.flags.reset==1 && tcp.srcport==135",
                                                               "frame.number")]}
    return k


def series_stats(rows):
    """rows: (frame, stream, epoch) of each contact in order; the same figures as http_series."""
    times = [float(t) for _, _, t in rows]
    gaps = [b - a for a, b in zip(times, times[1:])]
    mean = sum(gaps) / len(gaps)
    sd = (sum((g - mean) ** 2 for g in gaps) / len(gaps)) ** 0.5
    return {"count": len(rows), "first_frame": int(rows[0][0]), "last_frame": int(rows[-1][0]),
            "first_stream": int(rows[0][1]), "last_stream": int(rows[-1][1]),
            "first_time_utc": utc(rows[0][2]), "last_time_utc": utc(rows[-1][2]),
            "observed_mean_s": round(mean, 3), "observed_sd_s": round(sd, 3),
            "observed_min_s": round(min(gaps), 3), "observed_max_s": round(max(gaps), 3)}


def is_grease(v):
    x = int(v, 16) if str(v).startswith("0x") else int(v)
    return x & 0x0f0f == 0x0a0a and x >> 12 == (x >> 4) & 0xf


def client_hellos(cap, client, server):
    rows = cap.rows_all(f"tls.handshake.type==1 && ip.src=={client} && ip.dst=={server}", "frame.number", "tcp.stream",
                        "frame.time_epoch", "tls.handshake.extensions_server_name", "tls.handshake.ja3",
                        "tls.handshake.version", "tls.handshake.extensions.supported_version",
                        "tls.handshake.extensions_alpn_str", "tls.handshake.ciphersuite", "tls.handshake.extension.type")
    hellos = [{"frame": int(f), "stream": int(s), "time": t, "sni": sni, "ja3": ja3, "version": ver,
               "supported_versions": [v for v in sv.split(",") if v], "alpn": [a for a in alpn.split(",") if a],
               "grease": any(is_grease(x) for x in (cs.split(",") + ext.split(",")) if x)}
              for f, s, t, sni, ja3, ver, sv, alpn, cs, ext in rows]
    return hellos, series_stats([(h["frame"], h["stream"], h["time"]) for h in hellos])


def certificates(cap, client, server):
    """The chain each ServerHello..Certificate of the server to the client carries, parsed from the DER bytes tshark
    shows (python3-cryptography): the leaf's subject, issuer, names, validity, key, serial and SHA-256, the rest of
    the chain's subjects."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    rows = cap.rows_all(f"tls.handshake.certificates_length && ip.src=={server} && ip.dst=={client}", "frame.number",
                        "tcp.stream", "tls.handshake.certificate")
    chains = {tuple(c.split(",")) for _, _, c in rows}
    assert len(chains) == 1, "one chain in every handshake"
    ders = [bytes.fromhex(c.replace(":", "")) for c in chains.pop()]
    certs = [x509.load_der_x509_certificate(d) for d in ders]
    leaf = certs[0]
    try:
        san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        san = []
    key = leaf.public_key()
    key_name = f"RSA {key.key_size}" if isinstance(key, rsa.RSAPublicKey) else \
        f"EC {key.curve.name}" if isinstance(key, ec.EllipticCurvePublicKey) else type(key).__name__

    def ca(c):
        try:
            return c.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        except x509.ExtensionNotFound:
            return False

    nb, na = leaf.not_valid_before_utc, leaf.not_valid_after_utc
    return {"frames": [int(f) for f, _, _ in rows], "streams": [int(s) for _, s, _ in rows],
            "subject": leaf.subject.rfc4514_string(), "issuer": leaf.issuer.rfc4514_string(),
            "self_signed": leaf.subject == leaf.issuer, "dns_names": san,
            "not_before_utc": nb.strftime("%Y-%m-%dT%H:%M:%SZ"), "not_after_utc": na.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "validity_days": round((na - nb).total_seconds() / 86400, 3), "not_before_epoch": nb.timestamp(),
            "serial": format(leaf.serial_number, "x"), "key": key_name, "der_bytes": len(ders[0]),
            "sha256": leaf.fingerprint(hashes.SHA256()).hex(), "leaf_is_ca": ca(leaf),
            "chain": [{"subject": c.subject.rfc4514_string(), "issuer": c.issuer.rfc4514_string(), "ca": ca(c),
                       "self_signed": c.subject == c.issuer} for c in certs[1:]]}


def names_match(sni, names):
    """RFC 6125: exact, or one left-most wildcard label."""
    for n in names:
        if n.lower() == sni.lower() or n.startswith("*.") and sni.lower().split(".", 1)[-1] == n[2:].lower():
            return True
    return False


def cleartext_requests(cap, display_filter):
    return [{"frame": int(f), "stream": int(s), "client": c, "server": v, "host": h, "uri": u, "user_agent": ua,
             "response_frame": int(r)} for f, s, c, v, h, u, ua, r in
            cap.rows(f"http.request && ({display_filter})", "frame.number", "tcp.stream", "ip.src", "ip.dst", "http.host",
                     "http.request.uri", "http.user_agent", "http.response_in")]


def server_banners(cap):
    return [{"server": a, "banner": b, "first_frame": min(int(f) for f, a2, b2 in rows if (a2, b2) == (a, b))}
            for rows in [cap.rows("http.server", "frame.number", "ip.src", "http.server")]
            for a, b in sorted({(a, b) for _, a, b in rows})]


def c2_https_beacon(cap, name):
    A, V, C, D = "172.31.232.66", "172.31.232.10", "172.31.232.23", "172.31.232.2"
    k = header(cap, name, "malicious", [A], [V], [C, D],
               "An implant on 172.31.232.10 checks in once over cleartext HTTP to cdn-sync-update.net "
               "(172.31.232.66) with a Chrome 120 User-Agent, then polls it over HTTPS (TLS 1.2) 16 times every 5 s "
               "with 20 % jitter, a new connection after a DNS lookup each time; its ClientHello is Python's (no TLS "
               "1.3, no ALPN, no GREASE), not Chrome's. The C2 presents a self-signed certificate valid for 2 days, made "
               "seconds before, naming secure-gateway instead of the name asked for. A benign client browses the "
               "victim's own site with a Chrome User-Agent. No task or exfiltration was played.")
    hellos, stats = client_hellos(cap, V, A)
    (sni,) = {h["sni"] for h in hellos}
    (ja3,) = {h["ja3"] for h in hellos}
    cert = certificates(cap, V, A)
    (checkin,) = cleartext_requests(cap, f"ip.src=={V} && ip.dst=={A}")
    dns = cap.rows(f'dns.flags.response==0 && ip.src=={V} && dns.qry.name=="{sni}"', "frame.number", "dns.qry.type")
    first_epoch = float(cap.one("frame.number==1", "frame.time_epoch")[0])
    signals = (["self-signed"] if cert["self_signed"] else []) + \
              ([] if names_match(sni, cert["dns_names"] or [cert["subject"].rsplit("CN=", 1)[-1].split(",")[0]])
               else ["names do not match the server name asked for"]) + \
              (["short-lived"] if cert["validity_days"] < 5 else []) + \
              (["issued just before"] if first_epoch - cert["not_before_epoch"] < 7 * 86400 else [])
    contradictions = ([] if any("0x0304" in h["supported_versions"] for h in hellos) else ["does not offer TLS 1.3"]) + \
                     ([] if any(h["alpn"] for h in hellos) else ["sends no ALPN"]) + \
                     ([] if any(h["grease"] for h in hellos) else ["no GREASE"])
    fnd = [dict({"type": "beacon", "required": True, "attacker": A, "victim": V, "destination": sni,
                 "destination_kind": "tls_sni", "sni": sni, "server_address": A, "port": 443, "protocol": "tls",
                 "tls_versions": sorted({h["version"] for h in hellos}), "ja3": ja3, "period_s": 5.0, "jitter": 0.2},
                **stats,
                contact_frames=[h["frame"] for h in hellos], dns_lookups=len(dns),
                checkin={k2: checkin[k2] for k2 in ("frame", "stream", "uri", "user_agent", "response_frame")},
                certificate_frames=cert["frames"],
                note="each poll (GET /api/v2/sync?id=7f3a, encrypted) is a new TLS connection after an A and an AAAA "
                     "lookup; the counts and times are those of the ClientHellos; the scenario's period is 5 s with "
                     "uniform jitter of 20 %; a suspicious certificate and a client that lies about itself make it a "
                     "command channel suspected, not proven")]
    fnd.append({"type": "suspicious_certificate", "required": False, "attacker": A, "victim": V, "server": A,
                "port": 443, "clients": [V], "server_name_asked": sni, "names_not_matched": [sni] if
                "names do not match the server name asked for" in signals else [],
                "connections": len(cert["frames"]), "signals": signals,
                **{x: cert[x] for x in ("subject", "issuer", "self_signed", "dns_names", "not_before_utc",
                                         "not_after_utc", "validity_days", "serial", "key", "der_bytes", "sha256")},
                "issued_s_before_capture": round(first_epoch - cert["not_before_epoch"], 3),
                "frame": cert["frames"][0], "first_frame": cert["frames"][0], "last_frame": cert["frames"][-1],
                "certificate_frames": cert["frames"],
                "note": "low on its own (found by a certificate detector without an attacker); it raises the beacon "
                        "to the same server, which carries it"})
    fnd.append({"type": "client_impersonation", "required": False, "attacker": A, "victim": V, "client": V,
                "destination": sni, "server": A, "user_agent": checkin["user_agent"], "claimed_browser": "Chrome 120",
                "user_agent_frame": checkin["frame"], "user_agent_stream": checkin["stream"], "hellos": len(hellos),
                "hello_frames": [h["frame"] for h in hellos], "ja3": [ja3],
                "supported_versions_offered": sorted({v for h in hellos for v in h["supported_versions"]}),
                "alpn_offered": sorted({a for h in hellos for a in h["alpn"]}),
                "grease": any(h["grease"] for h in hellos), "contradictions": contradictions,
                "frame": checkin["frame"], "first_frame": checkin["frame"], "last_frame": hellos[-1]["frame"],
                "note": "a Chrome User-Agent in clear, a Python ClientHello in every TLS connection to the same "
                        "server; low on its own, it raises the beacon, which carries it"})
    k["findings"] = fnd
    k["absent_findings"] = ["port_scan", "host_sweep", "content_discovery", "attack_tool", "web_attack",
                            "login_bruteforce", "file_upload", "webshell_command", "reverse_shell", "cleartext_credentials",
                            "credential_reuse", "post_login_activity", "dns_tunnel", "exfiltration", "payload_delivery",
                            "intel_match", "kerberoasting", "asrep_roasting", "user_enumeration", "lateral_movement",
                            "dcsync", "zerologon"]
    k["facts"] = {"benign_browsing": cleartext_requests(cap, f"ip.src=={C}")}
    return k


def https_portal_poll(cap, name):
    P, M, C, D = "172.31.234.40", "172.31.234.10", "172.31.234.23", "172.31.234.2"
    k = header(cap, name, "benign", [], [], [P, M, C, D],
               "A monitoring job on 172.31.234.10 checks the internal portal portal.lab.local (172.31.234.40) once "
               "over cleartext HTTP and then polls it over HTTPS (TLS 1.2) 16 times every 5 s with 20 % jitter, with "
               "curl and its own User-Agent; the portal's certificate is issued by the site's own CA, names the "
               "portal and is valid for a year. A benign client browses the monitoring host's site with a Chrome "
               "User-Agent. Nothing malicious.")
    hellos, stats = client_hellos(cap, M, P)
    (sni,) = {h["sni"] for h in hellos}
    (ja3,) = {h["ja3"] for h in hellos}
    cert = certificates(cap, M, P)
    (checkin,) = cleartext_requests(cap, f"ip.src=={M} && ip.dst=={P}")
    k["findings"] = []
    k["allowed_findings"] = ["info_disclosure"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    k["facts"] = {
        "portal_polls": dict({"client": M, "server": P, "sni": sni, "port": 443, "period_s": 5.0, "jitter": 0.2,
                              "tls_versions": sorted({h["version"] for h in hellos}), "ja3": ja3,
                              "alpn": sorted({a for h in hellos for a in h["alpn"]}),
                              "user_agent": checkin["user_agent"]}, **stats, frames=[h["frame"] for h in hellos]),
        "checkin": checkin,
        "certificate": dict({x: cert[x] for x in ("subject", "issuer", "self_signed", "dns_names", "not_before_utc",
                                                  "not_after_utc", "validity_days", "serial", "key", "sha256",
                                                  "leaf_is_ca", "chain", "frames")},
                            names_server=names_match(sni, cert["dns_names"])),
        "server_banners": server_banners(cap),
        "benign_browsing": cleartext_requests(cap, f"ip.src=={C}")}


def soap_actions(cap, display_filter):
    """(frame, stream, SOAPAction) of each HTTP request matching the filter (tshark's header lines)."""
    out = subprocess.run(["tshark", "-2", "-r", cap.path, "-Y", display_filter, "-T", "fields", "-E", "occurrence=a",
                          "-E", "aggregator=|", "-e", "frame.number", "-e", "tcp.stream", "-e", "http.request.line"],
                         check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        f, st, lines = line.split("\t")
        act = next((l.split(":", 1)[1].replace("\\r\\n", "").strip().strip('"') for l in lines.split("|")
                    if l.lower().startswith("soapaction:")), None)
        rows.append((int(f), int(st), act))
    return rows


def windows_noise_benign(cap, name):
    GW, D1, LT, NAS, D = "172.31.238.1", "172.31.238.10", "172.31.238.23", "172.31.238.40", "172.31.238.2"
    k = header(cap, name, "benign", [], [], [GW, D1, LT, NAS, D],
               "The noise of a small Windows network: the router's UPnP IGD (miniupnpd) sends SSDP NOTIFY and answers "
               "M-SEARCH; a desktop's game launcher (upnpc) reads the status, adds three port mappings, lists them "
               "(GetGenericPortMappingEntry loop) and deletes them over SOAP; a laptop searches with gssdp-discover, "
               "probes with wsdd and fetches the desktop's and the NAS's WS-Discovery metadata over SOAP on 5357, asks "
               "NetBIOS names by broadcast (nmbd answers, browser election) and LLMNR on 224.0.0.252 (wpad unanswered). "
               "Nothing malicious.")
    k["findings"] = []
    k["allowed_findings"] = ["info_disclosure"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    soap = soap_actions(cap, f'http.request.method=="POST" && ip.src=={D1} && ip.dst=={GW} && tcp.dstport==5000')
    actions = {}
    for _, _, a in soap:
        a = a.split("#", 1)[1] if a and "#" in a else a
        actions[a] = actions.get(a, 0) + 1
    wsd = cap.rows(f'http.request.method=="POST" && tcp.dstport==5357', "frame.number", "tcp.stream", "ip.dst",
                   "http.content_type")
    notify = cap.rows('ssdp && http.request.method=="NOTIFY"', "frame.number")
    msearch = cap.rows('ssdp && http.request.method=="M-SEARCH"', "frame.number", "ip.src")
    nbns = cap.rows("nbns.flags.response==0", "frame.number", "ip.src", "nbns.name")
    llmnr = cap.rows("llmnr && dns.flags.response==0", "frame.number", "dns.qry.name")
    answered = {n for (n,) in cap.rows("llmnr && dns.flags.response==1", "dns.qry.name")}
    k["facts"] = {
        "upnp_soap": {"client": D1, "server": GW, "port": 5000, "posts": len(soap), "first_frame": soap[0][0],
                      "last_frame": soap[-1][0], "actions": dict(sorted(actions.items())),
                      "user_agent": cap.one(f'http.request && ip.src=={D1} && tcp.dstport==5000', "http.user_agent")[0]},
        "wsd_metadata": [{"frame": int(f), "stream": int(st), "server": dst, "content_type": ct} for f, st, dst, ct in wsd],
        "ssdp": {"notify": len(notify), "msearch": len(msearch), "msearch_clients": sorted({s for _, s in msearch}),
                 "first_frame": min(int(f) for (f,) in notify)},
        "netbios_requests": {"count": len(nbns), "names": sorted({n for _, _, n in nbns}),
                             "note": "queries, registrations and refreshes (nmbd, nmblookup) by broadcast"},
        "llmnr_queries": [{"frame": int(f), "name": n, "answered": n in answered} for f, n in llmnr],
    }
    return k


def c2_dns_beacon(cap, name):
    A, V, C, R = "172.31.224.66", "172.31.224.10", "172.31.224.23", "172.31.224.2"
    dom, poll = "cdn-metrics-sync.com", "a3f9c2e1.cdn-metrics-sync.com"
    k = header(cap, name, "malicious", [A], [V], [C, R],
               "An implant on 172.31.224.10 polls its controller over DNS only, through the site's resolver "
               "172.31.224.2, which forwards cdn-metrics-sync.com to the authoritative server 172.31.224.66: A "
               "a3f9c2e1.cdn-metrics-sync.com every 5 s with 25 % jitter (28 polls), answered 0.0.0.0 while idle and "
               "0.0.0.1 when a task waits; it fetches each task in TXT (base64), runs it and sends the output back "
               "hex-encoded in query names (id; hostname; uname -m, then cat /etc/passwd). The victim never talks to "
               "the attacker directly. A benign client looks up corp.lan names.")
    polls = [int(f) for (f,) in cap.rows(f'dns.flags.response==0 && ip.src=={V} && dns.qry.name=="{poll}"', "frame.number")]
    tasks = [int(f) for (f,) in cap.rows(f'dns.flags.response==1 && ip.dst=={V} && dns.qry.name=="{poll}" && dns.a==0.0.0.1',
                                         "frame.number")]
    fetch = [(int(f), n) for f, n in cap.rows(f'dns.flags.response==0 && ip.src=={V} && dns.qry.type==16 && '
                                              f'dns.qry.name contains "{dom}"', "frame.number", "dns.qry.name")]
    results = [int(f) for (f,) in cap.rows(f'dns.flags.response==0 && ip.src=={V} && dns.qry.name contains ".r.a3f9c2e1."',
                                           "frame.number")]
    relayed = cap.rows(f'dns.flags.response==0 && ip.src=={R} && ip.dst=={A}', "frame.number")
    direct = cap.rows(f'ip.addr=={V} && ip.addr=={A}', "frame.number")
    assert not direct, "the victim must not talk to the attacker directly"
    k["findings"] = [{"type": "beacon", "required": True, "attacker": A, "victim": V, "destination": dom,
                      "destination_kind": "dns_query", "resolver": R, "authoritative_server": A,
                      "first_frame": polls[0], "last_frame": polls[-1], "count": len(polls), "period_s": 5.0,
                      "jitter": 0.25, "task_answer_frames": tasks, "task_fetch_frames": [f for f, _ in fetch],
                      "result_query_frames": results, "queries_relayed": len(relayed),
                      "note": "DNS is the whole channel: orders in A and TXT answers, results in the names"}]
    k["allowed_findings"] = ["beacon", "dns_tunnel", "exfiltration", "info_disclosure"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    return k


def dns_poll_benign(cap, name):
    VEN, AG, MON, C, R = "172.31.225.66", "172.31.225.10", "172.31.225.50", "172.31.225.23", "172.31.225.2"
    k = header(cap, name, "benign", [], [], [VEN, AG, MON, C, R],
               "Periodic DNS that is ordinary: a monitor checks every 5 s that status.saas-vendor.com (A, always "
               "203.0.113.10, never connected to), saas-vendor.com (TXT, its SPF record) and portal.corp.lan resolve; "
               "an agent polls http://api.saas-vendor.com/v1/status.json every 5 s with curl, looking the name up "
               "each time; the resolver forwards saas-vendor.com to the vendor's server. Nothing malicious.")
    status = [int(f) for (f,) in cap.rows(f'dns.flags.response==0 && ip.src=={MON} && dns.qry.name=="status.saas-vendor.com"',
                                          "frame.number")]
    gets = [int(f) for (f,) in cap.rows(f'http.request && ip.src=={AG} && http.host=="api.saas-vendor.com"', "frame.number")]
    k["findings"] = []
    k["allowed_findings"] = ["beacon", "info_disclosure"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    k["facts"] = {"health_checks": {"client": MON, "name": "status.saas-vendor.com", "first_frame": status[0],
                                    "last_frame": status[-1], "count": len(status), "period_s": 5.0,
                                    "note": "a beacon over DNS in shape, low: the same answers every time"},
                  "agent_polls": {"client": AG, "host": "api.saas-vendor.com", "first_frame": gets[0],
                                  "last_frame": gets[-1], "count": len(gets), "period_s": 5.0}}
    return k


def name_poisoning(cap, name):
    A, V, FS, B, D = "172.31.224.66", "172.31.224.10", "172.31.224.20", "172.31.224.23", "172.31.224.2"
    k = header(cap, name, "malicious", [A], [V], [FS, B, D],
               "A Responder-style poisoner on 172.31.224.66 answers every NBNS broadcast and LLMNR multicast name "
               "query with its own address. WS-ALICE (172.31.224.10) mistypes the file server's name twice "
               "(FILESRVV, FILESERVER-OLD) and asks LLMNR for wpad and printsrv: each answered by the poisoner; "
               "smbclient then logs on to the poisoner with NTLMv2 as CORP\\alice (impacket's SMB server keeps the "
               "hash) and curl fetches its wpad.dat. The poisoner also answers FILESRV, which the real server "
               "172.31.224.20 registered and answers first. WS-BOB uses the real server meanwhile.")
    ans = cap.rows(f"(nbns.flags.response==1 || (llmnr && dns.flags.response==1)) && ip.src=={A} && !icmp", "frame.number",
                   "nbns.name", "dns.qry.name", "ip.dst")
    answers = [{"frame": int(f), "protocol": "nbns" if nb else "llmnr", "name": (nb or q).split("<")[0].lower(), "asker": dst}
               for f, nb, q, dst in ans]
    auth = cap.rows(f"ntlmssp.messagetype==0x00000003 && ip.dst=={A}", "frame.number", "tcp.stream",
                    "ntlmssp.auth.username", "ntlmssp.auth.domain", "ntlmssp.auth.hostname")
    (reg,) = cap.one(f"nbns.flags.opcode==5 && ip.src=={FS}", "frame.number")
    k["findings"] = [{"type": "name_poisoning", "required": True, "attacker": A, "victim": V, "poisoner": A,
                      "names": sorted({a["name"] for a in answers}), "answers": answers,
                      "answer_frames": [a["frame"] for a in answers], "frame": answers[0]["frame"],
                      "conflict": {"name": "filesrv", "owner": FS, "registration_frame": int(reg)},
                      "credential_frames": [int(f) for f, *_ in auth],
                      "credentials": [{"frame": int(f), "stream": int(s), "user": u, "domain": d, "workstation": w}
                                      for f, s, u, d, w in auth],
                      "password": "Summer2026!", "succeeded": True}]
    k["allowed_findings"] = ["name_poisoning", "info_disclosure"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    return k


def name_resolution_benign(cap, name):
    V, FS, B, NAS, D = "172.31.225.10", "172.31.225.20", "172.31.225.23", "172.31.225.30", "172.31.225.2"
    k = header(cap, name, "benign", [], [], [V, FS, B, NAS, D],
               "Its twin: the same typos and LLMNR queries for wpad and printsrv go unanswered; FILESRV and NAS01 "
               "answer their own names (NBNS, LLMNR) and the users log on to the real file server with NTLMv2. "
               "Nothing malicious.")
    auth = cap.rows("ntlmssp.messagetype==0x00000003", "frame.number", "ip.dst", "ntlmssp.auth.username")
    k["findings"] = []
    k["allowed_findings"] = ["info_disclosure"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    k["facts"] = {"logons": [{"frame": int(f), "server": d, "user": u} for f, d, u in auth],
                  "unanswered": ["filesrvv", "fileserver-old", "wpad", "printsrv"]}
    return k


def c2_long_session(cap, name):
    A, V, C, D = "172.31.226.66", "172.31.226.10", "172.31.226.23", "172.31.226.2"
    sni = "update.cdn-metrics-sync.com"
    k = header(cap, name, "malicious", [A], [V], [C, D],
               "Two implants on 172.31.226.10 that never close their socket: one TLS session to "
               "update.cdn-metrics-sync.com (172.31.226.66:8443, a 2-day certificate made seconds before by a CA no "
               "one knows) with 30 padded check-ins every 5 s +-20 %, one answer carrying a shell command and the next "
               "check-in its output (sizes only: 80 bytes instead of 46, then 1,376); and one UDP flow to 9999, 20 "
               "exchanges every 7 s +-25 %. A benign client browses the victim's site.")
    (hello, stream) = cap.one(f'tls.handshake.type==1 && ip.src=={V} && tls.handshake.extensions_server_name=="{sni}"',
                              "frame.number", "tcp.stream")
    recs = [int(f) for (f,) in cap.rows(f'tcp.stream=={stream} && ip.src=={V} && tls.record.content_type==23', "frame.number")]
    ups = [(int(f), int(n)) for f, n in cap.rows(f'tcp.stream=={stream} && ip.src=={V} && tls.record.content_type==23',
                                                 "frame.number", "tcp.len")]
    downs = [(int(f), int(n)) for f, n in cap.rows(f'tcp.stream=={stream} && ip.src=={A} && tls.record.content_type==23',
                                                   "frame.number", "tcp.len")]
    idle = max(set(n for _, n in downs), key=[n for _, n in downs].count)
    result = max(ups, key=lambda r: r[1])[0]
    task = max(f for f, n in downs if n != idle and f < result)
    (ustream,) = cap.one(f"ip.src=={V} && udp.dstport==9999", "udp.stream")
    dgrams = [int(f) for (f,) in cap.rows(f"udp.stream=={ustream} && ip.src=={V}", "frame.number")]
    k["findings"] = [
        {"type": "beacon", "required": True, "attacker": A, "victim": V, "destination": sni, "destination_kind": "tls_sni",
         "server_address": A, "port": 8443, "stream": int(stream), "hello_frame": int(hello), "first_frame": int(hello),
         "last_frame": recs[-1], "count": len(recs), "period_s": 5.0, "jitter": 0.2, "task_frame": task, "result_frame": result,
         "note": "one TCP connection: the contacts are its exchanges; the task and result show by their sizes only"},
        {"type": "beacon", "required": True, "attacker": A, "victim": V, "destination": sni,
         "destination_kind": "dns_name", "transport": "udp", "server_address": A, "port": 9999, "stream": int(ustream),
         "first_frame": dgrams[0], "last_frame": dgrams[-1], "count": len(dgrams), "period_s": 7.0, "jitter": 0.25,
         "note": "one UDP flow of random-sized datagrams to the address the implant resolved for the C2 name; low on "
                 "its own (a private address, nothing readable), the C2's second channel beside the TLS session"}]
    k["allowed_findings"] = ["beacon", "suspicious_certificate", "info_disclosure"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    return k


def long_session_benign(cap, name):
    S, W, U, D = "172.31.227.66", "172.31.227.10", "172.31.227.23", "172.31.227.2"
    k = header(cap, name, "benign", [], [], [S, W, U, D],
               "Long-lived sessions that are ordinary: a push client keeps one TLS connection to push.corp.lan with a "
               "2-byte ping every 5 s (two notifications pushed), an NTP client polls every 8 s from one socket, a "
               "browser keeps one HTTPS connection to apps.corp.lan for a few requests. Nothing malicious.")
    k["findings"] = []
    k["allowed_findings"] = ["beacon", "info_disclosure"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    return k


def dns2tcp_tunnel(cap, name):
    A, V, R, C = "172.31.228.66", "172.31.228.10", "172.31.228.2", "172.31.228.23"
    zone = "t.cdn-metrics-sync.com"
    k = header(cap, name, "malicious", [A], [V], [C, R],
               "dns2tcp on 172.31.228.10 tunnels a TCP resource through the site's resolver 172.31.228.2 to dns2tcpd, "
               "the authoritative server of t.cdn-metrics-sync.com on 172.31.228.66 (TXT queries, base64 names), and "
               "sends loot.tgz (4,585 bytes: an HR file and passwd) through it with ncat. The victim never talks to "
               "the attacker directly. A benign client looks up corp.lan names.")
    q = cap.rows(f'dns.flags.response==0 && ip.src=={V} && dns.qry.name contains "{zone}"', "frame.number", "dns.qry.name.len")
    data = [int(f) for f, n in q if int(n) > 100]
    relayed = cap.rows(f'dns.flags.response==0 && ip.src=={R} && ip.dst=={A}', "frame.number")
    k["findings"] = [{"type": "dns_tunnel", "required": True, "attacker": A, "victim": V, "tool": "dns2tcp",
                      "domain": "cdn-metrics-sync.com", "zone": zone, "resolver": R, "server": A, "qtypes": ["TXT"],
                      "queries_from_victim": len(q), "queries_relayed": len(relayed), "first_frame": int(q[0][0]),
                      "last_frame": int(q[-1][0]), "data_first_frame": data[0], "data_last_frame": data[-1],
                      "data_queries": len(data), "bytes": 4585,
                      "sha256": "b7de6bc4b6bd07933378628dc7758d07c0497daae8436680acb15257ca74337a",
                      "note": "the file is the data queries' base64 payloads after dns2tcp's 7-byte header, in order"}]
    k["allowed_findings"] = ["dns_tunnel", "exfiltration", "info_disclosure"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    return k


def exfil_protocols(cap, name):
    A, V, C, D = "172.31.229.66", "172.31.229.10", "172.31.229.23", "172.31.229.2"
    k = header(cap, name, "malicious", [A], [V], [C, D],
               "An infected web server (172.31.229.10) fetches a script from its attacker (172.31.229.66:8000) and "
               "sends its loot back three ways: loot.tgz (an HR file and passwd) by FTP STOR, a mysqldump-like db.sql "
               "attached to a mail through the attacker's SMTP server, and loot.tgz again over raw TCP to 4444. A "
               "benign client browses the victim's site meanwhile.")
    fnd = []
    (stor, ds) = cap.one('ftp.request.command=="STOR"', "frame.number", "tcp.stream")
    (dframe, dstream) = cap.one(f'ftp-data && ip.src=={V}', "frame.number", "tcp.stream")
    fnd.append({"type": "exfiltration", "required": True, "attacker": A, "victim": V, "protocol": "ftp", "method": "STOR",
                "file": "loot.tgz", "bytes": 4587, "sha256": "90e913ab9765739c4d7603d06a71deccac03f8e367d1753d4f22fe06d1b9f2fb",
                "command_frame": int(stor), "frame": int(dframe), "stream": int(dstream)})
    (data_frame, sstream) = cap.one('smtp.req.command=="DATA"', "frame.number", "tcp.stream")
    (imf,) = cap.one("imf", "frame.number")
    fnd.append({"type": "exfiltration", "required": True, "attacker": A, "victim": V, "protocol": "smtp",
                "file": "db.sql", "bytes": 6464, "sha256": "cb8ed08fbea193594cdd96d450556c94beac3105d223f78fe49c4e085737a844",
                "content_kind": "database dump", "data_command_frame": int(data_frame), "frame": int(imf), "stream": int(sstream)})
    (tframe, tstream) = cap.one(f"tcp.dstport==4444 && tcp.len>0", "frame.number", "tcp.stream")
    fnd.append({"type": "exfiltration", "required": True, "attacker": A, "victim": V, "protocol": "tcp", "port": 4444,
                "bytes": 4587, "sha256": "90e913ab9765739c4d7603d06a71deccac03f8e367d1753d4f22fe06d1b9f2fb",
                "frame": int(tframe), "stream": int(tstream)})
    for d in downloads(cap, f'ip.src=={V} && ip.dst=={A} && http.request.uri=="/c.sh"'):
        fnd.append(dict({"type": "payload_delivery", "required": False, "attacker": A, "victim": V,
                         "note": "the script the attacker had the victim fetch first"}, **d))
    k["findings"] = fnd
    k["allowed_findings"] = ["exfiltration", "payload_delivery", "cleartext_credentials", "info_disclosure"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    return k


def uploads_benign(cap, name):
    FS, W, U, D = "172.31.235.40", "172.31.235.10", "172.31.235.23", "172.31.235.2"
    hosts = sorted({h for (h,) in cap.rows("ip", "ip.src")} - {"0.0.0.0"})
    k = header(cap, name, "benign", [], [], hosts,
               "Staff upload a quarterly report (PDF) and its figures (xlsx) to the internal FTP server, mail the PDF "
               "to a colleague through the internal mail server, and copy a web backup tar.gz with ncat to the backup "
               "listener: the same tools and sizes as exfil-protocols, to internal destinations. Nothing malicious.")
    k["findings"] = []
    k["allowed_findings"] = ["cleartext_credentials", "info_disclosure", "exfiltration"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    k["facts"] = {"ftp_uploads": [int(f) for (f,) in cap.rows('ftp.request.command=="STOR"', "frame.number")],
                  "mail_data": [int(f) for (f,) in cap.rows('smtp.req.command=="DATA"', "frame.number")]}
    return k


def ad_roast_pivot(cap, name):
    A, V, W, F, C, D = ("172.31.237.66", "172.31.237.10", "172.31.237.41", "172.31.237.30", "172.31.237.23",
                        "172.31.237.2")
    k = header(cap, name, "malicious", [A, W], [V, F], [C, D],
               "One intruder across three hosts. From 172.31.237.66 (alice's phished password) it searches the DC's "
               "LDAP in clear for accounts with an SPN (the answer names svc_sql as holder of "
               "MSSQLSvc/sql01.lab.local:1433) and gets an RC4 service ticket for it from dc1 (172.31.237.10): "
               "Kerberoasting. It then logs in over SSH to a second workstation, ws2 (172.31.237.41), and from there "
               "uses the cracked svc_sql (a Domain Admin) against the member file server fs1 (172.31.237.30): impacket "
               "psexec writes its service binary to ADMIN$ and calls svcctl CreateServiceW, smbexec calls "
               "CreateServiceW with a cmd.exe line; both refused (Samba has no CreateService). One story: the "
               "account roasted by .66 is the one used from .41 against .30. carol (172.31.237.23) uses Kerberos and "
               "fs1's dept share before and after.")
    krb = kerberos(cap)
    fnd = []
    (bind,) = ldap_simple_binds(cap, f"ip.src=={A}")
    (sf, ss) = cap.one(f"ip.src=={A} && ldap.protocolOp==3", "frame.number", "tcp.stream")
    (entries_frame, entries) = cap.rows_all(f"tcp.stream=={ss} && ldap.protocolOp==4", "frame.number",
                                            "ldap.objectName", sep="|")[0]
    got = [m for m in krb if m["src"] == A and m["type"] == "12" and not {17, 18} & set(m["etypes"])
           and m["answer"]["type"] == "13"]
    (spn,) = {m["sname"] for m in got}
    fnd.append({"type": "kerberoasting", "required": True, "attacker": A, "victim": V, "client": A, "kdc": V,
                "tool": "MIT kvno -e rc4-hmac", "user": got[0]["answer"]["cname"], "spn": spn, "account": "svc_sql",
                "etypes_requested": sorted({e for m in got for e in m["etypes"]}), "tgs_req_frames": [m["frame"] for m in got], "tgs_rep_frames": [m["answer"]["frame"] for m in got],
                "ticket_etype": got[0]["answer"]["ticket_etype"], "succeeded": True, "frame": got[0]["frame"],
                "ldap_search_frame": int(sf), "ldap_entries_frame": int(entries_frame),
                "ldap_entries": entries.split("|"),
                "note": "the account is named by the roaster's own LDAP answer (sAMAccountName of the entry holding "
                        "the SPN): the ticket's SPN alone does not say whose key encrypts it"})
    fnd.append(dict({"type": "cleartext_credentials", "required": False, "attacker": A, "victim": V,
                     "protocol": "ldap", "note": "LDAP simple bind with alice's phished password in clear"},
                    **{x: bind[x] for x in ("username", "frame", "stream", "response_frame", "success")}))
    moves = psexec_smbexec(cap, W, F)
    fnd += moves
    ssh = [int(s_) for (s_,) in cap.rows(f"ip.src=={A} && ip.dst=={W} && tcp.dstport==22 && tcp.flags.syn==1 && "
                                         f"tcp.flags.ack==0", "tcp.stream")]
    fnd.append({"type": "attack_tool", "required": False, "attacker": W, "victim": F, "tool": "impacket",
                "note": "psexec (RemCom service binary, random names), smbexec (service BTOBTO)"})
    k["findings"] = fnd
    first_move = min(m["auth_frame"] for m in moves if m["type"] == "lateral_movement")
    k["pivots"] = [{"incident": f"{A} → {V}", "account": "svc_sql", "obtained_by": A, "obtained_in": "kerberoasting",
                    "obtained_frame": got[0]["frame"], "used_from": W, "used_on": F, "used_in": "lateral_movement",
                    "note": f"svc_sql's first NTLM logon from {W} is frame {first_move}; the finding starts at its "
                            "first evidence frame"}]
    k["absent_findings"] = ["port_scan", "host_sweep", "content_discovery", "web_attack", "login_bruteforce",
                            "webshell_command", "reverse_shell", "beacon", "dns_tunnel", "exfiltration", "intel_match",
                            "dcsync", "zerologon", "suspicious_certificate", "client_impersonation", "asrep_roasting"]
    k["facts"] = {"ssh_streams_attacker_to_ws2": ssh,
                  "benign_smb_writes": [{x: b[x] for x in ("client", "share", "filename", "size", "frame", "stream")}
                                        for b in smb_writes(cap, f"ip.src=={C}")]}
    return k


def ad_service_account_benign(cap, name):
    A, V, W, F, C, D = ("172.31.239.66", "172.31.239.10", "172.31.239.41", "172.31.239.30", "172.31.239.23",
                        "172.31.239.2")
    k = header(cap, name, "benign", [], [], [A, V, W, F, C, D],
               "Twin of ad-roast-pivot: the same domain, hosts and accounts used as intended. A help-desk admin in the "
               "intruder's place (172.31.239.66) looks up users over LDAP with a GSSAPI bind; carol gets an AES "
               "service ticket for MSSQLSvc/sql01.lab.local:1433 (a client of the SQL server); the admin logs in to "
               "ws2 (172.31.239.41, the SQL server sql01) over SSH; the service account svc_sql logs on from its own "
               "host to fs1 (172.31.239.30) with NTLM and with Kerberos and writes and reads back nightly.bak (a SQL "
               "dump) on the dept share; carol copies files there. No RC4 ticket, no ADMIN$, no svcctl.")
    krb = kerberos(cap)
    fnd = []
    for w in smb_writes(cap):
        fnd.append(dict({"type": "file_upload", "required": False, "attacker": None, "victim": w["server"],
                         "client": w["client"], "protocol": "smb2", "share": w["share"],
                         "note": "a copy to the department share (svc_sql's nightly.bak is a backup, not exfiltration)"},
                        **{x: w[x] for x in ("filename", "size", "sha256", "frame", "stream", "response_frame")}))
    k["findings"] = fnd
    k["allowed_findings"] = ["file_upload"]
    k["absent_findings"] = [t for t in ALL_TYPES_NOW if t not in k["allowed_findings"]]
    k["facts"] = {
        "service_tickets": [{"client": m["src"], "service": m["sname"], "frame": m["frame"], "stream": m["stream"],
                             "etypes_offered": m["etypes"], "answer_frame": m["answer"]["frame"],
                             "ticket_etype": m["answer"]["ticket_etype"]}
                            for m in krb if m["type"] == "12" and m["answer"]["type"] == "13"],
        "ntlm_logins": ntlm_logins(cap)}
    return k


def lanman_announce(cap, name):
    WA, FS, WB, NAS, D = "172.31.240.10", "172.31.240.20", "172.31.240.23", "172.31.240.30", "172.31.240.2"
    k = header(cap, name, "benign", [], [], [WA, FS, WB, NAS, D],
               "Three Samba hosts (FILESRV 172.31.240.20, NAS01 172.31.240.30, WS-BOB 172.31.240.23) announce "
               "themselves every 5 s on \\MAILSLOT\\BROWSE and, with lm announce = yes, on \\MAILSLOT\\LANMAN "
               "(the older LAN Manager host announcement); a browser election makes FILESRV the master browser; "
               "WS-ALICE (172.31.240.10) asks for FILESRV by NetBIOS name and lists its shares with smbclient -L over "
               "NTLM. Nothing malicious.")
    k["findings"] = []
    k["allowed_findings"] = []
    k["absent_findings"] = list(ALL_TYPES_NOW)
    lanman = cap.rows('mailslot.name contains "LANMAN"', "frame.number", "ip.src", "browser.server")
    k["facts"] = {"lanman_announcements": {src: {"server": srv, "frames": [int(f) for f, s_, _ in lanman if s_ == src]}
                                           for src, srv in sorted({(s_, v) for _, s_, v in lanman})}}
    return k


def ad_rpc_recon(cap, name):
    A, V, C, D = "172.31.233.66", "172.31.233.10", "172.31.233.23", "172.31.233.2"
    k = header(cap, name, "suspicious", [A], [V], [C, D],
               "With alice's phished password, 172.31.233.66 locates the DC in DNS and enumerates the domain over SMB2 "
               "pipes (NTLM, stubs in the clear): rpcclient EnumDomainUsers, QueryDisplayInfo levels 1-3, SAMR "
               "LookupNames/LookupRids, group and alias members, LSA EnumAccounts/LookupNames/LookupSids, then impacket "
               "lookupsid (LookupSids2 RID cycling). Reconnaissance only: nothing is changed, no secret is taken, so "
               "suspicious, not a compromise.")
    rpc = rpc_calls(cap, "samr") + rpc_calls(cap, "lsarpc")
    answered = sorted({n for (v,) in cap.rows_all(f"ip.src=={V} && samr.samr_DispEntryGeneral.account_name",
                                                  "samr.samr_DispEntryGeneral.account_name", sep="|")
                       for n in v.split("|")})
    fnd = [{"type": "user_enumeration", "required": True, "attacker": A, "victim": V, "client": A, "server": V,
            "tool": "rpcclient, impacket lookupsid", "calls": len(rpc), "first_frame": min(c["frame"] for c in rpc),
            "last_frame": max(c["answer_frames"][0] for c in rpc if c["answer_frames"]),
            "users": answered,
            "note": "the finding lists the accounts the answers named (QueryDisplayInfo, LookupSids, LookupRids)"}]
    k["findings"] = fnd
    k["absent_findings"] = ["port_scan", "host_sweep", "content_discovery", "web_attack", "login_bruteforce",
                            "webshell_command", "reverse_shell", "beacon", "dns_tunnel", "exfiltration", "intel_match",
                            "dcsync", "zerologon", "kerberoasting", "asrep_roasting", "lateral_movement"]
    k["facts"] = {"ntlm_logins": ntlm_logins(cap)}
    return k


MAKERS = {"connect-scan-ffuf-post-shell": connect_scan_ffuf_post_shell,
          "ipv6-fin-udp-wfuzz-b64-ncat": ipv6_fin_udp_wfuzz_b64_ncat,
          "hydra-login-bruteforce": hydra_login_bruteforce,
          "sqlmap-union-web-probes": sqlmap_union_web_probes,
          "benign-office-day": benign_office_day,
          "webshell-lab": webshell_lab,
          "benign-lab": benign_lab,
          "office-bruteforce": office_bruteforce,
          "office-benign": office_benign,
          "c2-http-beacon": c2_http_beacon,
          "dns-tunnel": dns_tunnel,
          "monitoring-poll": monitoring_poll,
          "software-update": software_update,
          "ad-roast-psexec": ad_roast_psexec,
          "ad-benign": ad_benign,
          "ad-dcsync-zerologon": ad_dcsync_zerologon,
          "ad-replication-benign": ad_replication_benign,
          "c2-https-beacon": c2_https_beacon,
          "https-portal-poll": https_portal_poll,
          "windows-noise-benign": windows_noise_benign,
          "c2-dns-beacon": c2_dns_beacon,
          "dns-poll-benign": dns_poll_benign,
          "name-poisoning": name_poisoning,
          "name-resolution-benign": name_resolution_benign,
          "c2-long-session": c2_long_session,
          "long-session-benign": long_session_benign,
          "dns2tcp-tunnel": dns2tcp_tunnel,
          "exfil-protocols": exfil_protocols,
          "uploads-benign": uploads_benign,
          "ad-roast-pivot": ad_roast_pivot,
          "ad-service-account-benign": ad_service_account_benign,
          "lanman-announce": lanman_announce,
          "ad-rpc-recon": ad_rpc_recon}


def main():
    folder = sys.argv[1]
    for name in sys.argv[2:] or list(MAKERS):
        with tempfile.TemporaryDirectory() as tmp:
            pcap = os.path.join(tmp, name + ".pcap")
            with gzip.open(os.path.join(folder, name + ".pcap.gz"), "rb") as src, open(pcap, "wb") as dst:
                shutil.copyfileobj(src, dst)
            key = MAKERS[name](Cap(pcap), name)
        with open(os.path.join(folder, name + ".answers.json"), "w") as f:
            json.dump(key, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print(f"{name}: {len(key['findings'])} findings, verdict {key['verdict']}")


if __name__ == "__main__":
    main()
