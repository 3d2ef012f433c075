#!/bin/sh
# bench/shards.sh - 1 index vs 4 local shards vs 2 remote shards: builds
# `quoth index --shards 4` and `--shards 2` from bench/work/articles.jsonl, serves the two
# shards of the latter with `quoth serve-shard --host 127.0.0.1` on free port pairs, and
# times BENCH_SHARD_QUERIES (default 50) queries per class, whole process, against the
# single index (bench/index.sh), the 4 shards and the shard list of the 2 remote ones.
# The servers are stopped (SIGTERM) whatever happens.  Needs bench/index.sh and the
# queries of bench/query.sh.  Writes bench/work/shards.{md,json}.
set -eu
. "$(dirname "$0")/common.sh"
if [ ! -d "$WORK/idx/quoth" ] || [ ! -f "$WORK/queries.json" ]; then
	echo "bench/shards.sh: run bench/index.sh and bench/query.sh first" >&2
	exit 2
fi
$PY "$BENCH_DIR/bench.py" shards "$WORK" "$QUOTH" "${BENCH_SHARD_QUERIES:-50}"
