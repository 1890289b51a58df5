#!/usr/bin/env bash
# Throughput under load (issue 17), each side beside its bare floor in the same run:
#   - server: wrk POSTing RefreshFolder at 1 and 64 connections (one wrk thread) to the
#     generated EMail server (`fake-email-server`) and to bare hyper answering the same bytes
#     (`load bare-server`), each on one tokio worker thread;
#   - client: 1 and 64 tasks on one worker thread sharing one client, the generated EMailAgent
#     and bare reqwest POSTing the same bytes, both against the bare hyper server;
#   - allocations per request served and per call made (`allocs`, a counting allocator).
# The pairs alternate for LOAD_ROUNDS rounds (default 3) of BENCH_SECS seconds (default 2)
# each; results are JSON lines with the round number.
#
# Usage: bash bench/load.sh [RESULTS.jsonl]     (bench/compare.sh runs it with its results)
# Needs: wrk (installed from Debian's packages with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export BENCH_SECS="${BENCH_SECS:-2}"
ROUNDS="${LOAD_ROUNDS:-3}"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
RESULTS="${1:-$OUT/load.jsonl}"
[ -n "${1:-}" ] || : >"$RESULTS"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >&2
fi
wrk --version 2>&1 | head -1 >&2 || true

cargo build --quiet --release -p soap-benches --bin load --bin allocs --bin fake-email-server
BIN="$ROOT/target/release"
export LOAD_REQUEST="$OUT/refresh-folder-request.xml"
"$BIN/load" request "$LOAD_REQUEST"

# start NAME CMD...: runs a server that prints its URL and serves until its stdin closes;
# sets URL_<NAME>, PID_<NAME> and the write end FD_<NAME>.
start() {
  local name=$1 fifo_in fifo_out
  shift
  fifo_in=$(mktemp -u) && mkfifo "$fifo_in"
  fifo_out=$(mktemp -u) && mkfifo "$fifo_out"
  "$@" <"$fifo_in" >"$fifo_out" &
  eval "PID_$name=$!"
  exec {fd}>"$fifo_in"
  eval "FD_$name=$fd"
  local url
  read -r url <"$fifo_out"
  rm -f "$fifo_in" "$fifo_out"
  eval "URL_$name=$url"
}
stop() {
  local fd pid
  eval "fd=\$FD_$1; pid=\$PID_$1"
  eval "exec $fd>&-"
  wait "$pid" 2>/dev/null || true
}

start bare "$BIN/load" bare-server
start ours "$BIN/fake-email-server"
echo "bare hyper at $URL_bare, ours at $URL_ours" >&2

# The CPU time (user and system, in clock ticks) process $1 has used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICKS_PER_S=$(getconf CLK_TCK)

# wrk_run KEY URL CONNECTIONS ROUND PID: requests per second, and the server's (PID) CPU time
# per request, which other processes on a shared machine move less than the rate; fails on
# any non-2xx answer.
wrk_run() {
  local out rate requests before after
  before=$(cpu_ticks "$5")
  out=$(wrk -t1 -c"$3" -d"${BENCH_SECS}s" -s "$ROOT/bench/refresh_folder.lua" "$2")
  after=$(cpu_ticks "$5")
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then
    echo "$out" >&2
    echo "wrk: errors against $2" >&2
    return 1
  fi
  rate=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v k="$1_c$3" -v r="$4" -v c="$3" -v rate="$rate" -v n="$requests" -v t=$((after - before)) -v hz="$TICKS_PER_S" \
    'BEGIN { printf "{\"key\": \"%s\", \"round\": %d, \"connections\": %d, \"per_s\": %s, \"requests\": %d, \"cpu_us_per_request\": %.2f}\n", k, r, c, rate, n, t * 1e6 / hz / n }'
}

for round in $(seq 1 "$ROUNDS"); do
  for c in 1 64; do
    wrk_run load_server_bare "$URL_bare" "$c" "$round" "$PID_bare" | record
    wrk_run load_server_ours "$URL_ours" "$c" "$round" "$PID_ours" | record
  done
  for t in 1 64; do
    "$BIN/load" client bare "$URL_bare" "$t" | sed "s/^{/{\"round\": $round, /" | record
    "$BIN/load" client ours "$URL_bare" "$t" | sed "s/^{/{\"round\": $round, /" | record
  done
done
# The second server inherited the first one's stdin pipe: stop it first.
stop ours
stop bare

"$BIN/allocs" 10000 | record
