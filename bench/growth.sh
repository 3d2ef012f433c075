#!/bin/sh
# bench/growth.sh - cost growth (opt-in; not part of the default `make bench`): indexes the
# first N articles for each N in BENCH_GROWTH (default "10000 30000 100000") into fresh
# directories (quoth, and omindex unless BENCH_GROWTH_OMINDEX=0), and reports seconds per
# text MB at each N, whether s/MB at the largest N is within 1.3x of the smallest, and
# whole-process quoth search p50 per class (BENCH_GROWTH_QUERIES per class, default 50).
# Writes bench/results-growth.md (and bench/work/growth/growth.json).  Each N's indexes
# are deleted once measured.  Also run by `make bench` when BENCH_GROWTH is set:
#   BENCH_GROWTH="10000 30000 60000" make bench      (+ ~7 minutes on 2 cores)
#   BENCH_GROWTH="10000 30000 60000" bench/growth.sh
set -eu
. "$(dirname "$0")/common.sh"
export BENCH_SEED
$PY "$BENCH_DIR/bench.py" growth "$BENCH_CORPUS" "$WORK/growth" "$QUOTH" \
	"${BENCH_GROWTH_QUERIES:-50}" "${BENCH_GROWTH:-10000 30000 100000}" "${BENCH_GROWTH_OMINDEX:-1}"
