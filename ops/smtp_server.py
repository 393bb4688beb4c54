#!/usr/bin/python3
"""Development SMTP server for mcbot: STARTTLS and implicit-TLS listeners on 127.0.0.1, AUTH
required (any user name, the shared development password), each message delivered to Dovecot over
LMTP (one transaction per recipient) and a copy kept with its envelope in the outbox folder, so tests
can read exactly what mcbot sent. Not for production."""
import argparse, asyncio, json, os, signal, smtplib, ssl, sys, threading, time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--starttls-port", type=int, required=True)
parser.add_argument("--tls-port", type=int)
parser.add_argument("--lmtp-port", type=int, required=True)
parser.add_argument("--cert", required=True)
parser.add_argument("--key", required=True)
parser.add_argument("--outbox", required=True)
parser.add_argument("--pidfile")
args = parser.parse_args()
password = os.environ.get("MCBOT_SMTP_PASSWORD", "mcbot-dev").encode()
counter_lock = threading.Lock()
counter = [0]


def authenticate(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.password == password:
        return AuthResult(success=True, auth_data=auth_data.login.decode(errors="replace"))
    return AuthResult(success=False, handled=False)


class Relay:
    def deliver(self, envelope):
        content = envelope.original_content or envelope.content
        for rcpt in envelope.rcpt_tos:
            with smtplib.LMTP("127.0.0.1", args.lmtp_port) as lmtp:
                lmtp.sendmail(envelope.mail_from, [rcpt], content)
        return content

    def keep_copy(self, session, envelope, content):
        with counter_lock:
            counter[0] += 1
            stem = "%d-%06d" % (time.time_ns(), counter[0])
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                "auth_user": session.auth_data if isinstance(session.auth_data, str) else None,
                "tls": session.ssl is not None}
        for suffix, data in ((".eml", content), (".json", json.dumps(meta).encode())):
            tmp = os.path.join(args.outbox, "." + stem + suffix)
            with open(tmp, "wb") as f:
                f.write(data)
            os.rename(tmp, os.path.join(args.outbox, stem + suffix))

    async def handle_DATA(self, server, session, envelope):
        try:
            content = await asyncio.get_running_loop().run_in_executor(None, self.deliver, envelope)
        except Exception as error:  # a local delivery problem: ask the client to try again later
            print("delivery failed: %r" % (error,), file=sys.stderr, flush=True)
            return "451 4.3.0 local delivery failed, try again later"
        self.keep_copy(session, envelope, content)
        return "250 2.0.0 OK delivered"


def main():
    os.makedirs(args.outbox, exist_ok=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    common = dict(authenticator=authenticate, auth_required=True, data_size_limit=80 * 1024 * 1024)
    controllers = [Controller(Relay(), hostname="127.0.0.1", port=args.starttls_port, tls_context=context,
                              require_starttls=True, auth_require_tls=True, **common)]
    if args.tls_port:
        controllers.append(Controller(Relay(), hostname="127.0.0.1", port=args.tls_port, ssl_context=context,
                                      auth_require_tls=False, **common))
    for c in controllers:
        c.start()
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write(str(os.getpid()))
    # A parent may have started us with signals blocked (Foundation's Process does): stop at once on TERM.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    print("smtp listening on %s" % ", ".join(str(c.port) for c in controllers), flush=True)
    threading.Event().wait()


main()
