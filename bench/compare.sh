#!/usr/bin/env bash
# Side by side, in one run on the same inputs (issues 6 and 7):
#   - our generator against `xsdata generate` and zeep's Client load on the EMail WSDL;
#   - our encode/decode against zeep's create_message / process_reply, beside the quick-xml
#     and roxmltree floors on the same bytes;
#   - RefreshFolder round trips over loopback: our client and zeep's against our fake server;
#   - peak memory decoding a 20 MB attachment (base64 in the envelope, and as MTOM);
#   - throughput under load against bare hyper and reqwest, allocations per request
#     (bench/load.sh, issue 17);
#   - xsd-parser 1.5 (quick-xml backend) on the three schemas of the WSDL: lines, release build
#     time of the generated crate alone, generation time, decode throughput, tolerance;
#   - scale (issue 14), on vSphere's vim25 from ../shared: our generation (CLI) against zeep's
#     Client load, the peak memory of both, and the debug and release build times (and release
#     peak rustc memory) of the whole contract's bindings against those of five operations
#     (`--operations`); SKIP_SCALE_RELEASE=1 leaves the release builds out. With XSDP_SCALE=1,
#     xsd-parser on vim25's schemas beside them (bench/xsdp_scale.sh: lines, generation time,
#     debug and release build time and peak memory of its generated crate; about 120 MB of
#     Rust, so off by default).
#   - EMail's generation now against the generator before issue 11 (bench/generation_baseline.sh).
# Prints a table of ratios and keeps the raw results (JSON lines) in bench/out/.
#
# Usage: bash bench/compare.sh            (BENCH_SECS=2 per measurement by default)
#        SKIP_XSD_PARSER=1 SKIP_SCALE=1 bash bench/compare.sh
#        SCALE_ONLY=1 bash bench/compare.sh   (the scale section alone)
#        SCALE_ONLY=1 XSDP_SCALE=1 bash bench/compare.sh   (with xsd-parser on vim25 beside it)
# Needs: a Rust toolchain with rustfmt, python3 (for the venv), and the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export BENCH_SECS="${BENCH_SECS:-2}"
export CARGO_TERM_COLOR=never
OUT="$ROOT/bench/out"
rm -rf "$OUT" && mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: >"$RESULTS"
WSDL="$ROOT/wsdl/services82/EMail.wsdl"
ROUNDTRIPS_OURS="${ROUNDTRIPS_OURS:-5000}"
ROUNDTRIPS_ZEEP="${ROUNDTRIPS_ZEEP:-500}"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
now() { date +%s.%N; }

step "Python peers (bench/.venv: zeep, lxml, xsdata[cli])"
VENV="$ROOT/bench/.venv"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import zeep, lxml, xsdata' >/dev/null 2>&1; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r bench/requirements.txt
fi
PY="$VENV/bin/python"
VIM25_DIR="${VIM25_DIR:-$ROOT/../shared/wsdl/realworld/vmware-vim25}"
"$PY" -c 'import zeep, lxml.etree, xsdata, sys; print("python", sys.version.split()[0], "zeep", zeep.__version__, "lxml", lxml.etree.__version__)' >&2
"$VENV/bin/xsdata" --version >&2

step "Rust side (release)"
if [ "${SCALE_ONLY:-0}" != 1 ]; then
  cargo build --quiet --release -p soap-benches --bins
fi
cargo build --quiet --release -p wsdl-codegen
BIN="$ROOT/target/release"

