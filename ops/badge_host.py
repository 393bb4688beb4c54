#!/usr/bin/python3
"""A stand-in badge platform for development and tests: an HTTPS server on 127.0.0.1 that serves
Open Badges JSON from a folder, the way Badgr or Credly serve hosted assertions.

  GET /a/b      -> the file DOCROOT/a/b (Content-Type application/ld+json)
  DOCROOT/a/b.status   a number: answer with that status instead (404, 410, 503, ...)
  DOCROOT/a/b.location a URL: answer 302 to it

usage: badge_host.py --port N --docroot DIR --cert PEM --key PEM --pidfile FILE"""
import argparse, http.server, os, signal, ssl, sys

parser = argparse.ArgumentParser()
for name in ("--port", "--docroot", "--cert", "--key", "--pidfile"):
    parser.add_argument(name, required=True)
args = parser.parse_args()
root = os.path.realpath(args.docroot)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = os.path.realpath(os.path.join(root, self.path.split("?", 1)[0].lstrip("/")))
        if not path.startswith(root + os.sep):
            return self.answer(404, b"not found")
        if os.path.isfile(path + ".status"):
            return self.answer(int(open(path + ".status").read().strip() or "500"), b"status from file")
        if os.path.isfile(path + ".location"):
            self.send_response(302)
            self.send_header("Location", open(path + ".location").read().strip())
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if not os.path.isfile(path):
            return self.answer(404, b"not found")
        self.answer(200, open(path, "rb").read(), "application/ld+json")

    def answer(self, status, body, content_type="text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *values):
        sys.stderr.write("%s %s\n" % (self.address_string(), format % values))


server = http.server.ThreadingHTTPServer(("127.0.0.1", int(args.port)), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(args.cert, args.key)
server.socket = context.wrap_socket(server.socket, server_side=True)
with open(args.pidfile, "w") as f:
    f.write(str(os.getpid()))
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
server.serve_forever()
