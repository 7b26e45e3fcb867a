#!/usr/bin/env python3
"""Writes the test messages of the mail lab: DIR/m1.eml ... (used as maildir contents and as swaks bodies)."""
import sys, os
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.application import MIMEApplication
from email.header import Header
from email.utils import formatdate

d = sys.argv[1]
os.makedirs(d, exist_ok=True)
DATE = "Mon, 07 Dec 2026 00:30:00 +0000"

# 1: plain text with lines that start with a dot (dot-stuffing on the wire)
m = EmailMessage()
m["From"] = "Alice Example <alice@lab.test>"
m["To"] = "bob@lab.test, Carol <carol@lab.test>"
m["Subject"] = "Quarterly numbers"
m["Date"] = DATE
m["Message-ID"] = "<m1@lab.test>"
m.set_content("Hi Bob,\n.hidden line starting with a dot\n..two dots\nthe end\n")
open(f"{d}/m1.eml", "wb").write(bytes(m))

# 2: encoded-word subject, nested multipart (alternative inside mixed), quoted-printable, two attachments
outer = MIMEMultipart("mixed")
outer["From"] = "=?utf-8?q?J=C3=BCrgen?= <juergen@lab.test>"
outer["To"] = "bob@lab.test"
outer["Subject"] = Header("Rechnung für März – bitte prüfen", "utf-8").encode()
outer["Date"] = DATE
outer["Message-ID"] = "<m2@lab.test>"
alt = MIMEMultipart("alternative")
import email.charset
qp = email.charset.Charset("utf-8")
qp.body_encoding = email.charset.QP
alt.attach(MIMEText("Grüße aus Köln = viele Grüße\n" + "x" * 90 + "\n", "plain", qp))
alt.attach(MIMEText("<p>Grüße</p>", "html", qp))
outer.attach(alt)
pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" + bytes(range(256)) * 8
a = MIMEApplication(pdf, "pdf")
a.add_header("Content-Disposition", "attachment", filename="rechnung-märz.pdf")
outer.attach(a)
z = MIMEApplication(b"PK\x03\x04" + os.urandom(0) + b"\x14\x00" + b"A" * 3000, "zip")
z.add_header("Content-Disposition", "attachment", filename="tools.zip")
outer.attach(z)
open(f"{d}/m2.eml", "wb").write(outer.as_bytes().replace(b"\n", b"\r\n"))

# 3: an attached message (message/rfc822) holding a script
inner = EmailMessage()
inner["From"] = "it@lab.test"
inner["Subject"] = "inner"
inner.set_content("see attachment")
inner.add_attachment(b"#!/bin/sh\necho hello\n", maintype="text", subtype="x-shellscript", filename="run.sh")
m3 = EmailMessage()
m3["From"] = "bob@lab.test"
m3["To"] = "alice@lab.test"
m3["Subject"] = "Fwd: inner"
m3["Date"] = DATE
m3["Message-ID"] = "<m3@lab.test>"
m3.set_content("forwarding")
m3.add_attachment(inner)
open(f"{d}/m3.eml", "wb").write(bytes(m3))
