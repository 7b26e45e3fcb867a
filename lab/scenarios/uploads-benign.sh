# sourced by run-scenario.sh: the story played between the hosts
# Benign twin of exfil-protocols: the same tools and about the same sizes, to internal hosts with
# business names. An internal file server "fs" (.40: files/mail/backup.corp.lan) runs vsftpd
# (staff accounts, lib/ftp-host.sh), the site's mail relay (tools/smtp-sink-server.py, no AUTH
# inside the site) and a backup listener (ncat on 9000). Alice's workstation uploads the quarterly
# report (a PDF and an .xlsx) with curl -T (STOR, passive: curl's EPSV) and mails the PDF to Bob
# with swaks; the web server (.10) copies its nightly backup tar.gz to the backup port with
# ncat --send-only. Bob's workstation (.66) browses the web server meanwhile. No attacker.
NET=172.31.235; ATT=66; VIC=10; CLI=23; DNS=2; SHELLPORT=0; MORE_HOSTS="fs:40"
EXTRA_HOSTS="$NET.40 mail.corp.lan backup.corp.lan"
source "$HERE/lib/ftp-host.sh"
services() {
  for h in cli vic; do mkdir -p "/etc/netns/$P-$h"; printf 'nameserver %s\n' $D > "/etc/netns/$P-$h/resolv.conf"; done
  mkdir -p "$RUN/alice" "$RUN/web/backup" "$RUN/fs/mail" "$RUN/fs/backup"; chmod 777 "$RUN/alice" "$RUN/web"
  /usr/bin/python3 - "$RUN/alice" "$RUN/web/backup/catalog.csv" <<'PY'
import random, sys, zipfile, zlib
random.seed(23)
d = sys.argv[1]
# a PDF-like report: a text page (uncompressed content stream) and an xref table
lines = ["Q3 2026 quarterly report - Corp Ltd.", "Prepared by Finance, 5 October 2026", ""]
regions = ["North", "South", "East", "West", "Central", "Online"]
for m in ["July", "August", "September"]:
    for r in regions:
        lines.append("%s %s: revenue EUR %d, cost EUR %d, orders %d" % (m, r, random.randrange(80000, 250000), random.randrange(50000, 180000), random.randrange(300, 2000)))
lines += ["", "Outlook: stable demand in Q4; hiring plan unchanged."] + ["Note %d: figures are unaudited and rounded to the nearest euro." % i for i in range(1, 41)]
content = "BT /F1 9 Tf 40 800 Td 11 TL\n" + "".join("(%s) '\n" % l.replace("(", "[").replace(")", "]") for l in lines) + "ET\n"
objs = ["<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
        "<</Length %d>>\nstream\n%sendstream" % (len(content), content), "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        "<</Title(Q3 2026 quarterly report)/Author(Finance)/Producer(LibreOffice 7.4)>>"]
out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += ("%d 0 obj\n%s\nendobj\n" % (i, o)).encode("latin-1")
x = len(out)
out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode() + b"".join(b"%010d 00000 n \n" % o for o in offs)
out += ("trailer\n<</Size %d/Root 1 0 R/Info 6 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)).encode()
open(d + "/Q3-2026-report.pdf", "wb").write(out)
# an .xlsx-like workbook: the OOXML parts in a zip
rows = "".join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d"><v>%d</v></c><c r="C%d"><v>%d</v></c><c r="D%d"><v>%.2f</v></c></row>'
               % (i, i, random.choice(regions) + "-" + str(random.randrange(100, 999)), i, random.randrange(1000, 99999), i, random.randrange(1, 500), i, random.random() * 100)
               for i in range(1, 161))
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Q3 figures" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + rows + '</sheetData></worksheet>',
}
with zipfile.ZipFile(d + "/Q3-2026-figures.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for n, t in parts.items():
        z.writestr(zipfile.ZipInfo(n, (2026, 10, 5, 9, 30, 0)), t, zipfile.ZIP_DEFLATED)
# the web server's product catalogue export, part of its nightly backup
with open(sys.argv[2], "w") as f:
    f.write("sku,name,category,price,stock\n")
    for i in range(1, 201):
        f.write("SKU-%05d,%s %s,%s,%.2f,%d\n" % (random.randrange(10000, 99999), random.choice(["Desk", "Office", "Task", "Meeting", "Filing"]),
                random.choice(["lamp", "chair", "stapler", "cabinet", "whiteboard", "shelf", "monitor arm"]), random.choice(["Furniture", "Supplies", "Lighting"]),
                random.randrange(300, 40000) / 100, random.randrange(0, 900)))
PY
  cp -r "$RUN/www" "$RUN/web/backup/www"
  ( cd "$RUN/web/backup" && tar czf "$RUN/web/www-backup-20261207.tar.gz" catalog.csv www )
  ftp_host fs $(addr fs) 'alice:Autumn2026!:1001' 'bob:Harbour-77:1002'
  nsx fs /usr/bin/python3 "$HERE/tools/smtp-sink-server.py" mail.corp.lan "$RUN/fs/mail" $(addr fs) >"$RUN/logs/smtp-sink.log" 2>&1 &
  sleep 1
}
sha() { sha256sum < "$1" | cut -d' ' -f1; }
play() {
  local FS; FS=$(addr fs)
  note "file server fs $FS (files/mail/backup.corp.lan: vsftpd, mail relay on 25, backup listener on 9000); alice's workstation $C; web server $V; bob's workstation $A; dns $D; no attacker"
  ( for i in 1 2 3 4 5 6; do nsx att dig +short @$D portal.corp.lan >/dev/null || true
      for p in / /browse.php /about.php /product.php?id=2; do nsx att curl -s -A "$CHROME" -o /dev/null $URL$p; sleep 0.3; done; sleep 8; done ) & local bgpid=$!
  sleep 3
  note "1 FTP: alice uploads the quarterly report with curl -T (user alice, EPSV passive, STOR) to ftp://files.corp.lan/: Q3-2026-report.pdf ($(stat -c %s "$RUN/alice/Q3-2026-report.pdf") bytes) and Q3-2026-figures.xlsx ($(stat -c %s "$RUN/alice/Q3-2026-figures.xlsx") bytes), one connection"
  ( cd "$RUN/alice" && nsx cli curl -s -u 'alice:Autumn2026!' -T '{Q3-2026-report.pdf,Q3-2026-figures.xlsx}' ftp://files.corp.lan/ >"$RUN/logs/curl-ftp.log" 2>&1 ) || true
  local f
  for f in Q3-2026-report.pdf Q3-2026-figures.xlsx; do
    note "   $f sent sha256 $(sha "$RUN/alice/$f"); stored $( [ -f "$RUN/ftp-fs/alice/$f" ] && echo "$(stat -c %s "$RUN/ftp-fs/alice/$f") bytes sha256 $(sha "$RUN/ftp-fs/alice/$f")" || echo nothing)"
  done
  sleep 6
  note "2 SMTP: alice mails the report to bob with swaks through mail.corp.lan (no AUTH inside the site; MIME multipart, Q3-2026-report.pdf as application/pdf, base64)"
  ( cd "$RUN/alice" && nsx cli unshare -u sh -c 'hostname ws-alice; exec "$@"' _ swaks --to bob@corp.lan --from alice@corp.lan --server mail.corp.lan --header 'Subject: Q3 2026 report' \
      --body 'Hi Bob, the Q3 report is attached; the figures are on the file server. Alice' \
      --attach-type application/pdf --attach-name Q3-2026-report.pdf --attach @Q3-2026-report.pdf >"$RUN/logs/swaks.log" 2>&1 ) || true
  local att; att=$(ls "$RUN/fs/mail/"*-Q3-2026-report.pdf 2>/dev/null | head -1) || true
  note "   attachment received $( [ -n "$att" ] && echo "$(stat -c %s "$att") bytes sha256 $(sha "$att")" || echo nothing)"
  sleep 6
  note "3 backup: the web server copies www-backup-20261207.tar.gz ($(stat -c %s "$RUN/web/www-backup-20261207.tar.gz") bytes: catalog.csv and the web root; sha256 $(sha "$RUN/web/www-backup-20261207.tar.gz")) to backup.corp.lan:9000 with ncat --send-only (listener: ncat -l $FS 9000)"
  nsx fs timeout 20 ncat -l $FS 9000 > "$RUN/fs/backup/www-backup-20261207.tar.gz" 2>"$RUN/logs/ncat-l.log" &
  local lpid=$!
  sleep 1
  nsx vic timeout 15 ncat --send-only backup.corp.lan 9000 < "$RUN/web/www-backup-20261207.tar.gz" 2>"$RUN/logs/ncat-c.log" || true
  wait $lpid || true
  note "   received $(stat -c %s "$RUN/fs/backup/www-backup-20261207.tar.gz") bytes sha256 $(sha "$RUN/fs/backup/www-backup-20261207.tar.gz")"
  wait $bgpid || true
  cp "$RUN/fs/mail/"*.eml "$RUN/logs/" 2>/dev/null || true
  note "4 bob's workstation browses the web server (/, /browse.php, /about.php, /product.php?id=2, Chrome UA) six times, every ~10 s, with lookups of portal.corp.lan"
}
