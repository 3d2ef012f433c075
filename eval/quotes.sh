#!/bin/sh
# quotes.sh - scores the quotation extractor against PolNeAR (train, dev).
#
#   eval/quotes.sh [-v]      (make eval-quotes)
#
# Reads $QUOTH_DATA/polnear (default ../shared/data, relative to the repo
# root); PolNeAR: github.com/networkdynamics/PolNeAR.  The program is built
# from the extractor's own sources (indexer/extract.c, indexer/status.c use
# only libc), so the score does not wait on the rest of the library.
# What "gold", "recall", "precision" and "speaker accuracy" mean is written
# at the top of eval/quotes_eval.c.  -v adds error examples.
set -e
cd "$(dirname "$0")/.."
data=${QUOTH_DATA:-../shared/data}
if [ ! -d "$data/polnear/train" ] || [ ! -d "$data/polnear/dev" ]; then
	echo "dataset not found: set QUOTH_DATA=… (PolNeAR: github.com/networkdynamics/PolNeAR)" >&2
	exit 1
fi
build=${BUILD:-build}
mkdir -p "$build"
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Iinclude eval/quotes_eval.c \
	indexer/extract.c indexer/status.c -o "$build/quotes_eval"
exec "$build/quotes_eval" "$@" "$data/polnear" train dev
