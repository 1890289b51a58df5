"""Oracles nobody on this team wrote, driven by the Rust tests over JSON lines.

Usage: python oracle.py WSDL < commands > answers

One JSON object per line in, one per line out. Every answer has "ok": true, or "ok": false with
"error" (a traceback); the Rust side fails the test on an error. Commands:

- {"cmd": "request", "op": NAME, "headers": {...}, "body": {...}, "xml": OUR_ENVELOPE,
   "complete": bool}
  zeep builds the request envelope for the same arguments (values in the JSON model below);
  the answer lists the differences between zeep's envelope and ours ("diffs"), compared as
  canonical trees: namespaces and local names, attributes other than namespace declarations,
  text, children in order; prefixes, insignificant whitespace, WS-Addressing headers and an
  empty Header are ignored. A double's text may differ in spelling when both texts are the same
  number (zeep writes `1e+20`, Rust `1e20`); those cases are listed in "notes". With "complete",
  "missing" lists every element of a complex type the arguments left out (a "fully populated"
  value must leave out none).
- {"cmd": "validate", "xml": ENVELOPE}
  Validates the body's element and every header element against the schemas embedded in the
  WSDL (xmlschema); "errors" lists the reasons.
- {"cmd": "decode_response", "op": NAME, "xml": ENVELOPE, "expected": {"header": ..., "body": ...},
   "complete": bool}
  zeep decodes the response (`process_reply`); "diffs" lists where its values differ from
  "expected", and where the envelope differs from zeep's rendering of the expected values
  (compared as for requests). "complete" lists the left-out elements as for requests. zeep's own lossy readings are accepted and counted in "notes": an empty string,
  array, dictionary or structure reads as None; a dateTime is compared as the value zeep parses
  from the expected text (zeep keeps microseconds).
- {"cmd": "enumerations"}
  The enumeration values of every simple type (flag lists give their item type's), from the
  schemas: {"types": {NAME: [values]}}.

The JSON model of a value (what the Rust tests write for our generated types):
structure = object of element name -> value, a left-out field is absent; array = list;
dictionary = {"$dict": [[key, value-or-null], ...]}, null being a nil value; bytes =
{"$base64": TEXT}; double = number or {"$double": "INF" | "-INF" | "NaN"}; flags = list of
strings; enumeration, string and dateTime = string (the dateTime's text as sent); int, short =
number; boolean = true/false.
"""

import base64
import copy
import io
import json
import math
import re
import sys
import traceback

from lxml import etree
import xmlschema
import zeep
from zeep import xsd
from zeep.helpers import serialize_object
from zeep.xsd.types.builtins import DateTime as ZeepDateTime
from zeep.xsd.types.collection import ListType

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
XSD = "http://www.w3.org/2001/XMLSchema"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
WSA = ("http://www.w3.org/2005/08/addressing", "http://schemas.xmlsoap.org/ws/2004/08/addressing")
FLOAT_LIKE = re.compile(r"^[+-]?(INF|NaN|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$")


