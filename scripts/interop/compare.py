"""Envelopes as trees (prefixes aside, insignificant whitespace aside, WS-Addressing headers
aside) and zeep's decoded values as plain data, with the first difference named."""

import datetime
import decimal

from lxml import etree

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
SOAPENC_ARRAY_TYPE = "{http://schemas.xmlsoap.org/soap/encoding/}arrayType"
QNAME_ATTRIBUTES = {
    XSI_TYPE,
    "{http://schemas.xmlsoap.org/soap/encoding/}arrayType",
    "{http://schemas.xmlsoap.org/wsdl/}arrayType",
}
# soap:encodingStyle on an rpc/encoded wrapper: we write it, zeep leaves it out (both legal;
# the binding says the encoding either way).
ENCODING_STYLE = {
    "{http://schemas.xmlsoap.org/soap/envelope/}encodingStyle",
    "{http://www.w3.org/2003/05/soap-envelope}encodingStyle",
}
ADDRESSING = ("http://www.w3.org/2005/08/addressing", "http://schemas.xmlsoap.org/ws/2004/08/addressing")


def resolve(node, value):
    """A QName-valued attribute with its prefix replaced by the namespace."""
    if ":" not in value:
        return "{%s}%s" % (node.nsmap.get(None, ""), value)
    prefix, local = value.split(":", 1)
    return "{%s}%s" % (node.nsmap.get(prefix, prefix), local)


def prefixed_words(node, text):
    """`text` with every word `prefix:local` whose prefix `node`'s scope binds written
    `{namespace}local`: the values of QName types (and lists of them) in attributes and text,
    which two peers may write with other prefixes. Both sides of a comparison get the same."""
    if ":" not in text:
        return text
    scope = node.nsmap

    def word(w):
        prefix, colon, local = w.partition(":")
        if colon and prefix in scope and local and ":" not in local:
            return "{%s}%s" % (scope[prefix], local)
        return w

    return " ".join(word(w) for w in text.split())


def canon(node):
    """(tag, attributes, text, children) with QName values resolved."""
    attributes = sorted(
        (k, resolve(node, v) if k in QNAME_ATTRIBUTES else prefixed_words(node, v))
        for k, v in node.attrib.items()
        if k not in ENCODING_STYLE
    )
    children = []
    for child in node:
        if isinstance(child.tag, str):
            if any(child.tag.startswith("{%s}" % ns) for ns in ADDRESSING):
                continue
            children.append(canon(child))
            tail = (child.tail or "").strip()
            if tail:
                children.append(("#text", tail))
    return (node.tag, attributes, prefixed_words(node, (node.text or "").strip()), children)


def envelope_parts(envelope):
    """The canonical Header children and Body of an envelope."""
    header, body = [], None
    for child in envelope:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        if local == "Header":
            header = canon(child)[3]
        elif local == "Body":
            body = canon(child)
    return header, body


def without_addressing(envelope):
    """`envelope` with its WS-Addressing header blocks left out (and its Header, when nothing
    else is in it): what zeep decodes from our answer, to compare with zeep's own rendering,
    which has none (the tree comparison sets them aside likewise; a contract that requires
    WS-Addressing has our server answer with wsa:Action and wsa:RelatesTo)."""
    for header in [c for c in envelope if isinstance(c.tag, str) and etree.QName(c).localname == "Header"]:
        for child in list(header):
            if isinstance(child.tag, str) and any(child.tag.startswith("{%s}" % ns) for ns in ADDRESSING):
                header.remove(child)
        if not any(isinstance(c.tag, str) for c in header):
            envelope.remove(header)
    return envelope


def show(tree, limit=300):
    if isinstance(tree, tuple) and len(tree) == 4:
        tag, attributes, text, children = tree
        text = f"<{tag}{''.join(f' {k}={v!r}' for k, v in attributes)}>{text}"
        text += "".join(show(c, limit) for c in children)
    else:
        text = repr(tree)
    return text[:limit]


def first_difference(ours, theirs, path="", fixed=None):
    """None when equal, else where and how the trees differ. `fixed` ({local name: value} of
    attributes declared with a fixed value): such an attribute written by us alone, with its
    fixed value, is no difference (the schema gives it that value when it is absent)."""
    if ours == theirs:
        return None
    if not (isinstance(ours, tuple) and isinstance(theirs, tuple) and len(ours) == 4 and len(theirs) == 4):
        return f"{path}: ours {show(ours)} / zeep {show(theirs)}"
    here = f"{path}/{etree.QName(ours[0]).localname}" if ours[0] != "#text" else path
    if ours[0] != theirs[0]:
        return f"{path}: element ours {ours[0]} / zeep {theirs[0]}"
    attributes = ours[1]
    for optional in (XSI_TYPE, SOAPENC_ARRAY_TYPE):
        if optional not in dict(theirs[1]):
            # zeep writes no xsi:type on rpc/encoded values and no soapenc:arrayType on SOAP
            # arrays (SOAP 1.1 section 5 has them): ours alone is no difference.
            attributes = [a for a in attributes if a[0] != optional]
    if fixed:
        present = dict(theirs[1])
        attributes = [
            (k, v) for k, v in attributes
            if k in present or fixed.get(etree.QName(k).localname) != v
        ]
    if attributes != theirs[1]:
        return f"{here}: attributes ours {ours[1]} / zeep {theirs[1]}"
    if ours[2] != theirs[2]:
        return f"{here}: text ours {ours[2]!r} / zeep {theirs[2]!r}"
    if ours[2:] == theirs[2:]:
        return None
    for a, b in zip(ours[3], theirs[3]):
        found = first_difference(a, b, here, fixed)
        if found:
            return found
    a, b = ours[3], theirs[3]
    if len(a) == len(b):
        return None
    if len(a) > len(b):
        return f"{here}: ours has extra {show(a[len(b)])}"
    return f"{here}: zeep has extra {show(b[len(a)])}"


def plain(value):
    """zeep's decoded value as comparable plain data."""
    from zeep.helpers import serialize_object

    value = serialize_object(value, dict)
    return _plain(value)


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, etree._Element):
        return canon(value)
    if isinstance(value, (decimal.Decimal, datetime.datetime, datetime.date, datetime.time)):
        return str(value)
    if hasattr(value, "__values__"):
        return _plain(dict(value.__values__))
    return value


def value_difference(ours, theirs, path=""):
    if ours == theirs:
        return None
    if isinstance(ours, dict) and isinstance(theirs, dict):
        for key in list(theirs) + [k for k in ours if k not in theirs]:
            found = value_difference(ours.get(key), theirs.get(key), f"{path}.{key}")
            if found:
                return found
    if isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        for i, (a, b) in enumerate(zip(ours, theirs)):
            found = value_difference(a, b, f"{path}[{i}]")
            if found:
                return found
    return f"{path or '.'}: ours {str(ours)[:200]} / zeep {str(theirs)[:200]}"
