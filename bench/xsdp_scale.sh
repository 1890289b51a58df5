#!/usr/bin/env bash
# xsd-parser 1.5 on vSphere vim25's schemas, side by side with our bindings (issue 14, part 3).
# Called by bench/compare.sh's scale section when XSDP_SCALE=1 (off by default: xsd-parser's
# output for vim25 is about 120 MB of Rust), after that section has generated and built our
# bindings (its keys ours_generate_vim25_cli, peak_rss_generate_vim25, build_debug_vim25 and
# build_release_vim25 are the other side of each row). What each side generates:
#   - ours: `wsdl-codegen generate vimService.wsdl`: a type and its XML codec (encode and
#     decode) for every schema type and element, plus the client and the server trait of the
#     615 operations;
#   - xsd-parser: `xsdp-gen --serialize --explicit-naming` (bench/xsd-parser/gen) on the schema
#     lifted out of vim.wsdl (which includes and imports the contract's XSD files): a type and
#     its quick-xml serializer and (boxed) deserializer for every schema type and element; no
#     operations (xsd-parser reads schemas, not WSDL).
# Records (JSON lines, appended to RESULTS):
#   xsdp_generate_vim25_cli      xsdp-gen as a fresh process, wall time, RUNS runs (lifting the
#                                schema, xsd-parser, writing the file: what our CLI run does)
#   xsdp_generate_vim25          xsd-parser alone, in-process, RUNS runs (schema files on disk to
#                                the generated text; no formatting, no writing)
#   xsdp_peak_rss_generate_vim25 GNU time's maximum RSS of one xsdp-gen run
#   lines_vim25_ours, lines_vim25_xsd_parser   both outputs through rustfmt (default settings)
#   xsdp_build_debug_vim25, xsdp_build_release_vim25   the generated crate alone
#                                (bench/xsd-parser/vim25; xsd-parser-types built first): wall and
#                                CPU time and rustc's peak RSS (GNU time), or why it failed.
# A build is stopped when it runs longer than XSDP_BUILD_TIMEOUT seconds (default 2400) or
# when its processes together hold more than XSDP_MEM_LIMIT_MIB (default 12288): the machine
# is shared, and the kernel's OOM killer would pick a victim among other jobs.
# SKIP_SCALE_RELEASE=1 leaves the release build out, as for ours.
#
# Usage: bash bench/xsdp_scale.sh OUT RESULTS VIMSERVICE_WSDL OURS_VIM25_RS PYTHON
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$1 RESULTS=$2 WSDL=$3 OURS=$4 PY=$5
XSDP="$ROOT/bench/xsd-parser"
RUNS="${XSDP_GEN_RUNS:-5}"
TIMEOUT="${XSDP_BUILD_TIMEOUT:-2400}"
LIMIT_MIB="${XSDP_MEM_LIMIT_MIB:-12288}"
WORK="$OUT/xsdp-vim25"
mkdir -p "$WORK"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

if [ ! -x /usr/bin/time ]; then
  echo "SKIPPED xsd-parser on vim25: /usr/bin/time (GNU time) is not installed" >&2
  exit 0
fi

step "xsd-parser on vim25: generation (xsdp-gen --serialize --explicit-naming, $RUNS runs)"
(cd "$XSDP" && cargo build --quiet --release -p xsdp-gen)
GEN="$XSDP/target/release/xsdp-gen"
FLAGS=(--serialize --explicit-naming)
"$PY" bench/zeep_bench.py cli xsdp_generate_vim25_cli "$RUNS" -- "$GEN" "$WSDL" . 1 "${FLAGS[@]}" | record
"$GEN" "$WSDL" "$WORK" "$RUNS" "${FLAGS[@]}" | sed 's/^{/{"key": "xsdp_generate_vim25", /' | record
/usr/bin/time -f '%M' -o "$WORK/peak.txt" "$GEN" "$WSDL" "$WORK" 1 "${FLAGS[@]}" >/dev/null
echo "{\"key\": \"xsdp_peak_rss_generate_vim25\", \"peak_mib\": $(($(tail -n 1 "$WORK/peak.txt") / 1024)), \"bytes\": $(wc -c <"$WORK/generated.rs")}" | record

