"""Round trip of every operation of the WSDLs given between zeep and the code wsdl-codegen
generates for them. Usage (through scripts/interop.sh):

    python run.py --codegen BIN --runtime DIR --lock Cargo.lock --work DIR WSDL...

Per contract: pick the first SOAP port (or the first SOAP binding when no service offers
one) and generate its module with --serde (with INTEROP_MAX_OPERATIONS, only the sampled
operations, with --operations). One harness workspace holds a crate per generated module and
the binary that serves and calls them (built once; a contract's crate is rebuilt only when its
module changes; one that does not compile is left out and counts as not compiled). Then per
operation:
  * zeep renders requests with every field filled, one per alternative of the widest choice
    (request k takes the alternative k of every choice, see values.Filler), and one with only
    the required fields; our server decodes each (its JSON service captures the value); our
    client encodes the captured value; the two bodies must be equal as trees;
  * zeep renders responses with every field filled, one per alternative likewise; our client
    decodes each (to JSON), our server answers with that JSON; zeep must decode our answer to
    what it decodes from its own.
zeep reads the well-known namespaces' schemas (XML, SOAP encoding, ...) from the generator's
local copies (--well-known DIR, see offline.py), so no contract needs a network.
`--xmlschema PATH::OPERATION::REASON` names an operation where zeep is wrong: it is round-tripped
with xmlschema instead (see xmlschema_check.py), and the contract's line says so.
Prints `PATH: generated yes|no, compiled yes|no, operations N/M equal to zeep` per contract and
`interop: A/B contracts, X/Y operations equal`; details of every mismatch go to stderr (and
to --details FILE as JSON lines).
"""

import argparse
import hashlib
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

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402
import mtom  # noqa: E402
import offline  # noqa: E402
import values  # noqa: E402
import xmlschema_check  # noqa: E402
import zeep_fixes  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# --- zeep side -----------------------------------------------------------------------------
def load_zeep(path, well_known):
    import zeep

    settings = zeep.Settings(strict=False, xml_huge_tree=True)
    transport = offline.WellKnownTransport(well_known, timeout=5, operation_timeout=5)
    return zeep.Client(path, transport=transport, settings=settings)


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
# The harness is a Cargo workspace: a library crate per contract (its generated module) and
# the harness binary depending on them. A contract's crate is rebuilt only when its module
# changes (files are rewritten only when their content does), and the crates build in
# parallel; the binary itself is small.
CONTRACT_TOML = """[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "lib.rs"

[features]
default = ["json"]
serde = ["soap-runtime/serde"]
json = ["serde", "soap-runtime/json"]

[dependencies]
soap-runtime = {{ path = "{runtime}", features = ["json"] }}
"""

CONTRACT_LIB = """//! Contract {name} of the interop harness: its generated module, and its server and client
//! behind two functions of concrete types, so that their code is compiled here, once, and not
//! in the harness binary, which is rebuilt whenever any contract changes.
#[allow(dead_code, unused_imports, clippy::all)]
#[path = "generated.rs"]
pub mod generated;

use soap_runtime::serde_json::Value;

/// What the harness's service answers each operation with.
pub type Answer = Box<dyn Fn(&str, Value) -> Result<Value, soap_runtime::Fault> + Send + Sync>;

/// The contract's server, answering with `answer`, on a free port of 127.0.0.1.
pub async fn bind(answer: Answer) -> std::io::Result<soap_runtime::server::Server> {{
    generated::{server}::new(generated::JsonService(answer)).bind("127.0.0.1:0").await
}}

/// Calls `operation` at `url` with the JSON `body` through the contract's client.
pub async fn call(url: String, operation: String, body: Value) -> Result<Value, String> {{
    generated::InteropClient::new(&url)
        .call_json(&operation, body)
        .await
        .map_err(|e| e.to_string())
}}
"""

HARNESS_TOML = """[package]
name = "interop_harness"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
soap-runtime = {{ path = "{runtime}", features = ["json"] }}
tokio = {{ version = "1", default-features = false, features = ["rt-multi-thread", "macros"] }}
{contracts}
[profile.dev]
debug = false

[workspace]
"""


