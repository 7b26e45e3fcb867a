#!/usr/bin/env python3
"""POP3 and IMAP sessions of the mail lab with Python's poplib and imaplib: USER/PASS, APOP, a rejected login,
IMAP LOGIN with a literal password, SELECT, FETCH of whole messages, EXAMINE, a rejected LOGIN."""
import imaplib, poplib, sys, time

host = sys.argv[1]
p = poplib.POP3(host, 110)
p.user("bob"); p.pass_("bobpass")
p.stat(); p.list(); p.retr(1); p.top(3, 2); p.quit()
time.sleep(0.2)
p = poplib.POP3(host, 110)
p.apop("bob", "bobpass"); p.retr(3); p.quit()
time.sleep(0.2)
p = poplib.POP3(host, 110)
p.user("bob")
try:
    p.pass_("wrong")
except poplib.error_proto:
    pass
p.quit()
time.sleep(0.2)

m = imaplib.IMAP4(host, 143)
m.literal = b"bobpass"   # imaplib sends it as a literal after the arguments: LOGIN bob {7}, "+", bobpass
typ, _ = m._simple_command("LOGIN", "bob")
m.state = "AUTH"
m.select("INBOX")
m.fetch("1:3", "(RFC822)")
m.fetch("2", "(BODY.PEEK[])")
m.uid("FETCH", "1", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
m.select("INBOX", readonly=True)  # EXAMINE
m.logout()
time.sleep(0.2)
m = imaplib.IMAP4(host, 143)
try:
    m.login("alice", "nope")
except imaplib.IMAP4.error:
    pass
m.logout()
