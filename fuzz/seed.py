#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from the SuperOffice samples and the checked-in WSDL.

Each sample response becomes an `email_response` input (operation index byte, then the
document); each sample request becomes `server_dispatch` inputs (flags byte, operation byte,
then the document). The operation order is the generated `OPERATIONS` table's.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SAMPLES = os.path.join(ROOT, "..", "shared", "samples", "services82", "EMail")
GENERATED = os.path.join(ROOT, "generated", "src", "email.rs")
WSDL = os.path.join(ROOT, "wsdl", "services82", "EMail.wsdl")


def operations():
    source = open(GENERATED, encoding="utf-8").read()
    table = re.search(r"pub const OPERATIONS: &\[Operation\] = &\[(.*?)\];", source, re.S)
    consts = re.findall(r"[A-Z_]+", table.group(1))
    names = []
    for const in consts:
        m = re.search(r"pub const %s: Operation = Operation \{\s*name: \"(\w+)\"" % const, source)
        names.append(m.group(1))
    return names


def encoded(data, codec, declared):
    """`data` (UTF-8) re-encoded with `codec`, with a byte order mark for UTF-16 and a
    declaration naming `declared` if given; None when a character does not fit."""
    text = data.decode("utf-8")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2:]
    if declared:
        text = '<?xml version="1.0" encoding="%s"?>' % declared + text
    try:
        body = text.encode(codec)
    except UnicodeEncodeError:
        return None
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
    return bom + body


def main():
    ops = operations()
    for target in ("email_response", "server_dispatch", "wsdl_pipeline"):
        os.makedirs(os.path.join(HERE, "corpus", target), exist_ok=True)
    count = 0
    if not os.path.isdir(SAMPLES):
        print("no samples at", SAMPLES, file=sys.stderr)
    else:
        for name in sorted(os.listdir(SAMPLES)):
            operation, kind = name.split(".")[:2]
            if operation not in ops:
                continue
            index = ops.index(operation)
            data = open(os.path.join(SAMPLES, name), "rb").read()
            if kind == "response":
                # The selector also picks the charset: + 41 none, + 82 UTF-16 (see the harness).
                variants = [(index, data), (128 + index, data),
                            (index + 41, encoded(data, "utf-16-be", "UTF-16")),
                            (index + 41, encoded(data, "latin-1", "ISO-8859-1")),
                            (index + 82, encoded(data, "utf-16-le", None))]
                for selector, document in variants:
                    if document is None:
                        continue
                    path = os.path.join(HERE, "corpus", "email_response", "%s.%d.%d" % (operation, selector, len(document)))
                    open(path, "wb").write(bytes([selector]) + document)
                    count += 1
            else:
                # Flags bits 4-5 pick the charset: 0x20 UTF-16, 0x30 windows-1252.
                variants = [(0, data), (1, data), (4, data), (7, data),
                            (0x21, encoded(data, "utf-16-le", None)),
                            (0x31, encoded(data, "cp1252", None)),
                            (0x11, encoded(data, "latin-1", "ISO-8859-1"))]
                for flags, document in variants:
                    if document is None:
                        continue
                    path = os.path.join(HERE, "corpus", "server_dispatch", "%s.%d" % (operation, flags))
                    open(path, "wb").write(bytes([flags, index]) + document)
                    count += 1
    wsdls = [WSDL]
    for folder in (os.path.join(ROOT, "codegen", "tests", "fixtures"), os.path.join(ROOT, "tests", "corpus", "wsdl")):
        for dirpath, _, files in os.walk(folder):
            wsdls += [os.path.join(dirpath, f) for f in files if f.endswith((".wsdl", ".xsd"))]
    for path in wsdls:
        target = os.path.join(HERE, "corpus", "wsdl_pipeline", os.path.relpath(path, ROOT).replace(os.sep, "_"))
        open(target, "wb").write(open(path, "rb").read())
        count += 1
    print("seeded", count, "inputs")


if __name__ == "__main__":
    main()
