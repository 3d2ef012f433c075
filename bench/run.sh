#!/bin/sh
# bench/run.sh - `make bench`: indexing (bench/index.sh), query latency whole-process and
# in-process (bench/query.sh), 1 index vs 4 local vs 2 remote shards (bench/shards.sh) of
# quoth against omindex/quest, SQLite FTS5 and rg on the same articles in one run; with
# BENCH_GROWTH="N1 N2 ..." also the cost growth (bench/growth.sh, opt-in: long).
# Writes bench/results.md and bench/results.png.
# Defaults take about 4-6 minutes (BENCH_N=20000; 227 s measured on 2 cores); the whole Reuters set:
#   make bench BENCH_N=106494        (or BENCH_N=106494 bench/run.sh)
set -eu
. "$(dirname "$0")/common.sh"
export BENCH_CORPUS BENCH_N BENCH_SEED BENCH_QUERIES BENCH_RG_QUERIES QUOTH QUOTH_DATA
start=$(date +%s)
"$BENCH_DIR/index.sh"
"$BENCH_DIR/query.sh"
"$BENCH_DIR/shards.sh"
if [ -n "${BENCH_GROWTH:-}" ]; then
	"$BENCH_DIR/growth.sh"
fi
$PY "$BENCH_DIR/bench.py" report "$WORK" "$BENCH_DIR"
echo "bench: done in $(( $(date +%s) - start )) s; see bench/results.md"