class Oracle:
    def __init__(self, wsdl):
        self.client = zeep.Client(wsdl)
        self.service = self.client.bind("WcfEMailService", "BasicHttpBinding_EMail")
        self.binding = self.service._binding
        self.wsdl = wsdl
        self._schema = None

    # ---- the JSON model -> zeep's arguments ---------------------------------------------

    def to_zeep(self, value, xsd_type, path):
        if isinstance(xsd_type, ListType):
            if not isinstance(value, list):
                raise TypeError(f"{path}: a flag list must be a JSON list, got {value!r}")
            return list(value)
        if is_complex(xsd_type):
            shape = complex_shape(xsd_type)
            if shape[0] == "dict":
                _, pair_name, key_el, value_el = shape
                if not (isinstance(value, dict) and list(value) == ["$dict"]):
                    raise TypeError(f"{path}: a dictionary must be {{'$dict': [...]}}, got {value!r}")
                pairs = []
                for i, (k, v) in enumerate(value["$dict"]):
                    p = f"{path}/{pair_name}[{i}]"
                    pairs.append({
                        "Key": xsd.Nil if k is None else self.to_zeep(k, key_el.type, p + "/Key"),
                        "Value": xsd.Nil if v is None else self.to_zeep(v, value_el.type, p + "/Value"),
                    })
                return {pair_name: pairs}
            if shape[0] == "array":
                _, item_name, item_el = shape
                if not isinstance(value, list):
                    raise TypeError(f"{path}: an array must be a JSON list, got {value!r}")
                return {item_name: [self.to_zeep(v, item_el.type, f"{path}/{item_name}[{i}]")
                                    for i, v in enumerate(value)]}
            if not isinstance(value, dict):
                raise TypeError(f"{path}: a structure must be a JSON object, got {value!r}")
            elements = dict(xsd_type.elements)
            out = {}
            for name, v in value.items():
                if name not in elements:
                    raise TypeError(f"{path}: `{name}` is no element of {xsd_type.name}")
                out[name] = self.to_zeep(v, elements[name].type, f"{path}/{name}")
            return out
        # simple types
        if isinstance(value, dict) and "$base64" in value:
            return base64.b64decode(value["$base64"])
        if isinstance(value, dict) and "$double" in value:
            # As text: zeep writes float("inf") as `inf`, which is no xs:double.
            return value["$double"]
        return value

    def missing_elements(self, value, xsd_type, path, out):
        """Every element of a complex type that `value` leaves out (for "fully populated")."""
        if value is None or isinstance(xsd_type, ListType) or not is_complex(xsd_type):
            return
        shape = complex_shape(xsd_type)
        if shape[0] == "dict":
            for i, (_, v) in enumerate(value["$dict"]):
                if v is not None:
                    self.missing_elements(v, shape[3].type, f"{path}[{i}]/Value", out)
            return
        if shape[0] == "array":
            for i, v in enumerate(value):
                self.missing_elements(v, shape[2].type, f"{path}[{i}]", out)
            return
        for name, element in xsd_type.elements:
            if name in value:
                self.missing_elements(value[name], element.type, f"{path}/{name}", out)
            else:
                out.append(f"{path}/{name}")

    # ---- commands ------------------------------------------------------------------------

    def operation(self, name):
        return self.binding.get(name)

    def header_types(self, message):
        return dict(message.header.type.elements)

    def cmd_request(self, cmd):
        op = self.operation(cmd["op"])
        body_type = op.input.body.type
        args = self.to_zeep(cmd["body"], body_type, op.name)
        header_types = self.header_types(op.input)
        given = cmd.get("headers", {})
        unknown = set(given) - set(header_types)
        if unknown:
            raise TypeError(f"{sorted(unknown)} are no request headers of {op.name}")
        headers = {name: self.to_zeep(given[name], element.type, f"Header/{name}")
                   for name, element in header_types.items() if name in given}
        message = op.create(**args, _soapheaders=headers or None)
        self.binding._set_http_headers(message, op)
        zeep_root = message.content
        ours = etree.fromstring(cmd["xml"].encode("utf-8"))
        diffs, notes = [], []
        compare_trees(canonical_envelope(zeep_root), canonical_envelope(ours), "", diffs, notes)
        answer = {"ok": True, "diffs": diffs, "notes": notes,
                  "zeep_xml": etree.tostring(zeep_root, encoding="unicode")}
        if cmd.get("complete"):
            missing = []
            self.missing_elements(cmd["body"], body_type, op.name, missing)
            for name, v in cmd.get("headers", {}).items():
                self.missing_elements(v, header_types[name].type, f"Header/{name}", missing)
            missing += [f"Header/{n}" for n in header_types if n not in cmd.get("headers", {})]
            answer["missing"] = missing
        return answer

    @property
    def schema(self):
        if self._schema is None:
            tree = etree.parse(self.wsdl)
            texts = [etree.tostring(standalone(s), encoding="unicode")
                     for s in tree.iter(f"{{{XSD}}}schema")]
            self._schema = xmlschema.XMLSchema([io.StringIO(t) for t in texts])
        return self._schema

    def cmd_validate(self, cmd):
        root = etree.fromstring(cmd["xml"].encode("utf-8"))
        envelope_ns = etree.QName(root).namespace
        if envelope_ns not in (SOAP11, SOAP12) or etree.QName(root).localname != "Envelope":
            return {"ok": True, "errors": [f"not a SOAP envelope: {root.tag}"], "checked": []}
        errors, checked = [], []
        for child in root:
            if not isinstance(child.tag, str):
                continue
            q = etree.QName(child)
            if q.namespace == envelope_ns and q.localname in ("Header", "Body"):
                parts = [c for c in child if isinstance(c.tag, str)]
            else:
                parts = [child]  # a header placed directly under Envelope
            for part in parts:
                if etree.QName(part).namespace in WSA:
                    continue
                checked.append(etree.QName(part).localname)
                for error in self.schema.iter_errors(standalone_element(part)):
                    errors.append(f"{etree.QName(part).localname}: {error.reason} at {error.path}")
        return {"ok": True, "errors": errors, "checked": checked}

    def cmd_decode_response(self, cmd):
        op = self.operation(cmd["op"])
        root = etree.fromstring(cmd["xml"].encode("utf-8"))
        result = serialize_object(op.process_reply(root))
        expected = cmd["expected"]
        diffs, notes = [], []
        header_types = self.header_types(op.output)
        got_headers = result.get("header") or {}
        for name, element in header_types.items():
            self.compare_value(expected.get("header", {}).get(name), got_headers.get(name),
                               element.type, f"Header/{name}", diffs, notes)
        body_type = op.output.body.type
        got_body = result.get("body") or {}
        for name, element in body_type.elements:
            self.compare_value(expected.get("body", {}).get(name), got_body.get(name),
                               element.type, f"{op.output.body.name}/{name}", diffs, notes)
        # zeep's rendering of the same response values, compared like requests. The headers are
        # rendered through their global elements: zeep's `_soapheaders` path writes a nil
        # dictionary value as the text "Nil" (a zeep bug).
        body_args = self.to_zeep(expected.get("body", {}), body_type, op.output.body.name)
        zeep_root = op.output.serialize(**body_args).content
        given = expected.get("header", {})
        if given:
            header = etree.Element(f"{{{SOAP11}}}Header")
            for name, element in header_types.items():
                if name in given:
                    value = self.to_zeep(given[name], element.type, f"Header/{name}")
                    self.client.get_element(element.qname).render(header, value)
            zeep_root.insert(0, header)
        xml_diffs = []
        compare_trees(canonical_envelope(zeep_root), canonical_envelope(root), "", xml_diffs, notes)
        diffs += [f"XML: {d}" for d in xml_diffs]
        answer = {"ok": True, "diffs": diffs, "notes": notes, "zeep": to_jsonable(result),
                  "zeep_xml": etree.tostring(zeep_root, encoding="unicode")}
        if cmd.get("complete"):
            missing = []
            self.missing_elements(expected.get("body", {}), body_type, op.output.body.name, missing)
            for name, element in header_types.items():
                if name in given:
                    self.missing_elements(given[name], element.type, f"Header/{name}", missing)
                else:
                    missing.append(f"Header/{name}")
            answer["missing"] = missing
        return answer

    def compare_value(self, expected, got, xsd_type, path, diffs, notes):
        if expected is None:
            if got is not None and is_complex(xsd_type) and all_none(got):
                notes.append(f"{path}: a nil structure reads as an object of Nones in zeep")
            elif got is not None:
                diffs.append(f"{path}: expected nothing (absent or nil), zeep read {got!r}")
            return
        if got is None:
            if is_empty(expected):
                notes.append(f"{path}: empty value reads as None in zeep")
            else:
                diffs.append(f"{path}: expected {short(expected)}, zeep read nothing")
            return
        if isinstance(xsd_type, ListType):
            if list(expected) != list(got):
                diffs.append(f"{path}: expected flags {expected!r}, zeep read {got!r}")
            return
        if is_complex(xsd_type):
            shape = complex_shape(xsd_type)
            if shape[0] == "dict":
                _, pair_name, _, value_el = shape
                pairs = got.get(pair_name) or []
                if len(pairs) != len(expected["$dict"]):
                    diffs.append(f"{path}: expected {len(expected['$dict'])} entries, zeep read {len(pairs)}")
                    return
                for i, ((k, v), pair) in enumerate(zip(expected["$dict"], pairs)):
                    p = f"{path}/{pair_name}[{i}]"
                    if k != pair["Key"] and not (k == "" and pair["Key"] is None):
                        diffs.append(f"{p}/Key: expected {k!r}, zeep read {pair['Key']!r}")
                    self.compare_value(v, pair["Value"], value_el.type, p + "/Value", diffs, notes)
                return
            if shape[0] == "array":
                _, item_name, item_el = shape
                items = got.get(item_name) or []
                if len(items) != len(expected):
                    diffs.append(f"{path}: expected {len(expected)} items, zeep read {len(items)}")
                    return
                for i, (e, g) in enumerate(zip(expected, items)):
                    self.compare_value(e, g, item_el.type, f"{path}/{item_name}[{i}]", diffs, notes)
                return
            for name, element in xsd_type.elements:
                self.compare_value(expected.get(name), got.get(name), element.type,
                                   f"{path}/{name}", diffs, notes)
            unknown = set(expected) - {n for n, _ in xsd_type.elements}
            if unknown:
                diffs.append(f"{path}: expected values for unknown elements {sorted(unknown)}")
            return
        # simple values
        if isinstance(expected, dict) and "$base64" in expected:
            if base64.b64decode(expected["$base64"]) != got:
                diffs.append(f"{path}: expected bytes {expected['$base64']}, zeep read {got!r}")
            return
        if isinstance(expected, dict) and "$double" in expected:
            want = float(expected["$double"].replace("INF", "inf"))
            if not (math.isnan(want) and math.isnan(got)) and want != got:
                diffs.append(f"{path}: expected {want!r}, zeep read {got!r}")
            return
        if isinstance(xsd_type, ZeepDateTime):
            want = xsd_type.pythonvalue(expected)
            if want != got or want.utcoffset() != got.utcoffset():
                diffs.append(f"{path}: expected {expected} ({want!r}), zeep read {got!r}")
            elif re.search(r"\.\d{7,}", expected):
                notes.append(f"{path}: a dateTime compared to the microsecond, as zeep keeps it")
            return
        if expected == "" and got is None:
            notes.append(f"{path}: empty string reads as None in zeep")
            return
        if type(expected) is bool or type(got) is bool:
            if expected is not got:
                diffs.append(f"{path}: expected {expected!r}, zeep read {got!r}")
            return
        if expected != got:
            diffs.append(f"{path}: expected {expected!r}, zeep read {got!r}")

    def cmd_enumerations(self, cmd):
        types = {}
        for name, t in self.schema.types.items():
            local = name.split("}")[-1]
            if getattr(t, "enumeration", None):
                types[local] = list(t.enumeration)
            elif getattr(t, "item_type", None) is not None and getattr(t.item_type, "enumeration", None):
                types[local] = list(t.item_type.enumeration)
        return {"ok": True, "types": types}


