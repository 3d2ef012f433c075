#!/bin/sh
# demo.sh QUOTH - index corpus/ into a scratch index (rebuilt every time)
# and run example searches.
set -eu
Q=$1
IDX=${QUOTH_DEMO_INDEX:-build/demo-index}
run() {
	printf '\n$ quoth'
	for a in "$@"; do
		case "$a" in
		*[\ \"]*) printf " '%s'" "$a" ;;
		*) printf ' %s' "$a" ;;
		esac
	done
	printf '\n'
	"$Q" "$@" --index "$IDX" || true
}
printf '$ quoth index corpus/\n'
# --rebuild: a scratch index a quoth of another schema wrote is replaced
"$Q" index --index "$IDX" --rebuild corpus
run search '"low level of trust"' --limit 3
run search detente --limit 2
run quotes speaker:lavrov --limit 3
run search chemical weapons --facets --limit 1
run speakers --limit 5
run stats