scale() {
  step "Scale: vSphere vim25 ($VIM25_DIR): our generation against zeep's Client load"
  local vim25="$VIM25_DIR/vimService.wsdl"
  if [ ! -f "$vim25" ]; then
    echo "SKIPPED the scale section: $vim25 is not there (put the shared folder beside the checkout)" >&2
    return
  fi
  "$PY" bench/zeep_bench.py cli ours_generate_vim25_cli 7 -- \
    "$BIN/wsdl-codegen" generate "$vim25" --out vim25.rs | record
  "$PY" bench/zeep_bench.py load "$vim25" zeep_load_vim25 | record
  # Peak resident memory of each, as the kernel accounts it (GNU time's maximum RSS).
  if [ -x /usr/bin/time ]; then
    peak_kib() { /usr/bin/time -f '%M' -o "$OUT/peak.txt" "$@" >/dev/null 2>&1 && tail -n 1 "$OUT/peak.txt"; }
    local ours zeep
    ours=$(peak_kib "$BIN/wsdl-codegen" generate "$vim25" --out "$OUT/vim25.rs")
    zeep=$(peak_kib "$PY" -c 'import sys, zeep; zeep.Client(sys.argv[1])' "$vim25")
    echo "{\"key\": \"peak_rss_generate_vim25\", \"ours_mib\": $((ours / 1024)), \"zeep_load_mib\": $((zeep / 1024)), \"lines\": $(wc -l <"$OUT/vim25.rs")}" | record
  else
    echo "SKIPPED peak memory: /usr/bin/time (GNU time) is not installed" >&2
  fi
  # Debug build of the bindings in a scratch crate (soap-runtime built first, then the
  # bindings' crate alone): the whole contract, and a session's five operations.
  local crate="$OUT/vim25-build"
  mkdir -p "$crate/src"
  cat >"$crate/Cargo.toml" <<TOML
[package]
name = "vim25-build"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
soap-runtime = { path = "$ROOT/runtime" }
[workspace]
TOML
  local operations=RetrieveServiceContent,Login,Logout,RetrievePropertiesEx,ContinueRetrievePropertiesEx
  "$BIN/wsdl-codegen" generate "$vim25" --out "$OUT/vim25-session.rs" --operations "$operations" >&2
  : >"$crate/src/lib.rs"
  (cd "$crate" && CARGO_TARGET_DIR="$crate/target" cargo build --quiet)
  for variant in vim25 vim25-session; do
    echo "#![allow(dead_code)] include!(\"../../$variant.rs\");" >"$crate/src/lib.rs"
    local t0 t1 extra=""
    t0=$(now)
    if [ -x /usr/bin/time ]; then
      # CPU time and rustc's peak resident memory too, as in release.
      (cd "$crate" && CARGO_TARGET_DIR="$crate/target" /usr/bin/time -f '%e %U %S %M' -o "$OUT/debug.txt" cargo build --quiet)
      read -r _ user sys peak <"$OUT/debug.txt"
      extra=", \"cpu_seconds\": $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }'), \"peak_mib\": $((peak / 1024))"
    else
      (cd "$crate" && CARGO_TARGET_DIR="$crate/target" cargo build --quiet)
    fi
    t1=$(now)
    echo "{\"key\": \"build_debug_$variant\", \"seconds\": $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')$extra, \"lines\": $(wc -l <"$OUT/$variant.rs")}" | record
  done
  # The same in release (`SKIP_SCALE_RELEASE=1` leaves it out: minutes and GBs for the whole
  # contract): wall time, CPU time and the peak resident memory of rustc (GNU time's maximum
  # RSS of cargo's children, the bindings' rustc being the largest).
  if [ "${SKIP_SCALE_RELEASE:-0}" = 1 ]; then
    return
  fi
  if [ ! -x /usr/bin/time ]; then
    echo "SKIPPED the release builds: /usr/bin/time (GNU time) is not installed" >&2
    return
  fi
  : >"$crate/src/lib.rs"
  (cd "$crate" && CARGO_TARGET_DIR="$crate/target" cargo build --release --quiet)
  for variant in vim25 vim25-session; do
    echo "#![allow(dead_code)] include!(\"../../$variant.rs\");" >"$crate/src/lib.rs"
    (cd "$crate" && CARGO_TARGET_DIR="$crate/target" /usr/bin/time -f '%e %U %S %M' -o "$OUT/release.txt" cargo build --release --quiet)
    read -r wall user sys peak <"$OUT/release.txt"
    echo "{\"key\": \"build_release_$variant\", \"seconds\": $wall, \"cpu_seconds\": $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }'), \"peak_mib\": $((peak / 1024)), \"lines\": $(wc -l <"$OUT/$variant.rs")}" | record
  done
}

# xsd-parser on vim25's schemas beside our bindings (XSDP_SCALE=1; bench/xsdp_scale.sh), after
# our side's builds, with our generated vim25.rs.
xsdp_scale() {
  if [ "${XSDP_SCALE:-0}" != 1 ]; then
    return
  fi
  if [ ! -f "$OUT/vim25.rs" ]; then
    echo "SKIPPED xsd-parser on vim25: our vim25 bindings were not generated (see the scale section)" >&2
    return
  fi
  bash bench/xsdp_scale.sh "$OUT" "$RESULTS" "$VIM25_DIR/vimService.wsdl" "$OUT/vim25.rs" "$PY"
}

if [ "${SCALE_ONLY:-0}" = 1 ]; then
  scale
  xsdp_scale
  step "Report"
  "$PY" bench/report.py "$RESULTS" | tee "$OUT/report.md"
  exit 0
fi

"$BIN/gen-inputs" "$OUT/inputs" >&2

step "Generators: ours (CLI and in-process) against xsdata generate; zeep's Client load"
# xsdata formats its output with ruff, which the venv provides.
PATH="$VENV/bin:$PATH" "$PY" bench/zeep_bench.py cli xsdata_generate 3 -- \
  "$VENV/bin/xsdata" generate "$WSDL" --package email_xsdata | record
"$PY" bench/zeep_bench.py cli ours_generate_cli 10 -- \
  "$BIN/wsdl-codegen" generate "$WSDL" --out email.rs --client-name EMailAgent \
  --server-path /Remote/Services82/EMail.svc | record
