#!/usr/bin/env bash
# Runs every test of the workspace: the Rust suites and, through them, the Python oracles
# (zeep, xmlschema), which this script installs into .venv first.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v python3 >/dev/null 2>&1; then
  if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import zeep, xmlschema, lxml' >/dev/null 2>&1; then
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r scripts/oracle-requirements.txt
  fi
  export ORACLE_PYTHON="$PWD/.venv/bin/python"
else
  echo "!!! python3 not found: the zeep/xmlschema oracle tests will be SKIPPED (never in CI) !!!" >&2
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --workspace --all-features --no-fail-fast "$@" 2>&1 | tee "$log" || status=$?
# One closing line for the whole run: the sum over every test binary.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