# ---- helpers -----------------------------------------------------------------------------

def is_complex(t):
    return isinstance(t, xsd.ComplexType)


def complex_shape(t):
    """("array", item name, item element), ("dict", pair name, key element, value element)
    or ("struct",): WCF's ArrayOfX types and dictionaries are a single repeated element."""
    elements = t.elements
    if len(elements) == 1:
        name, element = elements[0]
        if element.max_occurs == "unbounded" or (isinstance(element.max_occurs, int) and element.max_occurs > 1):
            if is_complex(element.type):
                inner = dict(element.type.elements)
                if set(inner) == {"Key", "Value"}:
                    return ("dict", name, inner["Key"], inner["Value"])
            return ("array", name, element)
    return ("struct",)


def all_none(value):
    return isinstance(value, dict) and all(v is None for v in value.values())


def is_empty(expected):
    if expected == "" or expected == [] or expected == {}:
        return True
    if isinstance(expected, dict) and "$dict" in expected and not expected["$dict"]:
        return True
    if isinstance(expected, dict) and "$base64" in expected and expected["$base64"] == "":
        return True
    return False


def short(v):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) < 120 else s[:117] + "..."


def standalone(schema):
    n = etree.Element(schema.tag, dict(schema.attrib), nsmap=schema.nsmap)
    n.extend(copy.deepcopy(c) for c in schema)
    return n


