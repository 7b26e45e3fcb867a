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


# every finding type NTA has (ALL_TYPES are those of the first recordings), for keys written since
EVERY_TYPE = ALL_TYPES + ["kerberoasting", "asrep_roasting", "user_enumeration", "lateral_movement",
                          "suspicious_certificate", "client_impersonation", "dcsync", "zerologon"]


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
    k["absent_findings"] = [t for t in EVERY_TYPE if t not in k["allowed_findings"]]
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
          "windows-noise-benign": windows_noise_benign}


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
