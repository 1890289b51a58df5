"""MTOM messages (multipart/related, XOP) back to plain envelopes, for comparing: the root
part with every xop:Include replaced by its part's bytes in base64, as zeep writes them
inline. Nothing here knows any particular WSDL."""

import base64
import email
import urllib.parse

from lxml import etree

XOP_INCLUDE = "{http://www.w3.org/2004/08/xop/include}Include"


def is_multipart(content_type):
    return bool(content_type) and "multipart/related" in content_type.lower()


def inline(body, content_type):
    """`body` itself, or the envelope of an MTOM message with its parts put inline."""
    if not is_multipart(content_type):
        return body
    message = email.message_from_bytes(b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    parts = [part for part in message.walk() if not part.is_multipart()]
    if not parts:
        raise ValueError("an MTOM message without parts")
    by_id = {part.get("Content-ID", "").strip().strip("<>"): part for part in parts}
    start = (message.get_param("start") or "").strip("<>")
    root_part = by_id.get(start, parts[0]) if start else parts[0]
    root = etree.fromstring(root_part.get_payload(decode=True))
    for include in list(root.iter(XOP_INCLUDE)):
        href = include.get("href", "")
        cid = urllib.parse.unquote(href[4:]) if href.startswith("cid:") else href
        part = by_id.get(cid)
        if part is None:
            raise ValueError(f"no MTOM part {href}")
        parent = include.getparent()
        parent.remove(include)
        parent.text = base64.b64encode(part.get_payload(decode=True)).decode("ascii")
    return etree.tostring(root)