def standalone_element(element):
    """A copy of `element` as its own document, keeping every namespace in scope."""
    return etree.fromstring(etree.tostring(element))


def canonical_envelope(root):
    """The envelope as a tree of (namespace, local name, attributes, text, children), without
    WS-Addressing headers and without an empty Header."""
    tree = canonical(root)
    children = []
    for child in tree[4]:
        ns, local = child[0], child[1]
        if local == "Header" and ns in (SOAP11, SOAP12):
            headers = [h for h in child[4] if h[0] not in WSA]
            if not headers:
                continue
            child = (ns, local, child[2], child[3], headers)
        children.append(child)
    return (tree[0], tree[1], tree[2], tree[3], children)


def canonical(el):
    q = etree.QName(el)
    attrs = tuple(sorted((k, v) for k, v in el.attrib.items()))
    kids = [c for c in el if isinstance(c.tag, str)]
    if kids:
        # Only whitespace between child elements is insignificant; anything else is kept.
        mixed = [t for t in [el.text] + [c.tail for c in kids] if t and t.strip()]
        text = "".join(mixed) if mixed else None
    else:
        text = el.text or ""
    return (q.namespace, q.localname, attrs, text, [canonical(c) for c in kids])


def compare_trees(a, b, path, diffs, notes, index=None):
    """Compares canonical trees `a` (zeep's) and `b` (ours) below `path`."""
    if (a[0], a[1]) != (b[0], b[1]):
        diffs.append(f"{path}: zeep has {{{a[0]}}}{a[1]}, we have {{{b[0]}}}{b[1]}")
        return
    here = f"{path}/{a[1]}" if index is None else f"{path}/{a[1]}[{index}]"
    if a[2] != b[2]:
        diffs.append(f"{here}: attributes differ: zeep {dict(a[2])}, ours {dict(b[2])}")
    if a[3] != b[3]:
        if (a[3] and b[3] and FLOAT_LIKE.match(a[3]) and FLOAT_LIKE.match(b[3])
                and any(c in a[3] + b[3] for c in ".eEIN")
                and float(a[3].replace("INF", "inf")) == float(b[3].replace("INF", "inf"))):
            notes.append(f"{here}: the same double spelled differently")
        else:
            diffs.append(f"{here}: text differs: zeep {a[3]!r}, ours {b[3]!r}")
    if [c[1] for c in a[4]] != [c[1] for c in b[4]]:
        diffs.append(f"{here}: children differ: zeep {[c[1] for c in a[4]]}, ours {[c[1] for c in b[4]]}")
    for i, (x, y) in enumerate(zip(a[4], b[4])):
        compare_trees(x, y, here, diffs, notes, i if len(a[4]) > 1 else None)


def to_jsonable(v):
    if isinstance(v, dict):
        return {k: to_jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_jsonable(x) for x in v]
    if isinstance(v, bytes):
        return {"$base64": base64.b64encode(v).decode()}
    if isinstance(v, float) and not math.isfinite(v):
        return {"$double": repr(v)}
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def main():
    oracle = Oracle(sys.argv[1])
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            cmd = json.loads(line)
            answer = getattr(oracle, "cmd_" + cmd["cmd"])(cmd)
        except Exception:  # noqa: BLE001 - every failure goes back to the test
            answer = {"ok": False, "error": traceback.format_exc()}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
