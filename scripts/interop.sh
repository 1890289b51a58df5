#!/usr/bin/env bash
# Round-trips every operation of the WSDLs given between zeep and the code wsdl-codegen
# generates for them (see scripts/interop/run.py). Installs zeep, xmlschema and lxml into .venv
# as scripts/test.sh does. Prints one line per contract,
#   PATH: generated yes|no, compiled yes|no, operations N/M equal to zeep
# then `interop: A/B contracts, X/Y operations equal`; every mismatch goes to standard error.
# INTEROP_MAX_OPERATIONS=N checks an evenly spread sample of N operations per contract;
# INTEROP_DETAILS=FILE writes the mismatches as JSON lines.
# `--xmlschema PATH::OPERATION::REASON` (before the paths, repeatable) names an operation where
# zeep is wrong: it is round-tripped with xmlschema instead, and its contract's line says so.
set -euo pipefail
usage="usage: bash scripts/interop.sh [--xmlschema PATH::OPERATION::REASON]... PATH.wsdl..."
root="$(cd "$(dirname "$0")/.." && pwd)"
options=()
while [ "$#" -gt 0 ] && [ "$1" = "--xmlschema" ]; do
  if [ "$#" -lt 2 ]; then
    echo "$usage" >&2
    exit 2
  fi
  options+=(--xmlschema "$2")
  shift 2
done
if [ "$#" -eq 0 ]; then
  echo "$usage" >&2
  exit 2
fi
wsdls=()
for wsdl in "$@"; do
  wsdls+=("$(cd "$(dirname "$wsdl")" && pwd)/$(basename "$wsdl")")
done

# INTEROP_PYTHON (a Python with zeep, xmlschema and lxml) and INTEROP_CODEGEN (a built
# wsdl-codegen) are used when set, as the Rust test that runs this script sets them.
python="${INTEROP_PYTHON:-$root/.venv/bin/python}"
if [ -z "${INTEROP_PYTHON:-}" ] && { [ ! -x "$python" ] || ! "$python" -c 'import zeep, xmlschema, lxml' >/dev/null 2>&1; }; then
  python3 -m venv "$root/.venv"
  "$root/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/scripts/oracle-requirements.txt"
fi

target="$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" \
  | "$python" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
codegen="${INTEROP_CODEGEN:-}"
if [ -z "$codegen" ]; then
  cargo build --quiet --manifest-path "$root/Cargo.toml" -p wsdl-codegen
  codegen="$target/debug/wsdl-codegen"
fi

exec "$python" "$root/scripts/interop/run.py" \
  --codegen "$codegen" \
  --runtime "$root/runtime" \
  --lock "$root/Cargo.lock" \
  --work "${INTEROP_WORK:-$target/interop}" \
  --details "${INTEROP_DETAILS:-/dev/null}" \
  --well-known "$root/codegen/src/wsdl/well_known" \
  "${options[@]}" \
  "${wsdls[@]}"
