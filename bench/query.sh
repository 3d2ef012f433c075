#!/bin/sh
# bench/query.sh - query latency per query class (common word, rare word, two-word AND,
# phrase, phrase + date, faceted), on the indexes bench/index.sh built:
#  * whole process: quoth search, quest (omindex db), the sqlite3 CLI (FTS5) and rg, one
#    process per query;
#  * in-process: bench/qloop.c (built against build/libquoth.a) opens the index once and
#    runs every query through quoth_search(), as a server would; FTS5 through one Python
#    sqlite3 connection.
# Queries are drawn from the corpus with a fixed seed (BENCH_SEED); BENCH_QUERIES per class
# (default 200), BENCH_RG_QUERIES for rg (default 30).
# Writes bench/work/query.{md,json} and bench/work/inproc.{md,json}.
set -eu
. "$(dirname "$0")/common.sh"
if [ ! -d "$WORK/idx/omega" ] || [ ! -f "$WORK/idx/fts5.db" ]; then
	echo "bench/query.sh: no indexes in $WORK/idx: run bench/index.sh first" >&2
	exit 2
fi
$PY "$BENCH_DIR/bench.py" queries "$WORK" "$BENCH_SEED" "$BENCH_QUERIES"
$PY "$BENCH_DIR/bench.py" query "$WORK" "$QUOTH" "$BENCH_RG_QUERIES"
$PY "$BENCH_DIR/bench.py" inproc "$WORK"
