#!/bin/sh
# fuzz.sh - build every fuzz/fuzz_*.c with clang's libFuzzer (+ ASan/UBSan)
# and run each for FUZZ_SECONDS (default 60), starting from its seed folder.
# New inputs that found coverage are kept in build-fuzz/corpus/NAME.
set -eu
secs=${FUZZ_SECONDS:-60}
B=build-fuzz
SAN="-fsanitize=address,undefined"
make --no-print-directory BUILD=$B CC=clang CXX=clang++ \
	SAN="$SAN -fsanitize=fuzzer-no-link" CFLAGS="-O1 -g" CXXFLAGS="-O1 -g" \
	$B/libquoth.a
LIBS="$(pkg-config --libs xapian-core) -Wl,-Bstatic -licuuc -licudata -lstemmer -Wl,-Bdynamic -lz -llzma -lm -ldl -lpthread"
for src in fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	seeds=fuzz/corpus/${name#fuzz_}
	mkdir -p "$B/corpus/$name"
	clang++ $SAN -fsanitize=fuzzer -O1 -g -x c -std=c11 -D_GNU_SOURCE \
		-Iinclude $(pkg-config --cflags icu-uc) "$src" -x none \
		$B/libquoth.a $LIBS -o "$B/$name"
	echo "fuzzing $name for ${secs}s"
	"$B/$name" -max_total_time="$secs" -max_len=65536 \
		"$B/corpus/$name" "$seeds"
done
