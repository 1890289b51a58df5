#!/usr/bin/env bash
# Round-trips every operation of the WSDLs given between zeep and the code wsdl-codegen
# generates for them (see scripts/interop/run.py). Installs zeep, xmlschema and lxml into .venv
# as scripts/test.sh does. Prints one line per contract,
#   PATH: generated yes|no, compiled yes|no, operations N/M equal to zeep
# then `interop: A/B contracts, X/Y operations equal`; every mismatch goes to standard error.
# INTEROP_MAX_OPERATIONS=N checks an evenly spread sample of N operations per contract;
# INTEROP_DETAILS=FILE writes the mismatches as JSON lines.
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/interop.sh PATH.wsdl..." >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
wsdls=()
for wsdl in "$@"; do
  wsdls+=("$(cd "$(dirname "$wsdl")" && pwd)/$(basename "$wsdl")")
done

if [ ! -x "$root/.venv/bin/python" ] || ! "$root/.venv/bin/python" -c 'import zeep, xmlschema, lxml' >/dev/null 2>&1; then
  python3 -m venv "$root/.venv"
  "$root/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/scripts/oracle-requirements.txt"
fi

cargo build --quiet --manifest-path "$root/Cargo.toml" -p wsdl-codegen
target="$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" \
  | "$root/.venv/bin/python" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"

exec "$root/.venv/bin/python" "$root/scripts/interop/run.py" \
  --codegen "$target/debug/wsdl-codegen" \
  --runtime "$root/runtime" \
  --lock "$root/Cargo.lock" \
  --work "${INTEROP_WORK:-$target/interop}" \
  --details "${INTEROP_DETAILS:-/dev/null}" \
  "${wsdls[@]}"