step "Lines of both outputs through rustfmt (xsd-parser's takes minutes)"
mkdir -p "$WORK/fmt"
cp "$OURS" "$WORK/fmt/ours.rs"
cp "$WORK/generated.rs" "$WORK/fmt/xsd_parser.rs"
rustfmt --edition 2021 "$WORK/fmt/ours.rs" "$WORK/fmt/xsd_parser.rs"
record_lines lines_vim25 "$WORK/fmt" ours xsd_parser

# Sum of the resident memory of a process and its descendants, in KiB.
tree_rss_kib() {
  ps -e -o pid=,ppid=,rss= | awk -v root="$1" '
    { parent[$1] = $2; rss[$1] = $3 }
    END {
      total = 0
      for (p in parent) {
        q = p
        while (q != "" && q != root && q > 1) q = parent[q]
        if (q == root) total += rss[p]
      }
      print total
    }'
}

# The ids of a process's descendants, deepest first.
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1"); do
    descendants "$child"
    echo "$child"
  done
}

# Builds the crate once with its generated source (dependencies built before, with an empty
# one), under GNU time, a timeout and the memory watchdog; records KEY.
build() { # key, cargo profile arguments...
  local key=$1
  shift
  : >"$XSDP/vim25/src/generated.rs"
  (cd "$XSDP" && cargo build --quiet "$@" -p xsdp-vim25)
  cp "$WORK/generated.rs" "$XSDP/vim25/src/generated.rs"
  local log="$WORK/$key.log" started=$SECONDS peak=0 reason=""
  (cd "$XSDP" && exec /usr/bin/time -f '%e %U %S %M' -o "$WORK/$key.time" cargo build --quiet "$@" -p xsdp-vim25) >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    local rss
    rss=$(tree_rss_kib "$pid")
    [ "$rss" -gt "$peak" ] && peak=$rss
    if [ $((SECONDS - started)) -ge "$TIMEOUT" ]; then
      reason="stopped after $TIMEOUT s (XSDP_BUILD_TIMEOUT)"
    elif [ "$rss" -gt $((LIMIT_MIB * 1024)) ]; then
      reason="stopped at $((rss / 1024)) MiB (XSDP_MEM_LIMIT_MIB=$LIMIT_MIB)"
    fi
    if [ -n "$reason" ]; then
      for p in $(descendants "$pid") "$pid"; do kill "$p" 2>/dev/null || true; done
      break
    fi
    sleep 2
  done
  local status=0
  wait "$pid" || status=$?
  : >"$XSDP/vim25/src/generated.rs"
  if [ -z "$reason" ] && [ "$status" -eq 0 ] && [ -s "$WORK/$key.time" ]; then
    local wall user sys max
    read -r wall user sys max <"$WORK/$key.time"
    echo "{\"key\": \"$key\", \"seconds\": $wall, \"cpu_seconds\": $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }'), \"peak_mib\": $((max / 1024))}" | record
    return
  fi
  if [ -z "$reason" ]; then
    local errors first
    errors=$(grep -c '^error' "$log" || true)
    first=$(grep -m1 '^error' "$log" | cut -c1-200 | tr -d '"\\' || true)
    reason="cargo exited with $status ($errors errors; first: $first)"
  fi
  echo "{\"key\": \"$key\", \"failed\": \"$reason\", \"seconds\": $((SECONDS - started)), \"peak_mib\": $((peak / 1024))}" | record
}

step "xsd-parser's vim25 crate: debug build"
build xsdp_build_debug_vim25
if [ "${SKIP_SCALE_RELEASE:-0}" = 1 ]; then
  exit 0
fi
step "xsd-parser's vim25 crate: release build"
build xsdp_build_release_vim25 --release