"$BIN/compare-rust" codegen | record
"$PY" bench/zeep_bench.py load "$WSDL" | record

step "Generation time against the generator before issue 11 (built from its commit)"
bash bench/generation_baseline.sh 20 | record

step "Encode"
"$BIN/compare-rust" encode | record
"$PY" bench/zeep_bench.py encode "$WSDL" "$OUT/inputs" | record

step "Decode"
"$BIN/compare-rust" decode "$OUT/inputs" | record
"$BIN/compare-rust" tolerance "$OUT/inputs" | record
"$BIN/compare-rust" encodings "$OUT/inputs" | record
"$PY" bench/zeep_bench.py decode "$WSDL" "$OUT/inputs" | record

step "Peak memory decoding a 20 MB attachment"
"$BIN/peak-rss" 20 | sed 's/^{/{"key": "peak_rss_attachment_20mb", /' | record
step "Peak memory decoding the same 20 MB attachment sent as MTOM"
"$BIN/peak-rss" 20 --mtom | sed 's/^{/{"key": "peak_rss_attachment_20mb_mtom", /' | record

step "Round trips over loopback against our fake server"
# The server prints its URL, then serves until its stdin closes. (bash unsets the coproc's
# variables when it ends, so its pid and input are kept under other names.)
coproc SERVER { exec "$BIN/fake-email-server" --addr 127.0.0.1:0; }
FAKE_PID=$SERVER_PID
exec {FAKE_IN}>&"${SERVER[1]}"
read -r URL <&"${SERVER[0]}"
echo "fake server at $URL" >&2
"$BIN/compare-rust" roundtrip "$URL" "$ROUNDTRIPS_OURS" | record
"$PY" bench/zeep_bench.py roundtrip "$WSDL" "$OUT/inputs" "$URL" "$ROUNDTRIPS_ZEEP" | record
exec {FAKE_IN}>&-
if [ -n "${SERVER[1]:-}" ]; then eval "exec ${SERVER[1]}>&-"; fi
wait "$FAKE_PID" 2>/dev/null || true

if [ "${SKIP_XSD_PARSER:-0}" != 1 ]; then
  step "xsd-parser 1.5 (quick-xml deserializer) on the three schemas of the WSDL"
  XSDP="$ROOT/bench/xsd-parser"
  (cd "$XSDP" && cargo build --quiet --release -p xsdp-gen)
  "$XSDP/target/release/xsdp-gen" "$WSDL" "$OUT/xsd-parser" 20 |
    sed 's/^{/{"key": "xsdp_generate", /' | record
  cp "$OUT/xsd-parser/generated.rs" "$XSDP/model/src/generated.rs"

  # Lines of code, both formatted by rustfmt with its defaults.
  mkdir -p "$OUT/fmt"
  cp "$OUT/xsd-parser/generated.rs" "$OUT/fmt/xsd_parser.rs"
  cp "$ROOT/generated/src/email.rs" "$OUT/fmt/ours.rs"
  rustfmt --edition 2021 "$OUT/fmt/xsd_parser.rs" "$OUT/fmt/ours.rs"
  record_lines lines "$OUT/fmt" ours xsd_parser

  # Release build of each generated crate alone: dependencies built first, then the crate's
  # source touched and rebuilt, three times; the fastest counts.
  build_time() { # key, dir, package, file to touch
    (cd "$2" && cargo build --quiet --release -p "$3")
    local best=999999 t0 t1
    for _ in 1 2 3; do
      touch "$4"
      t0=$(now)
      (cd "$2" && cargo build --quiet --release -p "$3")
      t1=$(now)
      best=$(awk -v a="$t0" -v b="$t1" -v m="$best" 'BEGIN { d = b - a; printf "%.2f", (d < m ? d : m) }')
    done
    echo "{\"key\": \"$1\", \"seconds\": $best}"
  }
  build_time build_ours "$ROOT" services82-email "$ROOT/generated/src/lib.rs" | record
  build_time build_xsd_parser "$XSDP" xsdp-email "$XSDP/model/src/lib.rs" | record

  (cd "$XSDP" && cargo build --quiet --release -p xsdp-decode)
  "$XSDP/target/release/xsdp-decode" "$OUT/inputs" | record
fi

step "Throughput under load and allocations per request (issue 17)"
bash bench/load.sh "$RESULTS"

if [ "${SKIP_SCALE:-0}" != 1 ]; then
  scale
  xsdp_scale
fi

step "Report"
{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u '+%Y-%m-%d %H:%M UTC'); BENCH_SECS=$BENCH_SECS"
  echo
  "$PY" bench/report.py "$RESULTS"
  echo
  "$PY" bench/load_report.py "$RESULTS"
} | tee "$OUT/report.md"
