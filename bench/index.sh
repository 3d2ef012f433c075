#!/bin/sh
# bench/index.sh - time quoth index, Xapian's omindex and SQLite FTS5 (porter unicode61)
# on the same first $BENCH_N articles, in one run; prints MB/s, peak RSS, index size and ratios.
#   env: BENCH_CORPUS (JSONL or JSONL.xz; default $QUOTH_DATA/reuters_news_2006_2013/...jsonl.xz)
#        BENCH_N (default 20000; 106494 = the whole Reuters set), QUOTH (default build/quoth)
# Work files: bench/work/ (articles.jsonl, files/, idx/, index.md, index.json).
set -eu
. "$(dirname "$0")/common.sh"
$PY "$BENCH_DIR/bench.py" prep "$BENCH_CORPUS" "$BENCH_N" "$WORK"
$PY "$BENCH_DIR/bench.py" index "$WORK" "$QUOTH"
