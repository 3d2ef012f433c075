# Sourced by bench/*.sh: paths, defaults and the dataset check.
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
QUOTH_DATA=${QUOTH_DATA:-$ROOT/../shared/data}
BENCH_CORPUS=${BENCH_CORPUS:-$QUOTH_DATA/reuters_news_2006_2013/reuters_news_2006_2013.jsonl.xz}
BENCH_N=${BENCH_N:-20000}
BENCH_SEED=${BENCH_SEED:-20061020}
BENCH_QUERIES=${BENCH_QUERIES:-200}
BENCH_RG_QUERIES=${BENCH_RG_QUERIES:-30}
QUOTH=${QUOTH:-build/quoth}
case $QUOTH in /*) ;; *) QUOTH=$ROOT/$QUOTH ;; esac
WORK=${BENCH_WORK:-$BENCH_DIR/work}
PY=/usr/bin/python3
mkdir -p "$WORK"
if [ ! -r "$BENCH_CORPUS" ]; then
	echo "dataset not found: set QUOTH_DATA=… (looked for $BENCH_CORPUS)" >&2
	echo "  reuters_news_2006_2013.jsonl.xz is a JSONL re-packaging of github.com/duynht/financial-news-dataset" >&2
	echo "  (commit cf56327f, folder ReutersNews106521; see \$QUOTH_DATA/reuters_news_2006_2013/README.txt)," >&2
	echo "  or point BENCH_CORPUS at any JSONL(.xz) with title/body (or text) keys." >&2
	exit 2
fi
for t in omindex quest sqlite3 rg; do
	command -v $t >/dev/null || { echo "bench: $t not found (run: make deps-bench)" >&2; exit 2; }
done
