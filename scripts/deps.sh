#!/bin/sh
# deps.sh TARGET - install the Debian packages TARGET needs, if missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu
build="g++ pkg-config libxapian-dev libicu-dev libstemmer-dev zlib1g-dev liblzma-dev python3"
case "${1:-build}" in
build) pkgs="$build" ;;
check) pkgs="$build libcmocka-dev xapian-tools python3-xapian" ;;
bench) pkgs="$build xapian-tools xapian-omega sqlite3 ripgrep gnuplot-nox xz-utils hyperfine" ;;
eval) pkgs="$build python3-xapian sqlite3 xz-utils" ;;
fuzz) pkgs="$build clang libclang-rt-14-dev" ;;
*) echo "deps.sh: unknown target $1" >&2; exit 2 ;;
esac
missing=""
for p in $pkgs; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in *" installed") ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "quoth needs these Debian packages:$missing" >&2
	echo "run: sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# An empty package list (a fresh machine) needs one update first.
if ! apt-get install -y -q $missing >/dev/null 2>&1; then
	apt-get update -q >/dev/null
	apt-get install -y -q $missing >/dev/null
fi
