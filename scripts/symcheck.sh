#!/bin/sh
# symcheck.sh OBJ... - fail if any object other than the Xapian binding
# references a Xapian symbol: one C++ file talks to Xapian.
bad=0
for o in "$@"; do
	if nm -C "$o" 2>/dev/null | grep -q 'Xapian::'; then
		echo "symcheck: $o references Xapian directly" >&2
		bad=1
	fi
done
[ "$bad" -eq 0 ] && echo "symcheck: no object but the binding references Xapian"
exit $bad
