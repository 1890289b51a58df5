"""An HTTP/1.1 keep-alive server requiring NTLM, for runtime/tests/ntlm.rs.

The NTLM acceptor is pyspnego's (spnego.server(protocol="ntlm")), with the accounts of the file
named by NTLM_USER_FILE (lines DOMAIN:USER:PASSWORD). Each connection runs its own handshake
and stays authenticated; wrong credentials get 401. Authenticated POSTs are answered by path:

  /echo   <echo conn= handshakes= requests= user= action= contentType= binding= cookie=>base64 of
          the body</echo>; binding= is what the AUTHENTICATE message bound the connection to:
          "match" (this TLS connection's tls-server-end-point), "zero", "none" or "other";
          cookie= the request's Cookie header"
  /ping   a SOAP 1.1 PingResponse envelope (urn:example:ping)
  /big    200,000 bytes
  /slow   the echo, after 3 s
  /forget the echo, and the connection is no longer authenticated afterwards
  /answer the contents of the file given with --answer FILE, as text/xml
  /gzip   the echo, compressed with gzip (Content-Encoding: gzip) when the request's
          Accept-Encoding names gzip, as IIS's dynamic compression does

Every echo also says accept= (the request's Accept-Encoding) and encoding= (its
Content-Encoding); a gzip request body is decompressed before it is echoed, and a request with a
Content-Encoding but no body (an NTLM handshake message sent as if compressed) gets 400.

Arguments: --negotiate-only (offer and accept only the Negotiate scheme, with raw NTLM tokens,
as IIS does), --cookies (set `affinity=node1` with every challenge and `session=S3ss10n` with
every authenticated answer, as a load balancer and a stateful service do), --basic-only (offer Basic alone), --open (no authentication asked for), --bad-challenge (answer NEGOTIATE with a challenge that is not base64),
--tls CERT KEY, --idle SECONDS (close a connection idle that long; 30 by default), --channel-binding (with --tls: refuse an AUTHENTICATE message not bound to
the TLS connection, as IIS with Extended Protection "Required" does), --answer FILE. Prints "PORT <n>" when listening; exits when its standard input closes.
"""

import base64
import gzip
import hashlib
import http.server
import itertools
import ssl
import sys
import threading
import time
from xml.sax.saxutils import quoteattr

import spnego
import spnego.exceptions
from spnego._ntlm_raw.messages import Authenticate, AvId, NTClientChallengeV2
from spnego.channel_bindings import GssChannelBindings

ARGS = sys.argv[1:]
NEGOTIATE_ONLY = "--negotiate-only" in ARGS
BAD_CHALLENGE = "--bad-challenge" in ARGS
OPEN = "--open" in ARGS
REQUIRE_BINDING = "--channel-binding" in ARGS
COOKIES = "--cookies" in ARGS
BINDINGS = None
if "--tls" in ARGS:
    with open(ARGS[ARGS.index("--tls") + 1]) as f:
        CERTIFICATE = ssl.PEM_cert_to_DER_cert(f.read())
    # RFC 5929 tls-server-end-point: the test certificates are signed with ECDSA and SHA-256.
    BINDINGS = GssChannelBindings(application_data=b"tls-server-end-point:" + hashlib.sha256(CERTIFICATE).digest())
SCHEMES = ["Negotiate"] if NEGOTIATE_ONLY else ["NTLM", "Negotiate"]
if "--basic-only" in ARGS:
    SCHEMES = []