def write_if_changed(path, text):
    """Writes `text` to `path` unless it holds it already (so Cargo sees nothing new)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def generate(args, wsdl, options, out):
    """(generated, note): writes the module for `wsdl` to `out`."""
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


def server_name(module):
    """The generated server's type name, or None."""
    with open(module, encoding="utf-8") as f:
        match = re.search(r"impl<S:\s*\w+>\s*SoapHandler\s+for\s+(\w+)<S>", f.read())
    return match.group(1) if match else None


def write_harness(crate, contracts, runtime):
    """The binary's Cargo.toml and main.rs, with a dependency, an import and a dispatch arm per
    contract; {line: contract} of main.rs."""
    dependencies = "".join(f'{c.module} = {{ path = "contracts/{c.module}" }}\n' for c in contracts)
    write_if_changed(os.path.join(crate, "Cargo.toml"), HARNESS_TOML.format(runtime=runtime, contracts=dependencies))
    with open(os.path.join(HERE, "harness.rs"), encoding="utf-8") as f:
        template = f.read()
    head, tail = template.split("        // __DISPATCH__\n")
    lines = {}
    text = head
    for c in contracts:
        lines[text.count("\n") + 1] = c
        text += f'        "{c.module}" => run_contract!({c.module}),\n'
    text += tail
    write_if_changed(os.path.join(crate, "src", "main.rs"), text)
    return lines


def write_contract(crate, contract, runtime):
    """The library crate of one contract, under the harness's `contracts/`."""
    folder = os.path.join(crate, "contracts", contract.module)
    write_if_changed(os.path.join(folder, "Cargo.toml"), CONTRACT_TOML.format(name=contract.module, runtime=runtime))
    write_if_changed(os.path.join(folder, "lib.rs"), CONTRACT_LIB.format(name=contract.module, server=contract.server))
    with open(contract.out, "rb") as f:
        write_if_changed(os.path.join(folder, "generated.rs"), f.read())


ERROR_AT = re.compile(r"^src/main\.rs:(\d+):\d+: error")
CRATE_FAILED = re.compile(r"^error: could not compile `(\w+)`")
CONTRACT_ERROR = re.compile(r"^contracts/(\w+)/")


def compile_harness(args, contracts):
    """The harness binary holding every contract that compiles (None when none does); the
    contracts that do not compile get `compiled = False`."""
    crate = os.path.join(args.work, "harness")
    os.makedirs(os.path.join(crate, "src"), exist_ok=True)
    if args.lock and not os.path.exists(os.path.join(crate, "Cargo.lock")):
        shutil.copy(args.lock, os.path.join(crate, "Cargo.lock"))
    for c in contracts:
        write_contract(crate, c, args.runtime)
    target = os.path.join(args.work, "target")
    remaining = list(contracts)
    while remaining:
        lines = write_harness(crate, remaining, args.runtime)
        result = subprocess.run(
            ["cargo", "build", "--quiet", "--keep-going", "--message-format", "short",
             "--manifest-path", os.path.join(crate, "Cargo.toml"), "--target-dir", target],
            capture_output=True, text=True, preexec_fn=uncapped,
        )
        if result.returncode == 0:
            for c in remaining:
                c.compiled = True
            return os.path.join(target, "debug", "interop_harness")
        by_module = {c.module: c for c in remaining}
        failing = {}
        for line in result.stderr.splitlines():
            found = ERROR_AT.match(line)
            culprit = None
            if found:
                culprit = lines.get(int(found.group(1)))
            elif CONTRACT_ERROR.match(line) and ": error" in line:
                culprit = by_module.get(CONTRACT_ERROR.match(line).group(1))
            elif CRATE_FAILED.match(line):
                culprit = by_module.get(CRATE_FAILED.match(line).group(1))
            if culprit is not None:
                failing.setdefault(culprit.module, (culprit, []))[1].append(line)
        if not failing:
            log("the harness does not compile, and no contract is to blame:\n" + "\n".join(result.stderr.splitlines()[:40]))
            return None
        for culprit, errors in failing.values():
            log(f"{culprit.wsdl}: compile failed ({len(errors)} errors):\n" + "\n".join(errors[:40]))
            remaining.remove(culprit)
    return None


