"""Turns bench/load.sh's results (JSON lines, several rounds) into the Markdown tables of
issue 17: requests or calls per second of ours beside the bare floor, and allocations.

The ratio of a round is ours over the floor measured just before it; the table gives the
fastest run of each side, their ratio, and the range of the per-round ratios.

    load_report.py RESULTS.jsonl
"""

import json
import sys

PAIRS = [
    ("server, 1 connection (wrk -t1 -c1)", "load_server_ours_c1", "load_server_bare_c1", "bare hyper", 0.95),
    ("server, 64 connections (wrk -t1 -c64)", "load_server_ours_c64", "load_server_bare_c64", "bare hyper", 0.8),
    ("client, 1 task", "load_client_ours_t1", "load_client_bare_t1", "bare reqwest", None),
    ("client, 64 tasks sharing one client", "load_client_ours_t64", "load_client_bare_t64", "bare reqwest", 0.8),
]

ALLOCS = [
    ("RefreshFolder served by the generated server (HTTP included)", "allocs_server_ours"),
    ("RefreshFolder served by the generated server requiring HTTP Basic auth", "allocs_server_basic_auth"),
    ("a request answered by bare hyper (fixed bytes)", "allocs_server_bare"),
    ("the generated server's dispatch alone (no HTTP)", "allocs_dispatch_ours"),
    ("RefreshFolder call of the generated client (arguments cloned included)", "allocs_client_ours"),
    ("cloning the call's arguments (the caller's part of the line above)", "allocs_client_arguments"),
    ("a POST of the same bytes by bare reqwest", "allocs_client_bare"),
]


def main(path):
    rounds = {}
    cpu = {}
    single = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            item = json.loads(line)
            key = item.get("key", "")
            if "round" in item:
                rounds.setdefault(key, {})[item["round"]] = item["per_s"]
                if "cpu_us_per_request" in item:
                    cpu.setdefault(key, {})[item["round"]] = item["cpu_us_per_request"]
            elif key.startswith("allocs_"):
                single[key] = item
    if rounds:
        print("### Issue 17: throughput under load, one worker thread each\n")
        print("| measure | ours (fastest) | floor (fastest, same run) | ratio | per-round ratios | target | |")
        print("|---|---|---|---|---|---|---|")
        for what, ours_key, bare_key, floor, target in PAIRS:
            ours, bare = rounds.get(ours_key, {}), rounds.get(bare_key, {})
            if not ours or not bare:
                continue
            best = max(ours.values()) / max(bare.values())
            per_round = sorted(ours[r] / bare[r] for r in ours if r in bare)
            spread = f"{per_round[0]:.2f}–{per_round[-1]:.2f} ({len(per_round)} rounds)" if per_round else ""
            verdict = "n/a" if target is None else ("**met**" if best >= target else "**missed**")
            goal = "" if target is None else f">= {target}x"
            print(f"| {what} | {max(ours.values()):,.0f} /s | {floor} {max(bare.values()):,.0f} /s | {best:.2f}x | {spread} | {goal} | {verdict} |")
    if cpu:
        print("\nThe servers' own CPU time per request in the same runs (user and system, from /proc; the least per side):\n")
        print("| connections | ours | bare hyper | ours / bare |")
        print("|---|---|---|---|")
        for c in (1, 64):
            ours, bare = cpu.get(f"load_server_ours_c{c}", {}), cpu.get(f"load_server_bare_c{c}", {})
            if ours and bare:
                o, b = min(ours.values()), min(bare.values())
                print(f"| {c} | {o:.1f} µs | {b:.1f} µs | {o / b:.2f}x |")
    if single:
        print("\nAllocations (a counting global allocator, `allocs`; per request or call, steady state):\n")
        print("| what | allocations | reallocations | bytes allocated |")
        print("|---|---|---|---|")
        for what, key in ALLOCS:
            item = single.get(key)
            if item:
                print(f"| {what} | {item['allocations']:.1f} | {item['reallocations']:.1f} | {item['bytes']:,.0f} |")


if __name__ == "__main__":
    main(sys.argv[1])
