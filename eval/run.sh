#!/bin/sh
# eval/run.sh - `make eval`: relevance of quoth vs stock Xapian and SQLite FTS5 on the
# Cranfield and CACM collections ($QUOTH_DATA/{cranfield,cacm}); MAP, P@10, nDCG@10.
#   env: QUOTH (default build/quoth), QUOTH_DATA (default ../shared/data),
#        QUOTH_SEARCH_FLAGS (extra `quoth search` flags), QUOTH_BM25_K1 / QUOTH_BM25_B etc.
#        (passed through to quoth), QUOTH_INDEX_FLAGS (extra `quoth index` flags).
#   extra arguments go to eval/eval.py (see eval/eval.py --help), e.g.
#        eval/run.sh --systems quoth --grid QUOTH_BM25_K1=0.9,1.2,1.5 --grid QUOTH_BM25_B=0.5,0.75
# Work files and the table: eval/work/ (results.md, results.json, *.run).
set -eu
EVAL_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$EVAL_DIR/.." && pwd)
cd "$ROOT"
export QUOTH_DATA="${QUOTH_DATA:-../shared/data}"
/usr/bin/python3 -c 'import xapian' 2>/dev/null ||
	{ echo "eval: python3-xapian missing (run: make deps-eval)" >&2; exit 2; }
exec /usr/bin/python3 "$EVAL_DIR/eval.py" "$@"