CONNECTIONS = itertools.count(1)
PONG = (
    b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header></s:Header>'
    b'<s:Body><PingResponse xmlns="urn:example:ping"/></s:Body></s:Envelope>'
)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30

    def setup(self):
        super().setup()
        self.conn_id = next(CONNECTIONS)
        self.context = None
        self.user = None
        self.handshakes = 0
        self.requests = 0
        self.binding = "none"

    def log_message(self, format, *args):
        pass

    def answer(self, status, body=b"", headers=()):
        if COOKIES and status == 200:
            headers = list(headers) + [("Set-Cookie", "session=S3ss10n; Path=/; HttpOnly")]
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def refuse(self, token=None, scheme=None):
        """401: the challenge `token` under `scheme`, else every scheme offered, and Basic."""
        if token is not None:
            offers = [f"{scheme} {token}"]
        else:
            offers = SCHEMES + ['Basic realm="test"']
        headers = [("WWW-Authenticate", offer) for offer in offers]
        if COOKIES:
            headers.append(("Set-Cookie", "affinity=node1; Path=/"))
        self.answer(401, b"", headers)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        encoding = self.headers.get("Content-Encoding", "")
        if encoding and not body:
            return self.answer(400, b"a Content-Encoding without a body")
        if encoding == "gzip":
            body = gzip.decompress(body)
        authorization = self.headers.get("Authorization")
        if OPEN:
            self.requests += 1
            return self.serve(body)
        if authorization:
            scheme, _, token = authorization.partition(" ")
            if scheme not in SCHEMES:
                return self.refuse()
            try:
                message = base64.b64decode(token)
            except ValueError:
                return self.refuse()
            kind = message[8:9]
            if kind == b"\x01":
                self.user = None
                self.context = spnego.server(protocol="ntlm", channel_bindings=BINDINGS if REQUIRE_BINDING else None)
                challenge = self.context.step(message)
                self.handshakes += 1
                if BAD_CHALLENGE:
                    return self.refuse("%%%not-base64%%%", scheme)
                return self.refuse(base64.b64encode(challenge).decode(), scheme)
            if kind == b"\x03" and self.context is not None:
                try:
                    self.context.step(message)
                except spnego.exceptions.SpnegoError:
                    self.context = None
                    return self.refuse()
                self.binding = binding(message)
                if REQUIRE_BINDING and self.binding != "match":
                    self.context = None
                    return self.refuse()
                self.user = self.context.client_principal
            else:
                return self.refuse()
        if self.user is None:
            return self.refuse()
        self.requests += 1
        self.serve(body)

    def serve(self, body):
        path = self.path.split("?")[0]
        if path == "/ping":
            return self.answer(200, PONG, [("Content-Type", "text/xml; charset=utf-8")])
        if path == "/answer":
            at = ARGS.index("--answer")
            with open(ARGS[at + 1], "rb") as f:
                answer = f.read()
            return self.answer(200, answer, [("Content-Type", "text/xml; charset=utf-8")])
        if path == "/big":
            return self.answer(200, b"x" * 200_000, [("Content-Type", "text/xml")])
        if path == "/slow":
            time.sleep(3)
        echo = "<echo conn=%s handshakes=%s requests=%s user=%s action=%s contentType=%s binding=%s cookie=%s accept=%s encoding=%s>%s</echo>" % (
            quoteattr(str(self.conn_id)),
            quoteattr(str(self.handshakes)),
            quoteattr(str(self.requests)),
            quoteattr(self.user or ""),
            quoteattr(self.headers.get("SOAPAction", "")),
            quoteattr(self.headers.get("Content-Type", "")),
            quoteattr(self.binding),
            quoteattr(self.headers.get("Cookie", "")),
            quoteattr(self.headers.get("Accept-Encoding", "")),
            quoteattr(self.headers.get("Content-Encoding", "")),
            base64.b64encode(body).decode(),
        )
        if path == "/gzip" and "gzip" in self.headers.get("Accept-Encoding", ""):
            packed = gzip.compress(echo.encode())
            return self.answer(200, packed, [("Content-Type", "text/xml"), ("Content-Encoding", "gzip")])
        self.answer(200, echo.encode(), [("Content-Type", "text/xml")])
        if path == "/forget":
            self.user = None
            self.context = None


def binding(message):
    """What the NTLMv2 response of the AUTHENTICATE `message` binds the connection to."""
    response = Authenticate.unpack(message).nt_challenge_response or b""
    if len(response) <= 24:
        return "none"
    value = NTClientChallengeV2.unpack(response[16:]).av_pairs.get(AvId.channel_bindings)
    if value is None:
        return "none"
    if value == b"\0" * 16:
        return "zero"
    if BINDINGS is not None and value == hashlib.md5(BINDINGS.pack()).digest():
        return "match"
    return "other"


def main():
    if "--idle" in ARGS:
        Handler.timeout = float(ARGS[ARGS.index("--idle") + 1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if "--tls" in ARGS:
        at = ARGS.index("--tls")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(ARGS[at + 1], ARGS[at + 2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("PORT", server.server_address[1], flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
