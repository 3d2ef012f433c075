#!/bin/sh
# run-unit.sh TEST... - run cmocka test binaries, then one summary line.
fail=0 n=0
for t in "$@"; do
	n=$((n + 1))
	if ! "$t"; then fail=$((fail + 1)); echo "FAILED: $t" >&2; fi
done
echo "unit: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
