"""The Python side of bench/compare.sh: zeep (and xsdata) on the inputs gen-inputs wrote.

    zeep_bench.py load WSDL [KEY]                (KEY defaults to zeep_load)
    zeep_bench.py encode WSDL INPUT_DIR
    zeep_bench.py decode WSDL INPUT_DIR
    zeep_bench.py roundtrip WSDL INPUT_DIR URL COUNT
    zeep_bench.py cli NAME RUNS -- COMMAND...     (wall time of a command, e.g. xsdata generate)

Prints one JSON object per line, each with a "key", in the same shape as compare-rust's:
median over repeated runs for BENCH_SECS seconds (default 2) after a warm-up run.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BUDGET = float(os.environ.get("BENCH_SECS", "2"))
SERVICE = "WcfEMailService"
PORT = "BasicHttpBinding_EMail"
BINDING = "{http://www.superoffice.net/ws/crm/NetServer/Services82}BasicHttpBinding_EMail"


def timed(fn, budget=BUDGET, min_runs=3):
    fn()
    runs = []
    started = time.perf_counter()
    while len(runs) < min_runs or time.perf_counter() - started < budget:
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    runs.sort()
    return runs


def report(key, runs, size=None, **extra):
    median = statistics.median(runs)
    line = {
        "key": key,
        "runs": len(runs),
        "median_ms": round(median * 1000, 4),
        "min_ms": round(runs[0] * 1000, 4),
        "per_s": round(1 / median, 1),
    }
    if size is not None:
        line["bytes"] = size
        line["mb_per_s"] = round(size / 1e6 / median, 2)
    line.update(extra)
    print(json.dumps(line), flush=True)


def client(wsdl):
    import zeep

    return zeep.Client(wsdl)


def load(wsdl, key="zeep_load"):
    import zeep

    report(key, timed(lambda: zeep.Client(wsdl)))


def args(input_dir):
    with open(os.path.join(input_dir, "refresh-folder.json"), encoding="utf-8") as f:
        return json.load(f)


def encode(wsdl, input_dir):
    from lxml import etree

    c = client(wsdl)
    svc = c.bind(SERVICE, PORT)
    kwargs = args(input_dir)
    report("zeep_encode_refresh_folder", timed(lambda: c.create_message(svc, "RefreshFolder", **kwargs)))
    report(
        "zeep_encode_refresh_folder_bytes",
        timed(lambda: etree.tostring(c.create_message(svc, "RefreshFolder", **kwargs))),
    )


def decode(wsdl, input_dir):
    from lxml import etree

    c = client(wsdl)
    op = c.bind(SERVICE, PORT)._binding.get("GetEMailEnvelopes")
    for count in (1000, 10000):
        with open(os.path.join(input_dir, f"envelopes-{count}.xml"), "rb") as f:
            data = f.read()

        def run():
            return op.process_reply(etree.fromstring(data))

        got = run()
        n = len(got["body"]["Response"]["EMailEnvelope"])
        assert n == count, (n, count)
        # 10,000 envelopes take seconds each in zeep: a few runs are enough.
        budget = BUDGET if count == 1000 else 0
        report(f"zeep_decode_{count}", timed(run, budget=budget, min_runs=3 if count == 1000 else 2), len(data))


ROUNDTRIP_BATCHES = 3


def roundtrip(wsdl, input_dir, url, count):
    c = client(wsdl)
    svc = c.create_service(BINDING, url)
    kwargs = args(input_dir)
    assert svc.RefreshFolder(**kwargs)["body"]["Response"] == 42
    # The fastest of a few batches, as compare-rust does.
    elapsed = float("inf")
    for _ in range(ROUNDTRIP_BATCHES):
        started = time.perf_counter()
        for _ in range(count):
            svc.RefreshFolder(**kwargs)
        elapsed = min(elapsed, time.perf_counter() - started)
    print(
        json.dumps(
            {
                "key": "zeep_roundtrip_refresh_folder",
                "calls": count,
                "seconds": round(elapsed, 3),
                "per_s": round(count / elapsed, 1),
            }
        ),
        flush=True,
    )


def cli(name, runs, command):
    times = []
    for _ in range(runs):
        out = tempfile.mkdtemp(prefix=f"{name}-")
        try:
            t = time.perf_counter()
            subprocess.run(command, cwd=out, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t)
        finally:
            shutil.rmtree(out, ignore_errors=True)
    times.sort()
    report(name, times)


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "load":
        load(*argv[2:4])
    elif cmd == "encode":
        encode(argv[2], argv[3])
    elif cmd == "decode":
        decode(argv[2], argv[3])
    elif cmd == "roundtrip":
        roundtrip(argv[2], argv[3], argv[4], int(argv[5]))
    elif cmd == "cli":
        sep = argv.index("--")
        cli(argv[2], int(argv[3]), argv[sep + 1 :])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
