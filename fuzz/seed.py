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
                for selector in (index, 128 + index):
                    path = os.path.join(HERE, "corpus", "email_response", "%s.%d" % (operation, selector))
                    open(path, "wb").write(bytes([selector]) + data)
                    count += 1
            else:
                for flags in (0, 1, 4, 7):
                    path = os.path.join(HERE, "corpus", "server_dispatch", "%s.%d" % (operation, flags))
                    open(path, "wb").write(bytes([flags, index]) + data)
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
