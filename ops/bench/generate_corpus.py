#!/usr/bin/python3
"""Writes N realistic teacher messages for the parser benchmark: text + HTML alternatives with a
(Safe Links-wrapped) badge link and a forwarded block, plus either a ~100 KB PNG badge image or a
CSV log of PD hours, as Outlook and Gmail send them. Deterministic for a given seed.
usage: generate_corpus.py DIR N [--big MB]   (--big also writes big.eml with one attachment of MB)"""
import base64, os, random, sys, zlib, struct

out, n = sys.argv[1], int(sys.argv[2])
big = float(sys.argv[sys.argv.index("--big") + 1]) if "--big" in sys.argv else 0
rng = random.Random(2025)
os.makedirs(out, exist_ok=True)

def png(size):
    raw = bytes(rng.getrandbits(8) for _ in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 256, 256, 8, 6, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")

badge_png = base64.encodebytes(png(100 * 1024)).decode().replace("\n", "\r\n")
slugs = ["classroom-culture", "growth-mindset", "formative-assessment", "classroom-management", "restorative-practices"]

def message(i):
    who = "teacher%04d" % i
    slug = rng.choice(slugs)
    link = "https://microcredentials.digitalpromise.org/badges/%s/%s-%06x" % (slug, who, rng.getrandbits(24))
    wrapped = "https://nam12.safelinks.protection.outlook.com/?url=" + link.replace(":", "%3A").replace("/", "%2F") + "&data=05%7C02&reserved=0"
    text = ("Hello HR,\r\n\r\nPlease find my %s badge: %s\r\nPD hours: %d\r\n\r\nThank you,\r\nTeacher %d\r\n\r\n"
            "---------- Forwarded message ---------\r\nFrom: Digital Promise <no-reply@digitalpromise.org>\r\nDate: Mon, Sep 15, 2025 at 10:00 AM\r\n"
            "Subject: Congratulations!\r\nTo: <%s@district.org>\r\n\r\nYou earned %s. View your badge: %s\r\n") % (slug, wrapped, rng.randint(4, 10), i, who, slug, link)
    html = ("<html><head><style>p{margin:0}</style></head><body><p>Hello HR,</p><p>Please find my <a href=\"%s\">%s badge</a>.</p>"
            "<p>PD hours: 8</p><p>Thank you,<br>Teacher %d</p><div class=\"gmail_quote\">---------- Forwarded message ---------<br>"
            "From: Digital Promise &lt;no-reply@digitalpromise.org&gt;<br><br>You earned %s. <a href=\"%s\">View your badge</a></div></body></html>") % (wrapped, slug, i, slug, link)
    html_qp = html.replace("=", "=3D")
    html_qp = "=\r\n".join(html_qp[k:k + 74] for k in range(0, len(html_qp), 74))
    if i % 2 == 0:
        attachment = ("Content-Type: image/png; name=\"%s.png\"\r\nContent-Disposition: attachment; filename=\"%s.png\"\r\n"
                      "Content-Transfer-Encoding: base64\r\n\r\n%s") % (slug, slug, badge_png)
    else:
        rows = "".join("2025-09-%02d,Activity %d,%d\r\n" % (d, d, rng.randint(1, 3)) for d in range(1, 13))
        attachment = "Content-Type: text/csv; charset=utf-8\r\nContent-Disposition: attachment; filename=\"PD log.csv\"\r\n\r\nDate,Activity,Hours\r\n" + rows
    return ("From: Teacher %d <%s@district.org>\r\nTo: mc-submissions@district.org\r\nSubject: My %s badge\r\n"
            "Date: Mon, 15 Sep 2025 10:%02d:00 -0500\r\nMessage-ID: <bench-%d@district.org>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"mix%d\"\r\n\r\n--mix%d\r\nContent-Type: multipart/alternative; boundary=\"alt%d\"\r\n\r\n"
            "--alt%d\r\nContent-Type: text/plain; charset=\"utf-8\"\r\n\r\n%s\r\n--alt%d\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n--alt%d--\r\n\r\n--mix%d\r\n%s\r\n--mix%d--\r\n") % (
        i, who, slug, i % 60, i, i, i, i, i, text, i, html_qp, i, i, attachment, i)

for i in range(n):
    with open(os.path.join(out, "m%05d.eml" % i), "w", newline="") as f:
        f.write(message(i))
if big:
    payload = base64.encodebytes(bytes(rng.getrandbits(8) for _ in range(int(big * 1024 * 1024)))).decode().replace("\n", "\r\n")
    with open(os.path.join(out, "big.eml"), "w", newline="") as f:
        f.write("From: Teacher <t@district.org>\r\nTo: mc@district.org\r\nSubject: large evidence\r\nMIME-Version: 1.0\r\n"
                "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nMy evidence video.\r\n--b\r\n"
                "Content-Type: video/mp4; name=\"evidence.mp4\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + payload + "\r\n--b--\r\n")
