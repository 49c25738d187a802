#!/usr/bin/env bash
# bench/load.sh: gRPC load test of winnowd on the loopback interface.
#
# Builds winnowd, bench/cmd/loadkit, bench/cmd/streamload and ghz (pinned in
# tools/go.mod; built from the module proxy on first use), starts winnowd on a
# free 127.0.0.1 port, waits for it to answer, then runs ghz against Classify
# at a fixed concurrency with a fixed request count for a 2 KB text, a 50 KB
# HTML and a 500 KB HTML document (real corpus pages, see bench/load), and
# ClassifyStream with streamload (50 KB pages, compared with in-process
# throughput). It reads winnowd's peak RSS (VmHWM), stops the server and
# merges its section into docs/benchmarks.md.
#
# Usage: bench/load.sh [--out FILE | --no-out]
# Knobs (environment): CONC (8), N_TEXT (20000), N_50K (3000), N_500K (300),
# STREAM_DOCS (1000), CAP (seconds per run, 120), SHARED (../shared beside
# the repository root).
#
# Every run is bounded by its request count and by CAP seconds; only
# 127.0.0.1 is ever contacted.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
out="$root/docs/benchmarks.md"
case "${1:-}" in
  --out) out=$(realpath -m "$2") ;;
  --no-out) out="" ;;
  "") ;;
  *) echo "usage: bench/load.sh [--out FILE | --no-out]" >&2; exit 2 ;;
esac
shared=${SHARED:-$root/../shared}
conc=${CONC:-8}
n_text=${N_TEXT:-20000}
n_50k=${N_50K:-3000}
n_500k=${N_500K:-300}
stream_docs=${STREAM_DOCS:-1000}
cap=${CAP:-120}
auth=${AUTH:-1}
metrics=${METRICS:-1}

[[ -d "$shared/corpora" ]] || { echo "load.sh: no shared corpora at $shared" >&2; exit 1; }
shared=$(cd "$shared" && pwd)

tmp=$(mktemp -d)
pid=""
stop_server() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  pid=""
}
cleanup() {
  stop_server
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "load.sh: building winnowd, loadkit, streamload and ghz" >&2
cd "$root"
go build -o "$tmp/winnowd" ./cmd/winnowd
(cd bench && go build -o "$tmp/" ./cmd/loadkit ./cmd/streamload)
ghz=$(go tool -modfile=tools/go.mod -n ghz)

addr=$("$tmp/loadkit" port)
wargs=(--listen "$addr" --log-level warn)
ghz_auth=()
if [[ "$auth" == 1 ]]; then
  export WINNOW_TOKEN="load-$RANDOM$RANDOM"
  printf 'load %s\n' "$(printf %s "$WINNOW_TOKEN" | sha256sum | cut -d' ' -f1)" >"$tmp/tokens"
  wargs+=(--auth-tokens "$tmp/tokens")
  ghz_auth=(--metadata "{\"authorization\":\"Bearer $WINNOW_TOKEN\"}")
fi
maddr=""
if [[ "$metrics" == 1 ]]; then
  maddr=$("$tmp/loadkit" port)
  wargs+=(--metrics-listen "$maddr")
fi
"$tmp/winnowd" "${wargs[@]}" 2>"$tmp/winnowd.log" &
pid=$!
if ! "$tmp/loadkit" wait --addr "$addr" --time 60s; then
  echo "load.sh: winnowd did not come up; its log:" >&2
  cat "$tmp/winnowd.log" >&2
  exit 1
fi
"$tmp/loadkit" data --shared "$shared" --dir "$tmp"

run_ghz() { # stem count
  echo "load.sh: ghz Classify $1, $2 requests at concurrency $conc" >&2
  local c0
  c0=$("$tmp/loadkit" cpu --pid "$pid")
  if ! timeout --kill-after=10 "$cap" "$ghz" --insecure \
      --call winnow.v1.ClassifierService.Classify \
      --data-file "$tmp/$1.json" \
      --concurrency "$conc" --total "$2" --timeout 30s "${ghz_auth[@]}" \
      --format json --output "$tmp/$1.out.json" \
      "$addr" 2>"$tmp/$1.err"; then
    echo "ghz $1: failed or exceeded ${cap}s (exit $?)" >>"$tmp/$1.err"
    rm -f "$tmp/$1.out.json"
  fi
  echo "$c0 $("$tmp/loadkit" cpu --pid "$pid")" >"$tmp/$1.cpu"
}
run_ghz text2k "$n_text"
run_ghz html50k "$n_50k"
run_ghz html500k "$n_500k"

echo "load.sh: ClassifyStream, $stream_docs documents" >&2
c0=$("$tmp/loadkit" cpu --pid "$pid")
if ! timeout --kill-after=10 $((cap + 60)) "$tmp/streamload" --addr "$addr" --shared "$shared" \
    --docs "$stream_docs" --time "${cap}s" --out "$tmp/stream.json" 2>"$tmp/stream.err"; then
  echo "streamload: failed or exceeded its cap" >>"$tmp/stream.err"
  rm -f "$tmp/stream.json"
fi
echo "$c0 $("$tmp/loadkit" cpu --pid "$pid")" >"$tmp/stream.cpu"

rss=$("$tmp/loadkit" rss --pid "$pid")
if [[ -n "$maddr" ]]; then
  curl -fsS "http://$maddr/metrics" 2>/dev/null | grep -E '^winnow_(documents_total|admission_rejected_total)' >&2 || true
fi
stop_server
if [[ -s "$tmp/winnowd.log" ]]; then
  echo "load.sh: winnowd log (last lines):" >&2
  tail -n 5 "$tmp/winnowd.log" >&2
fi

cmd="bench/load.sh (CONC=$conc N_TEXT=$n_text N_50K=$n_50k N_500K=$n_500k STREAM_DOCS=$stream_docs CAP=$cap AUTH=$auth METRICS=$metrics)"
notes="Server CPU ms/req is winnowd's user+system CPU time over the run divided by its requests (from /proc/PID/stat, 10 ms ticks): unlike req/s and latency it hardly moves when other processes load the machine; 2 cores ÷ CPU per request bounds the req/s a quiet machine can reach. ghz v0.120.0 (tools/go.mod) on the same machine, one connection, fixed --concurrency and --total per row; documents are real pages: the Persian seed article cut to 2 KB (Document.text), wcxb-dev-clean dev-4251 (50 KB) and dev-0719 (500 KB) decoded to UTF-8 (Document.html). winnowd with default flags on 127.0.0.1 (plus --auth-tokens when AUTH=1 and --metrics-listen when METRICS=1); ghz, streamload and winnowd share the machine's cores."
if [[ -n "$out" ]]; then
  "$tmp/loadkit" report --dir "$tmp" --rss "$rss" --command "$cmd" --notes "$notes" --out "$out"
else
  "$tmp/loadkit" report --dir "$tmp" --rss "$rss" --command "$cmd" --notes "$notes"
fi
