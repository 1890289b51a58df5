"""Round trip of every operation of the WSDLs given between zeep and the code wsdl-codegen
generates for them. Usage (through scripts/interop.sh):

    python run.py --codegen BIN --runtime DIR --lock Cargo.lock --work DIR WSDL...

Per contract: pick the first SOAP port (or the first SOAP binding when no service offers
one), generate with --serde, compile a harness around it, then per operation:
  * zeep renders a request with every field filled and one with only the required fields; our
    server decodes each (its JSON service captures the value); our client encodes the captured
    value; the two bodies must be equal as trees;
  * zeep renders a response with every field filled; our client decodes it (to JSON), our
    server answers with that JSON; zeep must decode our answer to what it decodes from its own.
Prints `PATH: generated yes|no, compiled yes|no, operations N/M equal to zeep` per contract and
`interop: A/B contracts, X/Y operations equal`; details of every mismatch go to stderr (and
to --details FILE as JSON lines).
"""

import argparse
import http.server
import logging
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request

from lxml import etree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402
import values  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# --- zeep side -----------------------------------------------------------------------------
def load_zeep(path):
    import zeep
    from zeep.transports import Transport

    settings = zeep.Settings(strict=False, xml_huge_tree=True)
    return zeep.Client(path, transport=Transport(timeout=5, operation_timeout=5), settings=settings)


def choose_port(client):
    """(binding object, generator options) for the first SOAP port, else first SOAP binding."""
    from zeep.wsdl.bindings.soap import SoapBinding

    for service in client.wsdl.services.values():
        for port in service.ports.values():
            if isinstance(port.binding, SoapBinding):
                return port.binding, ["--service", service.name, "--port", port.name]
    for qname, binding in client.wsdl.bindings.items():
        if isinstance(binding, SoapBinding):
            return binding, ["--binding", etree.QName(qname).localname]
    return None, []


def documents(path, seen=None):
    """The lxml roots of a WSDL and of every document it reads by relative location."""
    seen = seen if seen is not None else {}
    path = os.path.abspath(path)
    if path in seen or not os.path.exists(path):
        return list(seen.values())
    try:
        seen[path] = etree.parse(path, etree.XMLParser(huge_tree=True)).getroot()
    except etree.XMLSyntaxError:
        return list(seen.values())
    for node in seen[path].iter():
        if not isinstance(node.tag, str):
            continue
        location = node.get("schemaLocation") if etree.QName(node).localname in ("import", "include", "redefine") else None
        if etree.QName(node).localname == "import" and node.get("location"):
            location = node.get("location")
        if location and "://" not in location:
            documents(os.path.join(os.path.dirname(path), location), seen)
    return list(seen.values())


# --- our side ------------------------------------------------------------------------------
CARGO_TOML = """[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[features]
default = ["json"]
serde = ["soap-runtime/serde"]
json = ["serde", "soap-runtime/json"]

[dependencies]
soap-runtime = {{ path = "{runtime}", features = ["json"] }}
tokio = {{ version = "1", default-features = false, features = ["rt-multi-thread", "macros"] }}

[profile.dev]
debug = false

[workspace]
"""


def generate(args, wsdl, options, crate):
    os.makedirs(os.path.join(crate, "src"), exist_ok=True)
    out = os.path.join(crate, "src", "generated.rs")
    base = [args.codegen, "generate", wsdl, "--out", out, "--serde", "--client-name", "InteropClient"] + options
    result = subprocess.run(base, capture_output=True, text=True, preexec_fn=uncapped)
    note = ""
    if result.returncode != 0:
        log(f"{wsdl}: generation failed:\n{result.stderr.strip()}")
        result = subprocess.run(base + ["--allow-unresolved"], capture_output=True, text=True, preexec_fn=uncapped)
        if result.returncode != 0:
            return False, ""
        note = "with --allow-unresolved"
        log(f"{wsdl}: generated only {note}")
    return True, note


def compile_harness(args, crate):
    out = os.path.join(crate, "src", "generated.rs")
    with open(out, encoding="utf-8") as f:
        text = f.read()
    match = re.search(r"impl<S:\s*\w+>\s*SoapHandler\s+for\s+(\w+)<S>", text)
    if not match:
        log(f"{crate}: no server in the generated module")
        return None
    with open(os.path.join(HERE, "harness.rs"), encoding="utf-8") as f:
        main = f.read().replace("__SERVER__", match.group(1))
    with open(os.path.join(crate, "src", "main.rs"), "w", encoding="utf-8") as f:
        f.write(main)
    name = os.path.basename(crate)
    with open(os.path.join(crate, "Cargo.toml"), "w", encoding="utf-8") as f:
        f.write(CARGO_TOML.format(name=name, runtime=args.runtime))
    if args.lock and not os.path.exists(os.path.join(crate, "Cargo.lock")):
        shutil.copy(args.lock, os.path.join(crate, "Cargo.lock"))
    target = os.path.join(args.work, "target")
    result = subprocess.run(
        ["cargo", "build", "--quiet", "--manifest-path", os.path.join(crate, "Cargo.toml"), "--target-dir", target],
        capture_output=True, text=True, preexec_fn=uncapped,
    )
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
        log(f"{crate}: compile failed ({len(errors)} errors):\n" + "\n".join(result.stderr.splitlines()[:40]))
        return None
    return os.path.join(target, "debug", name)


