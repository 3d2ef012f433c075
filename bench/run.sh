#!/bin/sh
# bench/run.sh - `make bench`: indexing (bench/index.sh) and query latency (bench/query.sh)
# of quoth against omindex/quest, SQLite FTS5 and rg on the same articles in one run;
# writes bench/results.md and bench/results.png.
# Defaults take about 5-10 minutes (BENCH_N=20000); the whole Reuters set:
#   make bench BENCH_N=106494        (or BENCH_N=106494 bench/run.sh)
set -eu
. "$(dirname "$0")/common.sh"
export BENCH_CORPUS BENCH_N BENCH_SEED BENCH_QUERIES BENCH_RG_QUERIES QUOTH QUOTH_DATA
start=$(date +%s)
"$BENCH_DIR/index.sh"
"$BENCH_DIR/query.sh"
$PY "$BENCH_DIR/bench.py" report "$WORK" "$BENCH_DIR"
echo "bench: done in $(( $(date +%s) - start )) s; see bench/results.md"
