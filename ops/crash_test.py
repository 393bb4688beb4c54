#!/usr/bin/python3
"""Crash test: kill `mcbot run` with SIGKILL at random moments while it works through a backlog,
restart it until the mailbox is empty, then check that nothing was lost or done twice.

usage: crash_test.py MCBOT_BINARY [--messages N] [--seed S]
Needs the servers of `ops/mailserver up` and its environment (MCBOT_TEST_*)."""
import argparse, email, email.policy, imaplib, os, random, signal, smtplib, sqlite3, ssl, subprocess, sys, tempfile, time, uuid

parser = argparse.ArgumentParser()
parser.add_argument("mcbot")
parser.add_argument("--messages", type=int, default=300)
parser.add_argument("--seed", type=int, default=int(time.time()))
args = parser.parse_args()
rng = random.Random(args.seed)
env = os.environ
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
password = env["MCBOT_TEST_PASSWORD"]
ca = env["MCBOT_TEST_CA_FILE"]
imaps_port = int(env["MCBOT_TEST_IMAPS_URL"].rsplit(":", 1)[1])
lmtp_port = int(env["MCBOT_TEST_LMTP_PORT"])
run_id = uuid.uuid4().hex[:8]
bot = "crash-bot-%s" % run_id
teachers = ["crash-t%02d-%s" % (i, run_id) for i in range(20)]
work = tempfile.mkdtemp(prefix="mcbot-crash-")

with open(os.path.join(work, "mcbot.yaml"), "w") as f:
    f.write("""imap:
  url: %s
  user: %s
  ca_file: %s
smtp:
  url: %s
  user: mcbot
  ca_file: %s
bot:
  address: %s@district.test
database:
  path: %s/mcbot.sqlite
paths:
  templates: %s/templates
  policy: %s/Config/policy.yaml
  approved: %s/Config/approved.csv
worker:
  poll_interval_seconds: 1
  # Random teachers may send over 20 messages here; the mail-loop guard is not what this test checks.
  max_replies_per_sender_per_day: 10000
log:
  level: warning
""" % (env["MCBOT_TEST_IMAPS_URL"], bot, ca, env["MCBOT_TEST_SMTP_URL"], ca, bot, work, root, root, root))
with open(os.path.join(work, "roster.csv"), "w") as f:
    f.write("employee_id,name,email\n")
    for i, t in enumerate(teachers):
        f.write("E%d,Teacher %d,%s@district.test\n" % (i, i, t))
run_env = dict(env, MCBOT_IMAP_PASSWORD=password, MCBOT_SMTP_PASSWORD=password, MCBOT_CONFIG=os.path.join(work, "mcbot.yaml"),
               MCBOT_NOW="2025-09-15T10:00:00-05:00", MCBOT_POLICY_DISTRICT_DOMAINS="district.test",
               MCBOT_POLICY_CONTACTS_HR="HR <crash-hr-%s@district.test>" % run_id,
               MCBOT_POLICY_CONTACTS_PD_HOURS="PD <crash-pd-%s@district.test>" % run_id,
               MCBOT_POLICY_CONTACTS_PROFESSIONAL_GROWTH_TEAM="PGT <crash-pgt-%s@district.test>" % run_id)
subprocess.run([args.mcbot, "roster", "import", os.path.join(work, "roster.csv")], env=run_env, check=True, capture_output=True)

# The backlog: badges (approved, unlisted), questions, machine mail, unreadable mail.
slugs = ["classroom-culture", "growth-mindset", "formative-assessment", "classroom-management", "restorative-practices", "family-engagement"]
hosts = {"classroom-culture": "microcredentials.digitalpromise.org/badges", "growth-mindset": "microcredentials.digitalpromise.org/badges",
         "formative-assessment": "microcredentials.digitalpromise.org/badges", "classroom-management": "nea.certificationbank.com/badges",
         "restorative-practices": "nea.certificationbank.com/badges", "family-engagement": "nea.certificationbank.com/badges"}