class Harness:
    """The compiled harness as a child process speaking JSON lines."""

    def __init__(self, binary):
        self.process = subprocess.Popen(
            [binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, preexec_fn=uncapped
        )
        self.url = json.loads(self.process.stdout.readline())["url"]

    def ask(self, **command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the harness ended")
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Capture:
    """A local HTTP endpoint that records what our client sends and answers a set reply."""

    def __init__(self):
        self.received = None
        self.reply = b""
        self.content_type = "text/xml; charset=utf-8"
        capture = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                capture.received = self.rfile.read(length)
                self.send_response(200)
                self.send_header("Content-Type", capture.content_type)
                self.send_header("Content-Length", str(len(capture.reply)))
                self.end_headers()
                self.wfile.write(capture.reply)

            def log_message(self, *a):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def post(url, body, headers):
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def fault_text(body):
    try:
        root = etree.fromstring(body)
        texts = [t.strip() for t in root.itertext() if t.strip()]
        return " ".join(texts)[:300]
    except etree.XMLSyntaxError:
        return body[:300].decode("utf-8", "replace")


def render(message, values_):
    """zeep's envelope of a message; a simple-typed body is passed by position."""
    if list(values_) == ["_value_1"]:
        return message.serialize(values_["_value_1"])
    return message.serialize(**values_)


# --- one operation -------------------------------------------------------------------------
def request_round_trip(binding, op, harness, capture, values_, label):
    """None when our server decodes zeep's request and our client writes it back equal."""
    serialized = render(op.input, values_)
    if op.abstract.wsa_action:
        # What zeep's client adds for an operation with a WS-Addressing action.
        from zeep.wsa import WsAddressingPlugin

        content, headers = WsAddressingPlugin().egress(
            serialized.content, serialized.headers, op, {"address": harness.url}
        )
        serialized = serialized._replace(content=content, headers=headers)
    binding._set_http_headers(serialized, op)
    body = etree.tostring(serialized.content)
    harness.ask(cmd="take")
    status, answer = post(harness.url, body, dict(serialized.headers))
    taken = harness.ask(cmd="take")
    if taken.get("none"):
        return f"{label}: our server refused zeep's request (HTTP {status}): {fault_text(answer)}", None, serialized
    captured = taken["request"]
    capture.received = None
    called = harness.ask(cmd="call", op=taken["op"], body=captured["Body"], url=capture.url)
    if capture.received is None:
        return f"{label}: our client did not send the decoded value: {called.get('error')}", None, serialized
    ours = etree.fromstring(capture.received)
    our_header, our_body = compare.envelope_parts(ours)
    zeep_header, zeep_body = compare.envelope_parts(serialized.content)
    difference = compare.first_difference(our_body, zeep_body)
    if difference is None and our_header != zeep_header:
        difference = compare.first_difference(("Header", [], "", our_header), ("Header", [], "", zeep_header))
    if difference:
        return f"{label}: envelopes differ at {difference}", called, serialized
    return None, called, serialized


def response_round_trip(binding, op, harness, capture, request, filler):
    """None when zeep decodes our server's answer as it decodes its own rendering."""
    from zeep.wsdl.bindings.soap import Soap12Binding

    rendered = render(op.output, filler.message(op.output.body))
    zeep_envelope = rendered.content
    capture.content_type = "application/soap+xml; charset=utf-8" if isinstance(binding, Soap12Binding) else "text/xml; charset=utf-8"
    capture.reply = etree.tostring(zeep_envelope)
    taken_op = None
    harness.ask(cmd="take")
    status, _ = post(harness.url, etree.tostring(request.content), dict(request.headers))
    taken = harness.ask(cmd="take")
    if taken.get("none"):
        return "response: our server refused zeep's request"
    taken_op = taken["op"]
    called = harness.ask(cmd="call", op=taken_op, body=taken["request"]["Body"], url=capture.url)
    if "ok" not in called:
        return f"response: our client cannot decode zeep's response: {called.get('error')}"
    harness.ask(cmd="respond", value=called["ok"])
    status, answer = post(harness.url, etree.tostring(request.content), dict(request.headers))
    harness.ask(cmd="respond", value=None)
    if status != 200:
        return f"response: our server did not answer (HTTP {status}): {fault_text(answer)}"
    ours = etree.fromstring(answer)
    try:
        decoded = compare.plain(op.process_reply(ours))
    except Exception as e:  # zeep's own errors: the finding is the message
        return f"response: zeep cannot decode our answer: {type(e).__name__}: {e}"[:400]
    expected = compare.plain(op.process_reply(zeep_envelope))
    difference = compare.value_difference(decoded, expected)
    if difference:
        tree = compare.first_difference(compare.envelope_parts(ours)[1], compare.envelope_parts(zeep_envelope)[1])
        return f"response: zeep decodes our answer differently at {difference} (envelopes: {tree})"
    return None


def round_trip(binding, op, harness, capture, enums):
    """A list of the mismatches of one operation (empty when it is equal)."""
    problems = []
    full = values.Filler(enums, full=True)
    minimal = values.Filler(enums, full=False)
    request = None
    for label, filler in (("full request", full), ("minimal request", minimal)):
        try:
            problem, _, serialized = request_round_trip(binding, op, harness, capture, filler.message(op.input.body), label)
        except Exception as e:
            problem, serialized = f"{label}: zeep cannot render it: {type(e).__name__}: {e}"[:400], None
        if label == "full request":
            request = serialized
        if problem:
            problems.append(problem)
    if op.output is not None and request is not None:
        try:
            problem = response_round_trip(binding, op, harness, capture, request, full)
        except Exception as e:
            problem = f"response: {type(e).__name__}: {e}"[:400]
        if problem:
            problems.append(problem)
    return problems


def sample(names, limit):
    if not limit or len(names) <= limit:
        return names
    step = len(names) / limit
    return [names[int(i * step)] for i in range(limit)]


def contract(args, wsdl, index, details):
    name = "interop_%d_%s" % (index, re.sub(r"[^a-z0-9]+", "_", os.path.splitext(os.path.basename(wsdl))[0].lower()))
    crate = os.path.join(args.work, name)
    try:
        client = load_zeep(wsdl)
        binding, options = choose_port(client)
    except Exception as e:
        log(f"{wsdl}: zeep cannot load it: {type(e).__name__}: {e}")
        client, binding, options = None, None, []
    generated, note = generate(args, wsdl, options, crate)
    binary = compile_harness(args, crate) if generated else None
    equal, total = 0, 0
    if binary and binding is not None:
        enums = values.enumerations(documents(wsdl))
        names = sample(list(binding._operations), args.max_operations)
        if len(names) < len(binding._operations):
            log(f"{wsdl}: a sample of {len(names)} of {len(binding._operations)} operations")
        harness = Harness(binary)
        capture = Capture()
        try:
            for op_name in names:
                total += 1
                problems = round_trip(binding, binding._operations[op_name], harness, capture, enums)
                if problems:
                    for p in problems:
                        log(f"  {os.path.basename(wsdl)} {op_name}: {p}")
                        details.write(json.dumps({"wsdl": wsdl, "operation": op_name, "problem": p}) + "\n")
                else:
                    equal += 1
        finally:
            harness.close()
            capture.close()
    elif binding is not None:
        total = len(sample(list(binding._operations), args.max_operations))
    yes = lambda b: "yes" if b else "no"  # noqa: E731
    line = f"{wsdl}: generated {yes(generated)}, compiled {yes(binary)}, operations {equal}/{total} equal to zeep"
    if note:
        log(f"{wsdl}: generated {note}")
    print(line, flush=True)
    return bool(generated and binary), equal, total


# zeep can loop while decoding some repeated particles (it fills memory then): the driver caps its
# own address space so that shows as a MemoryError of that operation; its children get it back.
MEMORY_CAP = 4 << 30


def uncapped():
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def main():
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    if hard == resource.RLIM_INFINITY or hard > MEMORY_CAP:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, hard))
    # zeep logs the values it cannot read besides raising; the mismatch report says it once.
    logging.disable(logging.CRITICAL)
    parser = argparse.ArgumentParser()
    parser.add_argument("--codegen", required=True)
    parser.add_argument("--runtime", required=True)
    parser.add_argument("--lock")
    parser.add_argument("--work", required=True)
    parser.add_argument("--details", default=os.devnull)
    parser.add_argument("--max-operations", type=int, default=int(os.environ.get("INTEROP_MAX_OPERATIONS", "0") or 0))
    parser.add_argument("wsdl", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    ok = equal = total = 0
    with open(args.details, "w", encoding="utf-8") as details:
        for index, wsdl in enumerate(args.wsdl):
            good, e, t = contract(args, wsdl, index, details)
            ok += good
            equal += e
            total += t
    print(f"interop: {ok}/{len(args.wsdl)} contracts, {equal}/{total} operations equal", flush=True)


if __name__ == "__main__":
    main()
