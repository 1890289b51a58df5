#!/usr/bin/env bash
# EMail's generation time now against the generator before issue 11 (its particle tree, rpc
# style and imports), side by side in one run: the baseline's source is taken from its commit
# (git archive into a temporary folder), both CLIs are built in release, then run alternately
# on the same WSDL with the same options as bench/compare.sh. Prints one JSON line per CLI
# (fastest and median of RUNS runs, wall time, output to a fresh folder each run; and the
# median CPU time, user and system, which a busy machine disturbs less) and one with the
# ratios now / baseline of the fastest runs, of the medians and of the median CPU times.
#
# Usage: bash bench/generation_baseline.sh [RUNS]      (RUNS=30 by default)
#        BASELINE=COMMIT bash bench/generation_baseline.sh
# The baseline's build is kept in target/generation-baseline, so a second run reuses it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# The parent of the first commit of issue 11 (the first that touched codegen/src/rust/plan/).
BASELINE="${BASELINE:-dc15a4a62fde798864a9a98adb077aea52731f8b}"
RUNS="${1:-30}"
WSDL="$ROOT/wsdl/services82/EMail.wsdl"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/baseline"
git -C "$ROOT" archive "$BASELINE" | tar -x -C "$WORK/baseline"
CARGO_TARGET_DIR="$ROOT/target/generation-baseline" \
  cargo build --quiet --release --manifest-path "$WORK/baseline/Cargo.toml" -p wsdl-codegen
cargo build --quiet --release -p wsdl-codegen

python3 - "$RUNS" "$WSDL" "$ROOT/target/generation-baseline/release/wsdl-codegen" \
  "$ROOT/target/release/wsdl-codegen" "$BASELINE" <<'PY'
import json, resource, statistics, subprocess, sys, tempfile, time

runs, wsdl, baseline, now, commit = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
args = ["generate", wsdl, "--out", "email.rs", "--client-name", "EMailAgent",
        "--server-path", "/Remote/Services82/EMail.svc"]
def cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


times = {"baseline": [], "now": []}
cpus = {"baseline": [], "now": []}
for _ in range(runs):
    for name, binary in (("baseline", baseline), ("now", now)):
        with tempfile.TemporaryDirectory() as out:
            started, cpu_started = time.perf_counter(), cpu()
            subprocess.run([binary] + args, cwd=out, check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - started)
            cpus[name].append(cpu() - cpu_started)
medians, cpu_medians = {}, {}
for name, key in (("baseline", "generate_cli_before_issue11"), ("now", "generate_cli_now")):
    medians[name] = statistics.median(times[name]) * 1000
    cpu_medians[name] = statistics.median(cpus[name]) * 1000
    print(json.dumps({"key": key, "runs": runs, "min_ms": round(min(times[name]) * 1000, 2),
                      "median_ms": round(medians[name], 2),
                      "cpu_median_ms": round(cpu_medians[name], 2),
                      **({"commit": commit} if name == "baseline" else {})}))
print(json.dumps({"key": "generate_cli_now_vs_before_issue11",
                  "ratio_fastest": round(min(times["now"]) / min(times["baseline"]), 3),
                  "ratio_median": round(medians["now"] / medians["baseline"], 3),
                  "ratio_cpu_median": round(cpu_medians["now"] / cpu_medians["baseline"], 3)}))
PY