expected_replies = {}  # Message-ID -> teacher
kinds = {"badge": 0, "question": 0, "machine": 0, "unreadable": 0}
lmtp = smtplib.LMTP("127.0.0.1", lmtp_port)
for n in range(args.messages):
    teacher = rng.choice(teachers)
    mid = "crash-%d-%s@teacher.test" % (n, run_id)
    roll = rng.random()
    headers = "From: %s@district.test\r\nTo: %s@district.test\r\nMessage-ID: <%s>\r\nDate: Mon, 15 Sep 2025 09:00:00 -0500\r\n" % (teacher, bot, mid)
    if roll < 0.70:
        slug = rng.choice(slugs)
        body = "Here is my badge: https://%s/%s/%s\r\nPD hours: %d\r\n" % (hosts[slug], slug, uuid.uuid4().hex[:10], rng.randint(4, 10))
        raw = headers + "Subject: badge %d\r\n\r\n%s" % (n, body)
        kind = "badge"
    elif roll < 0.80:
        raw = headers + "Subject: question %d\r\n\r\nCan I pay the fee from discretionary funds?\r\n" % n
        kind = "question"
    elif roll < 0.92:
        raw = headers + "Subject: Automatic reply: badge\r\nAuto-Submitted: auto-replied\r\n\r\nI am out of the office.\r\n"
        kind = "machine"
    else:
        nested = "".join("--b%d\r\nContent-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n" % (i, i + 1) for i in range(30))
        raw = headers + "Subject: deep %d\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n%s" % (n, nested)
        kind = "unreadable"
    kinds[kind] += 1
    if kind in ("badge", "question"):
        expected_replies[mid] = teacher
    lmtp.sendmail("%s@district.test" % teacher, ["%s@district.test" % bot], raw.encode())
lmtp.quit()
print("crash test %s: %d messages (%s) for %d teachers; seed %d" % (run_id, args.messages, ", ".join("%s %d" % kv for kv in kinds.items()), len(teachers), args.seed))

def imap(user):
    context = ssl.create_default_context(cafile=ca)
    conn = imaplib.IMAP4_SSL("127.0.0.1", imaps_port, ssl_context=context)
    conn.login(user, password)
    return conn

def count(user, folder):
    conn = imap(user)
    typ, data = conn.status(folder, "(MESSAGES)")
    conn.logout()
    if typ != "OK":
        return 0
    return int(data[0].decode().split("MESSAGES ")[1].rstrip(")"))

def pending_outbox():
    db = os.path.join(work, "mcbot.sqlite")
    if not os.path.exists(db):
        return 1
    with sqlite3.connect(db) as c:
        try:
            return c.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
        except sqlite3.OperationalError:
            return 1

# MCBOT_NOW starts each run where the last left off, so time moves forward across restarts as it would.
start_wall = time.time()
def now_env():
    instant = 1757948400 + (time.time() - start_wall)  # 2025-09-15T10:00:00-05:00
    return dict(run_env, MCBOT_NOW=time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(instant)))

kills = 0
deadline = time.time() + 600
while time.time() < deadline:
    proc = subprocess.Popen([args.mcbot, "run"], env=now_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.03, 0.4))
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
        kills += 1
    proc.wait()
    if count(bot, "INBOX") == 0 and pending_outbox() == 0:
        break
# A last clean pass flushes whatever a kill left in the outbox.
# Interrupted sends are checked after a grace period; wait it out, then poll until the outbox is empty.
for _ in range(40):
    subprocess.run([args.mcbot, "poll", "--once"], env=now_env(), capture_output=True)
    if pending_outbox() == 0 and count(bot, "INBOX") == 0:
        break
    time.sleep(5)

# Verdict.
problems = []
inbox, processed, quarantined = count(bot, "INBOX"), count(bot, "Processed"), count(bot, "Quarantine")
if inbox != 0:
    problems.append("%d messages still in INBOX" % inbox)
sent_copies = count(bot, "Sent")
if processed + quarantined != args.messages:
    problems.append("Processed %d + Quarantine %d != %d delivered" % (processed, quarantined, args.messages))
if quarantined != kinds["unreadable"]:
    problems.append("Quarantine holds %d, expected %d" % (quarantined, kinds["unreadable"]))