class Harness:
    """The compiled harness as a child process speaking JSON lines."""

    def __init__(self, binary, contract):
        self.process = subprocess.Popen(
            [binary, contract], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, preexec_fn=uncapped
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
                received = self.rfile.read(length)
                try:
                    capture.received = mtom.inline(received, self.headers.get("Content-Type"))
                except (ValueError, etree.XMLSyntaxError):
                    capture.received = received
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
            return response.status, mtom.inline(response.read(), response.headers.get("Content-Type"))
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
        serialized = message.serialize(values_["_value_1"])
    else:
        serialized = message.serialize(**values_)
    values.type_items(serialized.content)
    return serialized


# --- one operation -------------------------------------------------------------------------
def request_round_trip(binding, op, harness, capture, values_, label, fixed=None):
    """(mismatch or None, our client's answer, zeep's rendering): our server decodes zeep's
    request and our client writes it back equal."""
    serialized = render(op.input, values_)
    if op.abstract.wsa_action:
        # What zeep's client adds for an operation with a WS-Addressing action.
        from zeep.wsa import WsAddressingPlugin

        content, headers = WsAddressingPlugin().egress(
            serialized.content, serialized.headers, op, {"address": harness.url}
        )
        serialized = serialized._replace(content=content, headers=headers)
    binding._set_http_headers(serialized, op)
    problem, called = carry_request(harness, capture, serialized.content, dict(serialized.headers), label, "zeep", fixed)
    return problem, called, serialized


def carry_request(harness, capture, envelope, headers, label, peer, fixed=None):
    """(mismatch or None, our client's answer): our server decodes `envelope`, our client
    encodes the decoded value, and the two envelopes are equal as trees (`fixed`: see
    compare.first_difference)."""
    harness.ask(cmd="take")
    status, answer = post(harness.url, etree.tostring(envelope), headers)
    taken = harness.ask(cmd="take")
    if taken.get("none"):
        return f"{label}: our server refused {peer}'s request (HTTP {status}): {fault_text(answer)}", None
    captured = taken["request"]
    capture.received = None
    called = harness.ask(cmd="call", op=taken["op"], body=captured["Body"], url=capture.url)
    if capture.received is None:
        return f"{label}: our client did not send the decoded value: {called.get('error')}", None
    ours = etree.fromstring(capture.received)
    our_header, our_body = compare.envelope_parts(ours)
    their_header, their_body = compare.envelope_parts(envelope)
    difference = compare.first_difference(our_body, their_body, fixed=fixed)
    if difference is None and our_header != their_header:
        difference = compare.first_difference(
            ("Header", [], "", our_header), ("Header", [], "", their_header), fixed=fixed
        )
    if difference:
        return f"{label}: envelopes differ at {difference}".replace(" zeep ", f" {peer} "), called
    return None, called


def xmlschema_round_trip(binding, op, harness, capture, checker, fixed=None):
    """The mismatches of one operation where zeep is wrong, with xmlschema's instances and
    decoding instead of zeep's (see xmlschema_check.py)."""
    from zeep.wsdl.bindings.soap import Soap12Binding

    soap12 = isinstance(binding, Soap12Binding)
    version = "1.2" if soap12 else "1.1"
    action = op.soapaction or ""
    if soap12:
        headers = {"Content-Type": f'application/soap+xml; charset=utf-8; action="{action}"'}
    else:
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{action}"'}
    for message in (op.input, op.output):
        if message is None:
            continue
        if getattr(message, "header", None) is not None and message.header.type.elements:
            return [f"{message.__class__.__name__}: header parts are not checked with xmlschema"]
        if getattr(message.body, "qname", None) is None or getattr(binding, "style", "document") == "rpc" or getattr(op, "style", "document") == "rpc":
            return ["only document-style bodies of one element part are checked with xmlschema"]
    problems = []
    first = None
    for label, instance in checker.instances(op.input.body.qname.text):
        label = f"{label} request"
        errors = checker.errors(instance)
        if errors:
            problems.append(f"{label}: xmlschema's own instance is not valid: {errors}")
            continue
        envelope = xmlschema_check.envelope(version, instance)
        first = first if first is not None else envelope
        problem, _ = carry_request(harness, capture, envelope, headers, label, "xmlschema", fixed)
        if problem:
            problems.append(problem)
    if op.output is None or first is None:
        return problems
    capture.content_type = headers["Content-Type"].split(";")[0] + "; charset=utf-8"
    for label, instance in checker.instances(op.output.body.qname.text):
        label = f"{label} response"
        capture.reply = etree.tostring(xmlschema_check.envelope(version, instance))
        harness.ask(cmd="take")
        post(harness.url, etree.tostring(first), headers)
        taken = harness.ask(cmd="take")
        if taken.get("none"):
            problems.append(f"{label}: our server refused xmlschema's request")
            continue
        called = harness.ask(cmd="call", op=taken["op"], body=taken["request"]["Body"], url=capture.url)
        if "ok" not in called:
            problems.append(f"{label}: our client cannot decode xmlschema's response: {called.get('error')}")
            continue
        harness.ask(cmd="respond", value=called["ok"])
        status, answer = post(harness.url, etree.tostring(first), headers)
        harness.ask(cmd="respond", value=None)
        if status != 200:
            problems.append(f"{label}: our server did not answer (HTTP {status}): {fault_text(answer)}")
            continue
        body = [c for c in etree.fromstring(answer) if isinstance(c.tag, str) and etree.QName(c).localname == "Body"]
        ours = [c for c in body[0] if isinstance(c.tag, str)] if body else []
        if len(ours) != 1:
            problems.append(f"{label}: our answer's body holds {len(ours)} elements, not 1")
            continue
        problem = checker.same_values(ours[0], instance)
        if problem:
            problems.append(f"{label}: {problem}")
    return problems


def response_round_trip(binding, op, harness, capture, request, values_, label):
    """None when zeep decodes our server's answer as it decodes its own rendering."""
    from zeep.wsdl.bindings.soap import Soap12Binding

    rendered = render(op.output, values_)
    zeep_envelope = rendered.content
    capture.content_type = "application/soap+xml; charset=utf-8" if isinstance(binding, Soap12Binding) else "text/xml; charset=utf-8"
    capture.reply = etree.tostring(zeep_envelope)
    taken_op = None
    harness.ask(cmd="take")
    status, _ = post(harness.url, etree.tostring(request.content), dict(request.headers))
    taken = harness.ask(cmd="take")
    if taken.get("none"):
        return f"{label}: our server refused zeep's request"
    taken_op = taken["op"]
    called = harness.ask(cmd="call", op=taken_op, body=taken["request"]["Body"], url=capture.url)
    if "ok" not in called:
        return f"{label}: our client cannot decode zeep's response: {called.get('error')}"
    harness.ask(cmd="respond", value=called["ok"])
    status, answer = post(harness.url, etree.tostring(request.content), dict(request.headers))
    harness.ask(cmd="respond", value=None)
    if status != 200:
        return f"{label}: our server did not answer (HTTP {status}): {fault_text(answer)}"
    ours = compare.without_addressing(etree.fromstring(answer))
    try:
        decoded = compare.plain(op.process_reply(ours))
    except Exception as e:  # zeep's own errors: the finding is the message
        return f"{label}: zeep cannot decode our answer: {type(e).__name__}: {e}"[:400]
    expected = compare.plain(op.process_reply(zeep_envelope))
    difference = compare.value_difference(decoded, expected)
    if difference:
        tree = compare.first_difference(compare.envelope_parts(ours)[1], compare.envelope_parts(zeep_envelope)[1])
        return f"{label}: zeep decodes our answer differently at {difference} (envelopes: {tree})"
    return None


# Requests (and responses) per operation at most, one per alternative of its widest choice.
MAX_VARIANTS = 64


def variants(message, facts, covered):
    """(index, widest, values) of the full renderings of `message`'s body: one per alternative
    of the widest choice met (later variants can reveal wider choices inside their
    alternatives); a variant whose alternatives were all sent already (`covered`, a set of
    (choice, alternative) shared by a contract's operations) is left out, so every
    alternative of every choice is sent at least once per contract without repeating."""
    k, widest = 0, 1
    while k < min(widest, MAX_VARIANTS):
        filler = values.Filler(facts, full=True, variant=k)
        rendered = filler.message(message.body)
        widest = max(widest, filler.widest)
        if k == 0 or not filler.chosen <= covered:
            covered |= filler.chosen
            yield k, widest, rendered
        k += 1


def round_trip(binding, op, harness, capture, facts, covered):
    """(mismatches of one operation (empty when it is equal), alternatives exercised)."""
    problems = []
    request = None
    renderings = []
    try:
        for k, widest, rendered in variants(op.input, facts, covered["request"]):
            renderings.append((f"full request {k + 1}/{widest}" if widest > 1 else "full request", rendered))
    except Exception as e:
        problems.append(f"full request: values cannot be built: {type(e).__name__}: {e}"[:400])
    renderings.append(("minimal request", values.Filler(facts, full=False).message(op.input.body)))
    for label, values_ in renderings:
        try:
            problem, _, serialized = request_round_trip(binding, op, harness, capture, values_, label, facts.fixed)
        except Exception as e:
            problem, serialized = f"{label}: zeep cannot render it: {type(e).__name__}: {e}"[:400], None
        if request is None and label != "minimal request":
            request = serialized
        if problem:
            problems.append(problem)
    if op.output is not None and request is not None:
        try:
            for k, widest, values_ in variants(op.output, facts, covered["response"]):
                label = f"response {k + 1}/{widest}" if widest > 1 else "response"
                try:
                    problem = response_round_trip(binding, op, harness, capture, request, values_, label)
                except Exception as e:
                    problem = f"{label}: {type(e).__name__}: {e}"[:400]
                if problem:
                    problems.append(problem)
        except Exception as e:
            problems.append(f"response: values cannot be built: {type(e).__name__}: {e}"[:400])
    return problems


def sample(names, limit):
    if not limit or len(names) <= limit:
        return names
    step = len(names) / limit
    return [names[int(i * step)] for i in range(limit)]


class Contract:
    """One WSDL of the run: zeep's view of it and what was generated and compiled."""

    def __init__(self, wsdl, index):
        self.wsdl = wsdl
        # Named after the file and its path, not its place in the run, so that its crate is
        # the same (and not rebuilt) whatever other contracts a run holds.
        stem = re.sub(r"[^a-z0-9]+", "_", os.path.splitext(os.path.basename(wsdl))[0].lower())
        self.module = "c_%s_%s" % (stem, hashlib.sha1(os.path.abspath(wsdl).encode("utf-8")).hexdigest()[:8])
        self.binding = None
        self.generated = False
        self.compiled = False
        self.note = ""
        self.out = None
        self.server = None
        # The operations round-tripped (zeep's names): all, or a sample of them.
        self.operations = []


def prepare(args, contract):
    """Loads `contract` into zeep and generates its module."""
    try:
        client = load_zeep(contract.wsdl, args.well_known_schemas)
        contract.binding, options = choose_port(client)
    except Exception as e:
        log(f"{contract.wsdl}: zeep cannot load it: {type(e).__name__}: {e}")
        options = []
    if contract.binding is not None:
        everything = list(contract.binding._operations)
        contract.operations = sample(everything, args.max_operations)
        if len(contract.operations) < len(everything):
            # Only what the sampled operations reach is generated and compiled.
            options = options + ["--operations", ",".join(contract.operations)]
    os.makedirs(os.path.join(args.work, "generated"), exist_ok=True)
    contract.out = os.path.join(args.work, "generated", contract.module + ".rs")
    contract.generated, contract.note = generate(args, contract.wsdl, options, contract.out)
    if contract.generated:
        contract.server = server_name(contract.out)
        if contract.server is None:
            log(f"{contract.wsdl}: no server in the generated module")


def zeep_wrong(args, contract):
    """{operation: reason} of the operations of `contract` named by --xmlschema."""
    named = {}
    for spec in args.xmlschema:
        path, operation, reason = (spec.split("::", 2) + ["", ""])[:3]
        if os.path.exists(path) and os.path.samefile(path, contract.wsdl):
            named[operation] = reason
    return named


def exercise(args, contract, binary, details):
    """(equal, total, compared with xmlschema) operations of one compiled contract."""
    binding = contract.binding
    names = contract.operations
    if len(names) < len(binding._operations):
        log(f"{contract.wsdl}: a sample of {len(names)} of {len(binding._operations)} operations")
    wrong = zeep_wrong(args, contract)
    roots = documents(contract.wsdl)
    facts = values.Facts(roots, contract.binding.wsdl.types)
    checker = xmlschema_check.Checker(roots, args.well_known) if wrong else None
    equal = total = by_xmlschema = 0
    covered = {"request": set(), "response": set()}
    harness = Harness(binary, contract.module)
    capture = Capture()
    try:
        for op_name in names:
            total += 1
            reason = wrong.get(op_name)
            op = binding._operations[op_name]
            if reason is not None:
                by_xmlschema += 1
                log(f"  {os.path.basename(contract.wsdl)} {op_name}: compared with xmlschema, not zeep: {reason}")
                try:
                    problems = xmlschema_round_trip(binding, op, harness, capture, checker, facts.fixed)
                except Exception as e:
                    problems = [f"xmlschema: {type(e).__name__}: {e}"[:400]]
            else:
                problems = round_trip(binding, op, harness, capture, facts, covered)
            for p in problems:
                log(f"  {os.path.basename(contract.wsdl)} {op_name}: {p}")
                details.write(json.dumps({"wsdl": contract.wsdl, "operation": op_name, "problem": p}) + "\n")
            if not problems:
                equal += 1
    finally:
        harness.close()
        capture.close()
    return equal, total, by_xmlschema


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
    parser.add_argument("--well-known", help="the folder of the well-known namespaces' schemas")
    parser.add_argument("--details", default=os.devnull)
    parser.add_argument("--max-operations", type=int, default=int(os.environ.get("INTEROP_MAX_OPERATIONS", "0") or 0))
    parser.add_argument("--xmlschema", action="append", default=[], metavar="PATH::OPERATION::REASON",
                        help="an operation where zeep is wrong: it is round-tripped with xmlschema instead")
    parser.add_argument("wsdl", nargs="+")
    args = parser.parse_args()
    args.well_known_schemas = offline.well_known_schemas(args.well_known)
    offline.auto_import(args.well_known)
    zeep_fixes.honour_body_parts()
    zeep_fixes.record_wildcard_namespaces()
    zeep_fixes.wrap_rpc_answers_without_parts()
    os.makedirs(args.work, exist_ok=True)
    contracts = [Contract(wsdl, index) for index, wsdl in enumerate(args.wsdl)]
    seen = set()
    for index, contract in enumerate(contracts):
        if contract.module in seen:  # the same file given twice: a crate each
            contract.module += "_%d" % index
        seen.add(contract.module)
    for contract in contracts:
        prepare(args, contract)
    binary = compile_harness(args, [c for c in contracts if c.generated and c.server])
    ok = equal = total = 0
    yes = lambda b: "yes" if b else "no"  # noqa: E731
    with open(args.details, "w", encoding="utf-8") as details:
        for contract in contracts:
            e = t = by_xmlschema = 0
            if contract.compiled and contract.binding is not None:
                e, t, by_xmlschema = exercise(args, contract, binary, details)
            elif contract.binding is not None:
                t = len(sample(list(contract.binding._operations), args.max_operations))
            line = (f"{contract.wsdl}: generated {yes(contract.generated)}, compiled {yes(contract.compiled)}, "
                    f"operations {e}/{t} equal to zeep")
            if by_xmlschema:
                line += f" ({by_xmlschema} of them compared with xmlschema where zeep is wrong)"
            if contract.note:
                log(f"{contract.wsdl}: generated {contract.note}")
            print(line, flush=True)
            ok += contract.generated and contract.compiled
            equal += e
            total += t
    print(f"interop: {ok}/{len(contracts)} contracts, {equal}/{total} operations equal", flush=True)


if __name__ == "__main__":
    main()