with sqlite3.connect(os.path.join(work, "mcbot.sqlite")) as c:
    ledger = c.execute("SELECT count(*), count(DISTINCT sha256), count(DISTINCT uid) FROM message WHERE outcome != 'sentCopy'").fetchone()
    dup_submissions = c.execute("SELECT count(*) FROM (SELECT teacherID, badgeKey, count(*) n FROM submission WHERE status != 'none' GROUP BY 1, 2 HAVING n > 1)").fetchone()[0]
    subs_per_message = c.execute("SELECT count(*) FROM (SELECT m.messageIDHeader, count(DISTINCT m.id) n FROM message m GROUP BY 1 HAVING n > 1)").fetchone()[0]
    reconciled = c.execute("SELECT count(*) FROM audit WHERE action = 'outbox.reconciled'").fetchone()[0]
    unsent = c.execute("SELECT count(*) FROM outbox WHERE status != 'sent'").fetchone()[0]
if ledger[0] != args.messages or ledger[1] != args.messages:
    problems.append("ledger has %d rows (%d distinct) for %d messages" % (ledger[0], ledger[1], args.messages))
if subs_per_message:
    problems.append("%d messages recorded more than once" % subs_per_message)
if dup_submissions:
    problems.append("%d duplicate submissions" % dup_submissions)
if unsent:
    problems.append("%d outbox rows not sent" % unsent)

# Replies as the teachers received them; reminders (September 15 is a reminder day) are counted apart.
replies = {}
reminders = {}
same_message_twice = 0
for t in teachers:
    conn = imap(t)
    conn.select("INBOX")
    typ, data = conn.uid("SEARCH", None, "ALL")
    seen_ids = set()
    for uid in data[0].split():
        typ, msg = conn.uid("FETCH", uid, "(BODY.PEEK[HEADER.FIELDS (IN-REPLY-TO MESSAGE-ID X-MCBOT-OUTCOME)])")
        headers = email.message_from_bytes(msg[0][1])
        if (headers.get("X-Mcbot-Outcome") or "").strip() == "reminder":
            reminders[t] = reminders.get(t, 0) + 1
            continue
        parent = (headers.get("In-Reply-To") or "").strip().strip("<>")
        own = (headers.get("Message-ID") or "").strip()
        if own in seen_ids:
            same_message_twice += 1
        seen_ids.add(own)
        replies[parent] = replies.get(parent, 0) + 1
    conn.logout()
missing = [m for m in expected_replies if replies.get(m, 0) == 0]
duplicates = sum(n - 1 for m, n in replies.items() if n > 1)
unexpected = [m for m in replies if m not in expected_replies]
if missing:
    problems.append("%d person messages got no reply" % len(missing))
    with sqlite3.connect(os.path.join(work, "mcbot.sqlite")) as c:
        for m in missing[:10]:
            row = c.execute("SELECT id, outcome FROM message WHERE messageIDHeader = ?", ("<%s>" % m,)).fetchone() \
                or c.execute("SELECT id, outcome FROM message WHERE messageIDHeader = ?", (m,)).fetchone()
            reviews = c.execute("SELECT reason FROM review WHERE messageRowID = ?", (row[0],)).fetchall() if row else []
            problems.append("  %s: ledger %s; reviews %s" % (m, row, [r[0] for r in reviews]))
if any(n > 1 for n in reminders.values()):
    problems.append("a teacher got %d reminders for one reminder day" % max(reminders.values()))
if unexpected:
    problems.append("%d replies to messages that must not be answered" % len(unexpected))
lost = (args.messages - processed - quarantined) + inbox
print("kills: %d; Processed %d, Quarantine %d, Sent copies %d, INBOX %d; ledger rows %d; lost messages: %d; duplicate submissions: %d; "
      "interrupted sends found delivered and not repeated: %d; duplicate replies: %d (of them the same outbox row sent twice: %d); "
      "reminders: %d teachers, at most %d each"
      % (kills, processed, quarantined, sent_copies, inbox, ledger[0], max(0, lost), dup_submissions, reconciled, duplicates, same_message_twice,
         len(reminders), max(reminders.values() or [0])))
if duplicates > same_message_twice:
    problems.append("%d replies are distinct messages answering one message twice" % (duplicates - same_message_twice))
if problems:
    print("CRASH TEST FAILED:\n  " + "\n  ".join(problems))
    print("work directory kept: %s" % work)
    sys.exit(1)
print("crash test passed")
